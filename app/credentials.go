package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/zalando/go-keyring"
)

// Secrets are the credentials of one channel. They live in the OS keychain
// (or the 0600 fallback file), never in the SQLite file and never in logs.
type Secrets struct {
	Token             string `json:"token,omitempty"` // integration access token (Bearer)
	ConsumerKey       string `json:"consumer_key,omitempty"`
	ConsumerSecret    string `json:"consumer_secret,omitempty"`
	AccessToken       string `json:"access_token,omitempty"`
	AccessTokenSecret string `json:"access_token_secret,omitempty"`
	BasicPassword     string `json:"basic_password,omitempty"` // HTTP basic auth in front of staging
}

// String never prints the values, so a Secrets that ends up in a log line
// or an error by accident leaks nothing.
func (s Secrets) String() string { return "Secrets{redacted}" }

// LogValue keeps slog from printing the fields either.
func (s Secrets) LogValue() slog.Value { return slog.StringValue("redacted") }

// ErrNoSecret is returned by Get when nothing is stored under the key.
var ErrNoSecret = errors.New("no credentials stored for this channel")

// CredentialStore keeps channel secrets outside the database.
type CredentialStore interface {
	Get(key string) (Secrets, error)
	Set(key string, s Secrets) error
	Delete(key string) error
	// FallbackInUse reports that no OS keychain was reachable and the
	// secrets sit in a 0600 file in the data folder instead.
	FallbackInUse() bool
}

// keyringService is the service name under which MageDesk's entries
// appear in Seahorse, Keychain Access or the Windows Credential Manager.
const keyringService = "MageDesk"

// CredentialBackend selects the store; "" means auto (keychain when
// reachable, else the file).
type CredentialBackend string

const (
	CredentialsAuto    CredentialBackend = ""
	CredentialsKeyring CredentialBackend = "keyring"
	CredentialsFile    CredentialBackend = "file"
)

// NewCredentialStore picks the keychain when it answers a probe and the
// fallback file otherwise. The probe writes and deletes a throwaway entry
// with a time limit, because a Secret Service that is present but locked
// can block on an unlock prompt nobody answers (headless sessions).
func NewCredentialStore(dataDir string, backend CredentialBackend, logger *slog.Logger) (CredentialStore, error) {
	if logger == nil {
		logger = slog.Default()
	}
	file := &fileCredentials{path: filepath.Join(dataDir, "credentials.json")}
	switch backend {
	case CredentialsFile:
		return file, nil
	case CredentialsKeyring:
		return keyringCredentials{}, nil
	}
	if err := probeKeyring(3 * time.Second); err != nil {
		logger.Info("OS keychain not reachable, credentials go to a 0600 file in the data folder", "reason", err)
		return file, nil
	}
	return keyringCredentials{}, nil
}

func probeKeyring(limit time.Duration) error {
	done := make(chan error, 1)
	go func() {
		const user = "probe"
		if err := keyring.Set(keyringService, user, "probe"); err != nil {
			done <- err
			return
		}
		done <- keyring.Delete(keyringService, user)
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(limit):
		return fmt.Errorf("keychain did not answer within %s", limit)
	}
}

// keyringCredentials stores each channel's Secrets as one JSON value.
type keyringCredentials struct{}

func (keyringCredentials) Get(key string) (Secrets, error) {
	v, err := keyring.Get(keyringService, key)
	if errors.Is(err, keyring.ErrNotFound) {
		return Secrets{}, ErrNoSecret
	}
	if err != nil {
		return Secrets{}, fmt.Errorf("read keychain entry %q: %w", key, err)
	}
	var s Secrets
	if err := json.Unmarshal([]byte(v), &s); err != nil {
		return Secrets{}, fmt.Errorf("decode keychain entry %q: %w", key, err)
	}
	return s, nil
}

func (keyringCredentials) Set(key string, s Secrets) error {
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	if err := keyring.Set(keyringService, key, string(b)); err != nil {
		return fmt.Errorf("write keychain entry %q: %w", key, err)
	}
	return nil
}

func (keyringCredentials) Delete(key string) error {
	err := keyring.Delete(keyringService, key)
	if err != nil && !errors.Is(err, keyring.ErrNotFound) {
		return fmt.Errorf("delete keychain entry %q: %w", key, err)
	}
	return nil
}

func (keyringCredentials) FallbackInUse() bool { return false }

// fileCredentials is the fallback: a JSON object key → Secrets in a file
// only the user can read, rewritten atomically (temp file + rename).
type fileCredentials struct {
	mu   sync.Mutex
	path string
}

func (f *fileCredentials) FallbackInUse() bool { return true }

func (f *fileCredentials) load() (map[string]Secrets, error) {
	b, err := os.ReadFile(f.path)
	if errors.Is(err, os.ErrNotExist) {
		return map[string]Secrets{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read credentials file: %w", err)
	}
	m := map[string]Secrets{}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("decode credentials file %s: %w", f.path, err)
	}
	return m, nil
}

func (f *fileCredentials) save(m map[string]Secrets) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(f.path), 0o700); err != nil {
		return fmt.Errorf("create data folder: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(f.path), ".credentials-*.json")
	if err != nil {
		return fmt.Errorf("write credentials file: %w", err)
	}
	defer os.Remove(tmp.Name())
	// CreateTemp already makes the file 0600; Chmod makes sure a lax umask
	// or filesystem default cannot widen it.
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("restrict credentials file: %w", err)
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("write credentials file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write credentials file: %w", err)
	}
	if err := os.Rename(tmp.Name(), f.path); err != nil {
		return fmt.Errorf("replace credentials file: %w", err)
	}
	return nil
}

func (f *fileCredentials) Get(key string) (Secrets, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	m, err := f.load()
	if err != nil {
		return Secrets{}, err
	}
	s, ok := m[key]
	if !ok {
		return Secrets{}, ErrNoSecret
	}
	return s, nil
}

func (f *fileCredentials) Set(key string, s Secrets) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	m, err := f.load()
	if err != nil {
		return err
	}
	m[key] = s
	return f.save(m)
}

func (f *fileCredentials) Delete(key string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	m, err := f.load()
	if err != nil {
		return err
	}
	if _, ok := m[key]; !ok {
		return nil
	}
	delete(m, key)
	return f.save(m)
}

// memoryCredentials keeps secrets in memory only (tests, demo-only runs).
type memoryCredentials struct {
	mu sync.Mutex
	m  map[string]Secrets
}

// NewMemoryCredentials returns a store that forgets everything on exit.
func NewMemoryCredentials() CredentialStore { return &memoryCredentials{m: map[string]Secrets{}} }

func (c *memoryCredentials) Get(key string) (Secrets, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.m[key]
	if !ok {
		return Secrets{}, ErrNoSecret
	}
	return s, nil
}

func (c *memoryCredentials) Set(key string, s Secrets) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[key] = s
	return nil
}

func (c *memoryCredentials) Delete(key string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, key)
	return nil
}

func (c *memoryCredentials) FallbackInUse() bool { return false }
