package model

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/mattn/go-sqlite3" // driver "sqlite3"
)

// Store is the local SQLite database. It holds two pools on the same file:
// one writer connection (every write goes through it, transactions start
// IMMEDIATE, so the sync engine and UI edits queue instead of failing with
// SQLITE_BUSY) and a read pool that WAL lets run beside the writer.
type Store struct {
	path    string
	w       *sql.DB // exactly one connection
	r       *sql.DB // read pool
	tempDir string  // removed on Close (OpenMemory)

	// clock is time.Now unless a test sets it; it decides which open carts
	// count as abandoned at read time.
	clock func() time.Time

	// wmu orders the writes of this process on w: ordinary transactions,
	// single statements and the transaction CommitLater batches share
	// (linger.go), which any other write commits first.
	wmu          sync.Mutex
	open         *openTx
	lingerFailed map[int64]error // sync run -> its shared transaction's failure

	// Indexes deferred by initial walks (deferred_indexes.go): the run
	// whose entities were checked (under wmu), and whether this process
	// has deferred indexes not yet built.
	deferCheckedRun int64
	deferChecked    map[string]bool
	deferredNow     atomic.Bool

	// fast binds the writer's row writes on its SQLite handle
	// (fastwrite.go; under wmu); fastWarned: its absence was logged.
	fast       *fastWriter
	fastWarned bool
	// insertSQL: the multi-row INSERT texts by shape (rowsInsert; under wmu).
	insertSQL map[insertShape]string
}

// SetClock replaces the store's clock (tests, demos).
func (s *Store) SetClock(now func() time.Time) { s.clock = now }

// nowText is the store clock's time in Magento's format.
func (s *Store) nowText() string {
	if s.clock != nil {
		return s.clock().UTC().Format(TimeLayout)
	}
	return nowUTC()
}

// pragmas shared by both pools; mattn/go-sqlite3 applies them per connection.
const pragmas = "_busy_timeout=10000&_foreign_keys=1&_journal_mode=WAL&_synchronous=NORMAL"

// DefaultDataDir is the per-user folder shared by the GUI and the CLI:
// $MAGEDESK_DATA_DIR when set, else <os.UserConfigDir()>/MageDesk.
// It is created with 0700 permissions.
func DefaultDataDir() (string, error) {
	dir := os.Getenv("MAGEDESK_DATA_DIR")
	if dir == "" {
		base, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("find user config dir: %w", err)
		}
		dir = filepath.Join(base, "MageDesk")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create data dir: %w", err)
	}
	return dir, nil
}

// DefaultDBPath is <DefaultDataDir>/magedesk.db.
func DefaultDBPath() (string, error) {
	dir, err := DefaultDataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "magedesk.db"), nil
}

