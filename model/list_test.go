package model

import (
	"context"
	"fmt"
	"testing"
)

// seedOrders stores n orders: ids 1..n, created one hour apart, grand
// totals 10, 20, …, every third a guest, emails userN@example.com.
func seedOrders(t *testing.T, s *Store, ch int64, n int) {
	t.Helper()
	var orders []Order
	for i := 1; i <= n; i++ {
		cust := int64(i)
		if i%3 == 0 {
			cust = 0
		}
		o := fxOrder(int64(i), fmt.Sprintf("%09d", i), cust, fmt.Sprintf("user%d@example.com", i),
			fmt.Sprintf("2024-01-01 %02d:00:00", i), fmt.Sprint(i*10))
		o.CustomerLastname = fmt.Sprintf("Name%02d", n-i)
		if i == 4 {
			o.Status = "complete"
			o.Items[0].SKU = "WS12-M-Orange"
		}
		orders = append(orders, o)
	}
	apply(t, s, Batch{ChannelID: ch, Orders: orders,
		StoreViews: []StoreView{{MagentoID: 1, WebsiteID: 1, Code: "default"}, {MagentoID: 2, WebsiteID: 2, Code: "b2b"}}})
}

func magentoIDs(rows []OrderRow) []int64 {
	var out []int64
	for _, r := range rows {
		out = append(out, r.MagentoID)
	}
	return out
}

func TestListOrdersPagingSortSearchFilters(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	seedOrders(t, s, ch, 12)
	guest, registered := true, false
	cases := []struct {
		name  string
		q     ListQuery
		want  string
		count int
	}{
		{"default newest first", ListQuery{Limit: 3}, "[12 11 10]", 12},
		{"second page", ListQuery{Limit: 3, Offset: 3}, "[9 8 7]", 12},
		{"sort by total asc", ListQuery{Sort: "grand_total", Limit: 2}, "[1 2]", 12},
		{"sort by customer name", ListQuery{Sort: "customer", Limit: 2}, "[12 11]", 12},
		{"unknown sort falls back", ListQuery{Sort: "1; DROP TABLE orders", Limit: 1}, "[12]", 12},
		{"search increment without zeros", ListQuery{Search: "7"}, "[7]", 1},
		{"search increment prefix", ListQuery{Search: "00000001"}, "[12 11 10]", 3},
		{"search email", ListQuery{Search: "USER5@example"}, "[5]", 1},
		{"search sku word", ListQuery{Search: "ws12 orange"}, "[4]", 1},
		{"status", ListQuery{Status: "complete"}, "[4]", 1},
		{"guests only", ListQuery{GuestOnly: &guest}, "[12 9 6 3]", 4},
		{"registered only", ListQuery{GuestOnly: &registered, Limit: 2}, "[11 10]", 8},
		{"date range", ListQuery{From: "2024-01-01 03:00:00", To: "2024-01-01 05:00:00"}, "[4 3]", 2},
		{"website", ListQuery{WebsiteID: 2}, "[]", 0},
		{"website 1", ListQuery{WebsiteID: 1, Limit: 1}, "[12]", 12},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.q.ChannelID = ch
			rows, err := s.ListOrders(ctx, c.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprint(magentoIDs(rows)); got != c.want {
				t.Fatalf("ids = %s, want %s", got, c.want)
			}
			n, err := s.CountOrders(ctx, c.q)
			if err != nil || n != c.count {
				t.Fatalf("count = %d, %v; want %d", n, err, c.count)
			}
		})
	}
	rows, _ := s.ListOrders(ctx, ListQuery{ChannelID: ch, Search: "user5"})
	r := rows[0]
	if r.GrandTotal.Text != "50" || r.GrandTotal.Units != 500000 || r.CustomerName != "Ann Name07" || r.ItemsCount != 2 || r.IsGuest {
		t.Fatalf("row = %+v", r)
	}
}

func TestIterateOrdersStreamsAllWithChildren(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	seedOrders(t, s, ch, 12)
	var ids []int64
	err := s.IterateOrders(ctx, ListQuery{ChannelID: ch, Status: "processing"}, func(o Order) error {
		if len(o.Items) != 2 || o.BillingAddress == nil || o.ShippingAddress == nil || o.Payment == nil || len(o.StatusHistory) != 1 {
			return fmt.Errorf("order %d children incomplete: %+v", o.MagentoID, o)
		}
		ids = append(ids, o.MagentoID)
		return nil
	})
	if err != nil || len(ids) != 11 || ids[0] != 1 {
		t.Fatalf("iterated %v, %v", ids, err)
	}
}

