package app

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/magedesk/magedesk/model"
)

// Browse is the read side the lists, detail windows and dashboard use. It
// wraps the store's paged queries and adds what only the app knows: the
// store's time zone (local days → UTC bounds), display formatting and CSV
// export. All methods are safe from any goroutine; views call them off the
// UI goroutine.
type Browse struct {
	store *model.Store
	// now is time.Now, replaceable in tests so periods are reproducible.
	now func() time.Time

	dictMu    sync.Mutex
	dictCache map[int64]*dicts
}

// NewBrowse wraps a store.
func NewBrowse(store *model.Store) *Browse {
	return &Browse{store: store, now: time.Now}
}

// Store returns the wrapped store (for the shell and tests).
func (b *Browse) Store() *model.Store { return b.store }

// SetClock replaces the clock the dashboard periods are computed from,
// and the store's (which decides when an idle cart counts as abandoned).
// For tests and demos; call it before the Browse is used.
func (b *Browse) SetClock(now func() time.Time) {
	b.now = now
	b.store.SetClock(now)
}

// Now is the current time by the Browse clock.
func (b *Browse) Now() time.Time { return b.now() }

// Filter is a list's filter bar as the user set it. Days are local
// calendar days in the channel's time zone (inclusive); zero = open.
type Filter struct {
	ChannelID int64 // 0 = all channels
	Search    string
	Status    string
	WebsiteID int64
	FirstDay  time.Time
	LastDay   time.Time
	GuestOnly *bool
}

// Location is the time zone days are counted in for a channel: the
// channel's learned zone (its default store view's), else the first store
// view's that has one, else UTC. With all channels (id 0) the first
// channel's zone is used.
func (b *Browse) Location(ctx context.Context, channelID int64) *time.Location {
	if channelID == 0 {
		chs, err := b.store.ListChannels(ctx)
		if err != nil || len(chs) == 0 {
			return time.UTC
		}
		channelID = chs[0].ID
	}
	ch, err := b.store.GetChannel(ctx, channelID)
	if err == nil && ch.Timezone != "" {
		return LoadLocation(ch.Timezone)
	}
	return b.storeViewLocation(ctx, channelID)
}

// Currency is the channel's base currency ("" when not learned yet).
func (b *Browse) Currency(ctx context.Context, channelID int64) string {
	if channelID == 0 {
		return ""
	}
	ch, err := b.store.GetChannel(ctx, channelID)
	if err != nil {
		return ""
	}
	return ch.BaseCurrency
}

// Channel returns one channel.
func (b *Browse) Channel(ctx context.Context, id int64) (model.Channel, error) {
	ch, err := b.store.GetChannel(ctx, id)
	if err != nil {
		return ch, fmt.Errorf("get channel %d: %w", id, err)
	}
	return ch, nil
}

// storeViewLocation is the zone of the channel's first store view that
// has one (the default store view comes first), else UTC.
func (b *Browse) storeViewLocation(ctx context.Context, channelID int64) *time.Location {
	views, err := b.store.ListStoreViews(ctx, channelID)
	if err != nil {
		return time.UTC
	}
	for _, v := range views {
		if v.Timezone != "" {
			return LoadLocation(v.Timezone)
		}
	}
	return time.UTC
}
