package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/magedesk/magedesk/connector"
	"github.com/magedesk/magedesk/model"
)

// schedulerTick is how often the timer loop looks for channels that are due.
// A minute granularity is plenty for intervals of 5 to 60 minutes.
var schedulerTick = 20 * time.Second

// Scheduler runs syncs: at most one per channel at a time (and, through
// model's sync lock, at most one per channel across MageDesk processes),
// on request (Sync now) and on each channel's timer, with pause and cancel.
type Scheduler struct {
	core *Core

	mu   sync.Mutex
	runs map[int64]*syncRun
	// dones keeps each channel's latest run's done channel after the run
	// left runs, so Wait also covers the finishing steps (result saved,
	// events and notification sent).
	dones   map[int64]chan struct{}
	stop    chan struct{}
	loop    sync.WaitGroup
	closed  bool
	started bool
}

// syncRun is one channel's sync in progress.
type syncRun struct {
	channelID int64
	cancel    context.CancelFunc
	done      chan struct{}
	gate      *connector.PauseGate
	started   time.Time

	mu       sync.Mutex
	last     *connector.Progress
	lastData time.Time // when EvDataChanged was last published for this run
}

// dataEvery spaces the EvDataChanged events of a running sync: lists and
// the dashboard fill in while a long first sync runs, without reloading on
// every page the engine stores.
var dataEvery = 5 * time.Second

func newScheduler(c *Core) *Scheduler {
	return &Scheduler{core: c, runs: map[int64]*syncRun{}, dones: map[int64]chan struct{}{}, stop: make(chan struct{})}
}

// Start begins the timer loop (call once, after the UI is up). Runs that
// are due right away (interval elapsed while the app was closed) start
// on the first tick.
func (s *Scheduler) Start() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.started || s.closed {
		return
	}
	s.started = true
	s.loop.Add(1)
	go s.timerLoop()
}

// Stop ends the timer loop, cancels every running sync and waits for them
// to write their state. It is safe to call more than once.
func (s *Scheduler) Stop() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	close(s.stop)
	runs := make([]*syncRun, 0, len(s.runs))
	for _, r := range s.runs {
		runs = append(runs, r)
	}
	s.mu.Unlock()
	for _, r := range runs {
		r.gate.Resume() // a paused run must wake up to see the cancel
		r.cancel()
	}
	for _, r := range runs {
		<-r.done
	}
	s.loop.Wait()
}

func (s *Scheduler) timerLoop() {
	defer s.loop.Done()
	t := time.NewTicker(schedulerTick)
	defer t.Stop()
	s.startDue()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			s.startDue()
		}
	}
}

// startDue starts every channel whose interval has elapsed since its last sync.
func (s *Scheduler) startDue() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	chs, err := s.core.Store.ListChannels(ctx)
	if err != nil {
		s.core.logger.Warn("scheduler: list channels", "err", err)
		return
	}
	now := s.core.now().UTC()
	for _, ch := range chs {
		if due(ch, now) {
			s.start(ch.ID, "incremental")
		}
	}
}

// due reports whether a channel's timer has elapsed.
func due(ch model.Channel, now time.Time) bool {
	if ch.SyncInterval <= 0 {
		return false
	}
	if ch.LastSyncAt == "" {
		return true
	}
	last, err := time.Parse(magentoTime, ch.LastSyncAt)
	if err != nil {
		return true
	}
	return !now.Before(last.Add(time.Duration(ch.SyncInterval) * time.Minute))
}

// reconcileDue reports whether the daily (or ReconcileDays) sweep for
// deletions in Magento should follow this run.
func reconcileDue(ch model.Channel, now time.Time) bool {
	if ch.LastSyncAt == "" {
		return false // the very first run has nothing to reconcile
	}
	days := ch.ReconcileDays
	if days <= 0 {
		days = 1
	}
	if ch.LastReconcile == "" {
		return true
	}
	last, err := time.Parse(magentoTime, ch.LastReconcile)
	if err != nil {
		return true
	}
	return !now.Before(last.Add(time.Duration(days) * 24 * time.Hour))
}

// SyncNow starts a sync of one channel. When the channel is already
// syncing, nothing new starts and msg says so (the running one continues).
func (s *Scheduler) SyncNow(channelID int64) (started bool, msg string) {
	return s.start(channelID, "manual")
}

// SyncAll starts every channel that is not syncing already.
func (s *Scheduler) SyncAll(ctx context.Context) error {
	chs, err := s.core.Store.ListChannels(ctx)
	if err != nil {
		return fmt.Errorf("list channels: %w", err)
	}
	for _, ch := range chs {
		s.start(ch.ID, "manual")
	}
	return nil
}

// Running reports whether channelID is syncing now.
func (s *Scheduler) Running(channelID int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.runs[channelID]
	return ok
}

