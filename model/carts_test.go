package model

import (
	"context"
	"errors"
	"testing"
)

func cartStatus(t *testing.T, s *Store, ch, magentoID int64) (status, note string, order int64) {
	t.Helper()
	c, err := s.GetCartByMagentoID(context.Background(), ch, magentoID)
	if err != nil {
		t.Fatalf("get cart %d: %v", magentoID, err)
	}
	return c.Status, c.StatusNote, c.OrderMagentoID
}

func TestCartStatusRules(t *testing.T) {
	ctx := context.Background()
	const when = "2024-05-01 10:00:00"
	order := func(quote int64) Order {
		o := fxOrder(quote+500, "1000", 7, "a@example.com", when, "34")
		o.QuoteID = quote
		return o
	}
	tests := []struct {
		name      string
		steps     func(t *testing.T, s *Store, ch int64)
		want      string
		wantOrder int64
	}{
		{"active cart is open", func(t *testing.T, s *Store, ch int64) {
			apply(t, s, Batch{ChannelID: ch, Carts: []Cart{fxCart(1, 7, "a@example.com", true, when)}})
		}, CartOpen, 0},
		{"inactive cart without order is expired", func(t *testing.T, s *Store, ch int64) {
			apply(t, s, Batch{ChannelID: ch, Carts: []Cart{fxCart(1, 7, "a@example.com", false, when)}})
		}, CartExpired, 0},
		{"order after cart makes it purchased", func(t *testing.T, s *Store, ch int64) {
			apply(t, s, Batch{ChannelID: ch, Carts: []Cart{fxCart(1, 7, "a@example.com", true, when)}})
			apply(t, s, Batch{ChannelID: ch, Orders: []Order{order(1)}})
		}, CartPurchased, 501},
		{"order before cart makes it purchased", func(t *testing.T, s *Store, ch int64) {
			apply(t, s, Batch{ChannelID: ch, Orders: []Order{order(1)}})
			apply(t, s, Batch{ChannelID: ch, Carts: []Cart{fxCart(1, 7, "a@example.com", false, when)}})
		}, CartPurchased, 501},
		{"purchased survives the quote being purged", func(t *testing.T, s *Store, ch int64) {
			apply(t, s, Batch{ChannelID: ch, Carts: []Cart{fxCart(1, 7, "a@example.com", true, when)}})
			apply(t, s, Batch{ChannelID: ch, Orders: []Order{order(1)}})
			if err := s.MarkRemoved(ctx, ch, EntityCarts, []int64{1}); err != nil {
				t.Fatal(err)
			}
		}, CartPurchased, 501},
		{"purchased wins over a later active delivery", func(t *testing.T, s *Store, ch int64) {
			apply(t, s, Batch{ChannelID: ch, Orders: []Order{order(1)}})
			c := fxCart(1, 7, "a@example.com", true, "2024-05-02 10:00:00")
			apply(t, s, Batch{ChannelID: ch, Carts: []Cart{c}})
		}, CartPurchased, 501},
		{"removed from Magento expires an open cart", func(t *testing.T, s *Store, ch int64) {
			apply(t, s, Batch{ChannelID: ch, Carts: []Cart{fxCart(1, 7, "a@example.com", true, when)}})
			if err := s.MarkRemoved(ctx, ch, EntityCarts, []int64{1}); err != nil {
				t.Fatal(err)
			}
		}, CartExpired, 0},
		{"lost is kept on re-sync", func(t *testing.T, s *Store, ch int64) {
			apply(t, s, Batch{ChannelID: ch, Carts: []Cart{fxCart(1, 7, "a@example.com", true, when)}})
			setLost(t, s, ch, 1, true)
			apply(t, s, Batch{ChannelID: ch, Carts: []Cart{fxCart(1, 7, "a@example.com", true, "2024-05-03 10:00:00")}})
		}, CartLost, 0},
		{"lost then purchased", func(t *testing.T, s *Store, ch int64) {
			apply(t, s, Batch{ChannelID: ch, Carts: []Cart{fxCart(1, 7, "a@example.com", true, when)}})
			setLost(t, s, ch, 1, true)
			apply(t, s, Batch{ChannelID: ch, Orders: []Order{order(1)}})
		}, CartPurchased, 501},
		{"reopen an active lost cart gives open", func(t *testing.T, s *Store, ch int64) {
			apply(t, s, Batch{ChannelID: ch, Carts: []Cart{fxCart(1, 7, "a@example.com", true, when)}})
			setLost(t, s, ch, 1, true)
			setLost(t, s, ch, 1, false)
		}, CartOpen, 0},
		{"reopen an inactive lost cart gives expired", func(t *testing.T, s *Store, ch int64) {
			apply(t, s, Batch{ChannelID: ch, Carts: []Cart{fxCart(1, 7, "a@example.com", false, when)}})
			setLost(t, s, ch, 1, true)
			setLost(t, s, ch, 1, false)
		}, CartExpired, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestStore(t)
			ch := newTestChannel(t, s)
			tc.steps(t, s, ch)
			got, note, ord := cartStatus(t, s, ch, 1)
			if got != tc.want || ord != tc.wantOrder {
				t.Fatalf("status = %q (%q), order %d; want %q, order %d", got, note, ord, tc.want, tc.wantOrder)
			}
		})
	}
}

