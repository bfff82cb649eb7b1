package views

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/model"
)

// DashboardPage shows a period's figures against the previous period, two
// charts and the top customers.
type DashboardPage struct {
	browse *app.Browse
	nav    Navigator

	period      *widget.Select
	from, to    *widget.DateEntry
	custom      fyne.CanvasObject
	periodLabel *widget.Label
	status      *widget.Label

	revenue, orders, aov, refunds     *kpiCard
	newCust, returning                *kpiCard
	abandoned, abandonedValue, rateKP *kpiCard
	purchased                         *kpiCard
	revenueChart, ordersChart         *Chart
	revenueTitle                      *widget.Label
	topTable                          *widget.Table
	topTitle                          *widget.Label
	top                               []app.TopCustomer

	content fyne.CanvasObject

	mu        sync.Mutex
	channelID int64
	gen       int
	data      *app.DashboardData
	loads     sync.WaitGroup
}

// NewDashboardPage builds the dashboard (shared contract with the shell).
func NewDashboardPage(b *app.Browse, nav Navigator) Page { return newDashboardPage(b, nav) }

func newDashboardPage(b *app.Browse, nav Navigator) *DashboardPage {
	p := &DashboardPage{browse: b, nav: nav}
	labels := make([]string, len(app.PeriodChoices))
	for i, c := range app.PeriodChoices {
		labels[i] = c.Label
	}
	p.from = widget.NewDateEntry()
	p.from.SetPlaceHolder("First day")
	p.to = widget.NewDateEntry()
	p.to.SetPlaceHolder("Last day")
	p.from.OnChanged = func(*time.Time) { p.Reload() }
	p.to.OnChanged = func(*time.Time) { p.Reload() }
	p.custom = container.NewHBox(fixedWidth(140, p.from), fixedWidth(140, p.to))
	p.custom.Hide()
	p.period = widget.NewSelect(labels, func(string) {
		if p.periodKind() == app.PeriodCustom {
			p.custom.Show()
		} else {
			p.custom.Hide()
		}
		p.Reload()
	})
	p.periodLabel = widget.NewLabel("")
	p.periodLabel.Importance = widget.LowImportance
	p.status = widget.NewLabel("")
	p.status.Importance = widget.LowImportance

	p.revenue = newKPICard("Revenue", app.DefRevenue)
	p.orders = newKPICard("Orders", app.DefOrders)
	p.aov = newKPICard("Average order value", app.DefAOV)
	p.refunds = newKPICard("Refunds", app.DefRefunds)
	p.newCust = newKPICard("New customers", app.DefNewRet)
	p.returning = newKPICard("Returning customers", app.DefNewRet)
	p.abandoned = newKPICard("Abandoned carts", app.DefAbandon)
	p.abandonedValue = newKPICard("Abandoned value", app.DefAbandon)
	p.rateKP = newKPICard("Abandon rate", app.DefRate)
	p.purchased = newKPICard("Purchased carts", app.DefPurchased)

	p.revenueChart = NewChart(ChartBars, nil)
	p.ordersChart = NewChart(ChartBars, func(n int64) string { return formatCount(n) })
	p.ordersChart.Color = theme.Color(theme.ColorNameSuccess)
	p.revenueTitle = boldLabel("Revenue over time")

	p.topTitle = boldLabel("Top customers by lifetime value")
	p.topTable = widget.NewTable(
		func() (int, int) { return len(p.top), 4 },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row >= len(p.top) {
				return
			}
			o.(*widget.Label).SetText(topCustomerCell(p.top[id.Row], id.Col))
		},
	)
	for i, w := range []float32{200, 240, 80, 130} {
		p.topTable.SetColumnWidth(i, w)
	}
	p.topTable.OnSelected = func(id widget.TableCellID) {
		p.topTable.UnselectAll()
		if id.Row < len(p.top) && p.nav != nil && p.top[id.Row].LocalID != 0 {
			p.nav.OpenCustomer(p.top[id.Row].LocalID)
		}
	}

	// Two rows of five: sales on top, customers and carts below, so the
	// charts stay in view on a laptop screen.
	cards := container.NewGridWithColumns(5,
		p.revenue, p.orders, p.aov, p.refunds, p.newCust,
		p.returning, p.abandoned, p.abandonedValue, p.purchased, p.rateKP,
	)
	charts := container.NewGridWithColumns(2,
		container.NewBorder(p.revenueTitle, nil, nil, nil, p.revenueChart),
		container.NewBorder(boldLabel("Orders over time"), nil, nil, nil, p.ordersChart),
	)
	topInfo := widget.NewLabel(app.DefTop)
	topInfo.Importance = widget.LowImportance
	topInfo.Wrapping = fyne.TextWrapWord
	topBox := container.NewBorder(p.topTitle, topInfo, nil, nil,
		container.NewGridWrap(fyne.NewSize(660, 260), p.topTable))
	info := widget.NewLabel(app.DefPeriod)
	info.Importance = widget.LowImportance
	info.Wrapping = fyne.TextWrapWord
	bar := container.NewBorder(nil, nil,
		container.NewHBox(widget.NewLabel("Period"), p.period, p.custom), p.status, p.periodLabel)
	p.content = container.NewBorder(bar, nil, nil, nil, container.NewVScroll(container.NewVBox(
		cards,
		container.NewGridWrap(fyne.NewSize(1, 8)),
		container.NewGridWrap(fyne.NewSize(900, 240), charts),
		topBox,
		info,
	)))
	p.period.SetSelectedIndex(2) // last 30 days; loads once a channel is set
	return p
}

func boldLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.TextStyle = fyne.TextStyle{Bold: true}
	return l
}

func topCustomerCell(c app.TopCustomer, col int) string {
	switch col {
	case 0:
		return c.Name
	case 1:
		return c.Email
	case 2:
		return formatCount(c.Orders) + " orders"
	case 3:
		return app.FormatMoney(c.LifetimeUnits, c.Currency)
	}
	return ""
}

func (p *DashboardPage) Content() fyne.CanvasObject { return p.content }

// SetChannel shows one channel's figures.
func (p *DashboardPage) SetChannel(id int64) {
	p.mu.Lock()
	p.channelID = id
	p.mu.Unlock()
	p.Reload()
}

// SetSearch does nothing: the dashboard has no search.
func (p *DashboardPage) SetSearch(string) {}

func (p *DashboardPage) periodKind() app.PeriodKind {
	i := p.period.SelectedIndex()
	if i < 0 {
		return app.PeriodLast30
	}
	return app.PeriodChoices[i].Kind
}

// Reload recomputes the figures in the background.
func (p *DashboardPage) Reload() {
	if p.status == nil {
		return // still being built
	}
	kind := p.periodKind()
	var first, last time.Time
	if p.from.Date != nil {
		first = *p.from.Date
	}
	if p.to.Date != nil {
		last = *p.to.Date
	}
	if kind == app.PeriodCustom && (first.IsZero() || last.IsZero()) {
		p.status.SetText("Choose the first and last day")
		return
	}
	p.mu.Lock()
	p.gen++
	gen, channelID := p.gen, p.channelID
	p.mu.Unlock()
	p.status.SetText("Computing…")
	p.loads.Add(1)
	go func() {
		defer p.loads.Done()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		data, err := p.browse.Dashboard(ctx, channelID, kind, first, last)
		runOnUI(func() {
			p.mu.Lock()
			stale := gen != p.gen
			p.mu.Unlock()
			if stale {
				return
			}
			if err != nil {
				slog.Error("dashboard", "err", err)
				p.status.SetText("Could not compute: " + err.Error())
				return
			}
			p.apply(data)
		})
	}()
}

// WaitLoaded blocks until the figures being computed are shown (tests).
func (p *DashboardPage) WaitLoaded() {
	for {
		p.loads.Wait()
		if !drainUIQueue() {
			return
		}
	}
}

// moneyLines prints one figure per currency, one per line.
func moneyLines(cs []app.CurrencyFigures, get func(app.CurrencyFigures) int64) string {
	if len(cs) == 0 {
		return app.FormatMoney(0, "")
	}
	var lines []string
	for _, c := range cs {
		lines = append(lines, app.FormatMoney(get(c), c.Currency))
	}
	return strings.Join(lines, "\n")
}

// moneyChange is the change of the first (or only) currency's figure.
func moneyChange(cs []app.CurrencyFigures, cur, prev func(app.CurrencyFigures) int64) string {
	if len(cs) != 1 {
		return "" // several currencies: a single change would mix them
	}
	return app.Change(cur(cs[0]), prev(cs[0]))
}

