package app

import "time"

// Definitions shown as tooltips on the dashboard; the SQL behind the
// figures follows them word for word.
const (
	DefRevenue = "Revenue: base grand total of the orders placed in the period that are not canceled, " +
		"minus the base grand total of the credit memos refunded in the period, in the website's base currency " +
		"(one figure per currency when websites differ)."
	DefOrders   = "Orders: orders placed in the period that are not canceled."
	DefAOV      = "Average order value: revenue before refunds divided by the number of orders."
	DefNewRet   = "New customers placed their first order in the period; returning customers had an order before it (guests are recognised by email)."
	DefRefunds  = "Refunds: base grand total of the credit memos refunded in the period."
	DefAbandon  = "Abandoned carts: open carts with items and a known customer or email, idle longer than the channel's abandon threshold, last updated in the period. Value is their base grand total."
	DefRate     = "Abandon rate: abandoned carts / (abandoned + purchased carts) in the period."
	DefPeriod   = "Days are counted in the time zone of the channel's default store view. Changes compare with the previous period of the same length."
	DefTopTitle = "Top customers by lifetime value: base grand total of their non-canceled orders minus refunds, all time."
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

	// RevenueByDay and OrdersByDay have one bucket per local day of the period.
	RevenueByDay []int64
	OrdersByDay  []int64
}

// TopCustomer is one row of the top customers by lifetime value.
type TopCustomer struct {
	LocalID       int64
	Name, Email   string
	Currency      string
	LifetimeUnits int64
	Orders        int64
}

// DashboardData is everything the dashboard shows for one channel and period.
type DashboardData struct {
	Period     Period
	Currencies []CurrencyFigures // sorted by currency code; one when all websites share it

	NewCustomers, PrevNewCustomers             int64
	ReturningCustomers, PrevReturningCustomers int64
	AbandonedCarts, PrevAbandonedCarts         int64
	PurchasedCarts, PrevPurchasedCarts         int64

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