func TestGetOrderRoundTripsEveryField(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	o := fxOrder(1, "000000001", 3, "a@example.com", "2024-01-01 00:00:00", "19.9900")
	o.Items[0].ProductOption = `{"extension_attributes":{}}`
	o.Raw = []byte(`{"entity_id":1,"increment_id":"000000001"}`)
	apply(t, s, Batch{ChannelID: ch, Orders: []Order{o}})
	got, err := s.GetOrderByMagentoID(ctx, ch, 1)
	if err != nil {
		t.Fatal(err)
	}
	o.ID, o.ChannelID, o.SyncedAt = got.ID, ch, got.SyncedAt
	if fmt.Sprintf("%+v", dump(got)) != fmt.Sprintf("%+v", dump(o)) {
		t.Fatalf("round trip differs:\n got %+v\nwant %+v", dump(got), dump(o))
	}
	if got.GrandTotal.Text != "19.9900" || got.GrandTotal.Units != 199900 {
		t.Fatalf("money = %+v", got.GrandTotal)
	}
}

func dump(o Order) string {
	return fmt.Sprintf("%+v|%+v|%+v|%+v|%+v|%s", o.Items, *o.BillingAddress, *o.ShippingAddress, *o.Payment, o.StatusHistory,
		fmt.Sprintf("%+v", Order{ID: o.ID, IncrementID: o.IncrementID, GrandTotal: o.GrandTotal, CustomerEmail: o.CustomerEmail,
			CreatedAt: o.CreatedAt, Raw: o.Raw, QuoteID: o.QuoteID, State: o.State}))
}

func TestListOtherEntities(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	apply(t, s, Batch{ChannelID: ch,
		Customers: []Customer{fxCustomer(1, "ann@example.com", "Ann", "Smith"), fxCustomer(2, "bob@example.com", "Bob", "Jones")},
		Subscribers: []Subscriber{{MagentoID: 10, CustomerID: 1, Email: "ann@example.com", Status: SubscriberSubscribed},
			{MagentoID: 11, Email: "guest@example.com", Status: SubscriberUnsubscribe}},
		Products: []Product{{MagentoID: 1, SKU: "24-MB01", Name: "Joust Duffle Bag", Price: MustMoney("34"), Status: 1, WebsiteIDs: []int64{1}},
			{MagentoID: 2, SKU: "MH01", Name: "Chaz Kangeroo Hoodie", Price: MustMoney("52"), Status: 2, WebsiteIDs: []int64{2}}},
		CustomerGroups: []CustomerGroup{{MagentoID: 0, Code: "NOT LOGGED IN"}, {MagentoID: 1, Code: "General"}},
	})
	apply(t, s, Batch{ChannelID: ch, CreditMemos: []CreditMemo{fxMemo(1, 77, "CM-0001", "2024-01-01 00:00:00", "3")}})

	cs, err := s.ListCustomers(ctx, ListQuery{ChannelID: ch, Search: "smi"})
	if err != nil || len(cs) != 1 || cs[0].Name != "Ann Smith" {
		t.Fatalf("customers = %+v, %v", cs, err)
	}
	cs, _ = s.ListCustomers(ctx, ListQuery{ChannelID: ch, Sort: "name"})
	if len(cs) != 2 || cs[0].MagentoID != 2 {
		t.Fatalf("customers by name = %+v", cs)
	}
	subs, err := s.ListSubscribers(ctx, ListQuery{ChannelID: ch, Status: "subscribed"})
	if err != nil || len(subs) != 1 || subs[0].CustomerName != "Ann Smith" {
		t.Fatalf("subscribers = %+v, %v", subs, err)
	}
	if subs, _ = s.ListSubscribers(ctx, ListQuery{ChannelID: ch, Search: "GUEST"}); len(subs) != 1 {
		t.Fatalf("subscriber search = %+v", subs)
	}
	ps, err := s.ListProducts(ctx, ListQuery{ChannelID: ch, Search: "duff"})
	if err != nil || len(ps) != 1 || ps[0].SKU != "24-MB01" {
		t.Fatalf("products = %+v, %v", ps, err)
	}
	if ps, _ = s.ListProducts(ctx, ListQuery{ChannelID: ch, WebsiteID: 2}); len(ps) != 1 || ps[0].MagentoID != 2 {
		t.Fatalf("products of website 2 = %+v", ps)
	}
	ms, err := s.ListCreditMemos(ctx, ListQuery{ChannelID: ch, Search: "cm 0001", Status: "refunded"})
	if err != nil || len(ms) != 1 || ms[0].OrderMagentoID != 77 || ms[0].OrderLocalID != 0 {
		t.Fatalf("memos = %+v, %v", ms, err)
	}
	groups, _ := s.ListCustomerGroups(ctx, ch)
	if len(groups) != 2 || groups[0].Code != "NOT LOGGED IN" {
		t.Fatalf("groups = %+v", groups)
	}
	if _, err := s.ListCarts(ctx, ListQuery{ChannelID: ch, Status: "bogus"}); err == nil {
		t.Fatal("unknown cart status accepted")
	}
}