func (p *DashboardPage) apply(d app.DashboardData) {
	p.data = &d
	cs := d.Currencies
	p.periodLabel.SetText(d.Period.Label() + "   vs   " + d.Period.PreviousLabel())
	p.status.SetText(fmt.Sprintf("computed in %d ms", d.Elapsed.Milliseconds()))

	rev := func(c app.CurrencyFigures) int64 { return c.RevenueUnits }
	prevRev := func(c app.CurrencyFigures) int64 { return c.PrevRevenueUnits }
	p.revenue.Set(moneyLines(cs, rev), moneyChange(cs, rev, prevRev), false)

	var orders, prevOrders int64
	for _, c := range cs {
		orders += c.Orders
		prevOrders += c.PrevOrders
	}
	p.orders.Set(formatCount(orders), app.Change(orders, prevOrders), false)
	p.aov.Set(moneyLines(cs, func(c app.CurrencyFigures) int64 { return c.AOVUnits }),
		moneyChange(cs, func(c app.CurrencyFigures) int64 { return c.AOVUnits }, func(c app.CurrencyFigures) int64 { return c.PrevAOVUnits }), false)
	p.refunds.Set(moneyLines(cs, func(c app.CurrencyFigures) int64 { return c.RefundsUnits }),
		moneyChange(cs, func(c app.CurrencyFigures) int64 { return c.RefundsUnits }, func(c app.CurrencyFigures) int64 { return c.PrevRefundsUnits }), true)
	p.newCust.Set(formatCount(d.NewCustomers), app.Change(d.NewCustomers, d.PrevNewCustomers), false)
	p.returning.Set(formatCount(d.ReturningCustomers), app.Change(d.ReturningCustomers, d.PrevReturningCustomers), false)
	p.abandoned.Set(formatCount(d.AbandonedCarts), app.Change(d.AbandonedCarts, d.PrevAbandonedCarts), true)
	p.abandonedValue.Set(moneyLines(cs, func(c app.CurrencyFigures) int64 { return c.AbandonedUnits }),
		moneyChange(cs, func(c app.CurrencyFigures) int64 { return c.AbandonedUnits }, func(c app.CurrencyFigures) int64 { return c.PrevAbandonedUnits }), true)
	p.purchased.Set(formatCount(d.PurchasedCarts), app.Change(d.PurchasedCarts, d.PrevPurchasedCarts), false)
	if bp, ok := app.AbandonRate(d.AbandonedCarts, d.PurchasedCarts); ok {
		prev, pok := app.AbandonRate(d.PrevAbandonedCarts, d.PrevPurchasedCarts)
		change := ""
		if pok {
			change = fmt.Sprintf("%s pts", signedPoints(bp-prev))
		}
		p.rateKP.Set(app.FormatRate(bp), change, true)
	} else {
		p.rateKP.Set("—", "", true)
	}

	// Charts: revenue of the main currency (the first: the channel's base
	// currency leads), orders of all.
	dayLabel := "Jan 2"
	if d.Period.Days == 1 {
		dayLabel = "Mon Jan 2"
	}
	var revPts, ordPts []ChartPoint
	for i := 0; i < d.Period.Days; i++ {
		label := d.Period.DayStart(i).Format(dayLabel)
		var r, o int64
		if i < len(d.OrdersByDay) {
			o = d.OrdersByDay[i]
		}
		if len(cs) > 0 && i < len(cs[0].RevenueByDay) {
			r = cs[0].RevenueByDay[i]
		}
		revPts = append(revPts, ChartPoint{Label: label, Value: r})
		ordPts = append(ordPts, ChartPoint{Label: label, Value: o})
	}
	cur := ""
	if len(cs) > 0 {
		cur = cs[0].Currency
	}
	p.revenueChart.Format = func(u int64) string { return app.FormatMoney(u, cur) }
	p.revenueChart.SetPoints(revPts)
	p.ordersChart.SetPoints(ordPts)
	if len(cs) > 1 {
		p.revenueTitle.SetText("Revenue over time (" + cur + ")")
	} else {
		p.revenueTitle.SetText("Revenue over time")
	}

	p.top = d.TopCustomers
	p.topTable.Refresh()
}

// signedPoints prints a change of basis points as percentage points.
func signedPoints(bp int64) string {
	sign := "+"
	if bp < 0 {
		sign, bp = "−", -bp
	}
	return sign + strings.TrimSuffix(app.FormatRate(bp), "%")
}

// ExportCSV saves the period's daily series.
func (p *DashboardPage) ExportCSV(w fyne.Window) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			if err != nil {
				dialog.ShowError(err, w)
			}
			return
		}
		err = p.ExportCSVTo(wc)
		if cerr := wc.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			dialog.ShowError(err, w)
		}
	}, w)
	d.SetFileName("dashboard-" + time.Now().Format("2006-01-02") + ".csv")
	d.Show()
}

// ExportCSVTo writes one row per day: orders and the revenue per currency.
func (p *DashboardPage) ExportCSVTo(w io.Writer) error {
	if p.data == nil {
		return fmt.Errorf("dashboard not computed yet")
	}
	cw := csv.NewWriter(w)
	d := p.data
	header := []string{"day", "orders"}
	for _, c := range d.Currencies {
		header = append(header, "revenue_"+c.Currency)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for i := 0; i < d.Period.Days; i++ {
		row := []string{d.Period.DayStart(i).Format("2006-01-02"), "0"}
		if i < len(d.OrdersByDay) {
			row[1] = fmt.Sprint(d.OrdersByDay[i])
		}
		for _, c := range d.Currencies {
			var r int64
			if i < len(c.RevenueByDay) {
				r = c.RevenueByDay[i]
			}
			row = append(row, model.FixedUnits(r, 2))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
