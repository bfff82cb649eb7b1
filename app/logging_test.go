package app

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRotatingFileCapsSizeAndKeepsNewestRecords(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.log")
	r, err := OpenRotatingFile(path, 1000, 2)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Repeat("a", 99) + "\n" // 100 bytes
	for i := 0; i < 55; i++ {
		if _, err := fmt.Fprintf(r, "%03d%s", i, line[3:]); err != nil {
			t.Fatal(err)
		}
	}
	r.Close()
	var total int64
	for _, name := range []string{"x.log", "x.log.1", "x.log.2"} {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("%s missing: %v", name, err)
		}
		if st.Size() > 1000 {
			t.Fatalf("%s is %d bytes, over the 1000 cap", name, st.Size())
		}
		if st.Mode().Perm() != 0o600 {
			t.Fatalf("%s mode %o, want 600", name, st.Mode().Perm())
		}
		total += st.Size()
	}
	if _, err := os.Stat(filepath.Join(dir, "x.log.3")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a third rotated file exists (keep=2): %v", err)
	}
	// 55 records of 100 bytes, 10 per file: the current file holds 50-54,
	// .1 holds 40-49, .2 holds 30-39; older ones were dropped.
	cur, _ := os.ReadFile(path)
	if !bytes.HasPrefix(cur, []byte("050")) || !bytes.Contains(cur, []byte("054")) {
		t.Fatalf("current file starts %q", cur[:3])
	}
	old, _ := os.ReadFile(path + ".2")
	if !bytes.HasPrefix(old, []byte("030")) {
		t.Fatalf("oldest kept file starts %q, want 030", old[:3])
	}
	if total != 2500 {
		t.Fatalf("kept %d bytes, want 2500", total)
	}
}

func TestRotatingFileAppendsAcrossRestarts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.log")
	for i := 0; i < 2; i++ {
		r, err := OpenRotatingFile(path, 1<<20, 1)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(r, "run %d\n", i)
		r.Close()
	}
	b, _ := os.ReadFile(path)
	if string(b) != "run 0\nrun 1\n" {
		t.Fatalf("file = %q", b)
	}
}

func TestLogsRedactSecretsAndStayReadable(t *testing.T) {
	dir := t.TempDir()
	lg, err := StartLogging(dir, slog.LevelInfo, nil)
	if err != nil {
		t.Fatal(err)
	}
	const tok = "tok-SHOULD-NOT-APPEAR-123"
	lg.Logger.Info("request failed", "token", tok, "channel", "Shop A",
		"err", errors.New(`GET /rest/V1/orders: header "Authorization: Bearer `+tok+`" refused`),
		"secrets", Secrets{Token: tok}, "consumer_secret", "cs-"+tok)
	lg.Logger.Debug("hidden at info level")
	lg.Level.Set(slog.LevelDebug)
	lg.Logger.Debug("shown after the level changed")
	lg.Close()
	b, err := os.ReadFile(filepath.Join(LogsDir(dir), LogFileName))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	if strings.Contains(text, tok) {
		t.Fatalf("token in the log:\n%s", text)
	}
	for _, want := range []string{`msg="request failed"`, `channel="Shop A"`, "Bearer [redacted]", "shown after the level changed"} {
		if !strings.Contains(text, want) {
			t.Fatalf("log lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "hidden at info level") {
		t.Fatal("debug record written at info level")
	}
}

func TestParseLogLevel(t *testing.T) {
	for in, want := range map[string]slog.Level{"debug": slog.LevelDebug, "INFO": slog.LevelInfo, "warn": slog.LevelWarn, "error": slog.LevelError, "": slog.LevelInfo, "bogus": slog.LevelInfo} {
		if got := ParseLogLevel(in); got != want {
			t.Errorf("ParseLogLevel(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestCrashIsLoggedWithoutSecrets(t *testing.T) {
	dir := t.TempDir()
	lg, err := StartLogging(dir, slog.LevelInfo, nil)
	if err != nil {
		t.Fatal(err)
	}
	const tok = "tok-CRASH-SECRET-31"
	func() {
		defer func() {
			if r := recover(); r == nil {
				t.Fatal("LogPanic swallowed the panic")
			}
		}()
		defer lg.LogPanic()
		panic(errors.New("request with Authorization: Bearer " + tok + " blew up"))
	}()
	b, _ := os.ReadFile(filepath.Join(LogsDir(dir), LogFileName))
	text := string(b)
	if !strings.Contains(text, "MageDesk crashed") || !strings.Contains(text, "TestCrashIsLoggedWithoutSecrets") {
		t.Fatalf("crash not logged with its stack:\n%s", text)
	}
	if strings.Contains(text, tok) {
		t.Fatalf("crash log holds the token:\n%s", text)
	}
}
