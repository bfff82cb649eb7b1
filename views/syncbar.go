package views

import (
	"context"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/connector"
	"github.com/magedesk/magedesk/model"
)

// SyncBar is the strip at the bottom of the main window: while a channel
// syncs it shows "Orders: 1,200 of 100,000 — about 2 min left" with a
// progress bar, Pause/Resume and Cancel; when idle it shows the outcome of
// the last run.
type SyncBar struct {
	core *app.Core

	Label  *widget.Label
	Bar    *widget.ProgressBar
	Pause  *widget.Button
	Cancel *widget.Button
	box    *fyne.Container
	barBox *fyne.Container

	mu        sync.Mutex
	channelID int64 // the channel whose progress is shown
	latest    *connector.Progress
	names     map[int64]string
	pending   bool // a render is queued with fyne.Do
	unsub     func()
}

// NewSyncBar builds the bar and subscribes it to the core's events.
func NewSyncBar(core *app.Core) *SyncBar {
	b := &SyncBar{core: core, names: map[int64]string{}}
	b.Label = widget.NewLabel("")
	b.Label.Truncation = fyne.TextTruncateEllipsis
	b.Bar = widget.NewProgressBar()
	b.Bar.TextFormatter = func() string { return "" }
	b.Pause = widget.NewButtonWithIcon("Pause", theme.MediaPauseIcon(), b.togglePause)
	b.Cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), b.cancel)
	// The bar has a fixed width on the right so that, when idle and
	// hidden, the label gets the whole strip for the last results.
	b.barBox = container.NewGridWrap(fyne.NewSize(320, b.Pause.MinSize().Height), b.Bar)
	b.box = container.NewBorder(nil, nil, nil,
		container.NewHBox(b.barBox, b.Pause, b.Cancel), b.Label)
	b.showIdle("")
	b.unsub = core.Events.Subscribe(b.onEvent)
	return b
}

// Content is the bar's widget tree.
func (b *SyncBar) Content() fyne.CanvasObject { return b.box }

// Close unsubscribes from the core.
func (b *SyncBar) Close() { b.unsub() }

// ChannelID is the channel whose sync the bar shows (0 when none).
func (b *SyncBar) ChannelID() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.channelID
}

func (b *SyncBar) onEvent(e app.Event) {
	switch e.Kind {
	case app.EvSyncStarted:
		b.channelName(e.ChannelID) // look the name up here, off the UI thread
		b.mu.Lock()
		b.channelID = e.ChannelID
		b.latest = nil
		b.mu.Unlock()
		runOnUI(func() { b.showRunning(e.ChannelID, "Starting sync…", 0) })
	case app.EvSyncProgress:
		b.mu.Lock()
		b.channelID = e.ChannelID
		if e.Progress != nil {
			b.latest = e.Progress
		}
		if b.pending {
			b.mu.Unlock()
			return // a render is queued already and will pick up the latest figures
		}
		b.pending = true
		b.mu.Unlock()
		runOnUI(b.renderLatest)
	case app.EvSyncFinished:
		name := b.channelName(e.ChannelID)
		msg := name + ": " + e.Message
		if e.Err == nil && e.Message != "" {
			msg = name + ": sync finished — " + e.Message
		}
		runOnUI(func() {
			// Another channel may still be running; show that one instead.
			if next := b.otherRunning(e.ChannelID); next != 0 {
				b.mu.Lock()
				b.channelID = next
				b.mu.Unlock()
				b.showRunning(next, "Syncing…", 0)
				return
			}
			b.mu.Lock()
			b.channelID = 0
			b.latest = nil
			b.mu.Unlock()
			b.showIdle(msg)
			if e.Err != nil {
				b.Label.Importance = widget.DangerImportance
				b.Label.Refresh()
			}
		})
	}
}

func (b *SyncBar) otherRunning(except int64) int64 {
	b.mu.Lock()
	ids := make([]int64, 0, len(b.names))
	for id := range b.names {
		ids = append(ids, id)
	}
	b.mu.Unlock()
	for _, id := range ids {
		if id != except && b.core.Scheduler.Running(id) {
			return id
		}
	}
	return 0
}

func (b *SyncBar) renderLatest() {
	b.mu.Lock()
	b.pending = false
	id, p := b.channelID, b.latest
	b.mu.Unlock()
	if !b.core.Scheduler.Running(id) {
		return // the finished event already replaced the bar
	}
	if p == nil {
		b.showRunning(id, "Syncing…", 0)
		return
	}
	b.showRunning(id, app.ProgressText(*p), app.ProgressFraction(*p))
}

// channelName prefixes the text only when there is more than one channel,
// where it matters which store is syncing.
func (b *SyncBar) channelName(id int64) string {
	b.mu.Lock()
	name, ok := b.names[id]
	b.mu.Unlock()
	if ok {
		return name
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if ch, err := b.core.Channel(ctx, id); err == nil {
		name = ch.Name
	}
	b.mu.Lock()
	b.names[id] = name
	b.mu.Unlock()
	return name
}

// ShowLastResults fills the idle bar with each channel's last sync result
// (at start, before any run of this session has finished).
func (b *SyncBar) ShowLastResults(chs []model.Channel) {
	if b.ChannelID() != 0 || len(chs) == 0 {
		return
	}
	var parts []string
	failed := false
	for _, ch := range chs {
		b.mu.Lock()
		b.names[ch.ID] = ch.Name
		b.mu.Unlock()
		if strings.HasPrefix(ch.LastSyncStatus, "failed") {
			failed = true
		}
		parts = append(parts, ch.Name+": "+app.SyncStatusText(ch, time.Local))
	}
	b.showIdle(strings.Join(parts, "   ·   "))
	if failed {
		b.Label.Importance = widget.DangerImportance
		b.Label.Refresh()
	}
}

func (b *SyncBar) showRunning(id int64, text string, fraction float64) {
	b.mu.Lock()
	name := b.names[id]
	b.mu.Unlock()
	if name != "" {
		text = name + " — " + text
	}
	if b.core.Scheduler.Paused(id) {
		text += " (paused)"
		b.Pause.SetText("Resume")
		b.Pause.SetIcon(theme.MediaPlayIcon())
	} else {
		b.Pause.SetText("Pause")
		b.Pause.SetIcon(theme.MediaPauseIcon())
	}
	b.Label.Importance = widget.MediumImportance
	b.Label.SetText(text)
	b.Bar.SetValue(fraction)
	b.Bar.Show()
	b.barBox.Show()
	b.Pause.Show()
	b.Cancel.Show()
}

func (b *SyncBar) showIdle(text string) {
	b.Label.Importance = widget.MediumImportance
	b.Label.SetText(text)
	b.Bar.Hide()
	b.barBox.Hide()
	b.Pause.Hide()
	b.Cancel.Hide()
}

func (b *SyncBar) togglePause() {
	id := b.ChannelID()
	if id == 0 {
		return
	}
	if b.core.Scheduler.Paused(id) {
		b.core.Scheduler.Resume(id)
	} else {
		b.core.Scheduler.Pause(id)
	}
	b.renderLatest()
}

func (b *SyncBar) cancel() {
	id := b.ChannelID()
	if id == 0 {
		return
	}
	b.Label.SetText("Canceling…")
	b.Cancel.Disable()
	go func() {
		b.core.Scheduler.Cancel(id)
		runOnUI(b.Cancel.Enable)
	}()
}
