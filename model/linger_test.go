package model

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func setLingerFor(t *testing.T, d time.Duration) {
	old := lingerFor
	lingerFor = d
	t.Cleanup(func() { lingerFor = old })
}

// laterBatch is one page of an initial sync: an order and the bookmark
// past it, to be committed with the batches that follow.
func laterBatch(ch, run, id int64) Batch {
	created := "2024-03-01 10:00:00"
	return Batch{ChannelID: ch, Entity: EntityOrders, RunID: run, CommitLater: true, DeferDerived: true,
		Orders:   []Order{fxOrder(id, fmt.Sprintf("%09d", id), 0, "guest@example.com", created, "10")},
		Counters: Counters{Read: 1},
		State:    &SyncState{Watermark: created, WatermarkID: id}}
}

// committed reads what other connections see: the orders and the bookmark.
func committed(t *testing.T, s *Store, ch int64) (orders int, watermarkID int64) {
	t.Helper()
	if err := s.r.QueryRow(`SELECT count(*) FROM orders`).Scan(&orders); err != nil {
		t.Fatal(err)
	}
	st, err := s.SyncState(context.Background(), ch, EntityOrders)
	if err != nil {
		t.Fatal(err)
	}
	return orders, st.WatermarkID
}

func TestCommitLaterBatchesBecomeVisibleTogether(t *testing.T) {
	setLingerFor(t, time.Hour)
	s := newTestStore(t)
	ctx := context.Background()
	ch := newTestChannel(t, s)
	run := newTestRun(t, s, ch)
	for id := int64(1); id <= 3; id++ {
		if c := apply(t, s, laterBatch(ch, run, id)); c.Added != 1 {
			t.Fatalf("batch %d: %+v, want 1 added", id, c)
		}
	}
	if n, wm := committed(t, s, ch); n != 0 || wm != 0 {
		t.Fatalf("before any other write: %d orders, bookmark %d visible; want none", n, wm)
	}
	// Any other write commits them first (here: closing the run).
	if err := s.FinishRun(ctx, run, "ok", ""); err != nil {
		t.Fatal(err)
	}
	if n, wm := committed(t, s, ch); n != 3 || wm != 3 {
		t.Fatalf("after the run's end: %d orders, bookmark %d; want 3 and 3", n, wm)
	}
	runs, err := s.ListRuns(ctx, ch, 1)
	if err != nil || len(runs) != 1 || runs[0].Counters[EntityOrders].Read != 3 || runs[0].Counters[EntityOrders].Added != 3 {
		t.Fatalf("run counters = %+v, %v; want 3 read, 3 added", runs, err)
	}
}

func TestCommitLaterCommitsWithinLingerFor(t *testing.T) {
	setLingerFor(t, 50*time.Millisecond)
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	run := newTestRun(t, s, ch)
	apply(t, s, laterBatch(ch, run, 1))
	deadline := time.Now().Add(5 * time.Second)
	for {
		if n, wm := committed(t, s, ch); n == 1 && wm == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("a lone CommitLater batch was not committed by the linger timer")
		}
		time.Sleep(10 * time.Millisecond)
	}
	// A batch that finds the shared transaction older than lingerFor
	// commits it at once.
	lingerFor = time.Hour
	apply(t, s, laterBatch(ch, run, 2))
	lingerFor = 0
	apply(t, s, laterBatch(ch, run, 3))
	if n, wm := committed(t, s, ch); n != 3 || wm != 3 {
		t.Fatalf("after a batch past lingerFor: %d orders, bookmark %d; want 3 and 3", n, wm)
	}
}

func TestCommitLaterFailureFailsTheRestOfTheRun(t *testing.T) {
	setLingerFor(t, time.Hour)
	s := newTestStore(t)
	ctx := context.Background()
	ch := newTestChannel(t, s)
	// Order 666 fails inside the transaction, as a full disk would.
	if _, err := s.w.Exec(`CREATE TRIGGER fail_666 BEFORE INSERT ON orders WHEN NEW.magento_id = 666
		BEGIN SELECT RAISE(ABORT, 'disk full'); END`); err != nil {
		t.Fatal(err)
	}
	run := newTestRun(t, s, ch)
	apply(t, s, laterBatch(ch, run, 1))
	if _, err := s.ApplyBatch(ctx, laterBatch(ch, run, 666)); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("failing batch: err = %v", err)
	}
	// The earlier batch shared the rolled-back transaction: neither its
	// rows nor its bookmark may be there, or a resumed sync would skip it.
	if n, wm := committed(t, s, ch); n != 0 || wm != 0 {
		t.Fatalf("after the failure: %d orders, bookmark %d; want none", n, wm)
	}
	// The run's later pages carry bookmarks past the lost ones: refused.
	if _, err := s.ApplyBatch(ctx, laterBatch(ch, run, 2)); err == nil || !strings.Contains(err.Error(), "not saved") {
		t.Fatalf("batch after the failure in the same run: err = %v, want refusal", err)
	}
	s.FinishRun(ctx, run, "failed", "disk full")
	// The next run starts from the last commit and goes through.
	run2 := newTestRun(t, s, ch)
	apply(t, s, laterBatch(ch, run2, 1))
	apply(t, s, laterBatch(ch, run2, 2))
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	if n, wm := committed(t, s, ch); n != 2 || wm != 2 {
		t.Fatalf("next run: %d orders, bookmark %d; want 2 and 2", n, wm)
	}
}

func TestCommitLaterStopBetweenBatchesKeepsTheEarlierOnes(t *testing.T) {
	setLingerFor(t, time.Hour)
	s, err := Open(filepath.Join(t.TempDir(), "magedesk.db"))
	if err != nil {
		t.Fatal(err)
	}
	ch := newTestChannel(t, s)
	run := newTestRun(t, s, ch)
	apply(t, s, laterBatch(ch, run, 1))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.ApplyBatch(ctx, laterBatch(ch, run, 2)); !errors.Is(err, context.Canceled) {
		t.Fatalf("batch after cancel: err = %v, want context.Canceled", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if n, wm := committed(t, s2, ch); n != 1 || wm != 1 {
		t.Fatalf("after cancel and close: %d orders, bookmark %d; want 1 and 1", n, wm)
	}
}
