package model

import (
	"context"
	"testing"
)

func TestQueuedEditKeepsItsBaseWhenEditedAgainAndRecordsResults(t *testing.T) {
	s, err := OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	ch := Channel{Name: "Shop", Type: "magento2", BaseURL: "https://shop.example.com", AuthMode: "bearer"}
	if err := s.CreateChannel(ctx, &ch); err != nil {
		t.Fatal(err)
	}
	first, err := s.QueuePush(ctx, PushItem{ChannelID: ch.ID, Entity: EntityCustomers, MagentoID: 7, Base: `{"v":0}`, Local: `{"v":1}`})
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.QueuePush(ctx, PushItem{ChannelID: ch.ID, Entity: EntityCustomers, MagentoID: 7, Base: `{"v":1}`, Local: `{"v":2}`})
	if err != nil {
		t.Fatal(err)
	}
	if again != first {
		t.Fatalf("second edit of the same customer queued as %d, want it merged into %d", again, first)
	}
	it, err := s.PushItemByID(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	if it.Base != `{"v":0}` || it.Local != `{"v":2}` || it.Status != PushPending {
		t.Fatalf("queued edit %+v: want the first base and the latest edit", it)
	}
	if err := s.FinishPush(ctx, first, PushFailed, "Magento refused the token", ""); err != nil {
		t.Fatal(err)
	}
	open, err := s.PushItems(ctx, ch.ID, false, 0)
	if err != nil || len(open) != 1 || open[0].Attempts != 1 || open[0].LastError == "" {
		t.Fatalf("open edits %+v %v", open, err)
	}
	if _, ok, _ := s.PendingPush(ctx, ch.ID, EntityCustomers, 7); !ok {
		t.Fatal("failed edit not reported as pending")
	}
	if err := s.FinishPush(ctx, first, PushDone, "", "lastname: kept remote"); err != nil {
		t.Fatal(err)
	}
	if open, _ := s.PushItems(ctx, ch.ID, false, 0); len(open) != 0 {
		t.Fatalf("done edit still open: %+v", open)
	}
	all, _ := s.PushItems(ctx, ch.ID, true, 0)
	if len(all) != 1 || all[0].Attempts != 2 || all[0].Conflicts == "" {
		t.Fatalf("history %+v", all)
	}
	// A new edit after a pushed one starts a new entry with its own base.
	next, _ := s.QueuePush(ctx, PushItem{ChannelID: ch.ID, Entity: EntityCustomers, MagentoID: 7, Base: `{"v":2}`, Local: `{"v":3}`})
	if next == first {
		t.Fatal("edit after a finished push reused the finished entry")
	}
}
