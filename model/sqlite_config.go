//go:build cgo

package model

/*
// The SQLite that mattn/go-sqlite3 compiles in (or links, with its
// libsqlite3 tag).
int sqlite3_config(int, ...);
long long sqlite3_memory_used(void);

static int md_sqlite_memstatus_off(void) {
	return sqlite3_config(9, 0); // SQLITE_CONFIG_MEMSTATUS, off
}

static int md_sqlite_lookaside(int size, int count) {
	return sqlite3_config(13, size, count); // SQLITE_CONFIG_LOOKASIDE
}
*/
import "C"

import "log/slog"

// SQLite counts every allocation it makes for sqlite3_memory_used and
// friends unless told not to, and go-sqlite3 builds it with the counting
// on: each malloc and free then takes a process-wide mutex. We never read
// those counters. Turning them off (before SQLite initializes, which the
// first open does) made a Store L sync 2.5 s of CPU shorter (paired runs,
// README). It can only fail if SQLite was already initialized.
//
// Each connection also gets a larger lookaside pool, SQLite's per-connection
// allocator for small objects: 1,000 slots of 1,200 bytes instead of 100.
// The writer's multi-row INSERTs (64 rows of up to 31 columns) allocate
// many small objects per statement; with ten times the default slots,
// four paired Store L syncs took 1.4-2.8 s less CPU (README). 1.2 MB per
// connection, eight connections at most.
func init() {
	if rc := C.md_sqlite_memstatus_off(); rc != 0 {
		sqliteConfigRC[0] = int(rc)
		slog.Warn("sqlite: could not turn off memory statistics", "rc", int(rc))
	}
	if rc := C.md_sqlite_lookaside(lookasideSlotSize, lookasideSlots); rc != 0 {
		sqliteConfigRC[1] = int(rc)
		slog.Warn("sqlite: could not set the lookaside size", "rc", int(rc))
	}
}

// sqliteConfigRC holds what the two calls in init returned (0: done).
var sqliteConfigRC [2]int

// The default lookaside of every connection (SQLite's own: 1200, 100).
const (
	lookasideSlotSize = 1200
	lookasideSlots    = 1000
)

// sqliteMemoryUsed is SQLite's count of the memory it holds; with the
// statistics off it stays 0 (tests check that the setting took).
func sqliteMemoryUsed() int64 { return int64(C.sqlite3_memory_used()) }
