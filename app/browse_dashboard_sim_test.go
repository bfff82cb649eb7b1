package app

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"testing"
	"time"

	"github.com/magedesk/magedesk/connector/magentosim"
)

// simRecords reads a list route of the simulator as raw JSON maps, with
// no code of ours in between (no connector, no mapping, no SQL).
func simRecords(t *testing.T, url, token, route string) []map[string]any {
	t.Helper()
	req, _ := http.NewRequest("GET", url+"/rest/V1/"+route+"?searchCriteria[pageSize]=0", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var page struct {
		Items []map[string]any `json:"items"`
	}
	dec := json.NewDecoder(res.Body)
	dec.UseNumber()
	if err := dec.Decode(&page); err != nil {
		t.Fatalf("%s: %v", route, err)
	}
	return page.Items
}

// units turns a JSON number into ten-thousandths with math/big, rounding
// half away from zero, independently of model.Money.
func units(t *testing.T, v any) int64 {
	t.Helper()
	n, ok := v.(json.Number)
	if !ok {
		return 0
	}
	r, ok := new(big.Rat).SetString(n.String())
	if !ok {
		t.Fatalf("not a number: %v", v)
	}
	r.Mul(r, big.NewRat(10000, 1))
	f, _ := r.Float64()
	if f < 0 {
		return int64(f - 0.5)
	}
	return int64(f + 0.5)
}

func str(v any) string { s, _ := v.(string); return s }

// TestDashboardMatchesFiguresComputedFromTheSimulatorsData syncs a seeded
// simulated store, then recomputes the dashboard's revenue, order counts,
// refunds and new/returning customers for a one-year period straight from
// the simulator's JSON, and compares.
func TestDashboardMatchesFiguresComputedFromTheSimulatorsData(t *testing.T) {
	sim, url := startSim(t, magentosim.Options{Seed: 11, Customers: 60, Carts: 80, Orders: 400,
		CreditMemos: 40, Subscribers: 20, Products: 12, NewsletterModule: true})
	c := newTestCore(t, Options{})
	ch := simChannel(t, c, url, sim.Token())
	events := collect(t, c)
	if ok, msg := c.Scheduler.SyncNow(ch.ID); !ok {
		t.Fatalf("SyncNow refused: %s", msg)
	}
	fin := waitEvent(t, events, 90*time.Second, func(e Event) bool { return e.Kind == EvSyncFinished && e.ChannelID == ch.ID })
	if fin.Err != nil {
		t.Fatalf("sync failed: %v", fin.Err)
	}
	c.Scheduler.Wait(ch.ID)

	ctx := context.Background()
	b := NewBrowse(c.Store)
	loc := b.Location(ctx, ch.ID)
	today := time.Now().In(loc)
	d, err := b.Dashboard(ctx, ch.ID, PeriodCustom, today.AddDate(-1, 0, 0), today)
	if err != nil {
		t.Fatal(err)
	}
	from, to := d.Period.From, d.Period.To

	type figs struct{ revenue, refunds, orders int64 }
	want := map[string]*figs{}
	get := func(cur string) *figs {
		if want[cur] == nil {
			want[cur] = &figs{}
		}
		return want[cur]
	}
	orders := simRecords(t, url, sim.Token(), "orders")
	buyerKey := func(o map[string]any) string {
		if id, ok := o["customer_id"].(json.Number); ok && id.String() != "0" {
			return "c" + id.String()
		}
		return "g" + str(o["customer_email"])
	}
	firstOrder := map[string]string{}
	buyers := map[string]bool{}
	var totalOrders int64
	for _, o := range orders {
		if str(o["state"]) == "canceled" {
			continue
		}
		at, key := str(o["created_at"]), buyerKey(o)
		if f, ok := firstOrder[key]; !ok || at < f {
			firstOrder[key] = at
		}
		if at >= from && at < to {
			f := get(str(o["base_currency_code"]))
			f.revenue += units(t, o["base_grand_total"])
			f.orders++
			totalOrders++
			buyers[key] = true
		}
	}
	for _, m := range simRecords(t, url, sim.Token(), "creditmemos") {
		at := str(m["created_at"])
		if fmt.Sprint(m["state"]) == "2" && at >= from && at < to {
			f := get(str(m["base_currency_code"]))
			f.revenue -= units(t, m["base_grand_total"])
			f.refunds += units(t, m["base_grand_total"])
		}
	}
	var returning int64
	for key := range buyers {
		if firstOrder[key] < from {
			returning++
		}
	}
	if totalOrders == 0 {
		t.Fatal("the seeded store has no order in the last year: the test would prove nothing")
	}

	got := map[string]CurrencyFigures{}
	for _, cf := range d.Currencies {
		got[cf.Currency] = cf
	}
	for cur, w := range want {
		g := got[cur]
		if g.RevenueUnits != w.revenue || g.RefundsUnits != w.refunds || g.Orders != w.orders {
			t.Errorf("%s: dashboard revenue %d refunds %d orders %d; from Magento's data %d, %d, %d",
				cur, g.RevenueUnits, g.RefundsUnits, g.Orders, w.revenue, w.refunds, w.orders)
		}
	}
	if d.ReturningCustomers != returning || d.NewCustomers != int64(len(buyers))-returning {
		t.Errorf("customers: dashboard %d new / %d returning; from Magento's data %d / %d",
			d.NewCustomers, d.ReturningCustomers, int64(len(buyers))-returning, returning)
	}
	var dayOrders int64
	for _, n := range d.OrdersByDay {
		dayOrders += n
	}
	if dayOrders != totalOrders {
		t.Errorf("orders chart adds up to %d, Magento's data has %d orders in the period", dayOrders, totalOrders)
	}
}
