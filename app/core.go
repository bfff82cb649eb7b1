package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/magedesk/magedesk/model"
)

// Options configure New. Zero values give the desktop defaults.
type Options struct {
	// DataDir holds magedesk.db and, when no keychain is reachable, the
	// credentials file. Default: model.DefaultDataDir().
	DataDir string
	// Credentials overrides the credential store (tests inject one).
	Credentials CredentialStore
	// CredentialBackend chooses keyring/file when Credentials is nil.
	CredentialBackend CredentialBackend
	Notifier          Notifier
	Logger            *slog.Logger
	Now               func() time.Time
	// DemoSize overrides the demo simulator's size (tests use tiny stores).
	DemoSize *DemoSize
	// EngineTuning passes through to every sync run (tests lower page sizes).
	PageSize    int
	Concurrency int
}

// Core is the application the views drive: storage, credentials, the sync
// scheduler and the event hub. It holds no widgets.
type Core struct {
	Store     *model.Store
	Events    *Events
	Creds     CredentialStore
	Scheduler *Scheduler

	dataDir  string
	logger   *slog.Logger
	now      func() time.Time
	opts     Options
	mu       sync.Mutex
	notifier Notifier
	demos    map[int64]*demoServer // running simulators by demo channel id
}

// New opens (or creates) the data folder and the database and builds the
// core. Demo channels from earlier sessions get their simulator back via
// RestartDemos, which the GUI calls once the window is up.
func New(opts Options) (*Core, error) {
	logger := opts.Logger
	if logger == nil {
		logger = slog.Default()
	}
	dir := opts.DataDir
	if dir == "" {
		d, err := model.DefaultDataDir()
		if err != nil {
			return nil, fmt.Errorf("find data folder: %w", err)
		}
		dir = d
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create data folder %s: %w", dir, err)
	}
	store, err := model.Open(filepath.Join(dir, "magedesk.db"))
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	creds := opts.Credentials
	if creds == nil {
		creds, err = NewCredentialStore(dir, opts.CredentialBackend, logger)
		if err != nil {
			store.Close()
			return nil, err
		}
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	c := &Core{
		Store:    store,
		Events:   NewEvents(),
		Creds:    creds,
		dataDir:  dir,
		logger:   logger,
		now:      now,
		opts:     opts,
		notifier: opts.Notifier,
		demos:    map[int64]*demoServer{},
	}
	c.Scheduler = newScheduler(c)
	return c, nil
}

// DataDir is the folder holding the database (and maybe the credentials file).
func (c *Core) DataDir() string { return c.dataDir }

// SetNotifier installs the desktop notifier once the UI exists.
func (c *Core) SetNotifier(n Notifier) {
	c.mu.Lock()
	c.notifier = n
	c.mu.Unlock()
}

func (c *Core) notify(title, body string) {
	c.mu.Lock()
	n := c.notifier
	c.mu.Unlock()
	if n != nil {
		n.Notify(title, body)
	}
}

// Close stops syncing, waits for running syncs to end, stops demo
// simulators and closes the database.
func (c *Core) Close() error {
	c.Scheduler.Stop()
	c.mu.Lock()
	demos := c.demos
	c.demos = map[int64]*demoServer{}
	c.mu.Unlock()
	for _, d := range demos {
		d.Close()
	}
	return c.Store.Close()
}

// HasChannels reports whether any channel exists (first run shows the welcome screen).
func (c *Core) HasChannels(ctx context.Context) (bool, error) {
	chs, err := c.Store.ListChannels(ctx)
	if err != nil {
		return false, fmt.Errorf("list channels: %w", err)
	}
	return len(chs) > 0, nil
}

var errClosed = errors.New("magedesk is shutting down")
