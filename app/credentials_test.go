package app

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"
)

func TestFileCredentialsRoundTripIn0600File(t *testing.T) {
	dir := t.TempDir()
	store, err := NewCredentialStore(dir, CredentialsFile, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !store.FallbackInUse() {
		t.Fatal("file backend must report FallbackInUse")
	}
	want := Secrets{Token: "tok-1", BasicPassword: "staging-pw"}
	if err := store.Set("a", want); err != nil {
		t.Fatal(err)
	}
	if err := store.Set("b", Secrets{ConsumerKey: "ck", ConsumerSecret: "cs", AccessToken: "at", AccessTokenSecret: "ats"}); err != nil {
		t.Fatal(err)
	}
	got, err := store.Get("a")
	if err != nil || got != want {
		t.Fatalf("Get(a) = %+v, %v; want %+v", got, err, want)
	}
	fi, err := os.Stat(filepath.Join(dir, "credentials.json"))
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Fatalf("credentials file mode %o, want 600", perm)
	}
	// A second store on the same folder (next app start) reads the same values.
	again, _ := NewCredentialStore(dir, CredentialsFile, nil)
	if got, _ := again.Get("b"); got.AccessTokenSecret != "ats" {
		t.Fatalf("reopened store lost secrets: %+v", got)
	}
	if err := store.Delete("a"); err != nil {
		t.Fatal(err)
	}
	if _, err := again.Get("a"); !errors.Is(err, ErrNoSecret) {
		t.Fatalf("deleted secret still readable: %v", err)
	}
}

func TestSecretsNeverPrintThemselves(t *testing.T) {
	s := Secrets{Token: "very-secret-token"}
	for _, text := range []string{s.String(), s.LogValue().String()} {
		if bytes.Contains([]byte(text), []byte("very-secret")) {
			t.Fatalf("secret leaked in %q", text)
		}
	}
}

func TestKeyringCredentialsRoundTrip(t *testing.T) {
	if err := probeKeyring(2 * time.Second); err != nil {
		t.Skipf("no OS keychain reachable here: %v", err)
	}
	store := keyringCredentials{}
	key := "magedesk-test-" + t.Name()
	t.Cleanup(func() { store.Delete(key) })
	want := Secrets{Token: "kr-token"}
	if err := store.Set(key, want); err != nil {
		t.Fatal(err)
	}
	if got, err := store.Get(key); err != nil || got != want {
		t.Fatalf("Get = %+v, %v", got, err)
	}
	if err := store.Delete(key); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Get(key); !errors.Is(err, ErrNoSecret) {
		t.Fatalf("after delete: %v", err)
	}
}

func TestChannelSecretsStayOutOfTheDatabase(t *testing.T) {
	dir := t.TempDir()
	c := newTestCore(t, Options{DataDir: dir, CredentialBackend: CredentialsFile, Credentials: nil})
	const token = "tok-DO-NOT-STORE-9f8e7d"
	ch := NewChannelDraft()
	ch.Name = "Secret shop"
	ch.BaseURL = "https://shop.example.com"
	ch.BasicAuthUser = "stage"
	created, err := c.CreateChannel(context.Background(), ch, Secrets{Token: token, BasicPassword: "pw-DO-NOT-STORE"})
	if err != nil {
		t.Fatal(err)
	}
	if created.CredentialKey == "" {
		t.Fatal("channel has no credential key")
	}
	got, err := c.Secrets(created)
	if err != nil || got.Token != token {
		t.Fatalf("secrets not readable back: %+v %v", got, err)
	}
	c.Store.Close()
	for _, name := range []string{"magedesk.db", "magedesk.db-wal"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		if bytes.Contains(b, []byte(token)) || bytes.Contains(b, []byte("pw-DO-NOT-STORE")) {
			t.Fatalf("%s contains a secret", name)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "credentials.json"))
	if err != nil || !bytes.Contains(b, []byte(token)) {
		t.Fatalf("token not in the fallback file: %v", err)
	}
}

// The OS keychain is not reachable in CI; go-keyring's mock provider
// stands in for it so the keychain backend's own logic (one JSON value per
// channel, not-found mapping, auto selection) is still exercised.
func TestKeyringBackendWithMockProvider(t *testing.T) {
	keyring.MockInit()
	store, err := NewCredentialStore(t.TempDir(), CredentialsAuto, nil)
	if err != nil {
		t.Fatal(err)
	}
	if store.FallbackInUse() {
		t.Fatal("auto selection chose the file although a keychain answered")
	}
	want := Secrets{ConsumerKey: "ck", ConsumerSecret: "cs", AccessToken: "at", AccessTokenSecret: "ats"}
	if err := store.Set("chan-1", want); err != nil {
		t.Fatal(err)
	}
	raw, err := keyring.Get(keyringService, "chan-1")
	if err != nil || !strings.Contains(raw, `"consumer_key":"ck"`) {
		t.Fatalf("keychain entry %q, %v", raw, err)
	}
	if got, err := store.Get("chan-1"); err != nil || got != want {
		t.Fatalf("Get = %+v, %v", got, err)
	}
	if err := store.Delete("chan-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Get("chan-1"); !errors.Is(err, ErrNoSecret) {
		t.Fatalf("after delete: %v", err)
	}
	if err := store.Delete("chan-1"); err != nil {
		t.Fatalf("deleting a missing entry: %v", err)
	}
}
