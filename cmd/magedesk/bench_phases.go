package main

import (
	"context"
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/magedesk/magedesk/connector"
	"github.com/magedesk/magedesk/connector/magentosim"
	"github.com/magedesk/magedesk/model"
)

// discardSink keeps nothing: with it (and EngineOptions.DecodeOnly) the
// engine only downloads and decodes (maps) pages, which is the baseline
// the initial sync is compared with.
type discardSink struct{}

func (discardSink) ApplyBatch(context.Context, model.Batch) (model.Counters, error) {
	return model.Counters{}, nil
}
func (discardSink) SyncState(_ context.Context, ch int64, entity string) (model.SyncState, error) {
	return model.SyncState{ChannelID: ch, Entity: entity}, nil
}
func (discardSink) StartRun(context.Context, int64, string) (int64, error)    { return 1, nil }
func (discardSink) FinishRun(context.Context, int64, string, string) error    { return nil }
func (discardSink) RefreshDerived(context.Context, int64) (bool, error)       { return false, nil }
func (discardSink) MarkRemoved(context.Context, int64, string, []int64) error { return nil }
func (discardSink) KnownIDs(context.Context, int64, string) (map[int64]string, error) {
	return map[int64]string{}, nil
}
func (discardSink) CartsNeedingTotals(_ context.Context, _ int64, ids []int64) ([]int64, error) {
	return ids, nil
}

// benchDownloadOnly runs the engine's initial sync against a sink that
// keeps nothing: every list page (and cart totals) fetched and mapped.
// It also returns the time spent on each entity.
func benchDownloadOnly(ctx context.Context, url string, f benchFlags) (time.Duration, *entityTimer, error) {
	client, err := connector.NewClient(connector.Config{BaseURL: url, Auth: connector.Auth{Mode: "bearer", Token: f.token}})
	if err != nil {
		return 0, nil, err
	}
	ch := model.Channel{ID: 1, BaseURL: url, SyncStart: model.DefaultSyncStart}
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(syncGCPercent))
	}
	timer := newEntityTimer()
	eng := connector.NewEngine(client, discardSink{}, ch, connector.EngineOptions{PageSize: f.pageSize,
		Concurrency: f.concurrency, Progress: timer.progress, DecodeOnly: true})
	start := time.Now()
	if _, err := eng.Run(ctx, connector.RunInitial); err != nil {
		return 0, nil, err
	}
	timer.progress(connector.Progress{Phase: "done"})
	return time.Since(start), timer, nil
}

// entityTimer records how long a run spent on each entity, from the
// engine's progress reports (an entity runs until the next one starts).
type entityTimer struct {
	mu      sync.Mutex
	order   []string
	took    map[string]time.Duration
	current string
	since   time.Time
}

func newEntityTimer() *entityTimer { return &entityTimer{took: map[string]time.Duration{}} }

func (t *entityTimer) progress(p connector.Progress) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if p.Entity == t.current && p.Phase != "done" {
		return
	}
	now := time.Now()
	if t.current != "" {
		t.took[t.current] += now.Sub(t.since)
	}
	t.current, t.since = p.Entity, now
	if p.Entity != "" && p.Phase != "done" {
		if _, seen := t.took[p.Entity]; !seen {
			t.order = append(t.order, p.Entity)
			t.took[p.Entity] = 0
		}
	}
}

// String is "customers 8.1s, carts 10.2s, …".
func (t *entityTimer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	parts := make([]string, 0, len(t.order))
	for _, e := range t.order {
		parts = append(parts, fmt.Sprintf("%s %s", e, t.took[e].Round(100*time.Millisecond)))
	}
	return strings.Join(parts, ", ")
}

// benchLatency compares list paging with 300 ms added to every request:
// the engine with parallel slices against the same engine fetching one
// page at a time. It pages customers of a smaller store (6,000 customers,
// light records, so the comparison is about paging rather than about
// decoding 15 KB orders on a busy machine); both runs write to a real
// database.
func benchLatency(ctx context.Context, dir string, res *benchResult) error {
	const rows, latency, parallel = 6000, 300 * time.Millisecond, 8
	const entity = model.EntityCustomers
	sim := magentosim.New(magentosim.Options{Seed: 7, Customers: rows, Carts: 20, Orders: 20, CreditMemos: 2,
		Subscribers: 10, Products: 20, Faults: magentosim.Faults{Latency: latency}})
	srv, err := sim.Start("127.0.0.1:0")
	if err != nil {
		return err
	}
	defer srv.Close()
	timePaging := func(concurrency int) (time.Duration, error) {
		st, err := model.OpenMemory()
		if err != nil {
			return 0, err
		}
		defer st.Close()
		ch := model.Channel{Name: "latency", BaseURL: srv.URL, Entities: []string{entity}}
		if err := st.CreateChannel(ctx, &ch); err != nil {
			return 0, err
		}
		client, err := connector.NewClient(connector.Config{BaseURL: srv.URL, Auth: connector.Auth{Mode: "bearer", Token: sim.Token()}})
		if err != nil {
			return 0, err
		}
		var mu sync.Mutex
		var first, last time.Time
		progress := func(p connector.Progress) {
			if p.Entity != entity {
				return
			}
			mu.Lock()
			defer mu.Unlock()
			if first.IsZero() {
				first = time.Now()
			}
			last = time.Now()
		}
		eng := connector.NewEngine(client, st, ch, connector.EngineOptions{PageSize: 100, Concurrency: concurrency, Progress: progress})
		if _, err := eng.Run(ctx, connector.RunInitial); err != nil {
			return 0, err
		}
		if n := eng.Counters()[entity].Read; n < rows {
			return 0, fmt.Errorf("read %d of %d %s", n, rows, entity)
		}
		return last.Sub(first), nil
	}
	seq, err := timePaging(1)
	if err != nil {
		return err
	}
	par, err := timePaging(parallel)
	if err != nil {
		return err
	}
	speedup := seq.Seconds() / par.Seconds()
	res.add("300 ms latency, %d %s, page size 100 (in-process simulator): one page at a time %s, concurrency %d %s",
		rows, entity, seq.Round(time.Millisecond), parallel, par.Round(time.Millisecond))
	res.check(speedup >= 3, fmt.Sprintf("parallel paging at least 3x faster under latency (%.1fx)", speedup))
	return nil
}
