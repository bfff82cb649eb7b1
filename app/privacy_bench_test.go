package app

import (
	"context"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestForgetAndBackupOnAStoreL times Forget this customer and a backup on
// a copy of a synced Store L database (100,000 orders). It runs only when
// MAGEDESK_STORE_L_DB names such a file (e.g. one kept by `magedesk bench`).
func TestForgetAndBackupOnAStoreL(t *testing.T) {
	src := os.Getenv("MAGEDESK_STORE_L_DB")
	if src == "" {
		t.Skip("set MAGEDESK_STORE_L_DB to a synced Store L database")
	}
	dir := t.TempDir()
	copyFile(t, src, filepath.Join(dir, "magedesk.db"))
	c := newTestCore(t, Options{DataDir: dir})
	ctx := context.Background()
	db, err := sql.Open("sqlite3", "file:"+c.Store.Path()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var chID int64
	db.QueryRow("SELECT id FROM channels LIMIT 1").Scan(&chID)
	id, email, _, n, _ := customerWithOrders(t, db, chID)
	start := time.Now()
	if err := c.ForgetCustomer(ctx, id); err != nil {
		t.Fatal(err)
	}
	t.Logf("forget a customer with %d orders: %s", n, time.Since(start).Round(time.Millisecond))
	if countWhere(t, db, "SELECT count(*) FROM orders WHERE email_lc = ?", email) != 0 {
		t.Fatal("email still on orders")
	}
	start = time.Now()
	info, err := c.Backup(ctx, filepath.Join(dir, "backup.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("backup of %d orders, %d MB: %s", info.Orders, info.Size>>20, time.Since(start).Round(time.Millisecond))
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	out.Close()
}
