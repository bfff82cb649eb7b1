package app

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Log file defaults: a person can open magedesk.log in any editor, and the
// folder never grows past about (LogKeep+1) * LogMaxSize.
const (
	LogFileName = "magedesk.log"
	LogMaxSize  = 5 << 20 // bytes per file before it rotates
	LogKeep     = 3       // rotated files kept: magedesk.log.1 … .3
)

// LogsDir is where the log files live inside a data folder.
func LogsDir(dataDir string) string { return filepath.Join(dataDir, "logs") }

// RotatingFile is an io.Writer that appends to a file and, when the next
// write would take it past maxSize, renames it to path.1 (shifting older
// ones up to path.<keep>, dropping the oldest) and starts a new one. It is
// safe for concurrent use; slog handlers write one record per call, so a
// record is never split across two files.
type RotatingFile struct {
	path    string
	maxSize int64
	keep    int

	mu   sync.Mutex
	f    *os.File
	size int64
}

// OpenRotatingFile opens (appending) or creates path with 0600 permissions:
// logs name customers and stores, so they are private like the database.
func OpenRotatingFile(path string, maxSize int64, keep int) (*RotatingFile, error) {
	if maxSize <= 0 {
		maxSize = LogMaxSize
	}
	if keep < 1 {
		keep = 1
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create log folder: %w", err)
	}
	r := &RotatingFile{path: path, maxSize: maxSize, keep: keep}
	if err := r.open(); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *RotatingFile) open() error {
	f, err := os.OpenFile(r.path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("open log file: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("stat log file: %w", err)
	}
	r.f, r.size = f, st.Size()
	return nil
}

// Write appends p, rotating first when p would not fit.
func (r *RotatingFile) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f == nil {
		return 0, os.ErrClosed
	}
	if r.size > 0 && r.size+int64(len(p)) > r.maxSize {
		if err := r.rotate(); err != nil {
			return 0, err
		}
	}
	n, err := r.f.Write(p)
	r.size += int64(n)
	return n, err
}

// rotate shifts path.(k-1) to path.k, path to path.1, and reopens path.
func (r *RotatingFile) rotate() error {
	if err := r.f.Close(); err != nil {
		return fmt.Errorf("close log file: %w", err)
	}
	r.f = nil
	os.Remove(fmt.Sprintf("%s.%d", r.path, r.keep))
	for k := r.keep - 1; k >= 1; k-- {
		os.Rename(fmt.Sprintf("%s.%d", r.path, k), fmt.Sprintf("%s.%d", r.path, k+1))
	}
	if err := os.Rename(r.path, r.path+".1"); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("rotate log file: %w", err)
	}
	return r.open()
}

// Close closes the current file; later writes fail.
func (r *RotatingFile) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f == nil {
		return nil
	}
	err := r.f.Close()
	r.f = nil
	return err
}

// secretKeys are attribute names whose values are never written, whatever
// a caller passes: a last line of defence behind Secrets.LogValue.
var secretKeys = []string{"token", "secret", "password", "passwd", "authorization", "cookie", "credential", "signature"}

// isSecretKey reports whether an attribute name looks like it holds a secret.
func isSecretKey(key string) bool {
	k := strings.ToLower(key)
	for _, s := range secretKeys {
		if strings.Contains(k, s) {
			return true
		}
	}
	return false
}

// redactAttr is the handlers' ReplaceAttr: secret-looking attributes become
// "[redacted]", and strings carrying a Bearer or OAuth header lose the value.
func redactAttr(_ []string, a slog.Attr) slog.Attr {
	if a.Value.Kind() == slog.KindGroup {
		return a
	}
	if isSecretKey(a.Key) {
		return slog.String(a.Key, "[redacted]")
	}
	var text string
	switch a.Value.Kind() {
	case slog.KindString:
		text = a.Value.String()
	case slog.KindAny:
		// Errors often quote a request; look at their text too.
		if err, ok := a.Value.Any().(error); ok {
			text = err.Error()
		}
	}
	if strings.Contains(text, "Bearer ") || strings.Contains(text, "oauth_") {
		return slog.String(a.Key, redactHeaders(text))
	}
	return a
}

// redactHeaders blanks what follows "Bearer " and OAuth signature/token
// parameters in free text (an error that quotes a request, say).
func redactHeaders(s string) string {
	for _, marker := range []string{"Bearer ", "oauth_signature=", "oauth_token="} {
		var out strings.Builder
		rest := s
		for {
			i := strings.Index(rest, marker)
			if i < 0 {
				out.WriteString(rest)
				break
			}
			out.WriteString(rest[:i+len(marker)])
			out.WriteString("[redacted]")
			rest = rest[i+len(marker):]
			j := strings.IndexAny(rest, " \t\r\n\",&;")
			if j < 0 {
				rest = ""
			} else {
				rest = rest[j:]
			}
		}
		s = out.String()
	}
	return s
}

// NewLogHandler is a human-readable slog handler (key=value text, one line
// a record) at the given level, with secrets redacted.
func NewLogHandler(w io.Writer, level slog.Leveler) slog.Handler {
	return slog.NewTextHandler(w, &slog.HandlerOptions{Level: level, ReplaceAttr: redactAttr})
}

// Logging is the app's log set-up: a rotating file in <data>/logs at a
// level the Settings window can change while the app runs.
type Logging struct {
	Logger *slog.Logger
	Level  *slog.LevelVar
	Dir    string
	file   *RotatingFile
}

// StartLogging opens <dataDir>/logs/magedesk.log (rotating, size-capped)
// and returns a logger writing there at level. When also is non-nil (a
// terminal during development) records go there too.
func StartLogging(dataDir string, level slog.Level, also io.Writer) (*Logging, error) {
	dir := LogsDir(dataDir)
	f, err := OpenRotatingFile(filepath.Join(dir, LogFileName), LogMaxSize, LogKeep)
	if err != nil {
		return nil, err
	}
	lv := new(slog.LevelVar)
	lv.Set(level)
	var w io.Writer = f
	if also != nil {
		w = io.MultiWriter(f, also)
	}
	return &Logging{Logger: slog.New(NewLogHandler(w, lv)), Level: lv, Dir: dir, file: f}, nil
}

// Close flushes nothing (writes are unbuffered) and closes the file.
func (l *Logging) Close() error { return l.file.Close() }

// ParseLogLevel maps the Settings names (debug, info, warn, error) to a
// level; anything else is info.
func ParseLogLevel(name string) slog.Level {
	switch strings.ToLower(name) {
	case "debug":
		return slog.LevelDebug
	case "warn", "warning":
		return slog.LevelWarn
	case "error":
		return slog.LevelError
	}
	return slog.LevelInfo
}
