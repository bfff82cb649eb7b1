package model

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

// Dashboard figures for a period [From, To) compared with the previous
// period of the same length. Money is summed only from integer _units
// columns, per base currency. Canceled orders never count; refunds are
// credit memos in state Refunded created in the period.
type Dashboard struct {
	ChannelID          int64 // 0 = all channels
	From, To           string
	PrevFrom, PrevTo   string
	Current, Previous  PeriodFigures
	Days               []DayFigures // current period, one per local day
	TopCustomers       []TopCustomer
	AbandonAfterMinute int // the channel's setting (0 for all channels)
}

// PeriodFigures are one period's totals.
type PeriodFigures struct {
	Currencies         []CurrencyFigures // sorted by currency code
	Orders             int64             // all currencies
	Customers          int64             // distinct buyers (registered by id, guests by email)
	NewCustomers       int64             // buyers without an earlier order
	ReturningCustomers int64             // buyers with an order before the period
	AbandonedCarts     int64             // open carts, idle past AbandonAfter, last updated in the period
	PurchasedCarts     int64             // carts updated in the period that became orders
	AbandonRate        float64           // abandoned / (abandoned + purchased); 0 when both are 0
}

// CurrencyFigures are a period's money figures in one base currency.
type CurrencyFigures struct {
	Currency       string
	SalesUnits     int64 // sum of base grand totals of orders
	RefundsUnits   int64 // sum of base grand totals of refunded credit memos
	RevenueUnits   int64 // SalesUnits - RefundsUnits
	Orders         int64
	AOVUnits       int64 // SalesUnits / Orders
	AbandonedCarts int64
	AbandonedUnits int64 // base grand totals of abandoned carts
}

// DayFigures is one local day of the current period.
type DayFigures struct {
	Day          string           // YYYY-MM-DD in the dashboard's time zone
	From, To     string           // its UTC bounds
	Orders       int64            // all currencies
	RevenueUnits map[string]int64 // per base currency: sales - refunds of the day
}

// TopCustomer is a customer (or guest group) by lifetime value.
type TopCustomer struct {
	LocalID       int64 // customers.id, or guest_customers.id when IsGuest
	ChannelID     int64
	MagentoID     int64 // 0 for guests
	IsGuest       bool
	Name, Email   string
	OrdersCount   int64
	LifetimeUnits int64
	Currency      string
}

// Dashboard computes the figures for [from, to) (UTC bounds the caller
// derived from local days) and the previous period of equal length; daily
// series use loc (the channel's default store view time zone).
func (s *Store) Dashboard(ctx context.Context, channelID int64, from, to string, loc *time.Location) (Dashboard, error) {
	if loc == nil {
		loc = time.UTC
	}
	f, err1 := time.ParseInLocation(TimeLayout, from, time.UTC)
	t, err2 := time.ParseInLocation(TimeLayout, to, time.UTC)
	if err1 != nil || err2 != nil || !t.After(f) {
		return Dashboard{}, fmt.Errorf("dashboard: bad period [%q, %q)", from, to)
	}
	d := Dashboard{ChannelID: channelID, From: from, To: to,
		PrevFrom: f.Add(-t.Sub(f)).Format(TimeLayout), PrevTo: from}
	if channelID != 0 {
		if err := s.r.QueryRowContext(ctx, `SELECT abandon_after FROM channels WHERE id = ?`, channelID).Scan(&d.AbandonAfterMinute); err != nil {
			return d, fmt.Errorf("dashboard: channel %d: %w", channelID, err)
		}
	}
	// The four parts are independent reads: run them side by side on the
	// read pool (a year-long period is dominated by the returning-customer
	// lookups of the current and the previous period).
	var wg sync.WaitGroup
	var errs [4]error
	parts := []func() error{
		func() (err error) { d.Current, err = s.periodFigures(ctx, channelID, d.From, d.To); return },
		func() (err error) { d.Previous, err = s.periodFigures(ctx, channelID, d.PrevFrom, d.PrevTo); return },
		func() (err error) { d.Days, err = s.dayFigures(ctx, channelID, f, t, loc); return },
		func() (err error) { d.TopCustomers, err = s.topCustomers(ctx, channelID, 10); return },
	}
	for i, part := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = part()
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return d, err
		}
	}
	return d, nil
}

// chanCond is "AND <alias>.channel_id = ?" when a channel is chosen.
func chanCond(alias string, channelID int64, args []any) (string, []any) {
	if channelID == 0 {
		return "", args
	}
	return " AND " + alias + ".channel_id = ?", append(args, channelID)
}

