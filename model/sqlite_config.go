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
*/
import "C"

import "log/slog"

// SQLite counts every allocation it makes for sqlite3_memory_used and
// friends unless told not to, and go-sqlite3 builds it with the counting
// on: each malloc and free then takes a process-wide mutex. We never read
// those counters. Turning them off (before SQLite initializes, which the
// first open does) made a Store L sync 2.5 s of CPU shorter (paired runs,
// README). It can only fail if SQLite was already initialized.
func init() {
	if rc := C.md_sqlite_memstatus_off(); rc != 0 {
		slog.Warn("sqlite: could not turn off memory statistics", "rc", int(rc))
	}
}

// sqliteMemoryUsed is SQLite's count of the memory it holds; with the
// statistics off it stays 0 (tests check that the setting took).
func sqliteMemoryUsed() int64 { return int64(C.sqlite3_memory_used()) }
