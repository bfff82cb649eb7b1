package magentosim

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// fixedNow is the clock of every test store, so generated data is reproducible.
var fixedNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func clock() time.Time { return fixedNow }

func smallOptions() Options {
	return Options{Seed: 7, Customers: 60, Carts: 80, Orders: 150, CreditMemos: 15, Subscribers: 40, Products: 40,
		NewsletterModule: true, Now: clock}
}

type testServer struct {
	t     *testing.T
	store *Store
	url   string
	token string
}

func startStore(t *testing.T, opts Options) *testServer {
	t.Helper()
	s := New(opts)
	srv, err := s.Start("127.0.0.1:0")
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	t.Cleanup(srv.Close)
	return &testServer{t: t, store: s, url: srv.URL, token: s.Token()}
}

// do sends a request with the bearer token and returns status and raw body.
func (ts *testServer) do(method, path, body string) (int, []byte) {
	ts.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, ts.url+path, rd)
	if err != nil {
		ts.t.Fatalf("request: %v", err)
	}
	if ts.token != "" {
		req.Header.Set("Authorization", "Bearer "+ts.token)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		ts.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		ts.t.Fatalf("read %s: %v", path, err)
	}
	return resp.StatusCode, b
}

// getJSON expects 200 and decodes the body into a generic value.
func (ts *testServer) getJSON(path string) any {
	ts.t.Helper()
	st, b := ts.do("GET", path, "")
	if st != 200 {
		ts.t.Fatalf("GET %s: status %d body %s", path, st, b)
	}
	return decodeJSON(ts.t, b)
}

func decodeJSON(t *testing.T, b []byte) any {
	t.Helper()
	d := json.NewDecoder(strings.NewReader(string(b)))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("decode %q: %v", truncate(string(b), 300), err)
	}
	return v
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

func obj(t *testing.T, v any) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("want object, got %T", v)
	}
	return m
}
