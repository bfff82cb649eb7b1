package model

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// Store L benchmarks: 50k customers, 50k carts, 100k orders x 3 lines,
// 5k credit memos, 20k subscribers, all written through ApplyBatch in
// batches of 250 into a temp file, built once per process.
//
//	make bench   (or: go test -tags ci,sqlite_fts5 -run '^$' -bench . -benchtime 1x ./model/)

const (
	benchCustomers   = 50_000
	benchCarts       = 50_000
	benchOrders      = 100_000
	benchMemos       = 5_000
	benchSubscribers = 20_000
	benchBatch       = 250
)

type benchFixture struct {
	s       *Store
	ch      int64
	dir     string
	applied map[string]time.Duration // ApplyBatch time per entity (generation excluded)
	cpu     map[string]time.Duration // process CPU time spent in those ApplyBatch calls
	rows    map[string]int64         // rows written per entity, children included
	size    int64                    // database bytes after the build (db + wal)
	err     error
}

var (
	benchOnce sync.Once
	bench     benchFixture
)

var (
	benchFirst = []string{"Ann", "Bob", "Carla", "Dieter", "Emma", "Farid", "Gina", "Hiro", "Ines", "Jon", "Karin", "Luis"}
	benchLast  = []string{"Smith", "Jones", "Müller", "Garcia", "Rossi", "Dubois", "Nowak", "Tanaka", "Silva", "Novak", "Berg", "Kowalski"}
	benchSKUs  = []string{"MH01-XS-Black", "24-MB01", "WS12-M-Orange", "MJ02-L-Red", "WB04-S-Blue", "24-WG080", "MP10-32-Green", "WT09-XS-White"}
)

func benchTime(r *rand.Rand, from time.Time, days int) string {
	return from.Add(time.Duration(r.Int63n(int64(days) * 24 * int64(time.Hour)))).UTC().Format(TimeLayout)
}

func benchCustomer(r *rand.Rand, id int64) Customer {
	first, last := benchFirst[r.Intn(len(benchFirst))], benchLast[r.Intn(len(benchLast))]
	c := fxCustomer(id, fmt.Sprintf("cust%d@example.com", id), first, last)
	c.CreatedAt = benchTime(r, time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), 1400)
	c.UpdatedAt = c.CreatedAt
	c.Raw = nil
	c.Raw, _ = json.Marshal(c)
	return c
}

func benchCart(r *rand.Rand, id int64) Cart {
	cust := int64(0)
	email := fmt.Sprintf("guest%d@example.com", r.Intn(30_000))
	if r.Intn(10) < 7 {
		cust = 1 + r.Int63n(benchCustomers)
		email = fmt.Sprintf("cust%d@example.com", cust)
	}
	active := r.Intn(10) < 4
	c := fxCart(id, cust, email, active, benchTime(r, time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC), 730))
	if active {
		c.Items = append(c.Items, CartItem{MagentoID: id*10 + 1, SKU: benchSKUs[r.Intn(len(benchSKUs))], Name: "Item", Qty: "2", Price: MustMoney("19.99")})
	}
	c.Raw, _ = json.Marshal(c)
	return c
}

func benchOrder(r *rand.Rand, id int64) Order {
	cust := int64(0)
	email := fmt.Sprintf("guest%d@example.com", r.Intn(30_000))
	if r.Intn(4) != 0 {
		cust = 1 + r.Int63n(benchCustomers)
		email = fmt.Sprintf("cust%d@example.com", cust)
	}
	created := benchTime(r, time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC), 730)
	total := fmt.Sprintf("%d.%02d", 10+r.Intn(490), r.Intn(100))
	o := fxOrder(id, fmt.Sprintf("%09d", id), cust, email, created, total)
	o.QuoteID = id // the first 50k orders come from the stored carts
	o.CustomerFirstname, o.CustomerLastname = benchFirst[r.Intn(len(benchFirst))], benchLast[r.Intn(len(benchLast))]
	switch n := r.Intn(20); {
	case n == 0:
		o.State, o.Status = "canceled", "canceled"
	case n < 12:
		o.State, o.Status = "complete", "complete"
	}
	if r.Intn(10) == 0 {
		o.BaseCurrency = "EUR"
	}
	for i := range o.Items {
		o.Items[i].SKU = benchSKUs[r.Intn(len(benchSKUs))]
	}
	o.Items = append(o.Items, OrderItem{MagentoID: id*10 + 6, SKU: benchSKUs[r.Intn(len(benchSKUs))], Name: "Third line",
		QtyOrdered: "1", Price: MustMoney("5"), RowTotal: MustMoney("5")})
	o.StatusHistory = append(o.StatusHistory, StatusHistory{MagentoID: id*10 + 7, Comment: "Invoiced", Status: "processing", CreatedAt: created})
	o.Raw = nil
	o.Raw, _ = json.Marshal(o) // about the size and shape of Magento's order JSON
	return o
}

