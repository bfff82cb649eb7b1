package app

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSecondInstanceBringsTheFirstToFront(t *testing.T) {
	dir := t.TempDir()
	first, err := AcquireInstance(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	shown := make(chan struct{}, 2)
	first.OnActivate(func() { shown <- struct{}{} })

	_, err = AcquireInstance(dir, nil)
	var running *ErrAlreadyRunning
	if !errors.As(err, &running) || !running.Activated {
		t.Fatalf("second AcquireInstance = %v, want ErrAlreadyRunning{Activated}", err)
	}
	select {
	case <-shown:
	case <-time.After(2 * time.Second):
		t.Fatal("first instance was not asked to come to the front")
	}
	st, err := os.Stat(filepath.Join(dir, instanceAddrFile))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("instance file: %v mode %v", err, st)
	}
}

func TestInstanceIgnoresCallersWithoutTheKey(t *testing.T) {
	dir := t.TempDir()
	first, err := AcquireInstance(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	shown := make(chan struct{}, 1)
	first.OnActivate(func() { shown <- struct{}{} })
	path := filepath.Join(dir, instanceAddrFile)
	b, _ := os.ReadFile(path)
	addr, _, _ := strings.Cut(strings.TrimSpace(string(b)), " ")
	os.WriteFile(path, []byte(addr+" wrong-key\n"), 0o600)
	_, err = AcquireInstance(dir, nil)
	var running *ErrAlreadyRunning
	if !errors.As(err, &running) || running.Activated {
		t.Fatalf("got %v, want a refusal", err)
	}
	select {
	case <-shown:
		t.Fatal("activated with a wrong key")
	case <-time.After(100 * time.Millisecond):
	}
}

func TestInstanceLockIsFreeAfterClose(t *testing.T) {
	dir := t.TempDir()
	first, err := AcquireInstance(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	first.Close()
	again, err := AcquireInstance(dir, nil)
	if err != nil {
		t.Fatalf("after Close: %v", err)
	}
	again.Close()
}

// TestInstanceLockDiesWithItsProcess holds the lock in a child process,
// kills it, and takes the lock: a crash leaves no stale lock behind.
func TestInstanceLockDiesWithItsProcess(t *testing.T) {
	if os.Getenv("MAGEDESK_INSTANCE_CHILD") != "" {
		in, err := AcquireInstance(os.Getenv("MAGEDESK_INSTANCE_CHILD"), nil)
		if err != nil {
			os.Exit(3)
		}
		_ = in
		os.Stdout.WriteString("locked\n")
		time.Sleep(time.Minute)
		return
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run", "^TestInstanceLockDiesWithItsProcess$")
	cmd.Env = append(os.Environ(), "MAGEDESK_INSTANCE_CHILD="+dir)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 7)
	if _, err := out.Read(buf); err != nil || string(buf) != "locked\n" {
		cmd.Process.Kill()
		t.Fatalf("child did not lock: %q %v", buf, err)
	}
	_, err := AcquireInstance(dir, nil)
	var running *ErrAlreadyRunning
	if !errors.As(err, &running) || !running.Activated {
		cmd.Process.Kill()
		t.Fatalf("while the child runs: %v", err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	in, err := AcquireInstance(dir, nil)
	if err != nil {
		t.Fatalf("lock not released by the dead process: %v", err)
	}
	in.Close()
}
