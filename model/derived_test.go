package model

import (
	"context"
	"fmt"
	"math/rand"
	"reflect"
	"testing"
)

// derivedFixture is a random shop history in batches: customers (some
// sharing an email with guest orders), guest and customer orders in
// several states and currencies, guest and customer carts, credit memos
// in several states, and later deliveries that move an order to another
// customer or cancel it.
func derivedFixture(seed int64) []Batch {
	r := rand.New(rand.NewSource(seed))
	email := func() string { return fmt.Sprintf("Person%d@Example.com", r.Intn(40)) }
	day := func() string {
		return fmt.Sprintf("2024-%02d-%02d %02d:00:00", 1+r.Intn(12), 1+r.Intn(28), r.Intn(24))
	}
	var out []Batch
	var customers []Customer
	for id := int64(1); id <= 30; id++ {
		customers = append(customers, fxCustomer(id, email(), "C", fmt.Sprint(id)))
	}
	out = append(out, Batch{Entity: EntityCustomers, Customers: customers[:15]}, Batch{Entity: EntityCustomers, Customers: customers[15:]})
	var orders []Order
	for id := int64(1); id <= 300; id++ {
		var cust int64
		if r.Intn(2) == 0 {
			cust = 1 + r.Int63n(30)
		}
		o := fxOrder(id, fmt.Sprintf("%09d", id), cust, email(), day(), fmt.Sprintf("%d.%02d", 1+r.Intn(500), r.Intn(100)))
		o.CustomerFirstname, o.CustomerLastname = fmt.Sprintf("F%d", r.Intn(5)), fmt.Sprintf("L%d", id)
		if r.Intn(8) == 0 {
			o.State = "canceled"
		}
		if r.Intn(6) == 0 {
			o.BaseCurrency = "EUR"
		}
		orders = append(orders, o)
	}
	for start := 0; start < len(orders); start += 40 {
		out = append(out, Batch{Entity: EntityOrders, Orders: orders[start:min(start+40, len(orders))]})
	}
	var carts []Cart
	for id := int64(1); id <= 120; id++ {
		var cust int64
		if r.Intn(3) == 0 {
			cust = 1 + r.Int63n(30)
		}
		c := fxCart(5000+id, cust, email(), r.Intn(2) == 0, day())
		c.CustomerFirstname = fmt.Sprintf("CartF%d", id)
		carts = append(carts, c)
	}
	out = append(out, Batch{Entity: EntityCarts, Carts: carts[:60]}, Batch{Entity: EntityCarts, Carts: carts[60:]})
	var memos []CreditMemo
	for id := int64(1); id <= 60; id++ {
		m := fxMemo(id, 1+r.Int63n(300), fmt.Sprint(id), day(), fmt.Sprintf("%d.5", 1+r.Intn(50)))
		if r.Intn(4) == 0 {
			m.State = 1
		}
		memos = append(memos, m)
	}
	out = append(out, Batch{Entity: EntityCreditMemos, CreditMemos: memos})
	// Later deliveries: orders moved to a customer or to a guest, canceled.
	var later []Order
	for i := 0; i < 30; i++ {
		o := orders[r.Intn(len(orders))]
		o.UpdatedAt = "2025-01-01 00:00:00"
		switch r.Intn(3) {
		case 0:
			o.CustomerID, o.CustomerIsGuest = 1+r.Int63n(30), false
		case 1:
			o.CustomerID, o.CustomerIsGuest, o.CustomerEmail = 0, true, email()
		default:
			o.State = "canceled"
		}
		later = append(later, o)
	}
	out = append(out, Batch{Entity: EntityOrders, Orders: later})
	return out
}

// derivedState is every derived figure of a channel, keyed by Magento id
// or email (local ids differ between stores).
func derivedState(t *testing.T, s *Store, ch int64) (map[int64][5]any, map[string][10]any) {
	t.Helper()
	custs := map[int64][5]any{}
	rows, err := s.r.Query(`SELECT magento_id, orders_count, lifetime_units, first_order_at, last_order_at, lifetime_currency
		FROM customers WHERE channel_id = ?`, ch)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id, n, units int64
		var first, last, cur string
		if err := rows.Scan(&id, &n, &units, &first, &last, &cur); err != nil {
			t.Fatal(err)
		}
		custs[id] = [5]any{n, units, first, last, cur}
	}
	rows.Close()
	guests := map[string][10]any{}
	rows, err = s.r.Query(`SELECT email_lc, email, firstname, lastname, orders_count, carts_count, first_order_at,
		last_order_at, linked_customer_id, lifetime_units, lifetime_currencies FROM guest_customers WHERE channel_id = ?`, ch)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var lc, em, fn, ln, first, last, curs string
		var n, carts, link, units int64
		if err := rows.Scan(&lc, &em, &fn, &ln, &n, &carts, &first, &last, &link, &units, &curs); err != nil {
			t.Fatal(err)
		}
		guests[lc] = [10]any{em, fn, ln, n, carts, first, last, link, units, curs}
	}
	return custs, guests
}

// TestDeferredDerivedEqualsPerBatch: the initial sync's deferred figures,
// recomputed at once by RefreshDerived, equal the figures kept batch by
// batch, for several random histories.
func TestDeferredDerivedEqualsPerBatch(t *testing.T) {
	ctx := context.Background()
	for seed := int64(1); seed <= 5; seed++ {
		now, later := newTestStore(t), newTestStore(t)
		chNow, chLater := newTestChannel(t, now), newTestChannel(t, later)
		for _, b := range derivedFixture(seed) {
			b.ChannelID = chNow
			apply(t, now, b)
			b.ChannelID, b.DeferDerived = chLater, true
			apply(t, later, b)
		}
		// A customer erased in Magento unlinks its guest group in both.
		for _, st := range []struct {
			s  *Store
			ch int64
		}{{now, chNow}, {later, chLater}} {
			if err := st.s.MarkRemoved(ctx, st.ch, EntityCustomers, []int64{3}); err != nil {
				t.Fatal(err)
			}
		}
		_, staleGuests := derivedState(t, later, chLater)
		ran, err := later.RefreshDerived(ctx, chLater)
		if err != nil || !ran {
			t.Fatalf("seed %d: refresh ran=%v err=%v", seed, ran, err)
		}
		wantC, wantG := derivedState(t, now, chNow)
		gotC, gotG := derivedState(t, later, chLater)
		if len(wantG) < 10 || len(wantC) != 30 {
			t.Fatalf("seed %d: fixture too small: %d guests, %d customers", seed, len(wantG), len(wantC))
		}
		if reflect.DeepEqual(staleGuests, wantG) {
			t.Fatalf("seed %d: deferred batches already had the final guest figures; nothing was deferred", seed)
		}
		if !reflect.DeepEqual(gotC, wantC) {
			for id, w := range wantC {
				if gotC[id] != w {
					t.Errorf("seed %d customer %d: refreshed %v, per batch %v", seed, id, gotC[id], w)
				}
			}
		}
		if !reflect.DeepEqual(gotG, wantG) {
			for lc, w := range wantG {
				if gotG[lc] != w {
					t.Errorf("seed %d guest %s: refreshed %v, per batch %v", seed, lc, gotG[lc], w)
				}
			}
			for lc := range gotG {
				if _, ok := wantG[lc]; !ok {
					t.Errorf("seed %d guest %s: refreshed has a group per batch has not", seed, lc)
				}
			}
		}
		if ran, err := later.RefreshDerived(ctx, chLater); err != nil || ran {
			t.Fatalf("seed %d: second refresh ran=%v err=%v, want nothing to do", seed, ran, err)
		}
	}
}
