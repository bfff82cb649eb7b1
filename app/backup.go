package app

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/magedesk/magedesk/model"
)

// BackupNotice is what the File menu, the save dialog and the backup file
// itself say about a backup's contents: it is the shop's customer data.
const BackupNotice = "A MageDesk backup holds your customers' personal data (names, email and postal " +
	"addresses, orders and refunds). Keep it somewhere only you can read, and delete it when you no " +
	"longer need it. It holds no passwords or access tokens: those stay in the system keychain."

// backupInfoTable is added to every backup file so the file says what it
// is (and holds) to whoever opens it with any SQLite tool.
const backupInfoTable = "magedesk_backup_info"

// BackupInfo describes a backup file.
type BackupInfo struct {
	Path      string
	Size      int64
	CreatedAt time.Time
	Channels  int
	Customers int
	Orders    int
	Contains  string // BackupNotice, as written in the file
}

// DefaultBackupName is the file name the save dialog proposes; it says
// that the file holds customer data.
func DefaultBackupName(now time.Time) string {
	return "magedesk-backup-" + now.Format("2006-01-02-1504") + "-customer-data.db"
}

// Backup copies the live database to dest with SQLite's online backup API.
// The copy is taken in one step, inside one read transaction of its own
// connection: under WAL a running sync keeps writing meanwhile and the
// backup is the database as of one instant (between two sync batches,
// since each batch is one transaction). The file is written next to dest
// and renamed into place, 0600, so a failed backup never leaves half a file.
func (c *Core) Backup(ctx context.Context, dest string) (BackupInfo, error) {
	if dest == "" {
		return BackupInfo{}, errors.New("backup: no file chosen")
	}
	if same, _ := sameFile(dest, c.Store.Path()); same {
		return BackupInfo{}, errors.New("backup: choose another file than the live database")
	}
	part := dest + ".part"
	os.Remove(part)
	if err := createPrivate(part); err != nil {
		return BackupInfo{}, fmt.Errorf("backup: %w", err)
	}
	if err := copyDatabase(ctx, c.Store.Path(), part); err != nil {
		os.Remove(part)
		return BackupInfo{}, fmt.Errorf("backup to %s: %w", dest, err)
	}
	info, err := labelBackup(ctx, part, c.now())
	if err != nil {
		os.Remove(part)
		return BackupInfo{}, fmt.Errorf("backup to %s: %w", dest, err)
	}
	if err := os.Rename(part, dest); err != nil {
		os.Remove(part)
		return BackupInfo{}, fmt.Errorf("backup: move into place: %w", err)
	}
	info.Path = dest
	if st, err := os.Stat(dest); err == nil {
		info.Size = st.Size()
	}
	c.logger.Info("database backed up", "file", dest, "bytes", info.Size, "channels", info.Channels)
	return info, nil
}

// ReadBackupInfo reads what a backup file says about itself. A plain
// MageDesk database (no label) is accepted with zero CreatedAt.
func ReadBackupInfo(ctx context.Context, path string) (BackupInfo, error) {
	db, err := openRaw(path, true)
	if err != nil {
		return BackupInfo{}, err
	}
	defer db.Close()
	info := BackupInfo{Path: path}
	if err := countContents(ctx, db, &info); err != nil {
		return BackupInfo{}, fmt.Errorf("%s is not a MageDesk database: %w", filepath.Base(path), err)
	}
	var created string
	err = db.QueryRowContext(ctx, "SELECT value FROM "+backupInfoTable+" WHERE key = 'created_at'").Scan(&created)
	if err == nil {
		info.CreatedAt, _ = time.Parse(time.RFC3339, created)
		db.QueryRowContext(ctx, "SELECT value FROM "+backupInfoTable+" WHERE key = 'contains'").Scan(&info.Contains)
	}
	if st, err := os.Stat(path); err == nil {
		info.Size = st.Size()
	}
	return info, nil
}

