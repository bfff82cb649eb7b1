package model

import (
	"context"
	"testing"
)

func TestRemovedCustomerIsErasedButOrdersStay(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	apply(t, s, Batch{ChannelID: ch, Customers: []Customer{fxCustomer(5, "Jane@Example.com", "Jane", "Doe")},
		Subscribers: []Subscriber{{MagentoID: 5, Source: SubscriberFromCustomer, CustomerID: 5, Email: "Jane@Example.com", Status: SubscriberSubscribed}}})
	apply(t, s, Batch{ChannelID: ch, Orders: []Order{fxOrder(1, "000000001", 5, "Jane@Example.com", "2024-02-01 10:00:00", "44")}})
	c, _ := s.GetCustomerByMagentoID(ctx, ch, 5)

	if err := s.MarkRemoved(ctx, ch, EntityCustomers, []int64{5}); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetCustomer(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.RemovedInMagento || got.RemovedInMagentoAt == "" || got.MagentoID != 5 {
		t.Fatalf("tombstone flags: %+v", got)
	}
	if got.Email != "" || got.Firstname != "" || got.Lastname != "" || got.DOB != "" || got.Taxvat != "" ||
		len(got.Addresses) != 0 || got.Raw != nil {
		t.Fatalf("personal data kept: %+v", got)
	}
	if rows, _ := s.ListCustomers(ctx, ListQuery{ChannelID: ch, Search: "jane"}); len(rows) != 0 {
		t.Fatalf("erased customer still found by name: %+v", rows)
	}
	if n, _ := s.CountSubscribers(ctx, ListQuery{ChannelID: ch}); n != 0 {
		t.Fatalf("subscriptions of erased customer: %d", n)
	}
	if o, err := s.GetOrderByMagentoID(ctx, ch, 1); err != nil || o.CustomerID != 5 {
		t.Fatalf("order after erasure: %+v, %v", o, err)
	}
	if known, _ := s.KnownIDs(ctx, ch, EntityCustomers); len(known) != 0 {
		t.Fatalf("erased customer still known: %v", known)
	}
}

func TestCustomerDerivedFiguresNetOfRefunds(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	// Orders first, customer later: figures must still be right.
	canceled := fxOrder(3, "000000003", 5, "j@example.com", "2024-04-01 10:00:00", "1000")
	canceled.State = "canceled"
	apply(t, s, Batch{ChannelID: ch, Orders: []Order{
		fxOrder(1, "000000001", 5, "j@example.com", "2024-02-01 10:00:00", "100.50"),
		fxOrder(2, "000000002", 5, "j@example.com", "2024-03-01 10:00:00", "49.50"),
		canceled,
	}})
	apply(t, s, Batch{ChannelID: ch, Customers: []Customer{fxCustomer(5, "j@example.com", "J", "D")}})
	apply(t, s, Batch{ChannelID: ch, CreditMemos: []CreditMemo{fxMemo(1, 2, "CM1", "2024-03-05 10:00:00", "20")}})

	c, err := s.GetCustomerByMagentoID(ctx, ch, 5)
	if err != nil {
		t.Fatal(err)
	}
	if c.OrdersCount != 2 || c.LifetimeUnits != 1300000 || c.FirstOrderAt != "2024-02-01 10:00:00" || c.LastOrderAt != "2024-03-01 10:00:00" {
		t.Fatalf("derived: orders %d lifetime %d first %q last %q", c.OrdersCount, c.LifetimeUnits, c.FirstOrderAt, c.LastOrderAt)
	}
	st, err := s.CustomerStats(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := CustomerStats{Currency: "USD", OrdersCount: 2, RevenueUnits: 1500000, RefundedUnits: 200000,
		LifetimeUnits: 1300000, AOVUnits: 750000, FirstOrderAt: "2024-02-01 10:00:00", LastOrderAt: "2024-03-01 10:00:00"}
	if st != want {
		t.Fatalf("stats = %+v\nwant   %+v", st, want)
	}
	orders, _ := s.OrdersOfCustomer(ctx, c.ID)
	memos, _ := s.CreditMemosOfCustomer(ctx, c.ID)
	prods, _ := s.PurchasedProductsOfCustomer(ctx, c.ID)
	if len(orders) != 3 || len(memos) != 1 || memos[0].OrderIncrementID != "000000002" || len(prods) != 2 || prods[0].Qty != 2 {
		t.Fatalf("customer lists: %d orders, memos %+v, products %+v", len(orders), memos, prods)
	}
}

func TestGuestCustomersGroupedByEmailAndLinked(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	apply(t, s, Batch{ChannelID: ch, Orders: []Order{
		fxOrder(1, "000000001", 0, "Guest@Example.com", "2024-02-01 10:00:00", "10"),
		fxOrder(2, "000000002", 0, "guest@example.com", "2024-03-01 10:00:00", "30"),
		fxOrder(3, "000000003", 0, "other@example.com", "2024-03-02 10:00:00", "5"),
		fxOrder(4, "000000004", 9, "guest@example.com", "2024-03-03 10:00:00", "99"), // registered: not a guest order
	}, Carts: []Cart{fxCart(50, 0, "GUEST@example.com", true, "2024-03-04 10:00:00")}})
	apply(t, s, Batch{ChannelID: ch, CreditMemos: []CreditMemo{fxMemo(1, 2, "CM1", "2024-03-05 10:00:00", "5")}})

	gs, err := s.ListGuestCustomers(ctx, ListQuery{ChannelID: ch, Sort: "email"})
	if err != nil || len(gs) != 2 {
		t.Fatalf("guests = %+v, %v", gs, err)
	}
	g := gs[0]
	if g.Email == "" || g.OrdersCount != 2 || g.CartsCount != 1 || g.LifetimeUnits != 350000 ||
		g.FirstOrderAt != "2024-02-01 10:00:00" || g.LastOrderAt != "2024-03-01 10:00:00" || g.LinkedCustomerID != 0 {
		t.Fatalf("guest group = %+v", g)
	}
	// A registered customer with that email links the group.
	apply(t, s, Batch{ChannelID: ch, Customers: []Customer{fxCustomer(9, "guest@EXAMPLE.com", "G", "Uest")}})
	g, _ = s.GetGuestCustomer(ctx, g.ID)
	if g.LinkedCustomerID != 9 {
		t.Fatalf("linked customer = %d, want 9", g.LinkedCustomerID)
	}
	orders, _ := s.OrdersOfGuest(ctx, g.ID)
	if len(orders) != 2 {
		t.Fatalf("orders of guest = %d", len(orders))
	}
	// Erasing the customer unlinks it.
	if err := s.MarkRemoved(ctx, ch, EntityCustomers, []int64{9}); err != nil {
		t.Fatal(err)
	}
	g, _ = s.GetGuestCustomer(ctx, g.ID)
	if g.LinkedCustomerID != 0 {
		t.Fatalf("link after erasure = %d", g.LinkedCustomerID)
	}
	// An order moving to a registered customer leaves the guest group.
	moved := fxOrder(3, "000000003", 12, "other@example.com", "2024-03-02 10:00:00", "5")
	moved.UpdatedAt = "2024-03-06 10:00:00"
	apply(t, s, Batch{ChannelID: ch, Orders: []Order{moved}})
	if n, _ := s.CountGuestCustomers(ctx, ListQuery{ChannelID: ch}); n != 1 {
		t.Fatalf("guest groups after move = %d, want 1", n)
	}
}