// buildBenchFixture writes Store L through ApplyBatch, timing only the
// ApplyBatch calls.
func buildBenchFixture() {
	ctx := context.Background()
	f := &bench
	f.applied, f.cpu, f.rows = map[string]time.Duration{}, map[string]time.Duration{}, map[string]int64{}
	f.dir, f.err = os.MkdirTemp("", "magedesk-bench-*")
	if f.err != nil {
		return
	}
	if f.s, f.err = Open(filepath.Join(f.dir, "magedesk.db")); f.err != nil {
		return
	}
	ch := Channel{Name: "Store L", AbandonAfter: 60}
	if f.err = f.s.CreateChannel(ctx, &ch); f.err != nil {
		return
	}
	f.ch = ch.ID
	r := rand.New(rand.NewSource(1))
	run := func(entity string, n int, perRow int64, fill func(b *Batch, id int64)) {
		for start := 1; start <= n && f.err == nil; start += benchBatch {
			b := Batch{ChannelID: f.ch, Entity: entity}
			for id := start; id < start+benchBatch && id <= n; id++ {
				fill(&b, int64(id))
			}
			t0, c0 := time.Now(), processCPU()
			_, f.err = f.s.ApplyBatch(ctx, b)
			f.applied[entity] += time.Since(t0)
			f.cpu[entity] += processCPU() - c0
		}
		f.rows[entity] = int64(n) * perRow
	}
	f.err = func() error {
		_, err := f.s.ApplyBatch(ctx, Batch{ChannelID: f.ch, StoreViews: []StoreView{{MagentoID: 1, WebsiteID: 1, Code: "default"}}})
		return err
	}()
	run(EntityCustomers, benchCustomers, 2, func(b *Batch, id int64) { b.Customers = append(b.Customers, benchCustomer(r, id)) })
	run(EntityCarts, benchCarts, 2, func(b *Batch, id int64) { b.Carts = append(b.Carts, benchCart(r, id)) })
	// order + 3 items + 2 addresses + payment + 2 history lines
	run(EntityOrders, benchOrders, 9, func(b *Batch, id int64) { b.Orders = append(b.Orders, benchOrder(r, id)) })
	run(EntityCreditMemos, benchMemos, 2, func(b *Batch, id int64) {
		m := fxMemo(id, 1+r.Int63n(benchOrders), fmt.Sprintf("CM%07d", id), benchTime(r, time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC), 730), "12.50")
		b.CreditMemos = append(b.CreditMemos, m)
	})
	run(EntitySubscribers, benchSubscribers, 1, func(b *Batch, id int64) {
		b.Subscribers = append(b.Subscribers, Subscriber{MagentoID: id, CustomerID: id, Email: fmt.Sprintf("cust%d@example.com", id), Status: 1 + r.Intn(4)})
	})
	if f.err == nil {
		_, f.err = f.s.w.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	}
	for _, p := range []string{"", "-wal"} {
		if fi, err := os.Stat(filepath.Join(f.dir, "magedesk.db") + p); err == nil {
			f.size += fi.Size()
		}
	}
}

// useSavedBenchDB opens a Store L database kept from an earlier run
// (MAGEDESK_BENCH_DB=path, opened in place) instead of building one, so
// query benchmarks can be repeated in seconds. ApplyOrders is skipped then.
func useSavedBenchDB(path string) {
	f := &bench
	if f.s, f.err = Open(path); f.err != nil {
		return
	}
	f.err = f.s.r.QueryRow(`SELECT id FROM channels ORDER BY id LIMIT 1`).Scan(&f.ch)
}

