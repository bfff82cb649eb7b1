package model

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"
)

// Bulk loading, then indexing: an order row carries eight list and
// dashboard indexes (by date, customer, email, name, status, total,
// number), and inserting 100,000 orders into them one by one cost a
// Store L initial sync ~7 s of its single writer's time, building them
// afterwards from the sorted table ~1.6 s. So the first batch of an
// initial walk into a table that is (nearly) empty drops those indexes,
// in the same transaction, recording each one's CREATE statement in
// deferred_indexes; they are built again when the walk is over: at the
// entity's first ordinary batch, before the run's derived figures are
// recomputed (they read through them), when the run finishes however it
// ends, and at the next Open after a crash. Until then lists of that
// entity sort without an index (66-139 ms for the first page of
// 100,000 orders, measured).
//
// Only indexes that no write path looks rows up by are deferred: the
// unique keys, the quote id (a cart upsert looks for its order) and the
// children's parent ids stay. A table that holds rows of another channel
// is never stripped, so a channel that is already synced keeps its
// indexes while a new one loads.

// deferrableIndexes is, per entity, its table and the indexes an initial
// walk may build afterwards.
var deferrableIndexes = map[string]struct {
	table   string
	indexes []string
}{
	EntityOrders: {"orders", []string{"orders_created", "orders_created_all", "orders_increment", "orders_email",
		"orders_status", "orders_customer", "orders_total", "orders_customer_name"}},
}

// deferIndexesBelow is the most rows a channel may already have in the
// table for its walk to defer the indexes: a walk resumed after a crash
// with more than that already stored keeps them (building them twice
// would cost more than it saves).
const deferIndexesBelow = 5000

// deferIndexesForWalk drops entity's deferrable indexes inside the
// shared transaction of the run's first initial batch of that entity,
// when the table qualifies (see above). s.wmu is held.
func (s *Store) deferIndexesForWalk(w *txw, run, channelID int64, entity string) error {
	d, ok := deferrableIndexes[entity]
	if !ok {
		return nil
	}
	if s.deferChecked == nil || s.deferCheckedRun != run {
		s.deferChecked, s.deferCheckedRun = map[string]bool{}, run
	}
	if s.deferChecked[entity] {
		return nil
	}
	s.deferChecked[entity] = true
	var other, own int
	if err := w.queryRow(`SELECT EXISTS(SELECT 1 FROM `+d.table+` WHERE channel_id <> ?)`, channelID).Scan(&other); err != nil {
		return fmt.Errorf("defer %s indexes: %w", d.table, err)
	}
	if err := w.queryRow(`SELECT count(*) FROM (SELECT 1 FROM `+d.table+` WHERE channel_id = ? LIMIT ?)`,
		channelID, deferIndexesBelow).Scan(&own); err != nil {
		return fmt.Errorf("defer %s indexes: %w", d.table, err)
	}
	if other == 1 || own >= deferIndexesBelow {
		return nil
	}
	dropped := 0
	for _, name := range d.indexes {
		var stmt string
		err := w.queryRow(`SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ? AND tbl_name = ?`, name, d.table).Scan(&stmt)
		if isNoRows(err) {
			continue // already deferred (or gone in a later schema)
		}
		if err != nil {
			return fmt.Errorf("defer index %s: %w", name, err)
		}
		if _, err := w.exec(`INSERT OR REPLACE INTO deferred_indexes(name, sql) VALUES (?, ?)`, name, stmt); err != nil {
			return fmt.Errorf("defer index %s: %w", name, err)
		}
		if _, err := w.exec(`DROP INDEX ` + name); err != nil {
			return fmt.Errorf("defer index %s: %w", name, err)
		}
		dropped++
	}
	if dropped > 0 {
		s.deferredNow.Store(true)
		slog.Info("initial sync: list indexes deferred until the walk ends", "table", d.table, "indexes", dropped)
	}
	return nil
}

// buildDeferredIndexes builds every index an initial walk deferred (a
// no-op when there is none). It is safe at any time: a walk still
// running just goes on with the indexes in place.
func (s *Store) buildDeferredIndexes(ctx context.Context) error {
	// Not cut short by a cancel or deadline (FinishRun's is 10 s): a
	// rolled-back build would just have to start again.
	ctx = context.WithoutCancel(ctx)
	started := time.Now()
	built := 0
	err := s.writeTx(ctx, func(w *txw) error {
		built = 0
		rows, err := w.query(`SELECT name, sql FROM deferred_indexes ORDER BY name`)
		if err != nil {
			return err
		}
		var stmts [][2]string
		for rows.Next() {
			var name, stmt string
			if err := rows.Scan(&name, &stmt); err != nil {
				rows.Close()
				return err
			}
			stmts = append(stmts, [2]string{name, stmt})
		}
		if err := rows.Close(); err != nil {
			return err
		}
		for _, st := range stmts {
			var exists int
			if err := w.queryRow(`SELECT EXISTS(SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?)`, st[0]).Scan(&exists); err != nil {
				return err
			}
			if exists == 0 {
				if _, err := w.exec(st[1]); err != nil {
					return fmt.Errorf("build index %s: %w", st[0], err)
				}
				built++
			}
			if _, err := w.exec(`DELETE FROM deferred_indexes WHERE name = ?`, st[0]); err != nil {
				return err
			}
		}
		s.deferredNow.Store(false)
		return nil
	})
	if err != nil {
		return fmt.Errorf("build deferred indexes: %w", err)
	}
	if built > 0 {
		slog.Info("list indexes built", "indexes", built, "took", time.Since(started).Round(time.Millisecond))
	}
	return nil
}

// buildDeferredIfAny builds deferred indexes when this process deferred
// some or the table lists any (a crashed sync, possibly of another
// process). The check reads through the read pool, so a store with
// nothing deferred never waits for another process's writer.
func (s *Store) buildDeferredIfAny(ctx context.Context) error {
	if !s.deferredNow.Load() {
		var any int
		err := s.r.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM deferred_indexes)`).Scan(&any)
		if err != nil && strings.Contains(err.Error(), "no such table") {
			return nil // a store older than the table, before its migration
		}
		if err != nil {
			return fmt.Errorf("deferred indexes: %w", err)
		}
		if any == 0 {
			return nil
		}
	}
	return s.buildDeferredIndexes(ctx)
}
