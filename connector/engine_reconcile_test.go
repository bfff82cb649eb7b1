package connector

import (
	"context"
	"database/sql"
	"testing"

	"github.com/magedesk/magedesk/model"
)

func TestIncrementalPicksUpExactlyTheChangedRows(t *testing.T) {
	env := newSimEnv(t, smallStore(21))
	env.run(EngineOptions{PageSize: 40})
	snap := env.sim.Snapshot()
	touched := map[string]int{model.EntityCustomers: 3, model.EntityOrders: 5, model.EntityCreditMemos: 2}
	for ent, n := range touched {
		ids := snap.IDs(ent)
		for i := 0; i < n; i++ {
			if err := env.sim.Touch(ent, ids[i*7]); err != nil {
				t.Fatal(err)
			}
		}
	}
	e := env.run(EngineOptions{PageSize: 40})
	c := e.Counters()
	for ent, n := range touched {
		if c[ent].Updated != int64(n) || c[ent].Added != 0 {
			t.Errorf("%s: %+v after touching %d", ent, c[ent], n)
		}
	}
	if c[model.EntityCarts].Updated != 0 {
		t.Errorf("carts changed without a touch: %+v", c[model.EntityCarts])
	}
	env.assertInSync(allEntities...)
}

func TestSameTimestampClusterLargerThanAPage(t *testing.T) {
	env := newSimEnv(t, smallStore(22))
	// Initial walk over clusters: 130 orders share one second, pages of 25.
	if n := env.sim.ForceSameTimestamp(model.EntityOrders, 130, "2024-03-01 10:00:00"); n != 130 {
		t.Fatalf("forced %d orders", n)
	}
	env.run(EngineOptions{PageSize: 25, Concurrency: 2})
	env.assertInSync(model.EntityOrders)
	// Incremental over a new cluster bigger than several pages.
	if n := env.sim.ForceSameTimestamp(model.EntityCustomers, 90); n != 90 {
		t.Fatalf("forced %d customers", n)
	}
	env.run(EngineOptions{PageSize: 25})
	env.assertInSync(model.EntityCustomers, model.EntityOrders)
}

func TestReconcileMarksRemovedCustomersAndCarts(t *testing.T) {
	env := newSimEnv(t, smallStore(23))
	ctx := context.Background()
	env.run(EngineOptions{PageSize: 40})

	// A customer without carts (so deleting it does not also purge the
	// carts we watch), an open cart and a purchased cart of other customers.
	open := queryInt(t, env.store.Path(), "SELECT magento_id FROM carts WHERE status = 'open' ORDER BY magento_id LIMIT 1")
	purchased := queryInt(t, env.store.Path(), "SELECT magento_id FROM carts WHERE status = 'purchased' ORDER BY magento_id LIMIT 1")
	customer := queryInt(t, env.store.Path(), `SELECT magento_id FROM customers c WHERE NOT EXISTS
		(SELECT 1 FROM carts k WHERE k.customer_id = c.magento_id) ORDER BY magento_id LIMIT 1`)
	if open == 0 || purchased == 0 || customer == 0 {
		t.Fatalf("fixture: open cart %d, purchased cart %d, customer %d", open, purchased, customer)
	}
	for _, err := range []error{env.sim.DeleteCustomer(customer), env.sim.PurgeCart(open), env.sim.PurgeCart(purchased)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	// A normal run cannot see deletions.
	env.run(EngineOptions{PageSize: 40})
	if known, _ := env.store.KnownIDs(ctx, env.ch.ID, model.EntityCustomers); known[customer] == "" {
		t.Fatal("the incremental run already noticed the deletion; the test proves nothing")
	}

	if err := env.engine(EngineOptions{PageSize: 40}).Reconcile(ctx); err != nil {
		t.Fatal(err)
	}
	path := env.store.Path()
	if n := queryInt(t, path, "SELECT count(*) FROM customers WHERE magento_id = ? AND removed_in_magento = 1 AND email = ''", customer); n != 1 {
		t.Errorf("deleted customer %d not erased", customer)
	}
	if st := queryText(t, path, "SELECT status FROM carts WHERE magento_id = ?", open); st != model.CartExpired {
		t.Errorf("purged open cart is %q, want expired", st)
	}
	if st := queryText(t, path, "SELECT status FROM carts WHERE magento_id = ?", purchased); st != model.CartPurchased {
		t.Errorf("purged purchased cart is %q, want purchased", st)
	}
	env.assertInSync(model.EntityCustomers, model.EntityCarts, model.EntityOrders)
}

func TestReconcileRereadsNewsletterStatusWithoutUpdatedAt(t *testing.T) {
	opts := smallStore(24)
	opts.NewsletterModule = false // subscribers derived from customers' is_subscribed
	env := newSimEnv(t, opts)
	ctx := context.Background()
	env.run(EngineOptions{PageSize: 40})
	path := env.store.Path()
	customer := queryInt(t, path, "SELECT customer_id FROM subscribers WHERE source = 'customer' AND status = 1 ORDER BY customer_id LIMIT 1")
	if customer == 0 {
		t.Fatal("no subscribed customer synced")
	}
	if err := env.sim.SetSubscriberStatus(customer, model.SubscriberUnsubscribe); err != nil {
		t.Fatal(err)
	}
	status := func() int64 {
		return queryInt(t, path, "SELECT status FROM subscribers WHERE source = 'customer' AND customer_id = ?", customer)
	}
	env.run(EngineOptions{PageSize: 40})
	if status() != model.SubscriberSubscribed {
		t.Fatal("the incremental run already saw the change; the test proves nothing")
	}
	if err := env.engine(EngineOptions{PageSize: 40}).Reconcile(ctx); err != nil {
		t.Fatal(err)
	}
	if got := status(); got == model.SubscriberSubscribed {
		t.Errorf("subscriber of customer %d still subscribed after reconcile", customer)
	}
}

func queryInt(t *testing.T, path, q string, args ...any) int64 {
	t.Helper()
	var n sql.NullInt64
	queryRow(t, path, q, args, &n)
	return n.Int64
}

func queryText(t *testing.T, path, q string, args ...any) string {
	t.Helper()
	var s sql.NullString
	queryRow(t, path, q, args, &s)
	return s.String
}

func queryRow(t *testing.T, path, q string, args []any, dest any) {
	t.Helper()
	db, err := sql.Open("sqlite3", path+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow(q, args...).Scan(dest); err != nil && err != sql.ErrNoRows {
		t.Fatalf("%s: %v", q, err)
	}
}
