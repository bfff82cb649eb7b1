package app

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/magedesk/magedesk/connector/magentosim"
	"github.com/magedesk/magedesk/model"
)

// tinyDemo keeps demo-based tests fast.
var tinyDemo = &DemoSize{Customers: 40, Carts: 50, Orders: 80, CreditMemos: 8, Subscribers: 30, Products: 12}

// newTestCore opens a core on a temp data folder with in-memory credentials.
func newTestCore(t *testing.T, opts Options) *Core {
	t.Helper()
	if opts.DataDir == "" {
		opts.DataDir = t.TempDir()
	}
	if opts.Credentials == nil && opts.CredentialBackend == "" {
		opts.Credentials = NewMemoryCredentials()
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.DemoSize == nil {
		opts.DemoSize = tinyDemo
	}
	c, err := New(opts)
	if err != nil {
		t.Fatalf("app.New: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// startSim serves a small simulated store on loopback.
func startSim(t *testing.T, o magentosim.Options) (*magentosim.Store, string) {
	t.Helper()
	if o.Seed == 0 {
		o.Seed = 7
	}
	if o.Customers == 0 {
		o.Customers, o.Carts, o.Orders, o.CreditMemos, o.Subscribers, o.Products = 30, 40, 60, 6, 20, 12
	}
	sim := magentosim.New(o)
	srv, err := sim.Start("127.0.0.1:0")
	if err != nil {
		t.Fatalf("start simulator: %v", err)
	}
	t.Cleanup(srv.Close)
	return sim, srv.URL
}

// simChannel creates a channel on core pointing at the simulator.
func simChannel(t *testing.T, c *Core, url string, token string) model.Channel {
	t.Helper()
	ch := NewChannelDraft()
	ch.Name = "Test shop"
	ch.BaseURL = url
	ch.SyncInterval = 0
	ch, err := c.CreateChannel(context.Background(), ch, Secrets{Token: token})
	if err != nil {
		t.Fatalf("create channel: %v", err)
	}
	return ch
}

// waitEvent waits until an event matching pred arrives (subscribe before
// triggering) or fails the test after limit.
func waitEvent(t *testing.T, events <-chan Event, limit time.Duration, pred func(Event) bool) Event {
	t.Helper()
	deadline := time.After(limit)
	for {
		select {
		case e := <-events:
			if pred(e) {
				return e
			}
		case <-deadline:
			t.Fatalf("no matching event within %s", limit)
			return Event{}
		}
	}
}

// collect subscribes a buffered channel to the hub.
func collect(t *testing.T, c *Core) <-chan Event {
	ch := make(chan Event, 10000)
	unsub := c.Events.Subscribe(func(e Event) {
		select {
		case ch <- e:
		default:
		}
	})
	t.Cleanup(unsub)
	return ch
}

func finishedFor(id int64) func(Event) bool {
	return func(e Event) bool { return e.Kind == EvSyncFinished && e.ChannelID == id }
}

// storedCount is how many live rows of an entity the store holds for a channel.
func storedCount(s *model.Store, channelID int64, entity string) (int, error) {
	ids, err := s.KnownIDs(context.Background(), channelID, entity)
	return len(ids), err
}
