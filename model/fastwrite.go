//go:build cgo

package model

/*
#include <string.h>

// The SQLite that mattn/go-sqlite3 compiles in (or links, with its
// libsqlite3 tag).
typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;
int sqlite3_prepare_v3(sqlite3*, const char*, int, unsigned int, sqlite3_stmt**, const char**);
int sqlite3_bind_parameter_count(sqlite3_stmt*);
int sqlite3_bind_null(sqlite3_stmt*, int);
int sqlite3_bind_int64(sqlite3_stmt*, int, long long);
int sqlite3_bind_double(sqlite3_stmt*, int, double);
int sqlite3_bind_text(sqlite3_stmt*, int, const char*, int, void(*)(void*));
int sqlite3_bind_blob(sqlite3_stmt*, int, const void*, int, void(*)(void*));
int sqlite3_step(sqlite3_stmt*);
int sqlite3_reset(sqlite3_stmt*);
int sqlite3_clear_bindings(sqlite3_stmt*);
int sqlite3_finalize(sqlite3_stmt*);
const char* sqlite3_errmsg(sqlite3*);
int sqlite3_extended_errcode(sqlite3*);

static int md_prepare(sqlite3* db, _GoString_ sql, sqlite3_stmt** out) {
	// SQLITE_PREPARE_PERSISTENT: the statement lives as long as the connection.
	return sqlite3_prepare_v3(db, _GoStringPtr(sql), (int)_GoStringLen(sql), 1, out, 0);
}

// md_exec_packed binds nargs arguments packed by packedArgs (a tag byte,
// then 8 bytes of integer or float, or a 4-byte length and the bytes of a
// text or blob), steps the statement to its end and resets it. The texts
// are bound without copying (SQLITE_STATIC); the bindings are cleared
// before returning, so nothing keeps pointing into the caller's buffer.
static int md_exec_packed(sqlite3_stmt* st, const unsigned char* p, int n, int nargs) {
	const unsigned char* end = p + n;
	int rc = 0;
	for (int i = 1; i <= nargs && rc == 0; i++) {
		long long v;
		double d;
		unsigned int len;
		if (p >= end) {
			rc = 21; // SQLITE_MISUSE: fewer arguments packed than announced
			break;
		}
		switch (*p++) {
		case 0:
			rc = sqlite3_bind_null(st, i);
			break;
		case 1:
			memcpy(&v, p, 8);
			p += 8;
			rc = sqlite3_bind_int64(st, i, v);
			break;
		case 2:
			memcpy(&d, p, 8);
			p += 8;
			rc = sqlite3_bind_double(st, i, d);
			break;
		case 3:
			memcpy(&len, p, 4);
			p += 4;
			rc = sqlite3_bind_text(st, i, (const char*)p, (int)len, (void(*)(void*))0);
			p += len;
			break;
		case 4:
			memcpy(&len, p, 4);
			p += 4;
			rc = sqlite3_bind_blob(st, i, p, (int)len, (void(*)(void*))0);
			p += len;
			break;
		default:
			rc = 21;
		}
	}
	if (rc == 0) {
		int step;
		do {
			step = sqlite3_step(st);
		} while (step == 100); // SQLITE_ROW
		rc = sqlite3_reset(st);
		if (rc == 0 && step != 101) { // not SQLITE_DONE
			rc = step;
		}
	}
	sqlite3_clear_bindings(st);
	return rc;
}
*/
import "C"

