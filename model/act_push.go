package model

import (
	"context"
	"database/sql"
	"fmt"
)

// Push queue statuses.
const (
	PushPending = "pending" // waiting for its first push
	PushFailed  = "failed"  // Magento refused or could not be reached; kept with its error for a retry
	PushDone    = "done"    // pushed; kept as history
)

// PushItem is one local edit of a Magento record waiting to be pushed
// (two-way sync). Base is Magento's record as last synced when the edit
// began, Local the edited record; both are Magento-shaped JSON.
type PushItem struct {
	ID        int64
	ChannelID int64
	Entity    string
	MagentoID int64
	Label     string // what the owner sees, e.g. the customer's name and email
	Base      string
	Local     string
	Status    string
	Attempts  int64
	LastError string
	Conflicts string // fields settled by the channel's priority on the last push
	CreatedAt string
	UpdatedAt string
}

// QueuePush stores an edit. A second edit of a record whose earlier edit
// has not been pushed yet replaces that edit's Local but keeps its Base:
// the merge must still compare against what Magento had before either edit.
func (s *Store) QueuePush(ctx context.Context, it PushItem) (int64, error) {
	var id int64
	err := s.writeTx(ctx, func(w *txw) error {
		now := nowUTC()
		err := w.queryRow(`SELECT id FROM act_push_queue WHERE channel_id = ? AND entity = ? AND magento_id = ?
			AND status <> 'done' ORDER BY id DESC LIMIT 1`, it.ChannelID, it.Entity, it.MagentoID).Scan(&id)
		switch {
		case err == nil:
			_, err = w.exec(`UPDATE act_push_queue SET local = ?, label = ?, status = 'pending', last_error = '',
				updated_at = ? WHERE id = ?`, it.Local, it.Label, now, id)
			return err
		case !isNoRows(err):
			return err
		}
		res, err := w.exec(`INSERT INTO act_push_queue(channel_id, entity, magento_id, label, base, local, status,
			created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
			it.ChannelID, it.Entity, it.MagentoID, it.Label, it.Base, it.Local, now, now)
		if err != nil {
			return err
		}
		id, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("queue push of %s %d: %w", it.Entity, it.MagentoID, err)
	}
	return id, nil
}

const pushCols = `id, channel_id, entity, magento_id, label, base, local, status, attempts, last_error,
	conflicts, created_at, updated_at`

func scanPush(sc interface{ Scan(...any) error }) (PushItem, error) {
	var it PushItem
	err := sc.Scan(&it.ID, &it.ChannelID, &it.Entity, &it.MagentoID, &it.Label, &it.Base, &it.Local, &it.Status,
		&it.Attempts, &it.LastError, &it.Conflicts, &it.CreatedAt, &it.UpdatedAt)
	return it, err
}

// PushItemByID reads one queued edit.
func (s *Store) PushItemByID(ctx context.Context, id int64) (PushItem, error) {
	it, err := scanPush(s.r.QueryRowContext(ctx, `SELECT `+pushCols+` FROM act_push_queue WHERE id = ?`, id))
	if isNoRows(err) {
		return it, fmt.Errorf("queued edit %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return it, fmt.Errorf("queued edit %d: %w", id, err)
	}
	return it, nil
}

// PushItems lists a channel's queued edits, newest first; open (pending
// and failed) only unless withDone. channelID 0 = every channel.
func (s *Store) PushItems(ctx context.Context, channelID int64, withDone bool, limit int) ([]PushItem, error) {
	if limit <= 0 {
		limit = 200
	}
	q := `SELECT ` + pushCols + ` FROM act_push_queue WHERE (? = 0 OR channel_id = ?)`
	if !withDone {
		q += ` AND status <> 'done'`
	}
	q += ` ORDER BY id DESC LIMIT ?`
	rows, err := s.r.QueryContext(ctx, q, channelID, channelID, limit)
	if err != nil {
		return nil, fmt.Errorf("list queued edits: %w", err)
	}
	defer rows.Close()
	var out []PushItem
	for rows.Next() {
		it, err := scanPush(rows)
		if err != nil {
			return nil, fmt.Errorf("list queued edits: %w", err)
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// PendingPush returns the open edit of a record, if any.
func (s *Store) PendingPush(ctx context.Context, channelID int64, entity string, magentoID int64) (PushItem, bool, error) {
	it, err := scanPush(s.r.QueryRowContext(ctx, `SELECT `+pushCols+` FROM act_push_queue WHERE channel_id = ?
		AND entity = ? AND magento_id = ? AND status <> 'done' ORDER BY id DESC LIMIT 1`, channelID, entity, magentoID))
	if err == sql.ErrNoRows {
		return it, false, nil
	}
	if err != nil {
		return it, false, fmt.Errorf("open edit of %s %d: %w", entity, magentoID, err)
	}
	return it, true, nil
}

// FinishPush records the outcome of one push attempt: status PushDone or
// PushFailed, the error shown to the owner, and the conflicts settled.
func (s *Store) FinishPush(ctx context.Context, id int64, status, lastError, conflicts string) error {
	err := s.writeTx(ctx, func(w *txw) error {
		res, err := w.exec(`UPDATE act_push_queue SET status = ?, last_error = ?, conflicts = ?,
			attempts = attempts + 1, updated_at = ? WHERE id = ?`, status, lastError, conflicts, nowUTC(), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("record push %d result: %w", id, err)
	}
	return nil
}
