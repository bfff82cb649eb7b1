package app

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/magedesk/magedesk/connector/magentosim"
	"github.com/magedesk/magedesk/model"
)

// syncedCore is a core with one channel synced from a small simulator.
func syncedCore(t *testing.T, o magentosim.Options) (*Core, model.Channel) {
	t.Helper()
	c := newTestCore(t, Options{})
	_, url := startSim(t, o)
	ch := simChannel(t, c, url, "test-token")
	events := collect(t, c)
	if started, msg := c.Scheduler.SyncNow(ch.ID); !started {
		t.Fatalf("sync not started: %s", msg)
	}
	e := waitEvent(t, events, time.Minute, finishedFor(ch.ID))
	if e.Err != nil {
		t.Fatalf("sync failed: %v", e.Err)
	}
	return c, ch
}

func integrityOK(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var res string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		t.Fatalf("integrity_check of %s = %q, %v", path, res, err)
	}
}

func TestBackupSaysItHoldsCustomerDataAndRestoresEveryRecord(t *testing.T) {
	ctx := context.Background()
	c, ch := syncedCore(t, magentosim.Options{Token: "test-token", BearerEnabled: true})
	wantCustomers, _ := storedCount(c.Store, ch.ID, model.EntityCustomers)
	wantOrders, _ := storedCount(c.Store, ch.ID, model.EntityOrders)
	if wantCustomers == 0 || wantOrders == 0 {
		t.Fatalf("nothing synced: %d customers, %d orders", wantCustomers, wantOrders)
	}

	dest := filepath.Join(t.TempDir(), DefaultBackupName(time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)))
	if !strings.Contains(dest, "customer-data") {
		t.Fatalf("default name %q does not say it holds customer data", dest)
	}
	info, err := c.Backup(ctx, dest)
	if err != nil {
		t.Fatal(err)
	}
	if info.Channels != 1 || info.Customers != wantCustomers || info.Orders != wantOrders || info.Size == 0 {
		t.Fatalf("backup info %+v, want 1 channel, %d customers, %d orders", info, wantCustomers, wantOrders)
	}
	st, _ := os.Stat(dest)
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("backup mode %o, want 600", st.Mode().Perm())
	}
	if _, err := os.Stat(dest + ".part"); !os.IsNotExist(err) {
		t.Fatal("partial file left behind")
	}
	integrityOK(t, dest)
	read, err := ReadBackupInfo(ctx, dest)
	if err != nil {
		t.Fatal(err)
	}
	if read.Contains != BackupNotice || !strings.Contains(read.Contains, "personal data") || read.Customers != wantCustomers {
		t.Fatalf("label read back: %+v", read)
	}
	if b, _ := os.ReadFile(dest); strings.Contains(string(b), "test-token") {
		t.Fatal("the backup holds the channel's token")
	}

	// Wipe the channel's data, then restore: every record comes back.
	if err := c.Store.ResetChannelData(ctx, ch.ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := storedCount(c.Store, ch.ID, model.EntityOrders); n != 0 {
		t.Fatalf("reset left %d orders", n)
	}
	events := collect(t, c)
	if err := c.Restore(ctx, dest); err != nil {
		t.Fatal(err)
	}
	if n, _ := storedCount(c.Store, ch.ID, model.EntityOrders); n != wantOrders {
		t.Fatalf("after restore %d orders, want %d", n, wantOrders)
	}
	if n, _ := storedCount(c.Store, ch.ID, model.EntityCustomers); n != wantCustomers {
		t.Fatalf("after restore %d customers, want %d", n, wantCustomers)
	}
	waitEvent(t, events, time.Second, func(e Event) bool { return e.Kind == EvDataChanged })
	// The live store still writes after the restore (statements re-prepared).
	chs, err := c.Store.ListChannels(ctx)
	if err != nil || len(chs) != 1 {
		t.Fatalf("channels after restore: %v %v", chs, err)
	}
	if err := c.Store.UpdateChannel(ctx, &chs[0]); err != nil {
		t.Fatalf("write after restore: %v", err)
	}
}

func TestBackupDuringASyncIsConsistent(t *testing.T) {
	ctx := context.Background()
	c := newTestCore(t, Options{PageSize: 20, Concurrency: 1})
	_, url := startSim(t, magentosim.Options{Token: "test-token", BearerEnabled: true,
		Customers: 200, Carts: 150, Orders: 600, CreditMemos: 30, Subscribers: 50, Products: 20})
	ch := simChannel(t, c, url, "test-token")
	events := collect(t, c)
	if started, msg := c.Scheduler.SyncNow(ch.ID); !started {
		t.Fatal(msg)
	}
	dir := t.TempDir()
	var during int
	finished := false
	// Three backups that overlap the sync are proof enough; then cancel it.
	for i := 0; !finished && during < 3; i++ {
		dest := filepath.Join(dir, "b"+string(rune('a'+i%26))+".db")
		os.Remove(dest)
		if _, err := c.Backup(ctx, dest); err != nil {
			t.Fatalf("backup %d during the sync: %v", i, err)
		}
		if c.Scheduler.Running(ch.ID) {
			during++
		}
		integrityOK(t, dest)
		// Each backup opens as a working store.
		s, err := model.Open(dest)
		if err != nil {
			t.Fatalf("backup %d does not open: %v", i, err)
		}
		s.Close()
		select {
		case e := <-events:
			if e.Kind == EvSyncFinished && e.ChannelID == ch.ID {
				if e.Err != nil {
					t.Fatalf("sync failed while backing up: %v", e.Err)
				}
				finished = true
			}
		default:
		}
		if i > 2000 {
			t.Fatal("sync never finished")
		}
	}
	c.Scheduler.Cancel(ch.ID)
	c.Scheduler.Wait(ch.ID)
	if during == 0 {
		t.Skip("the sync finished before any backup overlapped it")
	}
	t.Logf("%d backups taken while the sync ran", during)
}

func TestRestoreRefusesAFileThatIsNotABackup(t *testing.T) {
	c := newTestCore(t, Options{})
	bad := filepath.Join(t.TempDir(), "notes.db")
	os.WriteFile(bad, []byte("hello, not sqlite"), 0o600)
	if err := c.Restore(context.Background(), bad); err == nil {
		t.Fatal("restored from a text file")
	}
	if _, err := c.Store.ListChannels(context.Background()); err != nil {
		t.Fatalf("live database hurt by the refused restore: %v", err)
	}
}