// Open opens (creating if needed) the database at path and applies pending
// migrations. A new file is created with 0600 permissions before SQLite
// touches it (SQLite gives its -wal/-shm files the same mode).
func Open(path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("open store: empty path")
	}
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("open store %s: path must not contain '?' or '#'", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("open store: create folder: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open store: create %s: %w", path, err)
	}
	fi, err := f.Stat()
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	if fi.Size() == 0 {
		if err := initFile(path); err != nil {
			return nil, fmt.Errorf("open store: initialize %s: %w", path, err)
		}
	}

	// The writer gets a large page cache (bulk upserts touch a dozen
	// indexes per order) and a statement cache large enough for every
	// shape of its queries (sqlshape.go), so the statements compiled in
	// one transaction are reused by the next (see txw). It opens without
	// SQLite's per-connection mutex (_mutex=no): database/sql never uses a
	// connection from two goroutines at once, and an initial sync makes
	// tens of millions of calls that each took and released it.
	w, err := sql.Open("sqlite3", path+"?"+pragmas+"&_txlock=immediate&_mutex=no&_cache_size=-65536&_stmt_cache_size=512")
	if err != nil {
		return nil, fmt.Errorf("open store writer: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	// Checkpoint every 2,048 WAL pages instead of SQLite's 1,000 (32 MB
	// with the 16 KB pages of new files, 8 MB with the 4 KB pages of older
	// ones). With SQLite's default nearly every sync commit ran its own
	// checkpoint, copying pages the next commit rewrote anyway; at 16,384
	// pages (256 MB) each checkpoint held the writer 1-1.5 s in fsyncs,
	// longer than the fetchers' queue lasts, so both cores waited. Shorter
	// checkpoints fit in the queue: Store L syncs measured 39.6-39.8 s
	// (1,024-2,048 pages) against 40.8 s (4,096) and 42.1 s (16,384),
	// means of 2-7 interleaved runs. The file is cut back to 64 MB after
	// a checkpoint if it grew past that (a long reader kept it growing).
	if _, err := w.Exec("PRAGMA wal_autocheckpoint=2048; PRAGMA journal_size_limit=67108864"); err != nil {
		w.Close()
		return nil, fmt.Errorf("open store writer: %w", err)
	}

	r, err := sql.Open("sqlite3", path+"?"+pragmas+"&_cache_size=-8192&_stmt_cache_size=64")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open store readers: %w", err)
	}
	r.SetMaxOpenConns(4)
	r.SetMaxIdleConns(4)

	s := &Store{path: path, w: w, r: r}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// Indexes a crashed initial sync left deferred are built before the
	// migrations, which may expect them.
	if err := s.buildDeferredIfAny(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return s, nil
}

// pageSize is the page size of a new database file. SQLite's default
// (4 KB) held one compressed order (~2.5 KB of raw JSON) per page, half of
// it empty, and the initial sync's commits rewrote index pages four
// kilobytes at a time; 16 KB pages hold six orders' JSON and a dozen
// indexes' entries per page: the file is a fifth smaller and a Store L
// sync commits in half the time. A file's page size is fixed once it is
// in WAL mode, so existing databases keep theirs.
const pageSize = 16384

// initFile gives a new, empty database file its page size and WAL mode
// before anything else writes to it (a second process starting at the
// same moment waits for it, and its own page_size is then a no-op).
func initFile(path string) error {
	db, err := sql.Open("sqlite3", path+"?_busy_timeout=10000")
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec(fmt.Sprintf("PRAGMA page_size = %d; PRAGMA journal_mode = WAL", pageSize))
	return err
}

// OpenMemory opens a throw-away store for tests: a fresh file in a temp
// folder (a real file, so the writer and the read pool see the same data
// under WAL exactly as in production), removed on Close.
func OpenMemory() (*Store, error) {
	dir, err := os.MkdirTemp("", "magedesk-test-*")
	if err != nil {
		return nil, fmt.Errorf("open memory store: %w", err)
	}
	s, err := Open(filepath.Join(dir, "magedesk.db"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	s.tempDir = dir
	return s, nil
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Close closes both pools (and removes an OpenMemory store's folder).
func (s *Store) Close() error {
	errF := s.Flush()
	s.wmu.Lock()
	s.fast.close() // its statements go before their connection
	s.fast = nil
	s.wmu.Unlock()
	errR := s.r.Close()
	errW := s.w.Close()
	if s.tempDir != "" {
		os.RemoveAll(s.tempDir)
	}
	return errors.Join(errF, errW, errR)
}

// writeTx runs fn in one IMMEDIATE transaction on the writer connection.
// Batches left uncommitted by CommitLater are committed first.
func (s *Store) writeTx(ctx context.Context, fn func(w *txw) error) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.flushBeforeWrite()
	tx, conn, fast, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	// The connection goes back after the transaction ends, also when fn
	// panics (Rollback after Commit does nothing).
	defer func() {
		tx.Rollback()
		conn.Close()
	}()
	w := &txw{ctx: ctx, sqlCtx: context.WithoutCancel(ctx), tx: tx, s: s, fast: fast}
	if err := fn(w); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// beginWrite begins an IMMEDIATE transaction on the writer connection,
// held through a sql.Conn so that the fast writer can bind on the same
// connection (nil when it cannot). The caller closes conn after the
// transaction ends (s.wmu held).
func (s *Store) beginWrite(ctx context.Context) (*sql.Tx, *sql.Conn, *fastWriter, error) {
	conn, err := s.w.Conn(ctx)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("begin write: %w", err)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		conn.Close()
		return nil, nil, nil, fmt.Errorf("begin write: %w", err)
	}
	return tx, conn, s.fastWriterFor(conn), nil
}

// txw is one write transaction. Row inserts and updates run through the
// fast writer (fastwrite.go) when there is one. Its other statements run
// through go-sqlite3's per-connection statement cache (_stmt_cache_size),
// which keeps each query's compiled statement across transactions; a
// statement prepared explicitly (Tx.Prepare) bypasses that cache and was
// compiled afresh in every transaction (a sixth of the initial sync's
// writer time, most of it the multi-row INSERTs).
type txw struct {
	ctx context.Context
	// sqlCtx is ctx without its cancellation, for the statements: given a
	// cancellable context, go-sqlite3 runs every Exec on a goroutine of
	// its own and waits for it, and on a busy machine (a sync's fetchers
	// decoding on every core) that goroutine waited for a CPU after each
	// statement: almost half of the initial sync's writer time. The
	// transaction itself still has ctx (database/sql rolls it back when
	// ctx ends) and exec checks ctx before each statement.
	sqlCtx context.Context
	tx     *sql.Tx
	s      *Store
	// fast, when not nil, runs the row writes (execPacked); args is the
	// buffer they are packed into.
	fast *fastWriter
	args packedArgs
}

// traceWrite, when set (by tests), sees the text of every writer statement.
var traceWrite func(query string)

func (w *txw) exec(query string, args ...any) (sql.Result, error) {
	if err := w.ctx.Err(); err != nil {
		return nil, err
	}
	if traceWrite != nil {
		traceWrite(query)
	}
	res, err := w.tx.ExecContext(w.sqlCtx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", firstLine(query), err)
	}
	return res, nil
}

// execFused runs a statement that returns no rows through the driver's
// query path, which resets, binds every argument and steps in one cgo
// call; its exec path makes one cgo call per argument, and an initial
// sync binds tens of millions of them (about 4 s of a Store L sync's CPU,
// measured). The driver takes the first step inside the query call, so a
// failed write comes back from it (rows.Err and Close are checked too).
// INSERT ... RETURNING would give a new row's id the same way, but SQLite
// then keeps a statement journal, which spilled to a temporary file: 35
// times as many writes.
func (w *txw) execFused(query string, args ...any) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	if traceWrite != nil {
		traceWrite(query)
	}
	rows, err := w.tx.QueryContext(w.sqlCtx, query, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", firstLine(query), err)
	}
	for rows.Next() {
	}
	err = rows.Err()
	if cerr := rows.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", firstLine(query), err)
	}
	return nil
}

// execPacked runs a row write whose arguments are packed in w.args,
// through the fast writer, or through database/sql without one.
func (w *txw) execPacked(query string) error {
	if w.args.err != nil {
		return fmt.Errorf("%s: %w", firstLine(query), w.args.err)
	}
	if w.fast == nil {
		return w.execFused(query, w.args.values()...)
	}
	if err := w.ctx.Err(); err != nil {
		return err
	}
	if traceWrite != nil {
		traceWrite(query)
	}
	if err := w.fast.exec(query, &w.args); err != nil {
		return fmt.Errorf("%s: %w", firstLine(query), err)
	}
	return nil
}

func (w *txw) query(query string, args ...any) (*sql.Rows, error) {
	if traceWrite != nil {
		traceWrite(query)
	}
	return w.tx.QueryContext(w.sqlCtx, query, args...)
}

func (w *txw) queryRow(query string, args ...any) *sql.Row {
	if traceWrite != nil {
		traceWrite(query)
	}
	return w.tx.QueryRowContext(w.sqlCtx, query, args...)
}

func firstLine(q string) string {
	q = strings.TrimSpace(q)
	if i := strings.IndexByte(q, '\n'); i > 0 {
		q = q[:i]
	}
	if len(q) > 80 {
		q = q[:80] + "…"
	}
	return q
}

// nowUTC is the current time in Magento's format.
func nowUTC() string { return time.Now().UTC().Format(TimeLayout) }

// TimeLayout is Magento's UTC timestamp format, used for every time column.
const TimeLayout = "2006-01-02 15:04:05"
