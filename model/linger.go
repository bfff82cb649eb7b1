package model

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// An initial sync writes batch after batch as fast as the writer can; each
// commit wrote every index page the batch had touched, and an order has
// five indexes whose keys land all over the file (email, customer, name,
// total, status), so a batch of 1,600 orders rewrote most of those indexes
// in the WAL: a quarter of a Store L sync went to commits. Batches with
// CommitLater share one transaction for up to lingerFor instead: a page
// rewritten by ten batches is written out once.
//
// The bookmark and run counters of each batch are still in the same
// transaction as its rows, so a crash loses up to lingerFor of work and
// never a row behind a bookmark. If that shared transaction fails, every
// later CommitLater batch of the same run fails too (its bookmark could
// cover pages that were rolled back); the run ends and the next one
// resumes from the last commit.

// lingerFor is how long CommitLater batches may stay uncommitted.
var lingerFor = 2 * time.Second

// openTx is the transaction CommitLater batches share.
type openTx struct {
	tx    *sql.Tx
	conn  *sql.Conn // holds the writer connection for tx (beginWrite)
	fast  *fastWriter
	run   int64
	since time.Time
	timer *time.Timer
}

// applyLater runs fn for one CommitLater batch of run inside the shared
// transaction, beginning it if needed, and commits once the transaction
// is older than lingerFor. If fn fails, the shared transaction (with
// the run's earlier uncommitted batches) is rolled back.
func (s *Store) applyLater(ctx context.Context, run int64, fn func(w *txw) error) error {
	if err := ctx.Err(); err != nil {
		return err // stopped between batches: the shared transaction stays good
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.lingerFailed[run]; err != nil {
		return fmt.Errorf("an earlier batch of this run was not saved: %w", err)
	}
	if s.open != nil && s.open.run != run {
		s.commitOpenLocked()
	}
	if s.open == nil {
		// The shared transaction outlives the caller's context; a batch
		// checks its ctx before it starts (above), not halfway.
		tx, conn, fast, err := s.beginWrite(context.Background())
		if err != nil {
			return err
		}
		o := &openTx{tx: tx, conn: conn, fast: fast, run: run, since: time.Now()}
		o.timer = time.AfterFunc(lingerFor, func() { s.commitIfOpen(o) })
		s.open = o
	}
	o := s.open
	// A batch that has started runs to its end even if ctx ends meanwhile
	// (well under a second): stopping halfway would roll back the batches
	// before it too.
	nc := context.WithoutCancel(ctx)
	w := &txw{ctx: nc, sqlCtx: nc, tx: o.tx, s: s, fast: o.fast}
	abandon := func(err error) {
		s.open = nil
		o.timer.Stop()
		o.tx.Rollback()
		o.conn.Close()
		s.failRun(run, err)
	}
	done := false
	defer func() {
		if !done { // fn panicked: its half-written batch must not commit
			abandon(errors.New("a batch of this run panicked"))
		}
	}()
	err := fn(w)
	done = true
	if err != nil {
		abandon(err)
		return err
	}
	if time.Since(o.since) >= lingerFor {
		if err := s.commitOpenLocked(); err != nil {
			return err
		}
	}
	return nil
}

// commitIfOpen is the linger timer: it commits o if it is still open.
func (s *Store) commitIfOpen(o *openTx) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.open == o {
		if err := s.commitOpenLocked(); err != nil {
			slog.Error("commit sync batches", "err", err)
		}
	}
}

// commitOpenLocked commits the shared transaction, if any (s.wmu held).
// A failure is remembered for the run (see applyLater) and returned.
func (s *Store) commitOpenLocked() error {
	o := s.open
	if o == nil {
		return nil
	}
	s.open = nil
	o.timer.Stop()
	defer o.conn.Close()
	if err := o.tx.Commit(); err != nil {
		o.tx.Rollback()
		err = fmt.Errorf("commit sync batches: %w", err)
		s.failRun(o.run, err)
		return err
	}
	return nil
}

func (s *Store) failRun(run int64, err error) {
	if run == 0 {
		return
	}
	if s.lingerFailed == nil {
		s.lingerFailed = map[int64]error{}
	}
	s.lingerFailed[run] = err
}

// Flush commits the batches applied with CommitLater that are still
// uncommitted. Every other write does the same before it starts.
func (s *Store) Flush() error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return s.commitOpenLocked()
}

// execW runs one statement on the writer connection outside any
// transaction of ours (after committing the shared one).
func (s *Store) execW(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.flushBeforeWrite()
	return s.w.ExecContext(ctx, query, args...)
}

// flushBeforeWrite commits the shared transaction before another write
// (s.wmu held). Its failure belongs to the sync run that owns it (the
// run's next batch reports it); the write that follows is independent.
func (s *Store) flushBeforeWrite() {
	if err := s.commitOpenLocked(); err != nil {
		slog.Error("commit sync batches before another write", "err", err)
	}
}
