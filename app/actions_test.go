package app

import (
	"context"
	"testing"

	"github.com/magedesk/magedesk/connector/magentosim"
	"github.com/magedesk/magedesk/model"
)

func TestRefreshRecordStoresMagentosCurrentVersion(t *testing.T) {
	sim, url := startSim(t, magentosim.Options{NewsletterModule: true})
	c := newTestCore(t, Options{})
	ch := simChannel(t, c, url, sim.Token())
	events := collect(t, c)
	snap := sim.Snapshot()
	for _, entity := range []string{model.EntityCustomers, model.EntityCarts, model.EntityOrders, model.EntityCreditMemos} {
		ids := snap.IDs(entity)
		if len(ids) == 0 {
			t.Fatalf("simulator has no %s", entity)
		}
		id := ids[len(ids)/2]
		if err := sim.Touch(entity, id); err != nil {
			t.Fatal(err)
		}
		want := sim.Snapshot()[entity]
		if err := c.RefreshRecord(context.Background(), ch.ID, entity, id); err != nil {
			t.Fatalf("refresh %s %d: %v", entity, id, err)
		}
		known, err := c.Store.KnownIDs(context.Background(), ch.ID, entity)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := known[id]
		if !ok {
			t.Fatalf("%s %d not stored after refresh", entity, id)
		}
		if wantTS := want.UpdatedAt[id]; got != wantTS {
			t.Fatalf("%s %d stored updated_at %q, Magento has %q", entity, id, got, wantTS)
		}
		e := <-events
		if e.Kind != EvDataChanged || e.ChannelID != ch.ID || e.Entity != entity {
			t.Fatalf("event after refresh: %+v", e)
		}
	}
	if err := c.RefreshRecord(context.Background(), ch.ID, model.EntityOrders, 99999999); err == nil {
		t.Fatal("refreshing an order Magento does not have succeeded")
	}
}
