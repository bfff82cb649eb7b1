package model

import (
	"context"
	"errors"
	"fmt"
)

// entityTables maps sync entity names to their tables.
var entityTables = map[string]string{
	EntityCustomers:   "customers",
	EntityCarts:       "carts",
	EntityOrders:      "orders",
	EntityCreditMemos: "credit_memos",
	EntitySubscribers: "subscribers",
	EntityProducts:    "products",
}

func tableOf(entity string) (string, error) {
	t, ok := entityTables[entity]
	if !ok {
		return "", fmt.Errorf("unknown entity %q", entity)
	}
	return t, nil
}

// SyncState reads the bookmark of one entity (zero state when none yet).
func (s *Store) SyncState(ctx context.Context, channelID int64, entity string) (SyncState, error) {
	st := SyncState{ChannelID: channelID, Entity: entity}
	err := s.r.QueryRowContext(ctx, `SELECT watermark, watermark_id, initial_upper, initial_done, progress,
		total_count, updated_at FROM sync_state WHERE channel_id = ? AND entity = ?`, channelID, entity).
		Scan(&st.Watermark, &st.WatermarkID, &st.InitialUpper, &st.InitialDone, &st.Progress, &st.TotalCount, &st.UpdatedAt)
	if err != nil && !isNoRows(err) {
		return st, fmt.Errorf("read sync state %s of channel %d: %w", entity, channelID, err)
	}
	return st, nil
}

