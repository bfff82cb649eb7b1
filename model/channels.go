package model

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// ErrNotFound is returned by Get* reads for an unknown id.
var ErrNotFound = errors.New("not found")

func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

// CreateChannel stores a new channel and sets ch.ID (and CreatedAt when
// empty). Secrets never reach this table: only CredentialKey, the name of
// the secret in the credential store.
func (s *Store) CreateChannel(ctx context.Context, ch *Channel) error {
	if strings.TrimSpace(ch.Name) == "" {
		return errors.New("create channel: name is required")
	}
	if ch.Type == "" {
		ch.Type = "magento2"
	}
	if ch.SyncStart == "" {
		ch.SyncStart = DefaultSyncStart
	}
	if ch.CreatedAt == "" {
		ch.CreatedAt = nowUTC()
	}
	cs := channelCols(ch)
	q := "INSERT INTO channels(" + strings.Join(cs.names(), ", ") + ") VALUES (" + placeholders(len(cs)) + ")"
	res, err := s.execW(ctx, q, cs.ptrs()...)
	if err != nil {
		return fmt.Errorf("create channel %q: %w", ch.Name, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return fmt.Errorf("create channel %q: %w", ch.Name, err)
	}
	ch.ID = id
	return nil
}

// UpdateChannel writes every field of ch (by ch.ID).
func (s *Store) UpdateChannel(ctx context.Context, ch *Channel) error {
	if ch.ID == 0 {
		return errors.New("update channel: id is 0")
	}
	cs := channelCols(ch)
	sets := make([]string, len(cs))
	for i, n := range cs.names() {
		sets[i] = n + " = ?"
	}
	args := append(cs.ptrs(), ch.ID)
	res, err := s.execW(ctx, "UPDATE channels SET "+strings.Join(sets, ", ")+" WHERE id = ?", args...)
	if err != nil {
		return fmt.Errorf("update channel %d: %w", ch.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("update channel %d: %w", ch.ID, ErrNotFound)
	}
	return nil
}

// GetChannel reads one channel.
func (s *Store) GetChannel(ctx context.Context, id int64) (Channel, error) {
	var ch Channel
	cs := channelCols(&ch)
	err := s.r.QueryRowContext(ctx, "SELECT id, "+cs.selectList("")+" FROM channels WHERE id = ?", id).
		Scan(append([]any{&ch.ID}, cs.ptrs()...)...)
	if errors.Is(err, sql.ErrNoRows) {
		return Channel{}, fmt.Errorf("channel %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Channel{}, fmt.Errorf("get channel %d: %w", id, err)
	}
	return ch, nil
}

// ListChannels returns every channel ordered by name.
func (s *Store) ListChannels(ctx context.Context) ([]Channel, error) {
	var probe Channel
	rows, err := s.r.QueryContext(ctx, "SELECT id, "+channelCols(&probe).selectList("")+" FROM channels ORDER BY name COLLATE NOCASE, id")
	if err != nil {
		return nil, fmt.Errorf("list channels: %w", err)
	}
	defer rows.Close()
	var out []Channel
	for rows.Next() {
		var ch Channel
		if err := rows.Scan(append([]any{&ch.ID}, channelCols(&ch).ptrs()...)...); err != nil {
			return nil, fmt.Errorf("list channels: %w", err)
		}
		out = append(out, ch)
	}
	return out, rows.Err()
}

// DeleteChannel removes the channel and, by cascade, all its data.
func (s *Store) DeleteChannel(ctx context.Context, id int64) error {
	res, err := s.execW(ctx, "DELETE FROM channels WHERE id = ?", id)
	if err != nil {
		return fmt.Errorf("delete channel %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("delete channel %d: %w", id, ErrNotFound)
	}
	return nil
}

// channelDataTables are the per-channel tables ResetChannelData empties
// (children go by cascade; search rows by trigger).
var channelDataTables = []string{
	"websites", "store_groups", "store_views", "customer_groups", "customers", "carts", "orders",
	"credit_memos", "subscribers", "products", "guest_customers", "sync_state", "sync_errors", "sync_runs",
}

// ResetChannelData deletes everything synced for a channel (rows, sync
// state, runs, errors) but keeps the channel and its settings, so the next
// sync starts from scratch.
func (s *Store) ResetChannelData(ctx context.Context, id int64) error {
	return s.writeTx(ctx, func(w *txw) error {
		for _, t := range channelDataTables {
			if _, err := w.tx.ExecContext(ctx, "DELETE FROM "+t+" WHERE channel_id = ?", id); err != nil {
				return fmt.Errorf("reset channel %d: %s: %w", id, t, err)
			}
		}
		_, err := w.tx.ExecContext(ctx, `UPDATE channels SET last_sync_at = '', last_sync_status = '', last_reconcile = '' WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("reset channel %d: %w", id, err)
		}
		return nil
	})
}
