package model

import "testing"

// Every search index of a new database merges at 16 segments a level
// (migration 0006).
func TestSearchIndexesMergeAtSixteenSegments(t *testing.T) {
	s := newTestStore(t)
	for _, table := range []string{"customers_fts", "carts_fts", "orders_fts", "credit_memos_fts", "products_fts"} {
		var v int
		if err := s.r.QueryRow(`SELECT v FROM ` + table + `_config WHERE k = 'automerge'`).Scan(&v); err != nil || v != 16 {
			t.Errorf("%s automerge = %d, %v; want 16", table, v, err)
		}
	}
}
