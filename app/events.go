package app

import (
	"sync"

	"github.com/magedesk/magedesk/connector"
)

// EventKind says what happened; views subscribe to the hub and react only
// to the kinds they show, so no screen ever polls the store.
type EventKind int

const (
	EvChannelsChanged EventKind = iota // a channel was added, edited or removed
	EvSyncStarted                      // a sync run of ChannelID began
	EvSyncProgress                     // Progress holds the engine's latest figures
	EvSyncFinished                     // Err is nil on success; Message is the summary
	EvDataChanged                      // rows of ChannelID changed (sync batch, refresh, lost/reopen)
)

// String names the kind for logs and test failures.
func (k EventKind) String() string {
	switch k {
	case EvChannelsChanged:
		return "channels-changed"
	case EvSyncStarted:
		return "sync-started"
	case EvSyncProgress:
		return "sync-progress"
	case EvSyncFinished:
		return "sync-finished"
	case EvDataChanged:
		return "data-changed"
	}
	return "unknown"
}

// Event is one notification from the core to the views.
type Event struct {
	Kind      EventKind
	ChannelID int64
	Entity    string
	Progress  *connector.Progress
	Err       error
	Message   string
}

// Events is a typed publish/subscribe hub. Publish calls every subscriber
// on the publishing goroutine (often a sync goroutine), so subscribers that
// touch widgets must hop to the UI thread with fyne.Do themselves.
type Events struct {
	mu   sync.RWMutex
	next int
	subs map[int]func(Event)
}

// NewEvents returns an empty hub.
func NewEvents() *Events {
	return &Events{subs: map[int]func(Event){}}
}

// Subscribe registers fn and returns a function that removes it again;
// calling the returned function twice is harmless.
func (h *Events) Subscribe(fn func(Event)) (unsubscribe func()) {
	h.mu.Lock()
	id := h.next
	h.next++
	h.subs[id] = fn
	h.mu.Unlock()
	return func() {
		h.mu.Lock()
		delete(h.subs, id)
		h.mu.Unlock()
	}
}

// Publish delivers e to every current subscriber. The subscriber list is
// copied first so a subscriber may unsubscribe (or subscribe) from its own
// callback without deadlocking.
func (h *Events) Publish(e Event) {
	h.mu.RLock()
	fns := make([]func(Event), 0, len(h.subs))
	for _, fn := range h.subs {
		fns = append(fns, fn)
	}
	h.mu.RUnlock()
	for _, fn := range fns {
		fn(e)
	}
}
