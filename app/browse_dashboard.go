package app

import (
	"context"
	"fmt"
	"sort"
	"time"
)

// Definitions shown as tooltips on the dashboard; the SQL behind the
// figures follows them word for word.
const (
	DefRevenue = "Revenue: base grand total of the orders placed in the period that are not canceled, " +
		"minus the base grand total of the credit memos refunded in the period, in the website's base currency " +
		"(one figure per currency when websites differ)."
	DefOrders    = "Orders: orders placed in the period that are not canceled."
	DefAOV       = "Average order value: revenue before refunds divided by the number of orders."
	DefNewRet    = "Customers who placed an order (not canceled) in the period. Returning ones had such an order before the period; the others are new. Guests are recognised by email."
	DefRefunds   = "Refunds: base grand total of the credit memos refunded in the period."
	DefAbandon   = "Abandoned carts: open carts with items and a known customer or email, idle longer than the channel's abandon threshold, last updated in the period. Value is their base grand total."
	DefTop       = "Lifetime value: base grand total of the customer's orders that are not canceled, minus refunded credit memos, all time. Guests are grouped by email."
	DefRate      = "Abandon rate: abandoned carts / (abandoned + purchased carts) in the period."
	DefPurchased = "Purchased carts: carts last updated in the period that became an order."
	DefPeriod    = "Days are counted in the time zone of the channel's default store view. Changes compare with the previous period of the same length."
)

// CurrencyFigures are the money figures of one base currency, for the
// period and the previous period of the same length.
type CurrencyFigures struct {
	Currency string

	RevenueUnits, PrevRevenueUnits     int64
	Orders, PrevOrders                 int64
	AOVUnits, PrevAOVUnits             int64
	RefundsUnits, PrevRefundsUnits     int64
	AbandonedUnits, PrevAbandonedUnits int64

	// RevenueByDay has one bucket per local day of the period.
	RevenueByDay []int64
}

// TopCustomer is one row of the top customers by lifetime value.
type TopCustomer struct {
	LocalID       int64 // 0 for a guest (no customer window to open)
	Name, Email   string
	Currency      string
	LifetimeUnits int64
	Orders        int64
}

// DashboardData is everything the dashboard shows for one channel and period.
type DashboardData struct {
	Period     Period
	Currencies []CurrencyFigures // the channel's base currency first, then by code; one when all websites share it

	NewCustomers, PrevNewCustomers             int64
	ReturningCustomers, PrevReturningCustomers int64
	AbandonedCarts, PrevAbandonedCarts         int64
	PurchasedCarts, PrevPurchasedCarts         int64

	OrdersByDay []int64 // all currencies, one bucket per local day

	TopCustomers []TopCustomer
	Elapsed      time.Duration // how long the figures took (shown in the status line)
}

// AbandonRate is abandoned / (abandoned + purchased) in basis points
// (1/100 of a percent), rounded half up; ok is false when there were no carts.
func AbandonRate(abandoned, purchased int64) (bp int64, ok bool) {
	den := abandoned + purchased
	if den == 0 {
		return 0, false
	}
	return (abandoned*10000*2 + den) / (2 * den), true
}

// FormatRate prints basis points as a percentage with one decimal ("12.5%").
func FormatRate(bp int64) string {
	// one decimal: round bp to tenths of a percent (10 bp).
	t := (bp + 5) / 10
	return FormatCount(t/10) + "." + string(rune('0'+t%10)) + "%"
}

