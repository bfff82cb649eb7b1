package connector

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/magedesk/magedesk/model"
)

// Engine pulls one channel's Magento data into a Sink. One Engine runs one
// sync at a time; every page it reads is committed together with the
// bookmark that covers it, so a crash or a cancel at any moment leaves the
// store consistent and the next Run resumes where this one stopped.
type Engine struct {
	client *Client
	sink   Sink
	ch     model.Channel
	opts   EngineOptions
	log    *slog.Logger

	// Learned during the dictionaries step.
	mu        sync.Mutex
	storeIDs  []int64 // store views of the chosen websites (nil = all)
	learned   Learned
	pageLimit int // page size after Magento's input limit, 0 = not limited
	counters  map[string]model.Counters
}

// EngineOptions tune one engine. Zero values mean the documented defaults.
type EngineOptions struct {
	PageSize      int // rows per list request, default 100 (Magento caps at 300 with input limits on)
	Concurrency   int // parallel requests during the initial walk and totals, default 4
	Now           func() time.Time
	OverlapWindow time.Duration // re-read window before the watermark, default 5 min
	Progress      func(Progress)
	Logger        *slog.Logger
	PageDelay     time.Duration // politeness pause between two pages of one worker
	Gate          *PauseGate    // optional: Pause/Resume from the UI
	// SliceRows is the target row count of one initial-sync time slice,
	// default max(8 pages, total/(4*Concurrency)).
	SliceRows int
	// DecodeOnly leaves records unprepared for storage (no content hash,
	// no compressed JSON): the bench's download pass, which measures
	// downloading and decoding alone, sets it with a sink that keeps
	// nothing.
	DecodeOnly bool
}

// Progress is what the engine reports while it works.
type Progress struct {
	Entity  string
	Done    int64
	Total   int64
	Phase   string // dictionaries, initial, incremental, totals, reconcile, done
	ETA     time.Duration
	Message string
}

// Learned holds channel facts found during a run, for the caller to save.
type Learned struct {
	StoreName          string
	BaseCurrency       string
	Timezone           string
	HasNewsletterRoute bool
	StoreViewIDs       []int64
}

// Counters returns the figures of the engine's runs so far, per entity:
// Read, Skipped and Failed as the engine counted them, Added and Updated
// as the sink reported them.
func (e *Engine) Counters() map[string]model.Counters {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make(map[string]model.Counters, len(e.counters))
	for k, v := range e.counters {
		out[k] = v
	}
	return out
}

