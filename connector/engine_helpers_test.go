package connector

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/magedesk/magedesk/connector/magentosim"
	"github.com/magedesk/magedesk/model"
)

// simEnv is a simulated store served over real HTTP, a counting proxy in
// front of it, and a fresh local database with one channel.
type simEnv struct {
	t      *testing.T
	sim    *magentosim.Store
	url    string // the proxy
	proxy  *countingProxy
	store  *model.Store
	ch     model.Channel
	client *Client
}

func newSimEnv(t *testing.T, opts magentosim.Options) *simEnv {
	t.Helper()
	sim := magentosim.New(opts)
	srv, err := sim.Start("127.0.0.1:0")
	if err != nil {
		t.Fatalf("start simulator: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	proxy := newCountingProxy(t, srv.URL)
	st, err := model.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ch := model.Channel{Name: "sim", BaseURL: proxy.URL}
	if err := st.CreateChannel(context.Background(), &ch); err != nil {
		t.Fatal(err)
	}
	env := &simEnv{t: t, sim: sim, url: proxy.URL, proxy: proxy, store: st, ch: ch}
	env.client = env.newClient()
	return env
}

// newClient builds a client with fast retries (faults cost milliseconds).
func (env *simEnv) newClient() *Client {
	c, err := NewClient(Config{BaseURL: env.url, Auth: Auth{Mode: "bearer", Token: env.sim.Token()}, MaxAttempts: 8,
		Timeout: 10 * time.Second})
	if err != nil {
		env.t.Fatal(err)
	}
	c.retryBase, c.retryCap = time.Millisecond, 20*time.Millisecond
	return c
}

func (env *simEnv) engine(opts EngineOptions) *Engine {
	if opts.PageSize == 0 {
		opts.PageSize = 50
	}
	return NewEngine(env.client, env.store, env.ch, opts)
}

// run does one sync and fails the test on error.
func (env *simEnv) run(opts EngineOptions) *Engine {
	env.t.Helper()
	e := env.engine(opts)
	if _, err := e.Run(context.Background(), RunIncremental); err != nil {
		env.t.Fatalf("sync: %v", err)
	}
	return e
}

// assertInSync compares, per entity, the simulator's truth (count, ids and
// updated_at from Snapshot) with what the database holds.
func (env *simEnv) assertInSync(entities ...string) {
	env.t.Helper()
	ctx := context.Background()
	snap := env.sim.Snapshot()
	for _, ent := range entities {
		remote := snap[ent].UpdatedAt
		local, err := env.store.KnownIDs(ctx, env.ch.ID, ent)
		if err != nil {
			env.t.Fatal(err)
		}
		if len(remote) == 0 {
			env.t.Errorf("%s: simulator lists nothing; the test proves nothing", ent)
		}
		if KeysChecksum(remote) != KeysChecksum(local) {
			missing, extra, differ := 0, 0, 0
			for id, ts := range remote {
				if lts, ok := local[id]; !ok {
					missing++
				} else if lts != ts {
					differ++
				}
			}
			for id := range local {
				if _, ok := remote[id]; !ok {
					extra++
				}
			}
			env.t.Errorf("%s: simulator %d, database %d: %d missing, %d extra, %d with another updated_at",
				ent, len(remote), len(local), missing, extra, differ)
		}
	}
}

var allEntities = []string{model.EntityCustomers, model.EntityCarts, model.EntityOrders, model.EntityCreditMemos, model.EntitySubscribers}

// countingProxy forwards to the simulator and counts requests per route.
type countingProxy struct {
	URL    string
	mu     sync.Mutex
	counts map[string]int
	// rewrite, when set, may change a response body (per-record error tests).
	rewrite func(route string, body []byte) []byte
}

func newCountingProxy(t *testing.T, target string) *countingProxy {
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	p := &countingProxy{counts: map[string]int{}}
	rp := httputil.NewSingleHostReverseProxy(u)
	rp.ModifyResponse = func(resp *http.Response) error {
		p.mu.Lock()
		rw := p.rewrite
		p.mu.Unlock()
		if rw == nil || resp.StatusCode != 200 {
			return nil
		}
		return rewriteBody(resp, func(b []byte) []byte { return rw(routeName(resp.Request.URL.Path), b) })
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Workaround (reported to the lead): Client.CustomerGroups sorts by
		// customer_group_id, which real Magento accepts (it is the column)
		// but the simulator answers with a 500 (unknown column). Sort by
		// id instead until one side is fixed.
		if strings.HasSuffix(r.URL.Path, "/customerGroups/search") && strings.Contains(r.URL.RawQuery, "customer_group_id") {
			r.URL.RawQuery = strings.ReplaceAll(r.URL.RawQuery, "customer_group_id", "id")
		}
		p.mu.Lock()
		p.counts[routeName(r.URL.Path)]++
		p.mu.Unlock()
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	p.URL = srv.URL
	return p
}

func (p *countingProxy) reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.counts = map[string]int{}
}

func (p *countingProxy) snapshot() map[string]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := map[string]int{}
	for k, v := range p.counts {
		out[k] = v
	}
	return out
}

func (p *countingProxy) setRewrite(fn func(route string, body []byte) []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rewrite = fn
}

// routeName turns /rest/V1/carts/12/totals into carts/{id}/totals.
func routeName(path string) string {
	if i := strings.Index(path, "/V1/"); i >= 0 {
		path = path[i+4:]
	}
	parts := strings.Split(strings.Trim(path, "/"), "/")
	for i, s := range parts {
		if s != "" && strings.Trim(s, "0123456789") == "" {
			parts[i] = "{id}"
		}
	}
	return strings.Join(parts, "/")
}

func rewriteBody(resp *http.Response, fn func([]byte) []byte) error {
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return err
	}
	b = fn(b)
	resp.Body = io.NopCloser(bytes.NewReader(b))
	resp.ContentLength = int64(len(b))
	resp.Header.Set("Content-Length", strconv.Itoa(len(b)))
	return nil
}
