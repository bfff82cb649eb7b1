package model

import (
	"context"
	"strings"
	"testing"
)

// execFused takes the driver's query path for writes: the row must land,
// last_insert_rowid must name it, and an error of the step itself (not of
// the bind) must come back rather than vanish with the unread rows.
func TestExecFusedWritesAndReportsStepErrors(t *testing.T) {
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	ctx := context.Background()
	var id int64
	err := s.writeTx(ctx, func(w *txw) error {
		if err := w.execFused(`INSERT INTO websites(channel_id, magento_id, code, name) VALUES (?, ?, ?, ?)`,
			ch, int64(7), "base", "Main Website"); err != nil {
			return err
		}
		return w.queryRow(`SELECT last_insert_rowid()`).Scan(&id)
	})
	if err != nil {
		t.Fatal(err)
	}
	var name string
	if err := s.r.QueryRow(`SELECT name FROM websites WHERE id = ?`, id).Scan(&name); err != nil || name != "Main Website" {
		t.Fatalf("row %d after execFused: %q, %v", id, name, err)
	}

	// The same key again violates the unique (channel_id, magento_id).
	err = s.writeTx(ctx, func(w *txw) error {
		return w.execFused(`INSERT INTO websites(channel_id, magento_id, code, name) VALUES (?, ?, ?, ?)`,
			ch, int64(7), "base", "Again")
	})
	if err == nil || !strings.Contains(err.Error(), "UNIQUE") || !strings.Contains(err.Error(), "INSERT INTO websites") {
		t.Fatalf("duplicate insert through execFused: err = %v, want the UNIQUE failure with its statement", err)
	}
	var n int
	s.r.QueryRow(`SELECT count(*) FROM websites WHERE channel_id = ?`, ch).Scan(&n)
	if n != 1 {
		t.Fatalf("websites after failed insert = %d, want 1", n)
	}
}
