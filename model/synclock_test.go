package model

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSyncLockRefusesSecondStoreOnSameFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "magedesk.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ch := newTestChannel(t, a)

	release, err := a.AcquireSyncLock(ctx, ch, "gui")
	if err != nil {
		t.Fatalf("first acquire: %v", err)
	}
	_, err = b.AcquireSyncLock(ctx, ch, "cli")
	var le *SyncLockError
	if !errors.As(err, &le) || !errors.Is(err, ErrSyncLocked) {
		t.Fatalf("second acquire: err = %v, want SyncLockError", err)
	}
	if !strings.Contains(err.Error(), "is being synced by another MageDesk process (pid ") || !strings.Contains(err.Error(), `"Test shop"`) {
		t.Fatalf("message = %q", err.Error())
	}
	release()
	release() // idempotent
	rel2, err := b.AcquireSyncLock(ctx, ch, "cli")
	if err != nil {
		t.Fatalf("acquire after release: %v", err)
	}
	rel2()
}

func TestSyncLockTakesOverStaleOrDeadHolder(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	old := time.Now().UTC().Add(-3 * time.Minute).Format(TimeLayout)
	cases := map[string]struct {
		pid  int
		beat string
	}{
		"stale heartbeat": {pid: 1, beat: old},            // pid 1 is alive, but silent for 3 min
		"dead pid":        {pid: 1 << 30, beat: nowUTC()}, // fresh beat, no such process
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			host := hostname()
			if _, err := s.w.Exec(`INSERT OR REPLACE INTO sync_locks(channel_id, owner, pid, hostname, token, acquired_at, heartbeat_at)
				VALUES (?, 'crashed', ?, ?, 'x', ?, ?)`, ch, c.pid, host, c.beat, c.beat); err != nil {
				t.Fatal(err)
			}
			rel, err := s.AcquireSyncLock(ctx, ch, "gui")
			if err != nil {
				t.Fatalf("acquire over %s: %v", name, err)
			}
			rel()
		})
	}
}

func TestSyncLockHeartbeatKeepsLockFresh(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	prev := syncLockBeat
	syncLockBeat = 20 * time.Millisecond
	defer func() { syncLockBeat = prev }()
	old := time.Now().UTC().Add(-time.Hour).Format(TimeLayout)
	rel, err := s.AcquireSyncLock(ctx, ch, "gui")
	if err != nil {
		t.Fatal(err)
	}
	defer rel()
	s.w.Exec(`UPDATE sync_locks SET heartbeat_at = ?`, old)
	deadline := time.Now().Add(2 * time.Second)
	for {
		var beat string
		s.r.QueryRow(`SELECT heartbeat_at FROM sync_locks WHERE channel_id = ?`, ch).Scan(&beat)
		if beat > old {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("heartbeat not refreshed: %s", beat)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
