package model

import (
	"testing"
	"time"
)

// New rows get their id from the applier (newRowID): batches sharing one
// transaction continue each other's ids, a row's children and side rows
// (raw JSON, search text) hang off the id it was given, and after the
// row with the largest id is gone the next id is what SQLite would give.
func TestNewRowIDsAcrossSharedTransactionAndDeletes(t *testing.T) {
	setLingerFor(t, time.Hour)
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	run := newTestRun(t, s, ch)
	for id := int64(1); id <= 3; id++ {
		apply(t, s, laterBatch(ch, run, id))
	}
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	ids := func() map[int64]int64 { // magento id -> local id
		t.Helper()
		out := map[int64]int64{}
		rows, err := s.r.Query(`SELECT magento_id, id FROM orders WHERE channel_id = ?`, ch)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var m, id int64
			if err := rows.Scan(&m, &id); err != nil {
				t.Fatal(err)
			}
			out[m] = id
		}
		return out
	}
	got := ids()
	if len(got) != 3 || got[2] != got[1]+1 || got[3] != got[2]+1 {
		t.Fatalf("ids after three batches in one transaction: %v", got)
	}
	// Every order's items, raw JSON and search text belong to its id.
	for m, id := range got {
		var items, raw, fts int
		s.r.QueryRow(`SELECT count(*) FROM order_items WHERE order_id = ?`, id).Scan(&items)
		s.r.QueryRow(`SELECT count(*) FROM orders_raw WHERE id = ?`, id).Scan(&raw)
		s.r.QueryRow(`SELECT count(*) FROM orders_fts WHERE rowid = ?`, id).Scan(&fts)
		if items == 0 || raw != 1 || fts != 1 {
			t.Errorf("order %d (id %d): %d items, %d raw, %d search rows", m, id, items, raw, fts)
		}
	}

	// The largest id goes (with its side rows, as a forget does); the next
	// new order takes that id again, as SQLite would.
	last := got[3]
	for _, q := range []string{`DELETE FROM order_items WHERE order_id = ?`, `DELETE FROM orders_raw WHERE id = ?`,
		`DELETE FROM orders_fts WHERE rowid = ?`, `DELETE FROM orders WHERE id = ?`} {
		if _, err := s.w.Exec(q, last); err != nil {
			t.Fatal(err)
		}
	}
	apply(t, s, laterBatch(ch, run, 4))
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	if got := ids(); got[4] != last || len(got) != 3 {
		t.Fatalf("after deleting id %d, the next order got ids %v", last, got)
	}
}
