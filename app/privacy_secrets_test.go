package app

import (
	"bytes"
	"context"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/magedesk/magedesk/connector/magentosim"
)

// TestTokenIsInNoFileOfTheDataFolderAfterSyncs syncs against the simulator
// with debug logging into the data folder, once with the right token and
// once with a wrong one (so error paths log too), then reads every file
// in the folder for either token. With a keychain (MAGEDESK_REQUIRE_KEYRING=1
// under .ci/keyring.sh, a real gnome-keyring) no file may hold it; on the
// fallback the 0600 credentials file is the one place allowed to.
func TestTokenIsInNoFileOfTheDataFolderAfterSyncs(t *testing.T) {
	const token = "tok-9d1c-NEVER-ON-DISK-52aa"
	const wrong = "tok-wrong-NEVER-ON-DISK-77ff"
	dir := t.TempDir()
	lg, err := StartLogging(dir, slog.LevelDebug, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer lg.Close()
	backend := CredentialsAuto
	if os.Getenv("MAGEDESK_REQUIRE_KEYRING") == "" {
		backend = CredentialsFile // don't write to a developer's real keychain
	}
	c := newTestCore(t, Options{DataDir: dir, CredentialBackend: backend, Logger: lg.Logger})
	if os.Getenv("MAGEDESK_REQUIRE_KEYRING") != "" && c.Creds.FallbackInUse() {
		t.Fatal("MAGEDESK_REQUIRE_KEYRING is set but no Secret Service answered")
	}
	_, url := startSim(t, magentosim.Options{Token: token, BearerEnabled: true})
	good := simChannel(t, c, url, token)
	bad := simChannel(t, c, url, wrong)
	t.Cleanup(func() {
		ctx := context.Background()
		c.DeleteChannel(ctx, good.ID) // removes the keychain entries too
		c.DeleteChannel(ctx, bad.ID)
	})
	events := collect(t, c)
	c.Scheduler.SyncNow(good.ID)
	if e := waitEvent(t, events, time.Minute, finishedFor(good.ID)); e.Err != nil {
		t.Fatalf("sync failed: %v", e.Err)
	}
	c.Scheduler.SyncNow(bad.ID)
	if e := waitEvent(t, events, time.Minute, finishedFor(bad.ID)); e.Err == nil {
		t.Fatal("sync with a wrong token succeeded")
	}
	if n, _ := storedCount(c.Store, good.ID, "orders"); n == 0 {
		t.Fatal("nothing synced")
	}
	c.Store.Close() // flush the WAL into the file
	logged := 0
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Dir(path) == LogsDir(dir) {
			logged += len(b)
		}
		for _, secret := range []string{token, wrong} {
			if !bytes.Contains(b, []byte(secret)) {
				continue
			}
			if filepath.Base(path) == "credentials.json" && c.Creds.FallbackInUse() {
				if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
					t.Errorf("credentials file mode %o", st.Mode().Perm())
				}
				continue
			}
			t.Errorf("%s holds a token", path)
		}
		return nil
	})
	if logged == 0 {
		t.Fatal("nothing was logged: the test proves nothing")
	}
}
