package views

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/model"
)

// expectedDashboard computes the dashboard's figures from the fixture's
// records in Go, following the definitions shown in the app, without our SQL.
type expectedDashboard struct {
	revenue, sales, refunds, abandonedValue map[string]int64
	orders                                  map[string]int64
	newCust, returning                      int64
	abandoned, purchased                    int64
}

func computeDashboard(f *app.BrowseFixture, from, to string) expectedDashboard {
	e := expectedDashboard{revenue: map[string]int64{}, sales: map[string]int64{}, refunds: map[string]int64{},
		abandonedValue: map[string]int64{}, orders: map[string]int64{}}
	buyers := map[string]bool{}
	for _, o := range f.Orders {
		if o.State == "canceled" || o.CreatedAt < from || o.CreatedAt >= to {
			continue
		}
		e.sales[o.BaseCurrency] += o.BaseGrandTotal.Units
		e.orders[o.BaseCurrency]++
		key := fmt.Sprint("id", o.CustomerID)
		if o.CustomerID == 0 {
			key = "email" + strings.ToLower(o.CustomerEmail)
		}
		buyers[key] = true
	}
	for key := range buyers {
		earlier := false
		for _, o := range f.Orders {
			if o.State == "canceled" || o.CreatedAt >= from {
				continue
			}
			k := fmt.Sprint("id", o.CustomerID)
			if o.CustomerID == 0 {
				k = "email" + strings.ToLower(o.CustomerEmail)
			}
			if k == key {
				earlier = true
			}
		}
		if earlier {
			e.returning++
		} else {
			e.newCust++
		}
	}
	for _, m := range f.CreditMemos {
		if m.State == model.CreditMemoRefunded && m.CreatedAt >= from && m.CreatedAt < to {
			e.refunds[m.BaseCurrency] += m.BaseGrandTotal.Units
		}
	}
	for c := range e.sales {
		e.revenue[c] = e.sales[c] - e.refunds[c]
	}
	for c := range e.refunds {
		e.revenue[c] = e.sales[c] - e.refunds[c]
	}
	idleBefore := app.UTCString(f.Now.Add(-time.Duration(f.Channel.AbandonAfter) * time.Minute))
	for i, c := range f.Carts {
		if c.UpdatedAt < from || c.UpdatedAt >= to {
			continue
		}
		purchased := i < 5 // carts 101..105 became orders 1..5
		switch {
		case purchased:
			e.purchased++
		case c.IsActive && c.ItemsCount > 0 && (c.CustomerEmail != "" || c.CustomerID != 0) && c.UpdatedAt < idleBefore:
			e.abandoned++
			e.abandonedValue[c.BaseCurrency] += c.BaseGrandTotal.Units
		}
	}
	return e
}

// moneyByCurrency prints one line per currency, the channel's (USD) first.
func moneyByCurrency(m map[string]int64) string {
	var curs []string
	for c := range m {
		curs = append(curs, c)
	}
	sort.Slice(curs, func(i, j int) bool {
		if (curs[i] == "USD") != (curs[j] == "USD") {
			return curs[i] == "USD"
		}
		return curs[i] < curs[j]
	})
	var lines []string
	for _, c := range curs {
		lines = append(lines, app.FormatMoney(m[c], c))
	}
	return strings.Join(lines, "\n")
}

