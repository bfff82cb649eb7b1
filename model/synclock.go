package model

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"
)

// Sync lock: one row per channel being synced, holding the owner's pid,
// host and a heartbeat. It lives in the database, so it works across
// processes (GUI and CLI) sharing the file. A lock whose heartbeat is
// older than SyncLockStale, or whose pid is dead on this host, is taken
// over.

// SyncLockStale is how old a heartbeat may be before the lock is free.
const SyncLockStale = 2 * time.Minute

// syncLockBeat is how often a held lock's heartbeat is refreshed.
var syncLockBeat = 30 * time.Second

// ErrSyncLocked is wrapped by AcquireSyncLock when another live process
// holds the channel's lock.
var ErrSyncLocked = errors.New("channel is being synced")

// SyncLockError says who holds the lock.
type SyncLockError struct {
	Channel  string
	PID      int
	Owner    string
	Since    time.Time // UTC
	Location *time.Location
}

func (e *SyncLockError) Error() string {
	loc := e.Location
	if loc == nil {
		loc = time.Local
	}
	return fmt.Sprintf("channel %s is being synced by another MageDesk process (pid %d) since %s",
		e.Channel, e.PID, e.Since.In(loc).Format("15:04"))
}

func (e *SyncLockError) Unwrap() error { return ErrSyncLocked }

// AcquireSyncLock takes the channel's sync lock for owner (a label such as
// "gui" or "cli sync") or returns a *SyncLockError. The returned release
// function stops the heartbeat and frees the lock; it is safe to call
// more than once.
func (s *Store) AcquireSyncLock(ctx context.Context, channelID int64, owner string) (func(), error) {
	host := hostname()
	pid := os.Getpid()
	tok := make([]byte, 16)
	if _, err := rand.Read(tok); err != nil {
		return nil, fmt.Errorf("sync lock: %w", err)
	}
	token := hex.EncodeToString(tok)
	var held *SyncLockError
	err := s.writeTx(ctx, func(w *txw) error {
		var name string
		if err := w.tx.QueryRowContext(ctx, `SELECT name FROM channels WHERE id = ?`, channelID).Scan(&name); err != nil {
			if isNoRows(err) {
				return fmt.Errorf("channel %d: %w", channelID, ErrNotFound)
			}
			return err
		}
		var oPID int
		var oHost, oOwner, oSince, oBeat string
		err := w.tx.QueryRowContext(ctx, `SELECT pid, hostname, owner, acquired_at, heartbeat_at FROM sync_locks
			WHERE channel_id = ?`, channelID).Scan(&oPID, &oHost, &oOwner, &oSince, &oBeat)
		if err != nil && !isNoRows(err) {
			return err
		}
		if err == nil && lockAlive(oPID, oHost, oBeat, host) {
			since, _ := time.ParseInLocation(TimeLayout, oSince, time.UTC)
			held = &SyncLockError{Channel: fmt.Sprintf("%q", name), PID: oPID, Owner: oOwner, Since: since}
			return nil
		}
		now := nowUTC()
		_, err = w.tx.ExecContext(ctx, `INSERT INTO sync_locks(channel_id, owner, pid, hostname, token, acquired_at, heartbeat_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT(channel_id) DO UPDATE SET owner = excluded.owner, pid = excluded.pid, hostname = excluded.hostname,
				token = excluded.token, acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at`,
			channelID, owner, pid, host, token, now, now)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("acquire sync lock of channel %d: %w", channelID, err)
	}
	if held != nil {
		return nil, held
	}

	stop := make(chan struct{})
	done := make(chan struct{})
	go s.beatSyncLock(channelID, token, stop, done)
	var once sync.Once
	release := func() {
		once.Do(func() {
			close(stop)
			<-done
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			if _, err := s.execW(ctx, `DELETE FROM sync_locks WHERE channel_id = ? AND token = ?`, channelID, token); err != nil {
				slog.Warn("release sync lock", "channel", channelID, "err", err)
			}
		})
	}
	return release, nil
}

func (s *Store) beatSyncLock(channelID int64, token string, stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	t := time.NewTicker(syncLockBeat)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), SyncLockStale/2)
			_, err := s.execW(ctx, `UPDATE sync_locks SET heartbeat_at = ? WHERE channel_id = ? AND token = ?`,
				nowUTC(), channelID, token)
			cancel()
			if err != nil {
				slog.Warn("sync lock heartbeat", "channel", channelID, "err", err)
			}
		}
	}
}

// lockAlive reports whether a stored lock still belongs to a live sync:
// fresh heartbeat and, when it was taken on this host, a running pid.
func lockAlive(pid int, lockHost, beat, thisHost string) bool {
	t, err := time.ParseInLocation(TimeLayout, beat, time.UTC)
	if err != nil || time.Since(t) > SyncLockStale {
		return false
	}
	if lockHost == thisHost && !processAlive(pid) {
		return false
	}
	return true
}

func hostname() string {
	h, _ := os.Hostname()
	return h
}
