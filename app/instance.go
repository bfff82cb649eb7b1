package app

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// One MageDesk per data folder: two processes would be two writers on the
// same database and two schedulers syncing the same channels. The first
// instance holds an OS lock on <data>/magedesk.lock (released by the OS
// if it crashes, so no stale lock survives) and listens on a loopback
// port written, with a random key, to <data>/instance.json (0600). A
// second instance that cannot take the lock sends "show" to that port, so
// the first one comes to the front, and exits.

// ErrAlreadyRunning is returned by AcquireInstance when another MageDesk
// holds the data folder. Activated tells whether it was asked to come to
// the front.
type ErrAlreadyRunning struct {
	Activated bool
	Reason    string
}

func (e *ErrAlreadyRunning) Error() string {
	if e.Activated {
		return "MageDesk is already running; its window was brought to the front"
	}
	return "MageDesk is already running with this data folder (" + e.Reason + ")"
}

const (
	instanceLockFile = "magedesk.lock"
	instanceAddrFile = "instance.json"
	activateCommand  = "show"
)

// Instance is the running app's hold on its data folder.
type Instance struct {
	lock     *os.File
	ln       net.Listener
	key      string
	addrFile string
	logger   *slog.Logger

	mu         sync.Mutex
	onActivate func()
	wg         sync.WaitGroup
}

// AcquireInstance takes the data folder for this process (logger nil:
// slog.Default at the time something is logged). When another
// process has it, that one is asked to show its window and an
// *ErrAlreadyRunning comes back. onActivate (may be set later with
// OnActivate) runs on a background goroutine each time a later instance
// asks this one to come to the front.
func AcquireInstance(dataDir string, logger *slog.Logger) (*Instance, error) {
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, fmt.Errorf("create data folder: %w", err)
	}
	lockPath := filepath.Join(dataDir, instanceLockFile)
	addrFile := filepath.Join(dataDir, instanceAddrFile)
	f, err := lockFile(lockPath)
	if errors.Is(err, errLocked) {
		return nil, activateOther(addrFile)
	}
	if err != nil {
		return nil, fmt.Errorf("lock data folder: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		unlockFile(f)
		return nil, fmt.Errorf("listen for a second instance: %w", err)
	}
	key, err := randomKey()
	if err != nil {
		ln.Close()
		unlockFile(f)
		return nil, err
	}
	in := &Instance{lock: f, ln: ln, key: key, addrFile: addrFile, logger: logger}
	line := ln.Addr().String() + " " + key + "\n"
	if err := os.WriteFile(addrFile, []byte(line), 0o600); err != nil {
		in.Close()
		return nil, fmt.Errorf("write %s: %w", addrFile, err)
	}
	in.wg.Add(1)
	go in.serve()
	return in, nil
}

// OnActivate sets what happens when a second instance starts (the GUI
// shows and focuses its main window, through fyne.Do).
func (in *Instance) OnActivate(fn func()) {
	in.mu.Lock()
	in.onActivate = fn
	in.mu.Unlock()
}

func (in *Instance) serve() {
	defer in.wg.Done()
	for {
		conn, err := in.ln.Accept()
		if err != nil {
			return // closed
		}
		in.handle(conn)
	}
}

// handle answers one caller; only one that read the key from the 0600
// file (the same user) is obeyed.
func (in *Instance) handle(conn net.Conn) {
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(2 * time.Second))
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return
	}
	cmd, key, _ := strings.Cut(strings.TrimSpace(line), " ")
	if cmd != activateCommand || key != in.key {
		fmt.Fprintln(conn, "denied")
		return
	}
	in.mu.Lock()
	fn := in.onActivate
	in.mu.Unlock()
	logger := in.logger
	if logger == nil {
		logger = slog.Default() // as set up by then (the log file)
	}
	logger.Info("another MageDesk was started: coming to the front")
	if fn != nil {
		fn()
	}
	fmt.Fprintln(conn, "ok")
}

// Close releases the lock and stops listening.
func (in *Instance) Close() error {
	err := in.ln.Close()
	in.wg.Wait()
	os.Remove(in.addrFile)
	unlockFile(in.lock)
	return err
}

// activateOther asks the running instance to come to the front.
func activateOther(addrFile string) error {
	b, err := os.ReadFile(addrFile)
	if err != nil {
		return &ErrAlreadyRunning{Reason: "it does not answer: " + err.Error()}
	}
	addr, key, _ := strings.Cut(strings.TrimSpace(string(b)), " ")
	conn, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		return &ErrAlreadyRunning{Reason: "it does not answer: " + err.Error()}
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(3 * time.Second))
	fmt.Fprintf(conn, "%s %s\n", activateCommand, key)
	reply, _ := bufio.NewReader(conn).ReadString('\n')
	if strings.TrimSpace(reply) != "ok" {
		return &ErrAlreadyRunning{Reason: "it refused to come to the front"}
	}
	return &ErrAlreadyRunning{Activated: true}
}

func randomKey() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("instance key: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// errLocked means another process holds the lock file.
var errLocked = errors.New("locked by another process")
