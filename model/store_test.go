package model

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestOpenCreatesPrivateFileAndFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	path := filepath.Join(dir, "magedesk.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	newTestChannel(t, s) // forces the WAL file into existence
	for p, want := range map[string]os.FileMode{path: 0o600, dir: 0o700 | os.ModeDir} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != want.Perm() {
			t.Errorf("%s mode = %v, want %v", p, fi.Mode().Perm(), want.Perm())
		}
	}
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Mode().Perm() != 0o600 {
		t.Errorf("wal mode = %v", fi.Mode().Perm())
	}
}

func pragmaOf(t *testing.T, s *Store, name string) string {
	t.Helper()
	var v string
	if err := s.r.QueryRow("PRAGMA " + name).Scan(&v); err != nil {
		t.Fatalf("PRAGMA %s: %v", name, err)
	}
	return v
}

func TestNewFileGetsLargePagesAndWAL(t *testing.T) {
	s := newTestStore(t)
	if got := pragmaOf(t, s, "page_size"); got != "16384" {
		t.Errorf("page_size = %s, want 16384", got)
	}
	if got := pragmaOf(t, s, "journal_mode"); got != "wal" {
		t.Errorf("journal_mode = %s, want wal", got)
	}
}

// A database created with SQLite's default pages (every file before the
// page size was set) opens, keeps its pages and takes writes.
func TestExistingFileKeepsItsPageSize(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := sql.Open("sqlite3", path+"?_journal_mode=WAL")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := old.Exec("CREATE TABLE before_us(x)"); err != nil {
		t.Fatal(err)
	}
	old.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := pragmaOf(t, s, "page_size"); got != "4096" {
		t.Errorf("page_size = %s, want the file's 4096", got)
	}
	newTestChannel(t, s)
}

func TestDefaultDataDirHonoursEnv(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "md")
	t.Setenv("MAGEDESK_DATA_DIR", dir)
	got, err := DefaultDBPath()
	if err != nil || got != filepath.Join(dir, "magedesk.db") {
		t.Fatalf("DefaultDBPath = %q, %v", got, err)
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("data dir: %v %v", fi, err)
	}
}

func TestMigrationsApplyOnceAndReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ms, _ := loadMigrations()
	v, err := s.SchemaVersion(context.Background())
	if err != nil || v != ms[len(ms)-1].version {
		t.Fatalf("schema version = %d, %v", v, err)
	}
	ch := newTestChannel(t, s)
	s.Close()
	s, err = Open(path) // a second open must not re-run 0001 (it would fail on CREATE TABLE)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	var n int
	s.r.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n)
	if n != len(ms) {
		t.Fatalf("schema_migrations rows = %d, want %d", n, len(ms))
	}
	if _, err := s.GetChannel(context.Background(), ch); err != nil {
		t.Fatalf("data lost on reopen: %v", err)
	}
}

func TestChannelCRUDAndCascade(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	ch := Channel{Name: "Shop", BaseURL: "https://a.test", WebsiteIDs: []int64{1, 2}, Entities: []string{EntityCustomers, EntityOrders},
		AbandonAfter: 90, TwoWay: true}
	if err := s.CreateChannel(ctx, &ch); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetChannel(ctx, ch.ID)
	if err != nil || got.SyncStart != DefaultSyncStart || len(got.WebsiteIDs) != 2 || got.Entities[1] != EntityOrders || !got.TwoWay {
		t.Fatalf("get channel = %+v, %v", got, err)
	}
	got.Name, got.Timezone = "Shop 2", "Europe/Berlin"
	if err := s.UpdateChannel(ctx, &got); err != nil {
		t.Fatal(err)
	}
	list, _ := s.ListChannels(ctx)
	if len(list) != 1 || list[0].Name != "Shop 2" || list[0].Timezone != "Europe/Berlin" {
		t.Fatalf("list = %+v", list)
	}
	apply(t, s, Batch{ChannelID: ch.ID, Orders: []Order{fxOrder(1, "1", 0, "g@example.com", "2024-01-01 00:00:00", "5")},
		Websites: []Website{{MagentoID: 1, Code: "base", Name: "Main"}}, State: &SyncState{Entity: EntityOrders, Watermark: "x"}})

	if err := s.ResetChannelData(ctx, ch.ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.CountOrders(ctx, ListQuery{ChannelID: ch.ID}); n != 0 {
		t.Fatalf("orders after reset = %d", n)
	}
	if st, _ := s.SyncState(ctx, ch.ID, EntityOrders); st.Watermark != "" {
		t.Fatalf("state after reset = %+v", st)
	}
	if _, err := s.GetChannel(ctx, ch.ID); err != nil {
		t.Fatalf("channel gone after reset: %v", err)
	}

	apply(t, s, Batch{ChannelID: ch.ID, Orders: []Order{fxOrder(1, "1", 0, "g@example.com", "2024-01-01 00:00:00", "5")}})
	if err := s.DeleteChannel(ctx, ch.ID); err != nil {
		t.Fatal(err)
	}
	var rows int
	s.r.QueryRow(`SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM order_items) + (SELECT count(*) FROM guest_customers)`).Scan(&rows)
	if rows != 0 {
		t.Fatalf("rows left after delete = %d", rows)
	}
	if _, err := s.GetChannel(ctx, ch.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleted channel: %v", err)
	}
}

func TestKnownIDsAndMarkRemovedOrders(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	o := fxOrder(1, "1", 0, "g@example.com", "2024-01-01 00:00:00", "5")
	apply(t, s, Batch{ChannelID: ch, Orders: []Order{o, fxOrder(2, "2", 0, "g@example.com", "2024-01-02 00:00:00", "5")}})
	known, err := s.KnownIDs(ctx, ch, EntityOrders)
	if err != nil || len(known) != 2 || known[2] != "2024-01-02 00:00:00" {
		t.Fatalf("known = %v, %v", known, err)
	}
	if err := s.MarkRemoved(ctx, ch, EntityOrders, []int64{1}); err != nil {
		t.Fatal(err)
	}
	if known, _ = s.KnownIDs(ctx, ch, EntityOrders); len(known) != 1 {
		t.Fatalf("known after removal = %v", known)
	}
	got, _ := s.GetOrderByMagentoID(ctx, ch, 1)
	if !got.RemovedInMagento {
		t.Fatal("order not flagged removed")
	}
	// Listed again: the flag clears even though the content is unchanged.
	if c := apply(t, s, Batch{ChannelID: ch, Orders: []Order{o}}); c.Updated != 1 {
		t.Fatalf("re-listed removed order counters %+v", c)
	}
	if got, _ = s.GetOrderByMagentoID(ctx, ch, 1); got.RemovedInMagento {
		t.Fatal("flag not cleared")
	}
}

// The writer checkpoints every 2,048 WAL pages (store.go: shorter
// checkpoints keep a sync's pipeline busy), and a new file's WAL is cut
// back to 64 MB.
func TestWriterCheckpointSettings(t *testing.T) {
	s := newTestStore(t)
	var ckpt, limit int
	if err := s.w.QueryRow(`PRAGMA wal_autocheckpoint`).Scan(&ckpt); err != nil {
		t.Fatal(err)
	}
	if err := s.w.QueryRow(`PRAGMA journal_size_limit`).Scan(&limit); err != nil {
		t.Fatal(err)
	}
	if ckpt != 2048 || limit != 64<<20 {
		t.Fatalf("wal_autocheckpoint %d, journal_size_limit %d; want 2048, %d", ckpt, limit, 64<<20)
	}
}