func TestDashboardFiguresMatchTheFixture(t *testing.T) {
	fx := newViewsFixture(t)
	test.NewTempApp(t)
	nav := &recordingNav{}
	p := newDashboardPage(fx.browse, nav)
	w := test.NewTempWindow(t, p.Content())
	w.Resize(fyne.NewSize(1200, 800))
	p.SetChannel(fx.f.Channel.ID)
	p.WaitLoaded()

	ny, _ := time.LoadLocation("America/New_York")
	period, err := app.NewPeriod(app.PeriodLast30, fixtureNow, ny, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	cur := computeDashboard(fx.f, period.From, period.To)
	from, _ := app.ParseMagentoTime(period.From)
	to, _ := app.ParseMagentoTime(period.To)
	prev := computeDashboard(fx.f, app.UTCString(from.Add(-to.Sub(from))), period.From)

	if got, want := p.revenue.Value(), moneyByCurrency(cur.revenue); got != want {
		t.Errorf("revenue %q, want %q", got, want)
	}
	if len(cur.revenue) < 2 {
		t.Errorf("fixture should give two currencies in 30 days, got %v", cur.revenue)
	}
	var orders, prevOrders int64
	for _, n := range cur.orders {
		orders += n
	}
	for _, n := range prev.orders {
		prevOrders += n
	}
	if p.orders.Value() != fmt.Sprint(orders) || p.orders.ChangeText() != app.Change(orders, prevOrders)+" vs previous period" {
		t.Errorf("orders %q (%q), want %d vs %d", p.orders.Value(), p.orders.ChangeText(), orders, prevOrders)
	}
	aov := map[string]int64{}
	for c, s := range cur.sales {
		aov[c] = (s + cur.orders[c]/2) / cur.orders[c]
	}
	if got, want := p.aov.Value(), moneyByCurrency(aov); got != want {
		t.Errorf("AOV %q, want %q", got, want)
	}
	refunds := map[string]int64{}
	for c := range cur.revenue {
		refunds[c] = cur.refunds[c]
	}
	if got, want := p.refunds.Value(), moneyByCurrency(refunds); got != want {
		t.Errorf("refunds %q, want %q", got, want)
	}
	if p.newCust.Value() != fmt.Sprint(cur.newCust) || p.returning.Value() != fmt.Sprint(cur.returning) {
		t.Errorf("new/returning %s/%s, want %d/%d", p.newCust.Value(), p.returning.Value(), cur.newCust, cur.returning)
	}
	if p.abandoned.Value() != fmt.Sprint(cur.abandoned) || cur.abandoned != 7 {
		t.Errorf("abandoned %s, want %d (fixture has 7)", p.abandoned.Value(), cur.abandoned)
	}
	// Every currency of the period gets a line, zero included.
	abandonedValue := map[string]int64{}
	for c := range cur.revenue {
		abandonedValue[c] = cur.abandonedValue[c]
	}
	if got, want := p.abandonedValue.Value(), moneyByCurrency(abandonedValue); got != want {
		t.Errorf("abandoned value %q, want %q", got, want)
	}
	if p.purchased.Value() != fmt.Sprint(cur.purchased) {
		t.Errorf("purchased carts %s, want %d", p.purchased.Value(), cur.purchased)
	}
	rate, _ := app.AbandonRate(cur.abandoned, cur.purchased)
	if p.rateKP.Value() != app.FormatRate(rate) {
		t.Errorf("abandon rate %q, want %s (%d/%d)", p.rateKP.Value(), app.FormatRate(rate), cur.abandoned, cur.purchased)
	}

	// Charts: one bucket per day; orders sum to the period's orders and the
	// revenue chart (first currency) sums to its revenue.
	if len(p.ordersChart.Points) != 30 || len(p.revenueChart.Points) != 30 {
		t.Fatalf("chart buckets %d/%d", len(p.ordersChart.Points), len(p.revenueChart.Points))
	}
	var sumOrders, sumRevenue int64
	for i := range p.ordersChart.Points {
		sumOrders += p.ordersChart.Points[i].Value
		sumRevenue += p.revenueChart.Points[i].Value
	}
	if sumOrders != orders || sumRevenue != cur.revenue["USD"] {
		t.Errorf("chart sums %d orders, %d revenue; want %d, %d", sumOrders, sumRevenue, orders, cur.revenue["USD"])
	}
	if p.ordersChart.Points[29].Label != fixtureNow.In(ny).Format("Jan 2") {
		t.Errorf("last bucket %q", p.ordersChart.Points[29].Label)
	}

	// Tooltips carry the definitions.
	if p.revenue.Tip != app.DefRevenue || p.rateKP.Tip != app.DefRate {
		t.Error("KPI cards lack their definitions")
	}
	p.revenue.MouseIn(nil)
	if !p.revenue.TipShown() {
		t.Error("hovering revenue shows no definition")
	}
	p.revenue.MouseOut()
	if p.revenue.TipShown() {
		t.Error("definition stays after the pointer left")
	}

	// Top customers: the largest lifetime value first; a tap opens it.
	if len(p.top) == 0 {
		t.Fatal("no top customers")
	}
	best := p.top[0]
	for _, c := range p.top {
		if c.LifetimeUnits > best.LifetimeUnits {
			t.Errorf("top customers not sorted: %v before %v", best, c)
		}
	}
	for i, c := range p.top {
		if c.LocalID != 0 {
			p.topTable.Select(widget.TableCellID{Row: i, Col: 0})
			if len(nav.opened) != 1 || nav.opened[0] != fmt.Sprintf("customer:%d", c.LocalID) {
				t.Errorf("tap on top customer opened %v", nav.opened)
			}
			break
		}
	}

	// Export: a header and one line per day.
	var buf bytes.Buffer
	if err := p.ExportCSVTo(&buf); err != nil {
		t.Fatal(err)
	}
	recs, _ := csv.NewReader(&buf).ReadAll()
	if len(recs) != 31 || recs[0][0] != "day" {
		t.Errorf("export: %d records, header %v", len(recs), recs[0])
	}

	// Today: only today's orders.
	p.period.SetSelected("Today")
	p.WaitLoaded()
	today, _ := app.NewPeriod(app.PeriodToday, fixtureNow, ny, time.Time{}, time.Time{})
	td := computeDashboard(fx.f, today.From, today.To)
	var todayOrders int64
	for _, n := range td.orders {
		todayOrders += n
	}
	if p.orders.Value() != fmt.Sprint(todayOrders) || len(p.ordersChart.Points) != 1 {
		t.Errorf("today: %s orders, %d buckets; want %d", p.orders.Value(), len(p.ordersChart.Points), todayOrders)
	}
}
