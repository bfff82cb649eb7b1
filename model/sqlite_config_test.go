//go:build cgo

package model

import (
	"context"
	"testing"
)

// SQLite's memory statistics are off (sqlite_config.go): after a store is
// opened and written to, SQLite reports no memory in use. With them on
// (the setting missed, or made after SQLite initialized) it reports the
// page caches' megabytes.
func TestSQLiteMemoryStatisticsAreOff(t *testing.T) {
	if sqliteConfigRC != [2]int{} {
		t.Fatalf("sqlite3_config at init returned %v (memory statistics, lookaside); want 0s", sqliteConfigRC)
	}
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	run := newTestRun(t, s, ch)
	for id := int64(1); id <= 50; id++ {
		apply(t, s, laterBatch(ch, run, id))
	}
	if err := s.FinishRun(context.Background(), run, "ok", ""); err != nil {
		t.Fatal(err)
	}
	if used := sqliteMemoryUsed(); used != 0 {
		t.Fatalf("SQLite reports %d bytes in use: its memory statistics are on", used)
	}
}