func benchStore(b *testing.B) *benchFixture {
	b.Helper()
	benchOnce.Do(func() {
		if p := os.Getenv("MAGEDESK_BENCH_DB"); p != "" {
			useSavedBenchDB(p)
			return
		}
		buildBenchFixture()
	})
	if bench.err != nil {
		b.Fatalf("build Store L fixture: %v", bench.err)
	}
	return &bench
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bench.s != nil {
		bench.s.Close()
		if bench.dir != "" {
			os.RemoveAll(bench.dir)
		}
	}
	os.Exit(code)
}

// BenchmarkApplyOrders reports how fast Store L's 100k orders (with 3
// items, 2 addresses, payment, 2 history lines and raw JSON each) went in
// through ApplyBatch, then times re-applying a batch of 250 changed orders
// (the incremental update path) per iteration.
func BenchmarkApplyOrders(b *testing.B) {
	f := benchStore(b)
	if f.applied == nil {
		b.Skip("saved database (MAGEDESK_BENCH_DB): nothing was applied in this run")
	}
	secs := f.applied[EntityOrders].Seconds()
	b.ReportMetric(float64(benchOrders)/secs, "orders/s")
	b.ReportMetric(float64(f.rows[EntityOrders])/secs, "rows/s")
	b.ReportMetric(secs, "s/100k-orders")
	b.ReportMetric(f.cpu[EntityOrders].Seconds(), "cpu-s/100k-orders")
	b.ReportMetric(float64(f.size)/(1<<20), "MB-storeL")
	var all time.Duration
	for e, d := range f.applied {
		all += d
		b.Logf("applied %-12s %6d rows in %v (CPU %v)", e, f.rows[e], d.Round(time.Millisecond), f.cpu[e].Round(time.Millisecond))
	}
	b.Logf("Store L: %v of ApplyBatch, database %.0f MB", all.Round(time.Millisecond), float64(f.size)/(1<<20))

	r := rand.New(rand.NewSource(2))
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		batch := Batch{ChannelID: f.ch, Entity: EntityOrders}
		base := int64(r.Intn(benchOrders - benchBatch))
		for id := base + 1; id <= base+benchBatch; id++ {
			o := benchOrder(r, id)
			o.UpdatedAt = fmt.Sprintf("2025-01-01 00:%02d:%02d", i%60, id%60)
			batch.Orders = append(batch.Orders, o)
		}
		b.StartTimer()
		c, err := f.s.ApplyBatch(ctx, batch)
		if err != nil || c.Updated != benchBatch {
			b.Fatalf("re-apply: %+v, %v", c, err)
		}
	}
}

func BenchmarkListOrdersFirstPage(b *testing.B) {
	f := benchStore(b)
	ctx := context.Background()
	for _, bc := range []struct {
		name string
		q    ListQuery
	}{
		{"channel", ListQuery{ChannelID: f.ch, Limit: 50}},
		{"all-channels", ListQuery{Limit: 50}},
		{"guests-status", ListQuery{ChannelID: f.ch, Status: "complete", GuestOnly: ptr(true), Limit: 50}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				rows, err := f.s.ListOrders(ctx, bc.q)
				if err != nil || len(rows) != 50 {
					b.Fatalf("list: %d rows, %v", len(rows), err)
				}
			}
		})
	}
	b.Run("count", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if n, err := f.s.CountOrders(ctx, ListQuery{ChannelID: f.ch}); err != nil || n != benchOrders {
				b.Fatalf("count = %d, %v", n, err)
			}
		}
	})
}