import (
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"unsafe"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// The writer's row inserts and updates (writeRow, insertRows) bind about
// 35 million arguments in a Store L sync. Through database/sql each one
// was boxed in an interface, checked and converted by database/sql, then
// copied again by the driver: about 6 s of the writer's CPU. fastWriter
// binds them from one packed buffer in a single cgo call per statement,
// on the writer connection's own SQLite handle, with statements it
// prepares and keeps itself. Everything else (queries, deletes, the
// transaction) still goes through database/sql on the same connection;
// SQLite does not care which API a statement came from.

// fastWriter is the writer connection's handle and the statements
// prepared on it. Only the writer (under Store.wmu) uses it.
type fastWriter struct {
	db    *C.sqlite3
	stmts map[string]*C.sqlite3_stmt
}

// fastWriterFor returns the fast writer of the connection conn holds,
// reusing s.fast while the connection is the same one (database/sql may
// replace a broken connection: the old one's statements are finalized).
// It returns nil when go-sqlite3's handle cannot be reached (another
// version of it): the writer then binds through database/sql as before.
func (s *Store) fastWriterFor(conn *sql.Conn) *fastWriter {
	h, err := sqliteHandle(conn)
	if err != nil {
		if !s.fastWarned {
			s.fastWarned = true
			slog.Warn("sqlite: binding writes through database/sql", "reason", err)
		}
		return nil
	}
	if s.fast != nil && unsafe.Pointer(s.fast.db) == h {
		return s.fast
	}
	s.fast.close()
	s.fast = &fastWriter{db: (*C.sqlite3)(h), stmts: map[string]*C.sqlite3_stmt{}}
	return s.fast
}

// sqliteHandle is the sqlite3* of go-sqlite3's connection (an unexported
// field; go.mod pins the version, and TestFastWriterIsUsed fails if a new
// one moves it).
func sqliteHandle(conn *sql.Conn) (unsafe.Pointer, error) {
	var h unsafe.Pointer
	err := conn.Raw(func(dc any) error {
		sc, ok := dc.(*sqlite3.SQLiteConn)
		if !ok {
			return fmt.Errorf("driver connection is a %T", dc)
		}
		f := reflect.ValueOf(sc).Elem().FieldByName("db")
		if !f.IsValid() || f.Kind() != reflect.Pointer || f.Type().Elem().Name() != "_Ctype_struct_sqlite3" {
			return errors.New("go-sqlite3's connection has no sqlite3 handle field")
		}
		h = f.UnsafePointer()
		if h == nil {
			return errors.New("go-sqlite3's connection is closed")
		}
		return nil
	})
	return h, err
}

// close finalizes the statements (before the connection closes).
func (f *fastWriter) close() {
	if f == nil {
		return
	}
	for q, st := range f.stmts {
		C.sqlite3_finalize(st)
		delete(f.stmts, q)
	}
}

// exec runs query (no result rows) with the packed arguments.
func (f *fastWriter) exec(query string, p *packedArgs) error {
	st := f.stmts[query]
	if st == nil {
		if rc := C.md_prepare(f.db, query, &st); rc != 0 {
			return f.err(rc)
		}
		if st == nil {
			return errors.New("empty statement")
		}
		f.stmts[query] = st
	}
	if n := int(C.sqlite3_bind_parameter_count(st)); n != p.n {
		return fmt.Errorf("%d arguments for %d parameters", p.n, n)
	}
	var buf *C.uchar
	if len(p.buf) > 0 {
		buf = (*C.uchar)(unsafe.Pointer(&p.buf[0]))
	}
	if rc := C.md_exec_packed(st, buf, C.int(len(p.buf)), C.int(p.n)); rc != 0 {
		return f.err(rc)
	}
	return nil
}

// err is SQLite's message for a failed call, with its extended code.
func (f *fastWriter) err(rc C.int) error {
	ext := int(C.sqlite3_extended_errcode(f.db))
	return &writeError{Code: ext & 0xff, Extended: ext, Msg: C.GoString(C.sqlite3_errmsg(f.db)), rc: int(rc)}
}

// writeError is a failed fast write: SQLite's primary and extended result
// codes and its message ("UNIQUE constraint failed: …").
type writeError struct {
	Code, Extended int
	Msg            string
	rc             int
}

func (e *writeError) Error() string {
	if e.Msg == "" || e.Msg == "not an error" {
		return fmt.Sprintf("sqlite error %d", e.rc)
	}
	return e.Msg
}
