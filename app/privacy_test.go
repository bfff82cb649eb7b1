package app

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/magedesk/magedesk/connector/magentosim"
	"github.com/magedesk/magedesk/model"
)

// customerWithOrders finds a synced customer who has orders and a distinctive email.
func customerWithOrders(t *testing.T, db *sql.DB, channelID int64) (id int64, email, last string, orders int, incr string) {
	t.Helper()
	err := db.QueryRow(`SELECT c.id, c.email, c.lastname, count(o.id), max(o.increment_id) FROM customers c
		JOIN orders o ON o.channel_id = c.channel_id AND o.customer_id = c.magento_id
		WHERE c.channel_id = ? AND length(c.lastname) > 4 GROUP BY c.id ORDER BY count(o.id) DESC LIMIT 1`, channelID).
		Scan(&id, &email, &last, &orders, &incr)
	if err != nil {
		t.Fatalf("no customer with orders: %v", err)
	}
	return
}

func countWhere(t *testing.T, db *sql.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func TestForgetCustomerErasesThemFromEveryFileInTheDataFolder(t *testing.T) {
	ctx := context.Background()
	c, ch := syncedCore(t, magentosim.Options{Token: "test-token", BearerEnabled: true})
	db, err := sql.Open("sqlite3", "file:"+c.Store.Path()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	id, email, last, nOrders, incr := customerWithOrders(t, db, ch.ID)
	ordersBefore := countWhere(t, db, `SELECT count(*) FROM orders WHERE channel_id = ?`, ch.ID)
	revenueBefore := countWhere(t, db, `SELECT sum(base_grand_total_units) FROM orders WHERE channel_id = ?`, ch.ID)
	var otherEmail string
	db.QueryRow(`SELECT email FROM customers WHERE channel_id = ? AND id <> ? AND email <> '' LIMIT 1`, ch.ID, id).Scan(&otherEmail)

	events := collect(t, c)
	if err := c.ForgetCustomer(ctx, id); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, events, time.Second, func(e Event) bool { return e.Kind == EvDataChanged && e.ChannelID == ch.ID })

	// Nothing in the folder's files names them any more: DB, WAL, logs.
	files, _ := filepath.Glob(filepath.Join(c.DataDir(), "*"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		// The email is unique to them (the simulator's surnames are not).
		if bytes.Contains(bytes.ToLower(b), bytes.ToLower([]byte(email))) {
			t.Errorf("%s still contains %q", filepath.Base(f), email)
			if os.Getenv("MAGEDESK_KEEP_FORGET") != "" {
				cp := "/tmp/forget-" + filepath.Base(f)
				os.WriteFile(cp, b, 0o600)
				t.Logf("copied to %s", cp)
			}
		}
	}
	if n := countWhere(t, db, `SELECT count(*) FROM orders WHERE channel_id = ? AND customer_lastname = ? AND customer_id = (SELECT magento_id FROM customers WHERE id = ?)`, ch.ID, last, id); n != 0 {
		t.Fatalf("%d orders still carry the name", n)
	}
	// Orders stay (totals, numbers) and are still found by number.
	if n := countWhere(t, db, `SELECT count(*) FROM orders WHERE channel_id = ?`, ch.ID); n != ordersBefore {
		t.Fatalf("orders %d, want %d", n, ordersBefore)
	}
	if n := countWhere(t, db, `SELECT sum(base_grand_total_units) FROM orders WHERE channel_id = ?`, ch.ID); n != revenueBefore {
		t.Fatalf("revenue changed: %d, want %d", n, revenueBefore)
	}
	if n := countWhere(t, db, `SELECT count(*) FROM orders_fts WHERE orders_fts MATCH ?`, `"`+incr+`"`); n != 1 {
		t.Fatalf("order %s found %d times by number after forgetting (had %d orders)", incr, n, nOrders)
	}
	if n := countWhere(t, db, `SELECT count(*) FROM customers WHERE id = ? AND removed_in_magento = 1 AND email = ''`, id); n != 1 {
		t.Fatal("customer row is not a tombstone")
	}
	// Other customers are untouched.
	if otherEmail != "" && countWhere(t, db, `SELECT count(*) FROM customers WHERE email = ?`, otherEmail) != 1 {
		t.Fatalf("another customer (%s) was erased too", otherEmail)
	}
	if err := c.ForgetCustomer(ctx, 999999); !errors.Is(err, ErrCustomerNotFound) {
		t.Fatalf("unknown customer: %v", err)
	}
}

func TestResetChannelDataEmptiesOnlyThatChannel(t *testing.T) {
	ctx := context.Background()
	c, ch := syncedCore(t, magentosim.Options{Token: "test-token", BearerEnabled: true})
	_, url2 := startSim(t, magentosim.Options{Seed: 11, Token: "t2", BearerEnabled: true})
	other := simChannel(t, c, url2, "t2")
	events := collect(t, c)
	c.Scheduler.SyncNow(other.ID)
	waitEvent(t, events, 60e9, finishedFor(other.ID))
	keep, _ := storedCount(c.Store, other.ID, model.EntityOrders)
	if err := c.ResetChannelData(ctx, ch.ID); err != nil {
		t.Fatal(err)
	}
	for _, e := range []string{model.EntityCustomers, model.EntityOrders, model.EntityCarts, model.EntityCreditMemos} {
		if n, _ := storedCount(c.Store, ch.ID, e); n != 0 {
			t.Errorf("%d %s left after reset", n, e)
		}
	}
	if n, _ := storedCount(c.Store, other.ID, model.EntityOrders); n != keep || n == 0 {
		t.Fatalf("other channel has %d orders, want %d", n, keep)
	}
	got, err := c.Store.GetChannel(ctx, ch.ID)
	if err != nil || got.LastSyncAt != "" {
		t.Fatalf("channel after reset: %+v, %v", got, err)
	}
}