func BenchmarkSearchOrders(b *testing.B) {
	f := benchStore(b)
	ctx := context.Background()
	var email string // an email that has orders, whatever the generator drew
	if err := f.s.r.QueryRow(`SELECT customer_email FROM orders WHERE customer_id <> 0 ORDER BY id LIMIT 1 OFFSET 4242`).Scan(&email); err != nil {
		b.Fatal(err)
	}
	for _, term := range []string{"smith", email, "54321", "WS12 orange", "ann müller"} {
		b.Run(term, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				q := ListQuery{ChannelID: f.ch, Search: term, Limit: 50}
				rows, err := f.s.ListOrders(ctx, q)
				if err != nil || len(rows) == 0 {
					b.Fatalf("search %q: %d rows, %v", term, len(rows), err)
				}
				if _, err := f.s.CountOrders(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSortOrdersByTotal(b *testing.B) {
	f := benchStore(b)
	ctx := context.Background()
	for _, bc := range []struct {
		name string
		q    ListQuery
	}{
		{"desc", ListQuery{ChannelID: f.ch, Sort: "grand_total", Desc: true, Limit: 50}},
		{"page-100", ListQuery{ChannelID: f.ch, Sort: "grand_total", Offset: 5000, Limit: 50}},
		{"customer-name", ListQuery{ChannelID: f.ch, Sort: "customer", Limit: 50}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				rows, err := f.s.ListOrders(ctx, bc.q)
				if err != nil || len(rows) != 50 {
					b.Fatalf("sort: %d rows, %v", len(rows), err)
				}
			}
		})
	}
}

func BenchmarkGetOrder(b *testing.B) {
	f := benchStore(b)
	ctx := context.Background()
	r := rand.New(rand.NewSource(3))
	for i := 0; i < b.N; i++ {
		o, err := f.s.GetOrderByMagentoID(ctx, f.ch, 1+r.Int63n(benchOrders))
		if err != nil || len(o.Items) != 3 || len(o.Raw) == 0 {
			b.Fatalf("get: %v", err)
		}
	}
}

func BenchmarkCustomerDetail(b *testing.B) {
	f := benchStore(b)
	ctx := context.Background()
	r := rand.New(rand.NewSource(4))
	for i := 0; i < b.N; i++ {
		c, err := f.s.GetCustomerByMagentoID(ctx, f.ch, 1+r.Int63n(benchCustomers))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.s.CustomerStats(ctx, c.ID); err != nil {
			b.Fatal(err)
		}
		if _, err := f.s.OrdersOfCustomer(ctx, c.ID); err != nil {
			b.Fatal(err)
		}
		if _, err := f.s.CartsOfCustomer(ctx, c.ID); err != nil {
			b.Fatal(err)
		}
		if _, err := f.s.PurchasedProductsOfCustomer(ctx, c.ID); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkListOthersFirstPage(b *testing.B) {
	f := benchStore(b)
	ctx := context.Background()
	b.Run("customers-by-lifetime", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if rows, err := f.s.ListCustomers(ctx, ListQuery{ChannelID: f.ch, Sort: "lifetime", Desc: true}); err != nil || len(rows) != 50 {
				b.Fatalf("%d, %v", len(rows), err)
			}
		}
	})
	b.Run("customers-search", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if rows, err := f.s.ListCustomers(ctx, ListQuery{ChannelID: f.ch, Search: "kowal"}); err != nil || len(rows) == 0 {
				b.Fatalf("%d, %v", len(rows), err)
			}
		}
	})
	b.Run("carts-abandoned", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			q := ListQuery{ChannelID: f.ch, Status: "abandoned"}
			if _, err := f.s.ListCarts(ctx, q); err != nil {
				b.Fatal(err)
			}
			if _, err := f.s.CountCarts(ctx, q); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("guests", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if rows, err := f.s.ListGuestCustomers(ctx, ListQuery{ChannelID: f.ch}); err != nil || len(rows) != 50 {
				b.Fatalf("%d, %v", len(rows), err)
			}
		}
	})
}

func BenchmarkDashboard(b *testing.B) {
	f := benchStore(b)
	ctx := context.Background()
	loc, _ := time.LoadLocation("Europe/Berlin")
	if loc == nil {
		loc = time.UTC
	}
	for _, bc := range []struct{ name, from, to string }{
		{"30-days", "2024-06-01 00:00:00", "2024-07-01 00:00:00"},
		{"365-days", "2024-01-01 00:00:00", "2025-01-01 00:00:00"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				d, err := f.s.Dashboard(ctx, f.ch, bc.from, bc.to, loc)
				if err != nil || d.Current.Orders == 0 || len(d.TopCustomers) != 10 {
					b.Fatalf("dashboard: %+v, %v", d.Current, err)
				}
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }
