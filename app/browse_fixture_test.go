package app

import (
	"context"
	"testing"
	"time"

	"github.com/magedesk/magedesk/model"
)

// fixtureNow is a fixed clock for tests: a Thursday afternoon in New York.
var fixtureNow = time.Date(2026, 11, 26, 19, 30, 0, 0, time.UTC)

func newFixture(t testing.TB) (*Browse, *BrowseFixture) {
	t.Helper()
	store, err := model.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	f, err := SeedBrowseFixture(context.Background(), store, fixtureNow)
	if err != nil {
		t.Fatal(err)
	}
	b := NewBrowse(store)
	b.SetClock(func() time.Time { return fixtureNow })
	return b, f
}

func TestSeedBrowseFixtureWrites(t *testing.T) {
	_, f := newFixture(t)
	if f.Channel.ID == 0 || len(f.Orders) != 40 || len(f.Customers) != 12 || len(f.Carts) != 15 {
		t.Fatalf("fixture = channel %d, %d orders, %d customers, %d carts", f.Channel.ID, len(f.Orders), len(f.Customers), len(f.Carts))
	}
}
