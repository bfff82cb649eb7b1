package app

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/magedesk/magedesk/model"
)

// Store L: 100k orders (3 lines each), 50k customers, 50k carts, 5k credit
// memos, 20k subscribers. Built once per machine into a temp file and
// reused while its marker channel says it is complete (building takes a
// while; benchmarks should measure reads, not setup).
const (
	benchOrders      = 100_000
	benchCustomers   = 50_000
	benchCarts       = 50_000
	benchCreditMemos = 5_000
	benchSubscribers = 20_000
	benchMarker      = "Store L bench v1"
)

var (
	benchOnce    sync.Once
	benchBrowse  *Browse
	benchChannel int64
	benchErr     error
)

func storeL(b *testing.B) (*Browse, int64) {
	b.Helper()
	benchOnce.Do(func() {
		path := filepath.Join(os.TempDir(), "magedesk-browse-bench.db")
		benchBrowse, benchChannel, benchErr = openOrBuildStoreL(path)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchBrowse, benchChannel
}

func openOrBuildStoreL(path string) (*Browse, int64, error) {
	ctx := context.Background()
	s, err := model.Open(path)
	if err != nil {
		return nil, 0, err
	}
	chs, err := s.ListChannels(ctx)
	if err != nil {
		return nil, 0, err
	}
	if len(chs) == 1 && chs[0].Name == benchMarker {
		return NewBrowse(s), chs[0].ID, nil
	}
	// Building takes minutes on a busy machine: a run that was stopped
	// resumes where its last committed batch ended (batches are atomic).
	var ch model.Channel
	if len(chs) == 1 && chs[0].Name == "building" {
		ch = chs[0]
	} else {
		for _, c := range chs {
			if err := s.DeleteChannel(ctx, c.ID); err != nil {
				return nil, 0, err
			}
		}
		ch = model.Channel{Name: "building", Type: "magento2", BaseURL: "https://l.example.com", AuthMode: "bearer",
			BaseCurrency: "USD", Timezone: "America/Chicago", AbandonAfter: 60, SyncStart: model.DefaultSyncStart}
		if err := s.CreateChannel(ctx, &ch); err != nil {
			return nil, 0, err
		}
	}
	start := time.Now()
	if err := seedStoreL(ctx, s, ch.ID, time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)); err != nil {
		return nil, 0, err
	}
	ch.Name = benchMarker
	if err := s.UpdateChannel(ctx, &ch); err != nil {
		return nil, 0, err
	}
	fmt.Fprintf(os.Stderr, "built Store L in %v at %s\n", time.Since(start).Round(time.Second), path)
	return NewBrowse(s), ch.ID, nil
}

// seedStoreL writes Store L through ApplyBatch in batches of 500, over two
// years of history ending at now.
func seedStoreL(ctx context.Context, s *model.Store, ch int64, now time.Time) error {
	rng := rand.New(rand.NewSource(42))
	span := 2 * 365 * 24 * time.Hour
	at := func() string { return UTCString(now.Add(-time.Duration(rng.Int63n(int64(span))))) }
	apply := func(b model.Batch) error {
		b.ChannelID = ch
		_, err := s.ApplyBatch(ctx, b)
		return err
	}
	if err := apply(model.Batch{Entity: model.EntityWebsites,
		Websites:   []model.Website{{ChannelID: ch, MagentoID: 1, Code: "base", Name: "Main Website", DefaultGroupID: 1}},
		StoreViews: []model.StoreView{{ChannelID: ch, MagentoID: 1, Code: "default", Name: "Default Store View", WebsiteID: 1, IsActive: true, Timezone: "America/Chicago", BaseCurrency: "USD"}},
	}); err != nil {
		return err
	}
	const batch = 500
	first := fixtureFirst
	last := fixtureLast
	// have counts what an interrupted build already committed.
	have := func(count func(context.Context, model.ListQuery) (int, error)) int {
		n, err := count(ctx, model.ListQuery{ChannelID: ch})
		if err != nil {
			return 0
		}
		return n - n%batch
	}
	for i := have(s.CountCustomers); i < benchCustomers; i += batch {
		var cs []model.Customer
		for j := i; j < i+batch && j < benchCustomers; j++ {
			fn, ln := first[j%len(first)], last[(j/len(first))%len(last)]
			cs = append(cs, model.Customer{ChannelID: ch, MagentoID: int64(j + 1), WebsiteID: 1, StoreID: 1, GroupID: 1,
				Email: fmt.Sprintf("c%d.%s@example.com", j+1, lower(asciiName(ln))), Firstname: fn, Lastname: fmt.Sprintf("%s%d", ln, j%97),
				CreatedAt: at(), UpdatedAt: at()})
		}
		if err := apply(model.Batch{Entity: model.EntityCustomers, Customers: cs}); err != nil {
			return err
		}
	}
	for i := have(s.CountOrders); i < benchOrders; i += batch {
		var orders []model.Order
		for j := i; j < i+batch && j < benchOrders; j++ {
			n := j + 1
			cust := rng.Intn(benchCustomers) + 1
			o := model.Order{ChannelID: ch, MagentoID: int64(n), IncrementID: fmt.Sprintf("%09d", n), QuoteID: int64(n),
				StoreID: 1, StoreName: "Default Store View", CustomerID: int64(cust), CustomerGroupID: 1,
				CustomerEmail: fmt.Sprintf("c%d@example.com", cust), CustomerFirstname: first[cust%len(first)], CustomerLastname: last[cust%len(last)],
				State: "complete", Status: "complete", CreatedAt: at(), BaseCurrency: "USD", OrderCurrency: "USD"}
			if n%20 == 0 {
				o.State, o.Status = "canceled", "canceled"
			}
			if n%7 == 0 {
				o.CustomerID, o.CustomerIsGuest = 0, true
			}
			o.UpdatedAt = o.CreatedAt
			var sub int64
			for l := 0; l < 3; l++ {
				p := fixtureSKUs[(n+l)%len(fixtureSKUs)]
				price := model.MustMoney(p.price)
				sub += price.Units
				o.Items = append(o.Items, model.OrderItem{MagentoID: int64(n*3 + l), SKU: p.sku, Name: p.name, ProductType: "simple",
					QtyOrdered: "1.0000", Price: price, BasePrice: price, RowTotal: price, BaseRowTotal: price})
			}
			g := model.MoneyFromUnits(sub)
			o.Subtotal, o.GrandTotal, o.BaseGrandTotal, o.TotalPaid, o.TotalInvoiced = g, g, g, g, g
			o.TotalItemCount = 3
			o.BillingAddress = &model.OrderAddress{MagentoID: int64(n), AddressType: "billing", Firstname: o.CustomerFirstname,
				Lastname: o.CustomerLastname, Street: []string{"1 Main St"}, City: "Austin", CountryID: "US", Postcode: "73301"}
			o.Payment = &model.Payment{Method: "checkmo", AmountOrdered: g, BaseAmountOrdered: g}
			orders = append(orders, o)
		}
		if err := apply(model.Batch{Entity: model.EntityOrders, Orders: orders}); err != nil {
			return err
		}
	}
	for i := have(s.CountCarts); i < benchCarts; i += batch {
		var cs []model.Cart
		for j := i; j < i+batch && j < benchCarts; j++ {
			n := benchOrders + j + 1 // quote ids above the orders' so most carts stay open
			if j%4 == 0 {
				n = j + 1 // a quarter became orders
			}
			cust := rng.Intn(benchCustomers) + 1
			price := model.MustMoney(fixtureSKUs[j%len(fixtureSKUs)].price)
			c := model.Cart{ChannelID: ch, MagentoID: int64(n), StoreID: 1, CreatedAt: at(), IsActive: j%4 != 0,
				CustomerID: int64(cust), CustomerEmail: fmt.Sprintf("c%d@example.com", cust), CustomerFirstname: first[cust%len(first)],
				ItemsCount: 1, ItemsQty: "1.0000", BaseCurrency: "USD", QuoteCurrency: "USD",
				GrandTotal: price, BaseGrandTotal: price, Subtotal: price,
				Items: []model.CartItem{{MagentoID: int64(n), SKU: fixtureSKUs[j%len(fixtureSKUs)].sku, Name: "Item", Qty: "1", Price: price}}}
			c.UpdatedAt = c.CreatedAt
			cs = append(cs, c)
		}
		if err := apply(model.Batch{Entity: model.EntityCarts, Carts: cs}); err != nil {
			return err
		}
	}
	for i := have(s.CountCreditMemos); i < benchCreditMemos; i += batch {
		var ms []model.CreditMemo
		for j := i; j < i+batch && j < benchCreditMemos; j++ {
			order := int64(j*benchOrders/benchCreditMemos + 1)
			amt := model.MustMoney("29")
			ms = append(ms, model.CreditMemo{ChannelID: ch, MagentoID: int64(j + 1), OrderID: order, IncrementID: fmt.Sprintf("1%08d", j+1),
				State: model.CreditMemoRefunded, StoreID: 1, CreatedAt: at(), BaseCurrency: "USD", OrderCurrency: "USD",
				GrandTotal: amt, BaseGrandTotal: amt, Subtotal: amt})
		}
		if err := apply(model.Batch{Entity: model.EntityCreditMemos, CreditMemos: ms}); err != nil {
			return err
		}
	}
	for i := have(s.CountSubscribers); i < benchSubscribers; i += batch {
		var ss []model.Subscriber
		for j := i; j < i+batch && j < benchSubscribers; j++ {
			ss = append(ss, model.Subscriber{ChannelID: ch, MagentoID: int64(j + 1), Source: model.SubscriberFromModule, StoreID: 1,
				CustomerID: int64(j*2 + 1), Email: fmt.Sprintf("c%d@example.com", j*2+1), Status: model.SubscriberSubscribed, ChangeStatusAt: at()})
		}
		if err := apply(model.Batch{Entity: model.EntitySubscribers, Subscribers: ss}); err != nil {
			return err
		}
	}
	return nil
}

// The list benchmarks measure what a page does when it is shown: count the
// matching rows and read the first page of 200.
func benchList[T any](b *testing.B, count func(context.Context, Filter) (int, error),
	page func(context.Context, Filter, string, bool, int, int) ([]T, error), f Filter, sort string, desc bool) {
	ctx := context.Background()
	for b.Loop() {
		if _, err := count(ctx, f); err != nil {
			b.Fatal(err)
		}
		rows, err := page(ctx, f, sort, desc, 0, 200)
		if err != nil {
			b.Fatal(err)
		}
		if len(rows) == 0 {
			b.Fatal("no rows")
		}
	}
}

func BenchmarkFirstPageOrders(b *testing.B) {
	br, ch := storeL(b)
	benchList(b, br.CountOrders, br.Orders, Filter{ChannelID: ch}, SortCreated, true)
}

func BenchmarkFirstPageCustomers(b *testing.B) {
	br, ch := storeL(b)
	benchList(b, br.CountCustomers, br.Customers, Filter{ChannelID: ch}, SortCreated, true)
}

func BenchmarkFirstPageCarts(b *testing.B) {
	br, ch := storeL(b)
	benchList(b, br.CountCarts, br.Carts, Filter{ChannelID: ch}, SortUpdated, true)
}

func BenchmarkFirstPageCreditMemos(b *testing.B) {
	br, ch := storeL(b)
	benchList(b, br.CountCreditMemos, br.CreditMemos, Filter{ChannelID: ch}, SortCreated, true)
}

func BenchmarkFirstPageSubscribers(b *testing.B) {
	br, ch := storeL(b)
	benchList(b, br.CountSubscribers, br.Subscribers, Filter{ChannelID: ch}, SortChanged, true)
}

func BenchmarkSearchOrdersByName(b *testing.B) {
	br, ch := storeL(b)
	benchList(b, br.CountOrders, br.Orders, Filter{ChannelID: ch, Search: "Costello"}, SortCreated, true)
}

func BenchmarkSearchOrdersByNumber(b *testing.B) {
	br, ch := storeL(b)
	benchList(b, br.CountOrders, br.Orders, Filter{ChannelID: ch, Search: "000054321"}, SortCreated, true)
}

func BenchmarkSearchCustomersByEmail(b *testing.B) {
	br, ch := storeL(b)
	benchList(b, br.CountCustomers, br.Customers, Filter{ChannelID: ch, Search: "c4242"}, SortCreated, true)
}

func BenchmarkSortOrdersByTotal(b *testing.B) {
	br, ch := storeL(b)
	benchList(b, br.CountOrders, br.Orders, Filter{ChannelID: ch}, SortTotal, true)
}

func BenchmarkSortCustomersByLifetime(b *testing.B) {
	br, ch := storeL(b)
	benchList(b, br.CountCustomers, br.Customers, Filter{ChannelID: ch}, SortLifetime, true)
}

func BenchmarkFilterAbandonedCarts(b *testing.B) {
	br, ch := storeL(b)
	benchList(b, br.CountCarts, br.Carts, Filter{ChannelID: ch, Status: CartFilterAbandoned}, SortUpdated, true)
}

func BenchmarkOrderDetail(b *testing.B) {
	br, _ := storeL(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := br.OrderDetail(ctx, 54321); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCustomerDetail(b *testing.B) {
	br, _ := storeL(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := br.CustomerDetail(ctx, 4242); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCartDetail(b *testing.B) {
	br, _ := storeL(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := br.CartDetail(ctx, 4242); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCreditMemoDetail(b *testing.B) {
	br, _ := storeL(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := br.CreditMemoDetail(ctx, 2500); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDashboardLast30Days(b *testing.B) {
	br, ch := storeL(b)
	br.SetClock(func() time.Time { return time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC) })
	ctx := context.Background()
	for b.Loop() {
		if _, err := br.Dashboard(ctx, ch, PeriodLast30, time.Time{}, time.Time{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDashboardCustomYear(b *testing.B) {
	br, ch := storeL(b)
	ctx := context.Background()
	first, last := time.Date(2025, 11, 27, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	for b.Loop() {
		if _, err := br.Dashboard(ctx, ch, PeriodCustom, first, last); err != nil {
			b.Fatal(err)
		}
	}
}