// AnyRunning reports whether any channel is syncing.
func (s *Scheduler) AnyRunning() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.runs) > 0
}

// Paused reports whether channelID's sync is paused.
func (s *Scheduler) Paused(channelID int64) bool {
	r := s.run(channelID)
	return r != nil && r.gate.Paused()
}

// LastProgress returns the latest progress of a running sync (nil when idle).
func (s *Scheduler) LastProgress(channelID int64) *connector.Progress {
	r := s.run(channelID)
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.last
}

// Pause holds a running sync at its next page boundary; Resume lets it go on.
func (s *Scheduler) Pause(channelID int64) {
	if r := s.run(channelID); r != nil {
		r.gate.Pause()
		s.core.Events.Publish(Event{Kind: EvSyncProgress, ChannelID: channelID, Progress: s.LastProgress(channelID), Message: "paused"})
	}
}

// Resume continues a paused sync.
func (s *Scheduler) Resume(channelID int64) {
	if r := s.run(channelID); r != nil {
		r.gate.Resume()
		s.core.Events.Publish(Event{Kind: EvSyncProgress, ChannelID: channelID, Progress: s.LastProgress(channelID), Message: "resumed"})
	}
}

// Cancel stops a running sync; what was committed stays, and the next run
// resumes from there.
func (s *Scheduler) Cancel(channelID int64) {
	if r := s.run(channelID); r != nil {
		r.gate.Resume()
		r.cancel()
	}
}

// Wait blocks until channelID's latest sync (if any) has completely
// finished, including its result, events and notification.
func (s *Scheduler) Wait(channelID int64) {
	s.mu.Lock()
	done := s.dones[channelID]
	s.mu.Unlock()
	if done != nil {
		<-done
	}
}

func (s *Scheduler) run(channelID int64) *syncRun {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.runs[channelID]
}

func (s *Scheduler) start(channelID int64, kind string) (bool, string) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return false, errClosed.Error()
	}
	if _, ok := s.runs[channelID]; ok {
		s.mu.Unlock()
		return false, "a sync of this channel is already running"
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &syncRun{channelID: channelID, cancel: cancel, done: make(chan struct{}), gate: &connector.PauseGate{}, started: s.core.now(), lastData: time.Now()}
	s.runs[channelID] = r
	s.dones[channelID] = r.done
	s.mu.Unlock()

	go func() {
		defer close(r.done)
		defer cancel()
		s.core.Events.Publish(Event{Kind: EvSyncStarted, ChannelID: channelID, Message: "sync started"})
		err := s.execute(ctx, r, kind)
		s.mu.Lock()
		delete(s.runs, channelID)
		s.mu.Unlock()
		s.finish(r, err)
	}()
	return true, "sync started"
}

// execute runs one sync: lock, engine run, optional reconciliation.
func (s *Scheduler) execute(ctx context.Context, r *syncRun, kind string) error {
	c := s.core
	ch, err := c.Store.GetChannel(ctx, r.channelID)
	if err != nil {
		return fmt.Errorf("read channel %d: %w", r.channelID, err)
	}
	release, err := c.acquireSyncLock(ctx, ch.ID)
	if err != nil {
		return err
	}
	defer release()

	c.saveSyncResult(ch.ID, "running", false)
	secrets, err := c.Secrets(ch)
	if err != nil {
		return err
	}
	cfg := ClientConfig(ch, secrets)
	cfg.Logger = c.logger
	client, err := connector.NewClient(cfg)
	if err != nil {
		return fmt.Errorf("connect to %s: %w", ch.BaseURL, err)
	}
	engine := connector.NewEngine(client, c.Store, ch, connector.EngineOptions{
		PageSize:    c.opts.PageSize,
		Concurrency: c.opts.Concurrency,
		Logger:      c.logger.With(slog.Int64("channel", ch.ID)),
		Gate:        r.gate,
		Progress: func(p connector.Progress) {
			pp := p
			now := time.Now()
			r.mu.Lock()
			r.last = &pp
			dataDue := p.Done > 0 && now.Sub(r.lastData) >= dataEvery
			if dataDue {
				r.lastData = now
			}
			r.mu.Unlock()
			c.Events.Publish(Event{Kind: EvSyncProgress, ChannelID: ch.ID, Entity: p.Entity, Progress: &pp})
			if dataDue {
				c.Events.Publish(Event{Kind: EvDataChanged, ChannelID: ch.ID, Entity: p.Entity})
			}
		},
	})
	reconcile := reconcileDue(ch, c.now().UTC())
	if reconcile {
		kind = connector.RunReconcile
	}
	_, err = engine.Run(ctx, kind)
	c.saveLearned(ch.ID, engine.Learned(), reconcile && err == nil)
	return err
}