// Restore replaces the local database with a backup. Syncs are canceled
// first; the backup is copied to a scratch file in the data folder, brought
// to the current schema by model.Open (an older backup works), stripped of
// its label and stale sync locks, then copied over the live database with
// the backup API, which the open connections see as an ordinary change.
// Demo channels get their simulator back. Channels whose credentials are
// no longer in the keychain ask for them at their next sync.
func (c *Core) Restore(ctx context.Context, src string) error {
	if _, err := ReadBackupInfo(ctx, src); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	scratch := filepath.Join(c.dataDir, "restore-scratch.db")
	cleanup := func() {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(scratch + suffix)
		}
	}
	cleanup()
	defer cleanup()
	if err := createPrivate(scratch); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if err := copyDatabase(ctx, src, scratch); err != nil {
		return fmt.Errorf("restore: read %s: %w", src, err)
	}
	migrated, err := model.Open(scratch)
	if err != nil {
		return fmt.Errorf("restore: the backup cannot be brought to this version's format: %w", err)
	}
	migrated.Close()
	if err := unlabelBackup(ctx, scratch); err != nil {
		return fmt.Errorf("restore: %w", err)
	}

	c.cancelAllSyncs(ctx)
	if err := copyDatabase(ctx, scratch, c.Store.Path()); err != nil {
		return fmt.Errorf("restore into the live database: %w", err)
	}
	c.logger.Info("database restored", "from", src)
	// Demo simulators run per channel id; the restored ids may differ.
	c.mu.Lock()
	ids := make([]int64, 0, len(c.demos))
	for id := range c.demos {
		ids = append(ids, id)
	}
	c.mu.Unlock()
	for _, id := range ids {
		c.stopDemo(id)
	}
	if err := c.RestartDemos(ctx); err != nil {
		c.logger.Warn("restore: restart demo store", "err", err)
	}
	c.Events.Publish(Event{Kind: EvChannelsChanged})
	c.Events.Publish(Event{Kind: EvDataChanged})
	return nil
}

// cancelAllSyncs cancels every running sync and waits for each to end.
func (c *Core) cancelAllSyncs(ctx context.Context) {
	chs, err := c.Store.ListChannels(ctx)
	if err != nil {
		c.logger.Warn("cancel syncs: list channels", "err", err)
		return
	}
	for _, ch := range chs {
		c.Scheduler.Cancel(ch.ID)
	}
	for _, ch := range chs {
		c.Scheduler.Wait(ch.ID)
	}
}

// openRaw opens a database file outside model.Store (one connection).
func openRaw(path string, readOnly bool) (*sql.DB, error) {
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("%s: file names with '?' or '#' are not supported", path)
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	dsn := "file:" + path + "?_busy_timeout=10000"
	if readOnly {
		dsn += "&mode=ro"
	}
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// labelBackup writes the backup_info table into a fresh copy and counts
// what it holds.
func labelBackup(ctx context.Context, path string, now time.Time) (BackupInfo, error) {
	db, err := openRaw(path, false)
	if err != nil {
		return BackupInfo{}, err
	}
	defer db.Close()
	info := BackupInfo{CreatedAt: now.UTC().Truncate(time.Second), Contains: BackupNotice}
	if err := countContents(ctx, db, &info); err != nil {
		return BackupInfo{}, err
	}
	// The copy keeps the live database's WAL mode; a single file is
	// easier to move around, so the backup is a rollback-journal file.
	stmts := []string{
		"PRAGMA journal_mode=DELETE",
		"CREATE TABLE IF NOT EXISTS " + backupInfoTable + " (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
		"DELETE FROM sync_locks",
	}
	for _, q := range stmts {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return BackupInfo{}, fmt.Errorf("label backup: %w", err)
		}
	}
	rows := [][2]string{
		{"kind", "MageDesk backup"},
		{"contains", BackupNotice},
		{"created_at", info.CreatedAt.Format(time.RFC3339)},
		{"channels", fmt.Sprint(info.Channels)},
		{"customers", fmt.Sprint(info.Customers)},
		{"orders", fmt.Sprint(info.Orders)},
	}
	for _, r := range rows {
		if _, err := db.ExecContext(ctx, "INSERT OR REPLACE INTO "+backupInfoTable+"(key, value) VALUES (?, ?)", r[0], r[1]); err != nil {
			return BackupInfo{}, fmt.Errorf("label backup: %w", err)
		}
	}
	return info, nil
}

// unlabelBackup removes the label and any sync lock the backup carried.
func unlabelBackup(ctx context.Context, path string) error {
	db, err := openRaw(path, false)
	if err != nil {
		return err
	}
	defer db.Close()
	for _, q := range []string{"DROP TABLE IF EXISTS " + backupInfoTable, "DELETE FROM sync_locks"} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("prepare the restored copy: %w", err)
		}
	}
	return nil
}

func countContents(ctx context.Context, db *sql.DB, info *BackupInfo) error {
	for _, q := range []struct {
		sql string
		n   *int
	}{
		{"SELECT count(*) FROM channels", &info.Channels},
		{"SELECT count(*) FROM customers WHERE removed_in_magento = 0", &info.Customers},
		{"SELECT count(*) FROM orders", &info.Orders},
	} {
		if err := db.QueryRowContext(ctx, q.sql).Scan(q.n); err != nil {
			return fmt.Errorf("count: %w", err)
		}
	}
	return nil
}

// createPrivate creates an empty 0600 file (SQLite keeps the mode).
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	return f.Close()
}

func sameFile(a, b string) (bool, error) {
	sa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	sb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(sa, sb), nil
}
