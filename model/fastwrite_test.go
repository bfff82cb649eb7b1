package model

import (
	"context"
	"strings"
	"testing"
	"time"
)

// The writer's row writes go through the fast writer on the writer
// connection's own handle. If go-sqlite3 (pinned in go.mod) ever moves
// its handle, this fails instead of the sync silently binding through
// database/sql again.
func TestFastWriterIsUsed(t *testing.T) {
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	ctx := context.Background()
	var queries []string
	traceWrite = func(q string) { queries = append(queries, q) }
	defer func() { traceWrite = nil }()
	b := Batch{ChannelID: ch, Entity: EntityOrders, Orders: []Order{fxOrder(1, "000000001", 0, "a@example.com", "2025-01-02 03:04:05", "10.00")}}
	if _, err := s.ApplyBatch(ctx, b); err != nil {
		t.Fatal(err)
	}
	if s.fast == nil {
		t.Fatal("the writer bound its rows through database/sql: no fast writer")
	}
	for _, want := range []string{"INSERT INTO orders(", "INSERT INTO order_items("} {
		if _, ok := s.fast.stmts[findQuery(queries, want)]; !ok {
			t.Errorf("%q… was not prepared by the fast writer", want)
		}
	}
}

func findQuery(qs []string, prefix string) string {
	for _, q := range qs {
		if strings.HasPrefix(q, prefix) {
			return q
		}
	}
	return ""
}

// Values bind as database/sql binds them: strings (empty, with NULs and
// non-ASCII), integers at both ends, bools, floats, nil pointers as NULL,
// []byte as blob (nil as NULL, empty as an empty blob), driver.Valuers by
// their value.
func TestFastWriterBindsLikeDatabaseSQL(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	if _, err := s.w.Exec(`CREATE TABLE fw(a, b, c, d, e, f, g, h, i, j, k)`); err != nil {
		t.Fatal(err)
	}
	str, n, yes := "héllo\x00world", int64(-1<<63), true
	var nilStr *string
	street := []string{"1 Rue Nulle", "Bâtiment B"}
	vals := []any{&str, "", &n, int64(1<<63 - 1), &yes, false, 2.5, nilStr, []byte(nil), []byte{}, jsonList[string]{&street}}
	insert := `INSERT INTO fw VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	// Row 1: the fast writer; row 2: database/sql given the values
	// themselves; row 3: the packed values through database/sql (the
	// writer's path when there is no fast writer).
	for _, path := range []string{"fast", "database/sql", "unpacked"} {
		err := s.writeTx(ctx, func(w *txw) error {
			if path == "database/sql" {
				return w.execFused(insert, vals...)
			}
			if path == "unpacked" {
				w.fast = nil
			} else if w.fast == nil {
				t.Fatal("no fast writer")
			}
			w.args.reset()
			for _, v := range vals {
				w.args.add(v)
			}
			if w.args.err != nil {
				t.Fatalf("a value could not be packed: %v", w.args.err)
			}
			return w.execPacked(insert)
		})
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	rows, err := s.r.Query(`SELECT hex(a), quote(b), quote(c), quote(d), quote(e), quote(f), quote(g), quote(h), quote(i), quote(j), quote(k), typeof(a) FROM fw ORDER BY rowid`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		r := make([]string, 12)
		ptrs := make([]any, len(r))
		for i := range r {
			ptrs[i] = &r[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		got = append(got, strings.Join(r, " | "))
	}
	if len(got) != 3 {
		t.Fatalf("%d rows, want 3", len(got))
	}
	if got[0] != got[1] || got[2] != got[1] {
		t.Fatalf("fast writer bound\n  %s\ndatabase/sql bound\n  %s\nunpacked through database/sql\n  %s", got[0], got[1], got[2])
	}
	if !strings.HasPrefix(got[0], "68C3A96C6C6F00776F726C64 | '' |") || !strings.Contains(got[0], "X''") || !strings.Contains(got[0], "NULL") {
		t.Fatalf("unexpected values: %s", got[0])
	}
}

// A failed write reports SQLite's message with its statement, and the
// statement can be used again afterwards.
func TestFastWriterReportsErrors(t *testing.T) {
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	ctx := context.Background()
	insert := `INSERT INTO websites(channel_id, magento_id, code, name) VALUES (?, ?, ?, ?)`
	write := func(magentoID int64) error {
		return s.writeTx(ctx, func(w *txw) error {
			w.args.reset()
			for _, v := range []any{ch, magentoID, "base", "Main"} {
				w.args.add(v)
			}
			return w.execPacked(insert)
		})
	}
	if err := write(7); err != nil {
		t.Fatal(err)
	}
	err := write(7)
	if err == nil || !strings.Contains(err.Error(), "UNIQUE constraint failed") || !strings.Contains(err.Error(), "INSERT INTO websites") {
		t.Fatalf("duplicate insert: err = %v, want the UNIQUE failure with its statement", err)
	}
	if err := write(8); err != nil {
		t.Fatalf("insert after a failure: %v", err)
	}
	var n int
	s.r.QueryRow(`SELECT count(*) FROM websites WHERE channel_id = ?`, ch).Scan(&n)
	if n != 2 {
		t.Fatalf("websites = %d, want 2", n)
	}
	// Fewer arguments than parameters is refused before anything is bound.
	err = s.writeTx(ctx, func(w *txw) error {
		w.args.reset()
		w.args.int(ch)
		return w.execPacked(insert)
	})
	if err == nil || !strings.Contains(err.Error(), "1 arguments for 4 parameters") {
		t.Fatalf("short argument list: %v", err)
	}
}

// A panic inside a write transaction (a bug) rolls it back and hands the
// writer connection back: the next write neither hangs nor commits the
// panicked one's rows, for ordinary transactions and for a sync's shared
// one (whose run then fails).
func TestPanicInWriteRollsBack(t *testing.T) {
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	run := newTestRun(t, s, ch)
	ctx := context.Background()
	mustPanic := func(name string, fn func()) {
		t.Helper()
		defer func() {
			if recover() == nil {
				t.Fatalf("%s: no panic", name)
			}
		}()
		fn()
	}
	insert := func(w *txw, magentoID int64) error {
		_, err := w.exec(`INSERT INTO websites(channel_id, magento_id, code, name) VALUES (?, ?, 'c', 'n')`, ch, magentoID)
		return err
	}
	mustPanic("writeTx", func() {
		s.writeTx(ctx, func(w *txw) error {
			insert(w, 1)
			panic("bug")
		})
	})
	mustPanic("applyLater", func() {
		s.applyLater(ctx, run, func(w *txw) error {
			insert(w, 2)
			panic("bug")
		})
	})
	done := make(chan error, 1)
	go func() { done <- s.writeTx(ctx, func(w *txw) error { return insert(w, 3) }) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the write after a panic hangs")
	}
	if err := s.applyLater(ctx, run, func(w *txw) error { return insert(w, 4) }); err == nil {
		t.Fatal("the run whose batch panicked went on")
	}
	var ids []int64
	rows, err := s.r.Query(`SELECT magento_id FROM websites WHERE channel_id = ? ORDER BY 1`, ch)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	if len(ids) != 1 || ids[0] != 3 {
		t.Fatalf("websites after the panics: %v, want only 3", ids)
	}
}