// acquireSyncLock takes the database lock that keeps the CLI and the GUI
// (or two GUIs) from syncing the same channel at once.
func (c *Core) acquireSyncLock(ctx context.Context, channelID int64) (func(), error) {
	// The lock error already reads well ("channel X is being synced by
	// another MageDesk process (pid N) since 14:03"): pass it on as is.
	return c.Store.AcquireSyncLock(ctx, channelID, fmt.Sprintf("MageDesk desktop (pid %d)", os.Getpid()))
}

// finish records the result on the channel, tells the views and maybe the desktop.
func (s *Scheduler) finish(r *syncRun, err error) {
	c := s.core
	took := c.now().Sub(r.started)
	canceled := errors.Is(err, context.Canceled)
	status := "ok"
	switch {
	case canceled:
		status = "canceled"
	case err != nil:
		status = "failed: " + humanError(err)
	}
	c.saveSyncResult(r.channelID, status, true)
	summary := c.runSummary(r.channelID)
	msg := summary
	if err != nil && !canceled {
		msg = humanError(err)
	} else if canceled {
		msg = "sync canceled; the next run continues where this one stopped"
	}
	if err != nil && !canceled {
		c.logger.Warn("sync failed", "channel", r.channelID, "err", err)
	} else {
		c.logger.Info("sync finished", "channel", r.channelID, "status", status, "took", took.Round(time.Millisecond))
	}
	c.Events.Publish(Event{Kind: EvSyncFinished, ChannelID: r.channelID, Err: err, Message: msg})
	c.Events.Publish(Event{Kind: EvDataChanged, ChannelID: r.channelID})
	c.Events.Publish(Event{Kind: EvChannelsChanged, ChannelID: r.channelID})
	name := fmt.Sprintf("channel %d", r.channelID)
	if ch, e := c.Store.GetChannel(context.Background(), r.channelID); e == nil {
		name = ch.Name
	}
	if title, body, ok := syncNotification(name, took, err, canceled, msg); ok {
		c.notify(title, body)
	}
}

// humanError turns an error into one line a shop owner can act on.
func humanError(err error) string {
	var lockErr *model.SyncLockError
	switch {
	case errors.As(err, &lockErr):
		return lockErr.Error()
	case errors.Is(err, ErrNoSecret):
		return "No credentials are stored for this channel (the keychain entry is missing): edit the channel and enter them again."
	}
	if msg := connector.HumanMessage(err); msg != "" {
		return msg
	}
	return err.Error()
}

// runSummary describes the latest run's counters, e.g. "orders: 12 added, 3 updated".
func (c *Core) runSummary(channelID int64) string {
	runs, err := c.Store.ListRuns(context.Background(), channelID, 1)
	if err != nil || len(runs) == 0 {
		return "sync finished"
	}
	return SummarizeRun(runs[0])
}

// SummarizeRun gives a one-line account of a run's counters in sync order.
func SummarizeRun(run model.SyncRun) string {
	var added, updated, failed int64
	for _, cnt := range run.Counters {
		added += cnt.Added
		updated += cnt.Updated
		failed += cnt.Failed
	}
	parts := []string{FormatCount(added) + " added", FormatCount(updated) + " updated"}
	if failed > 0 {
		parts = append(parts, FormatCount(failed)+" failed")
	}
	return strings.Join(parts, ", ")
}

// saveSyncResult writes LastSyncStatus (and LastSyncAt when the run ended)
// on the channel without touching the fields the user edits.
func (c *Core) saveSyncResult(channelID int64, status string, ended bool) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ch, err := c.Store.GetChannel(ctx, channelID)
	if err != nil {
		return // deleted meanwhile
	}
	ch.LastSyncStatus = status
	if ended {
		ch.LastSyncAt = c.now().UTC().Format(magentoTime)
	}
	if err := c.Store.UpdateChannel(ctx, &ch); err != nil {
		c.logger.Warn("save sync result", "channel", channelID, "err", err)
	}
}

// saveLearned keeps what the engine found out about the store (name,
// currency, time zone, newsletter route) on the channel, for the views.
func (c *Core) saveLearned(channelID int64, l connector.Learned, reconciled bool) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ch, err := c.Store.GetChannel(ctx, channelID)
	if err != nil {
		return
	}
	if l.StoreName != "" {
		ch.StoreName = l.StoreName
	}
	if l.BaseCurrency != "" {
		ch.BaseCurrency = l.BaseCurrency
	}
	if l.Timezone != "" {
		ch.Timezone = l.Timezone
	}
	if l.StoreName != "" || l.Timezone != "" {
		ch.HasNewsletterRoute = l.HasNewsletterRoute
	}
	if reconciled {
		ch.LastReconcile = c.now().UTC().Format(magentoTime)
	}
	if err := c.Store.UpdateChannel(ctx, &ch); err != nil {
		c.logger.Warn("save reconcile time", "channel", channelID, "err", err)
	}
}
