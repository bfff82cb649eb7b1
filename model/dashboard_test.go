package model

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// Hand-computed fixture: the period is the local days 2024-03-01 and
// 2024-03-02 in UTC+2, i.e. [2024-02-29 22:00, 2024-03-02 22:00) UTC.
func TestDashboardFigures(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	s.SetClock(fixedClock("2024-03-03 12:00:00"))
	loc := time.FixedZone("UTC+2", 2*3600)

	ord := func(id, cust int64, email, created, total, cur string) Order {
		o := fxOrder(id, fmt.Sprint(id), cust, email, created, total)
		o.BaseCurrency, o.QuoteID = cur, 0
		return o
	}
	a := ord(1, 1, "c1@example.com", "2024-02-28 10:00:00", "100", "USD") // previous period
	b := ord(2, 1, "c1@example.com", "2024-03-01 08:00:00", "50", "USD")  // day 1, returning
	b.QuoteID = 2
	c := ord(3, 0, "x@example.com", "2024-03-01 23:30:00", "30", "USD")  // day 2 locally, new guest
	d := ord(4, 2, "c2@example.com", "2024-03-02 10:00:00", "20", "EUR") // day 2, new
	e := ord(5, 3, "c3@example.com", "2024-03-01 09:00:00", "999", "USD")
	e.State = "canceled"
	g := ord(6, 0, "y@example.com", "2024-02-10 10:00:00", "15", "USD") // before both periods
	h := ord(7, 0, "Y@example.com", "2024-03-02 05:00:00", "10", "USD") // day 2, returning guest
	refunded := fxMemo(1, 2, "CM1", "2024-03-02 12:00:00", "5")
	open := fxMemo(2, 3, "CM2", "2024-03-02 12:00:00", "7")
	open.State = CreditMemoOpen
	abandoned := fxCart(1, 1, "c1@example.com", true, "2024-03-01 10:00:00")
	purchased := fxCart(2, 1, "c1@example.com", false, "2024-03-01 07:00:00")
	prevAbandoned := fxCart(3, 2, "c2@example.com", true, "2024-02-28 10:00:00")

	apply(t, s, Batch{ChannelID: ch, Customers: []Customer{fxCustomer(1, "c1@example.com", "C", "One"),
		fxCustomer(2, "c2@example.com", "C", "Two"), fxCustomer(3, "c3@example.com", "C", "Three")}})
	apply(t, s, Batch{ChannelID: ch, Orders: []Order{a, b, c, d, e, g, h}})
	apply(t, s, Batch{ChannelID: ch, CreditMemos: []CreditMemo{refunded, open}, Carts: []Cart{abandoned, purchased, prevAbandoned}})

	db, err := s.Dashboard(ctx, ch, "2024-02-29 22:00:00", "2024-03-02 22:00:00", loc)
	if err != nil {
		t.Fatal(err)
	}
	if db.PrevFrom != "2024-02-27 22:00:00" || db.PrevTo != "2024-02-29 22:00:00" {
		t.Fatalf("previous period = [%s, %s)", db.PrevFrom, db.PrevTo)
	}
	cur := db.Current
	wantCur := []CurrencyFigures{
		{Currency: "EUR", SalesUnits: 200000, RevenueUnits: 200000, Orders: 1, AOVUnits: 200000},
		{Currency: "USD", SalesUnits: 900000, RefundsUnits: 50000, RevenueUnits: 850000, Orders: 3, AOVUnits: 300000,
			AbandonedCarts: 1, AbandonedUnits: 340000},
	}
	if fmt.Sprint(cur.Currencies) != fmt.Sprint(wantCur) {
		t.Fatalf("currencies\n got %+v\nwant %+v", cur.Currencies, wantCur)
	}
	if cur.Orders != 4 || cur.Customers != 4 || cur.NewCustomers != 2 || cur.ReturningCustomers != 2 {
		t.Fatalf("current customers: %+v", cur)
	}
	if cur.AbandonedCarts != 1 || cur.PurchasedCarts != 1 || cur.AbandonRate != 0.5 {
		t.Fatalf("current carts: %+v", cur)
	}
	prev := db.Previous
	if prev.Orders != 1 || prev.NewCustomers != 1 || prev.ReturningCustomers != 0 || prev.AbandonRate != 1 ||
		fmt.Sprint(prev.Currencies) != fmt.Sprint([]CurrencyFigures{{Currency: "USD", SalesUnits: 1000000, RevenueUnits: 1000000,
			Orders: 1, AOVUnits: 1000000, AbandonedCarts: 1, AbandonedUnits: 340000}}) {
		t.Fatalf("previous: %+v", prev)
	}
	days := fmt.Sprint(db.Days)
	wantDays := "[{2024-03-01 2024-02-29 22:00:00 2024-03-01 22:00:00 1 map[USD:500000]} " +
		"{2024-03-02 2024-03-01 22:00:00 2024-03-02 22:00:00 3 map[EUR:200000 USD:350000]}]"
	if days != wantDays {
		t.Fatalf("days\n got %s\nwant %s", days, wantDays)
	}
	var top []string
	for _, c := range db.TopCustomers {
		top = append(top, fmt.Sprintf("%s:%d:%v", c.Email, c.LifetimeUnits, c.IsGuest))
	}
	if fmt.Sprint(top) != "[c1@example.com:1450000:false x@example.com:300000:true Y@example.com:250000:true c2@example.com:200000:false]" {
		t.Fatalf("top customers = %v", top)
	}
}