// Change describes a figure against the previous period: "+12.5%", "−3.0%",
// "new" when the previous figure was zero, "" when both are zero.
func Change(cur, prev int64) string {
	switch {
	case prev == 0 && cur == 0:
		return ""
	case prev == 0:
		return "new"
	}
	// Percent change in tenths, integer arithmetic, rounded half away from zero.
	num := (cur - prev) * 1000
	den := prev
	if den < 0 {
		den, num = -den, -num
	}
	tenths := num / den
	if r := num % den; 2*abs64(r) >= den {
		if num < 0 {
			tenths--
		} else {
			tenths++
		}
	}
	sign := "+"
	if tenths < 0 {
		sign, tenths = "−", -tenths
	}
	return sign + FormatCount(tenths/10) + "." + string(rune('0'+tenths%10)) + "%"
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// Dashboard computes a channel's figures (0 = all channels) for a period
// of local days in the channel's zone against the previous period of the
// same length. first/last are used for PeriodCustom only.
func (b *Browse) Dashboard(ctx context.Context, channelID int64, kind PeriodKind, first, last time.Time) (DashboardData, error) {
	start := time.Now()
	loc := b.Location(ctx, channelID)
	p, err := NewPeriod(kind, b.now(), loc, first, last)
	if err != nil {
		return DashboardData{}, err
	}
	md, err := b.store.Dashboard(ctx, channelID, p.From, p.To, loc)
	if err != nil {
		return DashboardData{}, fmt.Errorf("dashboard %s: %w", kind, err)
	}
	d := DashboardData{Period: p,
		NewCustomers: md.Current.NewCustomers, PrevNewCustomers: md.Previous.NewCustomers,
		ReturningCustomers: md.Current.ReturningCustomers, PrevReturningCustomers: md.Previous.ReturningCustomers,
		AbandonedCarts: md.Current.AbandonedCarts, PrevAbandonedCarts: md.Previous.AbandonedCarts,
		PurchasedCarts: md.Current.PurchasedCarts, PrevPurchasedCarts: md.Previous.PurchasedCarts,
	}
	byCur := map[string]*CurrencyFigures{}
	get := func(c string) *CurrencyFigures {
		if byCur[c] == nil {
			byCur[c] = &CurrencyFigures{Currency: c, RevenueByDay: make([]int64, p.Days)}
		}
		return byCur[c]
	}
	for _, c := range md.Current.Currencies {
		f := get(c.Currency)
		f.RevenueUnits, f.Orders, f.RefundsUnits, f.AbandonedUnits = c.RevenueUnits, c.Orders, c.RefundsUnits, c.AbandonedUnits
		f.AOVUnits = averageUnits(c.SalesUnits, c.Orders)
	}
	for _, c := range md.Previous.Currencies {
		f := get(c.Currency)
		f.PrevRevenueUnits, f.PrevOrders, f.PrevRefundsUnits, f.PrevAbandonedUnits = c.RevenueUnits, c.Orders, c.RefundsUnits, c.AbandonedUnits
		f.PrevAOVUnits = averageUnits(c.SalesUnits, c.Orders)
	}
	d.OrdersByDay = make([]int64, p.Days)
	for i, day := range md.Days {
		if i >= p.Days {
			break
		}
		d.OrdersByDay[i] = day.Orders
		for c, u := range day.RevenueUnits {
			get(c).RevenueByDay[i] = u
		}
	}
	for _, f := range byCur {
		d.Currencies = append(d.Currencies, *f)
	}
	// The channel's base currency leads (its figures are the main ones and
	// the revenue chart shows it), then the others by code.
	base := b.Currency(ctx, channelID)
	sort.Slice(d.Currencies, func(i, j int) bool {
		ci, cj := d.Currencies[i].Currency, d.Currencies[j].Currency
		if (ci == base) != (cj == base) {
			return ci == base
		}
		return ci < cj
	})
	for _, t := range md.TopCustomers {
		tc := TopCustomer{Name: t.Name, Email: t.Email, Currency: t.Currency, LifetimeUnits: t.LifetimeUnits, Orders: t.OrdersCount}
		if !t.IsGuest {
			tc.LocalID = t.LocalID
		} else if tc.Name == "" {
			tc.Name = "Guest"
		}
		d.TopCustomers = append(d.TopCustomers, tc)
	}
	d.Elapsed = time.Since(start)
	return d, nil
}