func (s *Store) periodFigures(ctx context.Context, channelID int64, from, to string) (PeriodFigures, error) {
	var p PeriodFigures
	byCur := map[string]*CurrencyFigures{}
	cur := func(c string) *CurrencyFigures {
		if byCur[c] == nil {
			byCur[c] = &CurrencyFigures{Currency: c}
		}
		return byCur[c]
	}
	wrap := func(what string, err error) error {
		return fmt.Errorf("dashboard %s [%s, %s): %w", what, from, to, err)
	}

	cc, args := chanCond("o", channelID, []any{from, to})
	rows, err := s.r.QueryContext(ctx, `SELECT o.base_currency, count(*), coalesce(sum(o.base_grand_total_units), 0)
		FROM orders o WHERE o.created_at >= ? AND o.created_at < ? AND o.state <> 'canceled'`+cc+` GROUP BY o.base_currency`, args...)
	if err != nil {
		return p, wrap("sales", err)
	}
	for rows.Next() {
		var c string
		var n, u int64
		if err := rows.Scan(&c, &n, &u); err != nil {
			rows.Close()
			return p, wrap("sales", err)
		}
		cur(c).Orders, cur(c).SalesUnits = n, u
		p.Orders += n
	}
	rows.Close()

	cc, args = chanCond("m", channelID, []any{from, to, CreditMemoRefunded})
	rows, err = s.r.QueryContext(ctx, `SELECT m.base_currency, coalesce(sum(m.base_grand_total_units), 0)
		FROM credit_memos m WHERE m.created_at >= ? AND m.created_at < ? AND m.state = ?`+cc+` GROUP BY m.base_currency`, args...)
	if err != nil {
		return p, wrap("refunds", err)
	}
	for rows.Next() {
		var c string
		var u int64
		if err := rows.Scan(&c, &u); err != nil {
			rows.Close()
			return p, wrap("refunds", err)
		}
		cur(c).RefundsUnits = u
	}
	rows.Close()

	// Abandoned carts last touched in the period, and carts of the period
	// that were purchased.
	cc, args = chanCond("t", channelID, []any{s.nowText(), from, to})
	rows, err = s.r.QueryContext(ctx, `SELECT t.base_currency, count(*), coalesce(sum(t.base_grand_total_units), 0)
		FROM carts t `+cartJoin+` WHERE `+abandonedExpr("t")+` AND t.updated_at >= ? AND t.updated_at < ?`+cc+`
		GROUP BY t.base_currency`, args...)
	if err != nil {
		return p, wrap("abandoned carts", err)
	}
	for rows.Next() {
		var c string
		var n, u int64
		if err := rows.Scan(&c, &n, &u); err != nil {
			rows.Close()
			return p, wrap("abandoned carts", err)
		}
		cur(c).AbandonedCarts, cur(c).AbandonedUnits = n, u
		p.AbandonedCarts += n
	}
	rows.Close()
	cc, args = chanCond("t", channelID, []any{from, to})
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM carts t WHERE t.status = 'purchased'
		AND t.updated_at >= ? AND t.updated_at < ?`+cc, args...).Scan(&p.PurchasedCarts); err != nil {
		return p, wrap("purchased carts", err)
	}
	if p.AbandonedCarts+p.PurchasedCarts > 0 {
		p.AbandonRate = float64(p.AbandonedCarts) / float64(p.AbandonedCarts+p.PurchasedCarts)
	}

	// Buyers of the period; returning = an earlier non-canceled order
	// (registered customers by id, guests by email). "+p.created_at" keeps
	// the lookups on the customer/email indexes instead of walking every
	// earlier order of the channel by date.
	cc, args = chanCond("o", channelID, []any{from, to})
	args = append(args, from, from)
	if err := s.r.QueryRowContext(ctx, `WITH buyers AS (
			SELECT DISTINCT o.channel_id AS ch, o.customer_id AS cid, CASE WHEN o.customer_id = 0 THEN o.email_lc ELSE '' END AS em
			FROM orders o WHERE o.created_at >= ? AND o.created_at < ? AND o.state <> 'canceled'`+cc+`)
		SELECT count(*), coalesce(sum(CASE WHEN b.cid <> 0 THEN EXISTS (SELECT 1 FROM orders p WHERE p.channel_id = b.ch
				AND p.customer_id = b.cid AND +p.created_at < ? AND p.state <> 'canceled')
			ELSE EXISTS (SELECT 1 FROM orders p WHERE p.channel_id = b.ch AND p.email_lc = b.em AND +p.customer_id = 0
				AND +p.created_at < ? AND p.state <> 'canceled') END), 0)
		FROM buyers b`, args...).Scan(&p.Customers, &p.ReturningCustomers); err != nil {
		return p, wrap("customers", err)
	}
	p.NewCustomers = p.Customers - p.ReturningCustomers

	for _, c := range byCur {
		c.RevenueUnits = c.SalesUnits - c.RefundsUnits
		if c.Orders > 0 {
			c.AOVUnits = c.SalesUnits / c.Orders
		}
		p.Currencies = append(p.Currencies, *c)
	}
	sort.Slice(p.Currencies, func(i, j int) bool { return p.Currencies[i].Currency < p.Currencies[j].Currency })
	return p, nil
}

// dayFigures buckets the period by local day. Each day's UTC bounds are
// computed in Go (time zones and DST), then SQL sums each range using the
// created_at indexes.
func (s *Store) dayFigures(ctx context.Context, channelID int64, from, to time.Time, loc *time.Location) ([]DayFigures, error) {
	var days []DayFigures
	lf := from.In(loc)
	day := time.Date(lf.Year(), lf.Month(), lf.Day(), 0, 0, 0, 0, loc)
	for day.Before(to) && len(days) < 3700 {
		next := day.AddDate(0, 0, 1)
		lo, hi := maxTime(day, from), minTime(next, to)
		days = append(days, DayFigures{Day: day.Format("2006-01-02"), From: lo.UTC().Format(TimeLayout),
			To: hi.UTC().Format(TimeLayout), RevenueUnits: map[string]int64{}})
		day = next
	}
	if len(days) == 0 {
		return days, nil
	}
	var vals []string
	var args []any
	for i, d := range days {
		vals = append(vals, "(?, ?, ?)")
		args = append(args, i, d.From, d.To)
	}
	with := "WITH days(i, lo, hi) AS (VALUES " + strings.Join(vals, ", ") + ") "
	cc, oargs := chanCond("o", channelID, append([]any{}, args...))
	rows, err := s.r.QueryContext(ctx, with+`SELECT d.i, o.base_currency, count(*), sum(o.base_grand_total_units)
		FROM days d CROSS JOIN orders o ON o.created_at >= d.lo AND o.created_at < d.hi
		WHERE o.state <> 'canceled'`+cc+` GROUP BY d.i, o.base_currency`, oargs...)
	if err != nil {
		return nil, fmt.Errorf("dashboard days: %w", err)
	}
	for rows.Next() {
		var i int
		var c string
		var n, u int64
		if err := rows.Scan(&i, &c, &n, &u); err != nil {
			rows.Close()
			return nil, fmt.Errorf("dashboard days: %w", err)
		}
		days[i].Orders += n
		days[i].RevenueUnits[c] += u
	}
	rows.Close()
	cc, margs := chanCond("m", channelID, append(append([]any{}, args...), CreditMemoRefunded))
	rows, err = s.r.QueryContext(ctx, with+`SELECT d.i, m.base_currency, sum(m.base_grand_total_units)
		FROM days d CROSS JOIN credit_memos m ON m.created_at >= d.lo AND m.created_at < d.hi
		WHERE m.state = ?`+cc+` GROUP BY d.i, m.base_currency`, margs...)
	if err != nil {
		return nil, fmt.Errorf("dashboard day refunds: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var i int
		var c string
		var u int64
		if err := rows.Scan(&i, &c, &u); err != nil {
			return nil, fmt.Errorf("dashboard day refunds: %w", err)
		}
		days[i].RevenueUnits[c] -= u
	}
	return days, rows.Err()
}

// topCustomers merges registered customers and guest groups by lifetime
// value (maintained per batch, so this reads two small index ranges).
func (s *Store) topCustomers(ctx context.Context, channelID int64, limit int) ([]TopCustomer, error) {
	var out []TopCustomer
	cc, args := chanCond("c", channelID, nil)
	rows, err := s.r.QueryContext(ctx, `SELECT c.id, c.channel_id, c.magento_id, c.firstname, c.lastname, c.email,
		c.orders_count, c.lifetime_units, c.lifetime_currency FROM customers c WHERE c.lifetime_units > 0`+cc+`
		ORDER BY c.lifetime_units DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("dashboard top customers: %w", err)
	}
	for rows.Next() {
		var t TopCustomer
		var first, last string
		if err := rows.Scan(&t.LocalID, &t.ChannelID, &t.MagentoID, &first, &last, &t.Email, &t.OrdersCount,
			&t.LifetimeUnits, &t.Currency); err != nil {
			rows.Close()
			return nil, fmt.Errorf("dashboard top customers: %w", err)
		}
		t.Name = fullName(first, last)
		out = append(out, t)
	}
	rows.Close()
	cc, args = chanCond("g", channelID, nil)
	rows, err = s.r.QueryContext(ctx, `SELECT g.id, g.channel_id, g.firstname, g.lastname, g.email, g.orders_count,
		g.lifetime_units, g.lifetime_currencies FROM guest_customers g WHERE g.lifetime_units > 0`+cc+`
		ORDER BY g.lifetime_units DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("dashboard top guests: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		t := TopCustomer{IsGuest: true}
		var first, last string
		if err := rows.Scan(&t.LocalID, &t.ChannelID, &first, &last, &t.Email, &t.OrdersCount, &t.LifetimeUnits, &t.Currency); err != nil {
			return nil, fmt.Errorf("dashboard top guests: %w", err)
		}
		t.Name = fullName(first, last)
		out = append(out, t)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].LifetimeUnits > out[j].LifetimeUnits })
	if len(out) > limit {
		out = out[:limit]
	}
	return out, rows.Err()
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
