package model

import (
	"context"
	"testing"
)

func TestSubscriberOfCustomerFindsTheCustomersRowOnly(t *testing.T) {
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	ctx := context.Background()
	apply(t, s, Batch{ChannelID: ch, Entity: EntityCustomers, Customers: []Customer{
		fxCustomer(7, "ann@example.com", "Ann", "Lee"), fxCustomer(8, "bob@example.com", "Bob", "Ray"),
	}})
	apply(t, s, Batch{ChannelID: ch, Entity: EntitySubscribers, Subscribers: []Subscriber{
		{MagentoID: 1, Source: SubscriberFromModule, CustomerID: 7, Email: "ann@example.com", Status: SubscriberSubscribed},
		{MagentoID: 2, Source: SubscriberFromModule, CustomerID: 0, Email: "bob@example.com", Status: SubscriberSubscribed},
	}})
	row, ok, err := s.SubscriberOfCustomer(ctx, ch, 7)
	if err != nil || !ok || row.MagentoID != 1 || row.Status != SubscriberSubscribed {
		t.Fatalf("customer 7: %+v ok=%v err=%v", row, ok, err)
	}
	// Bob's email is subscribed as a guest, but Bob himself has no row.
	if _, ok, err := s.SubscriberOfCustomer(ctx, ch, 8); ok || err != nil {
		t.Fatalf("customer 8 should have no subscriber row (ok=%v err=%v)", ok, err)
	}
}

func TestCreditMemosOfCustomerListsOnlyTheirOrdersMemos(t *testing.T) {
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	ctx := context.Background()
	apply(t, s, Batch{ChannelID: ch, Entity: EntityCustomers, Customers: []Customer{fxCustomer(7, "ann@example.com", "Ann", "Lee")}})
	apply(t, s, Batch{ChannelID: ch, Entity: EntityOrders, Orders: []Order{
		fxOrder(100, "000000100", 7, "ann@example.com", "2026-01-02 10:00:00", "50"),
		fxOrder(101, "000000101", 0, "guest@example.com", "2026-01-03 10:00:00", "20"),
	}})
	apply(t, s, Batch{ChannelID: ch, Entity: EntityCreditMemos, CreditMemos: []CreditMemo{
		fxMemo(1, 100, "CM1", "2026-01-04 10:00:00", "10"),
		fxMemo(2, 101, "CM2", "2026-01-04 11:00:00", "5"),
		fxMemo(3, 999, "CM3", "2026-01-04 12:00:00", "5"), // order not stored here
	}})
	local, err := s.GetCustomerByMagentoID(ctx, ch, 7)
	if err != nil {
		t.Fatal(err)
	}
	memos, err := s.CreditMemosOfCustomer(ctx, local.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(memos) != 1 || memos[0].IncrementID != "CM1" || memos[0].OrderIncrementID != "000000100" {
		t.Fatalf("memos of Ann: %+v", memos)
	}
}
