package model

import (
	"context"
	"maps"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// orderIndexes is the CREATE statement of every index on orders, by name.
func orderIndexes(t *testing.T, s *Store) map[string]string {
	t.Helper()
	rows, err := s.r.Query(`SELECT name, coalesce(sql, '') FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'orders'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, stmt string
		if err := rows.Scan(&name, &stmt); err != nil {
			t.Fatal(err)
		}
		out[name] = stmt
	}
	return out
}

// requireRestored fails unless the orders' indexes are exactly before
// again and nothing is left deferred.
func requireRestored(t *testing.T, s *Store, before map[string]string, when string) {
	t.Helper()
	if after := orderIndexes(t, s); !maps.Equal(after, before) {
		t.Fatalf("indexes %s differ:\n before %v\n after  %v", when, before, after)
	}
	if n := deferredRows(t, s); n != 0 {
		t.Fatalf("deferred_indexes keeps %d rows %s", n, when)
	}
}

func deferredRows(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	if err := s.r.QueryRow(`SELECT count(*) FROM deferred_indexes`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// An initial walk into an empty orders table drops the list indexes
// while it loads and the run's end builds the very same ones again; the
// lookups the write path needs stay throughout.
func TestInitialWalkDefersOrderIndexesUntilTheRunEnds(t *testing.T) {
	setLingerFor(t, time.Hour)
	s := newTestStore(t)
	ctx := context.Background()
	ch := newTestChannel(t, s)
	before := orderIndexes(t, s)
	for _, name := range deferrableIndexes[EntityOrders].indexes {
		if before[name] == "" {
			t.Fatalf("index %s is not in the schema: %v", name, before)
		}
	}
	run := newTestRun(t, s, ch)
	for id := int64(1); id <= 3; id++ {
		apply(t, s, laterBatch(ch, run, id))
	}
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	during := orderIndexes(t, s)
	for _, name := range deferrableIndexes[EntityOrders].indexes {
		if _, ok := during[name]; ok {
			t.Errorf("index %s still present during the walk", name)
		}
	}
	if _, ok := during["orders_quote"]; !ok {
		t.Errorf("orders_quote (a cart upsert looks its order up by it) was dropped")
	}
	if n := deferredRows(t, s); n != len(deferrableIndexes[EntityOrders].indexes) {
		t.Fatalf("deferred_indexes has %d rows during the walk, want %d", n, len(deferrableIndexes[EntityOrders].indexes))
	}
	// Lists still work without them.
	if _, err := s.ListOrders(ctx, ListQuery{ChannelID: ch, Limit: 10}); err != nil {
		t.Fatalf("list orders during the walk: %v", err)
	}
	if err := s.FinishRun(ctx, run, "canceled", "stopped by the user"); err != nil {
		t.Fatal(err)
	}
	requireRestored(t, s, before, "after the run")
}

// A table that already holds another channel's orders keeps its indexes
// (that channel is browsed while the new one loads), and so does a walk
// that resumes with many rows stored.
func TestInitialWalkKeepsIndexesOfATableInUse(t *testing.T) {
	setLingerFor(t, time.Hour)
	s := newTestStore(t)
	ctx := context.Background()
	first := newTestChannel(t, s)
	apply(t, s, Batch{ChannelID: first, Entity: EntityOrders,
		Orders: []Order{fxOrder(1, "000000001", 0, "a@example.com", "2024-03-01 10:00:00", "10")}})
	before := orderIndexes(t, s)
	second := newTestChannel(t, s)
	run := newTestRun(t, s, second)
	apply(t, s, laterBatch(second, run, 1))
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	if during := orderIndexes(t, s); !maps.Equal(during, before) {
		t.Fatalf("indexes changed while another channel's orders are stored: %v", slices.Sorted(maps.Keys(during)))
	}
	if err := s.FinishRun(ctx, run, "ok", ""); err != nil {
		t.Fatal(err)
	}
}

// A sync killed mid-walk leaves the indexes deferred; the next Open builds
// them before anything else reads.
func TestOpenBuildsIndexesACrashedWalkDeferred(t *testing.T) {
	setLingerFor(t, time.Hour)
	path := filepath.Join(t.TempDir(), "crash.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ch := newTestChannel(t, s)
	before := orderIndexes(t, s)
	run := newTestRun(t, s, ch)
	apply(t, s, laterBatch(ch, run, 1))
	// The process dies after the batch's commit, before FinishRun.
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	if n := deferredRows(t, s); n == 0 {
		t.Fatal("nothing deferred by the walk")
	}
	s.r.Close()
	s.w.Close()

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	requireRestored(t, s, before, "after reopening")
}

// The walk's end shows in the first ordinary batch of the entity (the
// incremental pass): its indexes are built before it is written, as the
// per-batch figures read through them.
func TestOrdinaryBatchBuildsDeferredIndexes(t *testing.T) {
	setLingerFor(t, time.Hour)
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	before := orderIndexes(t, s)
	run := newTestRun(t, s, ch)
	apply(t, s, laterBatch(ch, run, 1))
	apply(t, s, Batch{ChannelID: ch, Entity: EntityOrders, RunID: run,
		Orders: []Order{fxOrder(2, "000000002", 0, "b@example.com", "2024-03-02 10:00:00", "20")}})
	requireRestored(t, s, before, "after the ordinary batch")
}