func setLost(t *testing.T, s *Store, ch, magentoID int64, lost bool) {
	t.Helper()
	c, err := s.GetCartByMagentoID(context.Background(), ch, magentoID)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetCartLost(context.Background(), c.ID, lost); err != nil {
		t.Fatalf("set lost=%v: %v", lost, err)
	}
}

func TestSetCartLostRefusesPurchasedCart(t *testing.T) {
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	o := fxOrder(9, "9", 7, "a@example.com", "2024-05-01 10:00:00", "1")
	o.QuoteID = 1
	apply(t, s, Batch{ChannelID: ch, Orders: []Order{o}, Carts: []Cart{fxCart(1, 7, "a@example.com", false, "2024-05-01 10:00:00")}})
	c, _ := s.GetCartByMagentoID(context.Background(), ch, 1)
	if err := s.SetCartLost(context.Background(), c.ID, true); !errors.Is(err, ErrCartPurchased) {
		t.Fatalf("SetCartLost on purchased: %v", err)
	}
}

func TestInactiveCartKeepsItemsAndTotals(t *testing.T) {
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	apply(t, s, Batch{ChannelID: ch, Carts: []Cart{fxCart(1, 7, "a@example.com", true, "2024-05-01 10:00:00")}})
	gone := fxCart(1, 7, "a@example.com", false, "2024-05-02 10:00:00") // no items, no totals
	if c := apply(t, s, Batch{ChannelID: ch, Carts: []Cart{gone}}); c.Updated != 1 {
		t.Fatalf("counters %+v", c)
	}
	c, err := s.GetCartByMagentoID(context.Background(), ch, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Items) != 1 || c.Items[0].SKU != "24-MB01" {
		t.Fatalf("items after inactive delivery: %+v", c.Items)
	}
	if c.BaseGrandTotal.Text != "34" || c.TotalsUpdatedAt != "2024-05-01 10:00:00" || c.UpdatedAt != "2024-05-02 10:00:00" {
		t.Fatalf("totals/updated after inactive delivery: %+v %q %q", c.BaseGrandTotal, c.TotalsUpdatedAt, c.UpdatedAt)
	}
}

func TestCartsNeedingTotals(t *testing.T) {
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	fresh := fxCart(1, 7, "a@example.com", true, "2024-05-01 10:00:00") // totals at its updated_at
	stale := fxCart(2, 7, "a@example.com", true, "2024-05-02 10:00:00")
	stale.TotalsUpdatedAt = "2024-05-01 09:00:00"
	inactive := fxCart(3, 7, "a@example.com", false, "2024-05-01 10:00:00")
	apply(t, s, Batch{ChannelID: ch, Carts: []Cart{fresh, stale, inactive}})
	got, err := s.CartsNeedingTotals(context.Background(), ch, []int64{1, 2, 3, 4})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != 2 || got[1] != 4 {
		t.Fatalf("carts needing totals = %v, want [2 4] (stale, unknown)", got)
	}
}

func TestAbandonedIsDerivedFromIdleTime(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	ch := newTestChannel(t, s) // AbandonAfter 60 minutes
	s.SetClock(fixedClock("2024-05-01 12:00:00"))
	idle := fxCart(1, 7, "a@example.com", true, "2024-05-01 10:59:00")   // 61 min
	recent := fxCart(2, 7, "a@example.com", true, "2024-05-01 11:30:00") // 30 min
	anon := fxCart(3, 0, "", true, "2024-05-01 09:00:00")                // no contact
	apply(t, s, Batch{ChannelID: ch, Carts: []Cart{idle, recent, anon}})
	rows, err := s.ListCarts(ctx, ListQuery{ChannelID: ch, Status: "abandoned"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].MagentoID != 1 || !rows[0].Abandoned {
		t.Fatalf("abandoned carts = %+v", rows)
	}
	if n, _ := s.CountCarts(ctx, ListQuery{ChannelID: ch, Status: "abandoned"}); n != 1 {
		t.Fatalf("count abandoned = %d", n)
	}
	c, _ := s.GetCartByMagentoID(ctx, ch, 2)
	if c.Abandoned {
		t.Fatal("recent cart reported abandoned")
	}
}