// apply stores one batch through the sink and adds its figures to the
// engine's counters.
func (e *Engine) apply(ctx context.Context, b model.Batch) error {
	got, err := e.sink.ApplyBatch(ctx, b)
	if err != nil {
		return err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.counters == nil {
		e.counters = map[string]model.Counters{}
	}
	c := e.counters[b.Entity]
	c.Read += b.Counters.Read
	c.Skipped += b.Counters.Skipped + got.Skipped
	c.Failed += b.Counters.Failed
	c.Added += got.Added
	c.Updated += got.Updated
	if b.Counters.Total > 0 {
		c.Total = b.Counters.Total
	}
	e.counters[b.Entity] = c
	return nil
}

// Run kinds.
const (
	RunIncremental = "incremental"
	RunInitial     = "initial"
	RunReconcile   = "reconcile"
	RunManual      = "manual"
)

// NewEngine builds an engine for one channel.
func NewEngine(client *Client, sink Sink, ch model.Channel, opts EngineOptions) *Engine {
	if opts.PageSize <= 0 {
		opts.PageSize = ch.PageSize
	}
	if opts.PageSize <= 0 {
		opts.PageSize = 100
	}
	if opts.Concurrency <= 0 {
		opts.Concurrency = ch.Concurrency
	}
	if opts.Concurrency <= 0 {
		opts.Concurrency = 4
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.OverlapWindow == 0 {
		opts.OverlapWindow = 5 * time.Minute
	}
	if opts.OverlapWindow < 0 {
		opts.OverlapWindow = 0
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if ch.SyncStart == "" {
		ch.SyncStart = model.DefaultSyncStart
	}
	return &Engine{client: client, sink: sink, ch: ch, opts: opts, log: log.With("channel", ch.ID)}
}

// Learned returns what the last run found out about the store (timezone,
// currency, newsletter route), so the caller can save it on the channel.
func (e *Engine) Learned() Learned {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.learned
}

// Run performs one sync: dictionaries, then every enabled entity in
// dependency order. Each entity does its initial walk until finished, then
// an incremental pass from its watermark. kind RunReconcile also runs the
// reconciliation sweep afterwards. The run is recorded with its counters.
func (e *Engine) Run(ctx context.Context, kind string) (runID int64, err error) {
	if kind == "" {
		kind = RunIncremental
	}
	runID, err = e.sink.StartRun(ctx, e.ch.ID, kind)
	if err != nil {
		return 0, fmt.Errorf("start sync run: %w", err)
	}
	started := e.opts.Now()
	e.log.Info("sync run started", "run", runID, "kind", kind)
	err = e.run(ctx, runID, kind)
	if ctx.Err() == nil {
		// Also after a failed run: the rows it stored get their figures.
		if rerr := e.refreshDerived(ctx); rerr != nil && err == nil {
			err = rerr
		}
	}
	status, msg := "ok", ""
	switch {
	case err == nil:
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		status, msg = "canceled", "canceled; the next sync resumes where this one stopped"
	default:
		status, msg = "failed", err.Error()
	}
	// The run row must be closed even when ctx is already canceled.
	finishCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if ferr := e.sink.FinishRun(finishCtx, runID, status, msg); ferr != nil && err == nil {
		err = fmt.Errorf("finish sync run %d: %w", runID, ferr)
	}
	e.log.Info("sync run finished", "run", runID, "status", status, "took", e.opts.Now().Sub(started).Round(time.Millisecond))
	e.report(Progress{Phase: "done", Message: status})
	return runID, err
}

// refreshDerived recomputes the customer and guest figures the initial
// walk deferred (a no-op when nothing is stale).
func (e *Engine) refreshDerived(ctx context.Context) error {
	started := time.Now()
	ran, err := e.sink.RefreshDerived(ctx, e.ch.ID)
	if err != nil {
		return fmt.Errorf("update customer figures: %w", err)
	}
	if ran {
		e.log.Info("customer and guest figures recomputed", "took", time.Since(started).Round(time.Millisecond))
	}
	return nil
}

func (e *Engine) run(ctx context.Context, runID int64, kind string) error {
	if err := e.syncDictionaries(ctx, runID); err != nil {
		return err
	}
	for _, st := range e.streams() {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := e.syncStream(ctx, runID, st); err != nil {
			return fmt.Errorf("sync %s: %w", st.entity, err)
		}
	}
	if kind == RunReconcile {
		return e.reconcile(ctx, runID)
	}
	return nil
}

// syncStream brings one entity up to date: the initial newest-first walk
// (resuming unfinished slices) when it is not complete, then an incremental
// pass from the watermark.
func (e *Engine) syncStream(ctx context.Context, runID int64, st *stream) error {
	state, err := e.sink.SyncState(ctx, e.ch.ID, st.entity)
	if err != nil {
		return fmt.Errorf("read sync state: %w", err)
	}
	state.ChannelID, state.Entity = e.ch.ID, st.entity
	if !state.InitialDone {
		state, err = e.initialWalk(ctx, runID, st, state)
		if err != nil {
			return err
		}
	}
	return e.incremental(ctx, runID, st, state)
}

// enabled reports whether the channel syncs an entity. Customers are always
// synced; an empty list means the OroCRM defaults (everything but products).
func (e *Engine) enabled(entity string) bool {
	if entity == model.EntityCustomers {
		return true
	}
	if len(e.ch.Entities) == 0 {
		return entity != model.EntityProducts
	}
	for _, x := range e.ch.Entities {
		if x == entity {
			return true
		}
	}
	return false
}

func (e *Engine) report(p Progress) {
	if e.opts.Progress != nil {
		e.opts.Progress(p)
	}
}

// wait honours Pause, the politeness delay and cancellation before a request.
func (e *Engine) wait(ctx context.Context) error {
	if e.opts.Gate != nil {
		if err := e.opts.Gate.Wait(ctx); err != nil {
			return err
		}
	}
	return ctx.Err()
}

func (e *Engine) politePause(ctx context.Context) error {
	if e.opts.PageDelay <= 0 {
		return nil
	}
	t := time.NewTimer(e.opts.PageDelay)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// nowUTC is the engine clock in Magento's format.
func (e *Engine) nowUTC() string {
	return e.opts.Now().UTC().Format(magentoTime)
}

const magentoTime = "2006-01-02 15:04:05"

// PauseGate lets the UI pause a running sync between two requests. The
// zero value is open.
type PauseGate struct {
	mu     sync.Mutex
	paused bool
	resume chan struct{}
}

// Pause makes the next request of every worker wait until Resume.
func (g *PauseGate) Pause() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.paused {
		g.paused = true
		g.resume = make(chan struct{})
	}
}

// Resume releases waiting workers.
func (g *PauseGate) Resume() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.paused {
		g.paused = false
		close(g.resume)
	}
}

// Paused reports the gate state.
func (g *PauseGate) Paused() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.paused
}

// Wait blocks while paused, returning early when ctx ends.
func (g *PauseGate) Wait(ctx context.Context) error {
	g.mu.Lock()
	ch := g.resume
	paused := g.paused
	g.mu.Unlock()
	if !paused {
		return nil
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-ch:
		return nil
	}
}