// StartRun records a new run as running and marks the channel "running".
func (s *Store) StartRun(ctx context.Context, channelID int64, kind string) (int64, error) {
	var id int64
	err := s.writeTx(ctx, func(w *txw) error {
		now := nowUTC()
		res, err := w.tx.ExecContext(ctx, `INSERT INTO sync_runs(channel_id, kind, started_at, status) VALUES (?, ?, ?, 'running')`,
			channelID, kind, now)
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		_, err = w.tx.ExecContext(ctx, `UPDATE channels SET last_sync_status = 'running' WHERE id = ?`, channelID)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("start %s run for channel %d: %w", kind, channelID, err)
	}
	return id, nil
}

// FinishRun closes a run and copies its outcome to the channel
// (LastSyncAt, LastSyncStatus "ok" or "<status>: <message>").
func (s *Store) FinishRun(ctx context.Context, runID int64, status, message string) error {
	// However the run ended, indexes its walk deferred are built now (a
	// failure is reported but the run is still closed).
	errIdx := s.buildDeferredIfAny(ctx)
	err := s.writeTx(ctx, func(w *txw) error {
		now := nowUTC()
		res, err := w.tx.ExecContext(ctx, `UPDATE sync_runs SET ended_at = ?, status = ?, message = ? WHERE id = ?`,
			now, status, message, runID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		last := status
		if status != "ok" && message != "" {
			last = status + ": " + message
		}
		_, err = w.tx.ExecContext(ctx, `UPDATE channels SET last_sync_at = ?, last_sync_status = ?
			WHERE id = (SELECT channel_id FROM sync_runs WHERE id = ?)`, now, last, runID)
		return err
	})
	if err != nil {
		return fmt.Errorf("finish run %d: %w", runID, errors.Join(err, errIdx))
	}
	if errIdx != nil {
		return fmt.Errorf("finish run %d: %w", runID, errIdx)
	}
	return nil
}

// KnownIDs returns Magento id -> updated_at of every stored row of an
// entity that Magento still listed last time (not marked removed).
// For subscribers, only rows of the newsletter module (subscriber ids).
func (s *Store) KnownIDs(ctx context.Context, channelID int64, entity string) (map[int64]string, error) {
	t, err := tableOf(entity)
	if err != nil {
		return nil, err
	}
	q := "SELECT magento_id, updated_at FROM " + t + " WHERE channel_id = ? AND removed_in_magento = 0"
	if t == "subscribers" {
		q = "SELECT magento_id, change_status_at FROM subscribers WHERE channel_id = ? AND removed_in_magento = 0 AND source = 'module'"
	}
	rows, err := s.r.QueryContext(ctx, q, channelID)
	if err != nil {
		return nil, fmt.Errorf("known %s ids: %w", entity, err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var upd string
		if err := rows.Scan(&id, &upd); err != nil {
			return nil, fmt.Errorf("known %s ids: %w", entity, err)
		}
		out[id] = upd
	}
	return out, rows.Err()
}

// MarkRemoved records that Magento no longer lists these rows. Nothing is
// deleted: orders, credit memos, products and subscribers are flagged;
// carts are flagged and, unless Purchased or Lost, become Expired
// ("removed in Magento"); customers are flagged AND their personal data
// (names, email, dob, taxvat, addresses, raw JSON, subscriptions) is
// erased, keeping a tombstone with the Magento id. Their orders stay.
func (s *Store) MarkRemoved(ctx context.Context, channelID int64, entity string, magentoIDs []int64) error {
	t, err := tableOf(entity)
	if err != nil {
		return err
	}
	if len(magentoIDs) == 0 {
		return nil
	}
	err = s.writeTx(ctx, func(w *txw) error {
		a := newApplier(w, channelID, nil)
		for _, id := range magentoIDs {
			var err error
			switch t {
			case "customers":
				err = a.eraseCustomer(id)
			case "carts":
				_, err = a.exec(`UPDATE carts SET removed_in_magento = 1, hash = 0,
					status = CASE WHEN status = 'open' THEN 'expired' ELSE status END,
					status_note = CASE WHEN status IN ('purchased', 'lost') THEN status_note ELSE 'removed in Magento' END
					WHERE channel_id = ? AND magento_id = ?`, channelID, id)
			case "subscribers":
				_, err = a.exec(`UPDATE subscribers SET removed_in_magento = 1, hash = 0
					WHERE channel_id = ? AND magento_id = ? AND source = 'module'`, channelID, id)
			default:
				_, err = a.exec("UPDATE "+t+" SET removed_in_magento = 1, hash = 0 WHERE channel_id = ? AND magento_id = ?", channelID, id)
			}
			if err != nil {
				return fmt.Errorf("%d: %w", id, err)
			}
		}
		return a.refreshDerived(false)
	})
	if err != nil {
		return fmt.Errorf("mark %s removed in channel %d: %w", entity, channelID, err)
	}
	return nil
}

// eraseCustomer turns a customer into a tombstone (see MarkRemoved).
func (a *applier) eraseCustomer(magentoID int64) error {
	var id int64
	var emailLC string
	err := a.queryRow(`SELECT id, email_lc FROM customers WHERE channel_id = ? AND magento_id = ?`, a.ch, magentoID).Scan(&id, &emailLC)
	if isNoRows(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := a.exec(`UPDATE customers SET email = '', email_lc = '', prefix = '', firstname = '', middlename = '',
		lastname = '', suffix = '', dob = '', gender = 0, taxvat = '', default_billing = '', default_shipping = '',
		is_subscribed = NULL, hash = 0, removed_in_magento = 1, removed_in_magento_at = ?
		WHERE id = ?`, a.now, id); err != nil {
		return err
	}
	if _, err := a.exec(`DELETE FROM customers_raw WHERE id = ?`, id); err != nil {
		return err
	}
	if _, err := a.exec(`DELETE FROM customer_addresses WHERE customer_id = ?`, id); err != nil {
		return err
	}
	if _, err := a.exec(`DELETE FROM customers_fts WHERE rowid = ?`, id); err != nil {
		return err
	}
	if _, err := a.exec(`INSERT INTO customers_fts(rowid, body) VALUES (?, '')`, id); err != nil {
		return err
	}
	// Subscriptions hold the email too.
	if _, err := a.exec(`DELETE FROM subscribers WHERE channel_id = ? AND customer_id = ?`, a.ch, magentoID); err != nil {
		return err
	}
	a.links[emailLC] = struct{}{}
	return nil
}

// CartsNeedingTotals returns, of the given cart ids, those whose totals
// should be (re)fetched: stored carts that are active, not Purchased, and
// whose updated_at differs from the updated_at their stored totals were
// fetched at (TotalsUpdatedAt); plus ids not stored yet (the caller knows
// from the record whether such a cart is active).
func (s *Store) CartsNeedingTotals(ctx context.Context, channelID int64, magentoIDs []int64) ([]int64, error) {
	stored := map[int64]bool{}
	err := eachIDChunk(magentoIDs, func(chunk []int64) error {
		args, in := appendIDs([]any{channelID}, chunk)
		rows, err := s.r.QueryContext(ctx, `SELECT magento_id, is_active = 1 AND status <> 'purchased'
			AND updated_at <> totals_updated_at FROM carts WHERE channel_id = ? AND magento_id IN (`+in+`)`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var need bool
			if err := rows.Scan(&id, &need); err != nil {
				return err
			}
			stored[id] = need
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("carts needing totals: %w", err)
	}
	var out []int64
	for _, id := range magentoIDs {
		if need, ok := stored[id]; !ok || need {
			out = append(out, id)
		}
	}
	return out, nil
}

// ErrCartPurchased is returned when the user tries to change the status
// of a Purchased cart (final).
var ErrCartPurchased = errors.New("cart is purchased")

// SetCartLost marks a cart Lost (lost=true) or reopens it (lost=false:
// Open when still active in Magento, else Expired). Purchased is final.
func (s *Store) SetCartLost(ctx context.Context, cartID int64, lost bool) error {
	err := s.writeTx(ctx, func(w *txw) error {
		var status string
		if err := w.tx.QueryRowContext(ctx, `SELECT status FROM carts WHERE id = ?`, cartID).Scan(&status); err != nil {
			if isNoRows(err) {
				return ErrNotFound
			}
			return err
		}
		if status == CartPurchased {
			return ErrCartPurchased
		}
		var err error
		if lost {
			_, err = w.tx.ExecContext(ctx, `UPDATE carts SET status = 'lost', status_note = 'marked lost' WHERE id = ?`, cartID)
		} else if status == CartLost {
			_, err = w.tx.ExecContext(ctx, `UPDATE carts SET
				status = CASE WHEN is_active = 1 AND removed_in_magento = 0 THEN 'open' ELSE 'expired' END,
				status_note = CASE WHEN is_active = 1 AND removed_in_magento = 0 THEN ''
					WHEN removed_in_magento = 1 THEN 'removed in Magento' ELSE 'inactive, no order' END
				WHERE id = ?`, cartID)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("set cart %d lost=%v: %w", cartID, lost, err)
	}
	return nil
}

// ListRuns returns the channel's latest runs, newest first, with counters.
func (s *Store) ListRuns(ctx context.Context, channelID int64, limit int) ([]SyncRun, error) {
	if limit <= 0 {
		limit = 50
	}
	rows, err := s.r.QueryContext(ctx, `SELECT id, channel_id, kind, started_at, ended_at, status, message
		FROM sync_runs WHERE channel_id = ? ORDER BY id DESC LIMIT ?`, channelID, limit)
	if err != nil {
		return nil, fmt.Errorf("list runs: %w", err)
	}
	var runs []SyncRun
	for rows.Next() {
		var r SyncRun
		if err := rows.Scan(&r.ID, &r.ChannelID, &r.Kind, &r.StartedAt, &r.EndedAt, &r.Status, &r.Message); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list runs: %w", err)
		}
		r.Counters = map[string]Counters{}
		runs = append(runs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list runs: %w", err)
	}
	if len(runs) == 0 {
		return runs, nil
	}
	byID := map[int64]*SyncRun{}
	args := make([]any, len(runs))
	for i := range runs {
		byID[runs[i].ID] = &runs[i]
		args[i] = runs[i].ID
	}
	crows, err := s.r.QueryContext(ctx, `SELECT run_id, entity, read, added, updated, skipped, failed, total
		FROM sync_run_counters WHERE run_id IN (`+placeholders(len(args))+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("list run counters: %w", err)
	}
	defer crows.Close()
	for crows.Next() {
		var id int64
		var ent string
		var c Counters
		if err := crows.Scan(&id, &ent, &c.Read, &c.Added, &c.Updated, &c.Skipped, &c.Failed, &c.Total); err != nil {
			return nil, fmt.Errorf("list run counters: %w", err)
		}
		byID[id].Counters[ent] = c
	}
	return runs, crows.Err()
}

// ListSyncErrors returns the channel's failing records, latest first.
func (s *Store) ListSyncErrors(ctx context.Context, channelID int64) ([]SyncError, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT channel_id, entity, magento_id, attempts, last_error, first_at, last_at
		FROM sync_errors WHERE channel_id = ? ORDER BY last_at DESC, entity, magento_id`, channelID)
	if err != nil {
		return nil, fmt.Errorf("list sync errors: %w", err)
	}
	defer rows.Close()
	var out []SyncError
	for rows.Next() {
		var e SyncError
		if err := rows.Scan(&e.ChannelID, &e.Entity, &e.MagentoID, &e.Attempts, &e.LastError, &e.FirstAt, &e.LastAt); err != nil {
			return nil, fmt.Errorf("list sync errors: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
