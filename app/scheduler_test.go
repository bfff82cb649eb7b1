package app

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/magedesk/magedesk/connector/magentosim"
	"github.com/magedesk/magedesk/model"
)

func TestSyncNowSyncsChannelAndRecordsResult(t *testing.T) {
	sim, url := startSim(t, magentosim.Options{NewsletterModule: true})
	c := newTestCore(t, Options{})
	ch := simChannel(t, c, url, sim.Token())
	events := collect(t, c)

	started, msg := c.Scheduler.SyncNow(ch.ID)
	if !started {
		t.Fatalf("SyncNow refused: %s", msg)
	}
	waitEvent(t, events, 5*time.Second, func(e Event) bool { return e.Kind == EvSyncStarted && e.ChannelID == ch.ID })
	sawProgress := false
	fin := waitEvent(t, events, 60*time.Second, func(e Event) bool {
		if e.Kind == EvSyncProgress && e.Progress != nil && e.Progress.Total > 0 {
			sawProgress = true
		}
		return e.Kind == EvSyncFinished && e.ChannelID == ch.ID
	})
	if fin.Err != nil {
		t.Fatalf("sync failed: %v", fin.Err)
	}
	if !sawProgress {
		t.Error("no progress event with a total was published")
	}
	c.Scheduler.Wait(ch.ID)

	got, err := c.Channel(context.Background(), ch.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.LastSyncStatus != "ok" || got.LastSyncAt == "" {
		t.Fatalf("last sync not recorded: status %q at %q", got.LastSyncStatus, got.LastSyncAt)
	}
	snap := sim.Snapshot()
	n, err := storedCount(c.Store, ch.ID, model.EntityOrders)
	if err != nil {
		t.Fatal(err)
	}
	if want := len(snap.IDs(magentosim.EntityOrders)); n != want {
		t.Fatalf("orders stored %d, simulator has %d", n, want)
	}
	runs, err := c.Store.ListRuns(context.Background(), ch.ID, 5)
	if err != nil || len(runs) != 1 {
		t.Fatalf("runs = %d, %v; want 1", len(runs), err)
	}
	if runs[0].Counters[model.EntityOrders].Added != int64(n) {
		t.Fatalf("run counted %d orders added, stored %d", runs[0].Counters[model.EntityOrders].Added, n)
	}
}

func TestSecondSyncRequestWhileRunningIsRefused(t *testing.T) {
	sim, url := startSim(t, magentosim.Options{Faults: magentosim.Faults{Latency: 150 * time.Millisecond}})
	c := newTestCore(t, Options{})
	ch := simChannel(t, c, url, sim.Token())
	events := collect(t, c)
	if ok, _ := c.Scheduler.SyncNow(ch.ID); !ok {
		t.Fatal("first SyncNow refused")
	}
	ok, msg := c.Scheduler.SyncNow(ch.ID)
	if ok || !strings.Contains(msg, "already running") {
		t.Fatalf("second SyncNow = %v %q; want refused with a message", ok, msg)
	}
	c.Scheduler.Cancel(ch.ID)
	waitEvent(t, events, 30*time.Second, finishedFor(ch.ID))
}

func TestCancelStopsSyncAndNextRunResumes(t *testing.T) {
	sim, url := startSim(t, magentosim.Options{Faults: magentosim.Faults{Latency: 100 * time.Millisecond}})
	c := newTestCore(t, Options{PageSize: 10, Concurrency: 1})
	ch := simChannel(t, c, url, sim.Token())
	events := collect(t, c)
	c.Scheduler.SyncNow(ch.ID)
	waitEvent(t, events, 20*time.Second, func(e Event) bool {
		return e.Kind == EvSyncProgress && e.Progress != nil && e.Progress.Done > 0
	})
	t0 := time.Now()
	c.Scheduler.Cancel(ch.ID)
	fin := waitEvent(t, events, 20*time.Second, finishedFor(ch.ID))
	if time.Since(t0) > 5*time.Second {
		t.Fatalf("cancel took %s", time.Since(t0))
	}
	if fin.Err == nil {
		t.Fatal("canceled run reported success")
	}
	c.Scheduler.Wait(ch.ID)
	got, _ := c.Channel(context.Background(), ch.ID)
	if got.LastSyncStatus != "canceled" {
		t.Fatalf("status %q, want canceled", got.LastSyncStatus)
	}
	// A new run completes the data.
	sim.SetFaults(magentosim.Faults{})
	c.Scheduler.SyncNow(ch.ID)
	if fin := waitEvent(t, events, 60*time.Second, finishedFor(ch.ID)); fin.Err != nil {
		t.Fatalf("resumed run failed: %v", fin.Err)
	}
	n, _ := storedCount(c.Store, ch.ID, model.EntityOrders)
	if want := len(sim.Snapshot().IDs(magentosim.EntityOrders)); n != want {
		t.Fatalf("after resume %d orders, want %d", n, want)
	}
}

func TestPauseHoldsSyncUntilResume(t *testing.T) {
	sim, url := startSim(t, magentosim.Options{Faults: magentosim.Faults{Latency: 30 * time.Millisecond}})
	c := newTestCore(t, Options{PageSize: 10, Concurrency: 1})
	ch := simChannel(t, c, url, sim.Token())
	events := collect(t, c)
	c.Scheduler.SyncNow(ch.ID)
	waitEvent(t, events, 20*time.Second, func(e Event) bool {
		return e.Kind == EvSyncProgress && e.Progress != nil && e.Progress.Done > 0
	})
	c.Scheduler.Pause(ch.ID)
	if !c.Scheduler.Paused(ch.ID) {
		t.Fatal("Paused() false after Pause")
	}
	time.Sleep(300 * time.Millisecond) // let in-flight pages land
	before := c.Scheduler.LastProgress(ch.ID)
	time.Sleep(700 * time.Millisecond)
	after := c.Scheduler.LastProgress(ch.ID)
	if before == nil || after == nil || *before != *after {
		t.Fatalf("progress moved while paused: %+v -> %+v", before, after)
	}
	if !c.Scheduler.Running(ch.ID) {
		t.Fatal("paused run is no longer running")
	}
	c.Scheduler.Resume(ch.ID)
	if fin := waitEvent(t, events, 60*time.Second, finishedFor(ch.ID)); fin.Err != nil {
		t.Fatalf("resumed sync failed: %v", fin.Err)
	}
}

type recordingNotifier struct {
	mu    sync.Mutex
	notes []string
}

func (r *recordingNotifier) Notify(title, body string) {
	r.mu.Lock()
	r.notes = append(r.notes, title+"|"+body)
	r.mu.Unlock()
}

func TestFailedSyncNotifiesAndSavesReason(t *testing.T) {
	_, url := startSim(t, magentosim.Options{})
	n := &recordingNotifier{}
	c := newTestCore(t, Options{Notifier: n})
	ch := simChannel(t, c, url, "wrong-token")
	events := collect(t, c)
	c.Scheduler.SyncNow(ch.ID)
	fin := waitEvent(t, events, 60*time.Second, finishedFor(ch.ID))
	if fin.Err == nil {
		t.Fatal("sync with a wrong token succeeded")
	}
	c.Scheduler.Wait(ch.ID)
	got, _ := c.Channel(context.Background(), ch.ID)
	if !strings.HasPrefix(got.LastSyncStatus, "failed: ") {
		t.Fatalf("status %q", got.LastSyncStatus)
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if len(n.notes) != 1 || !strings.HasPrefix(n.notes[0], "Sync failed: Test shop|") {
		t.Fatalf("notifications %q", n.notes)
	}
}

func TestSyncNotificationRules(t *testing.T) {
	cases := []struct {
		took     time.Duration
		err      error
		canceled bool
		want     bool
	}{
		{10 * time.Second, nil, false, false},
		{2 * time.Minute, nil, false, true},
		{time.Second, context.DeadlineExceeded, false, true},
		{2 * time.Minute, context.Canceled, true, false},
	}
	for _, tc := range cases {
		_, _, ok := syncNotification("Shop", tc.took, tc.err, tc.canceled, "")
		if ok != tc.want {
			t.Errorf("took %s err %v canceled %v: notify %v, want %v", tc.took, tc.err, tc.canceled, ok, tc.want)
		}
	}
}

func TestTimerDueFollowsInterval(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	ch := model.Channel{SyncInterval: 15, LastSyncAt: "2026-11-26 11:50:00"}
	if due(ch, now) {
		t.Error("due 10 min after a sync with a 15 min interval")
	}
	ch.LastSyncAt = "2026-11-26 11:45:00"
	if !due(ch, now) {
		t.Error("not due 15 min after the last sync")
	}
	ch.SyncInterval = 0
	if due(ch, now) {
		t.Error("manual-only channel is due")
	}
	ch = model.Channel{SyncInterval: 5}
	if !due(ch, now) {
		t.Error("never-synced channel with a timer is not due")
	}
	if reconcileDue(model.Channel{LastSyncAt: "2026-11-26 11:00:00", LastReconcile: "2026-11-26 01:00:00"}, now) {
		t.Error("reconcile due after 11 h")
	}
	if !reconcileDue(model.Channel{LastSyncAt: "2026-11-26 11:00:00", LastReconcile: "2026-11-25 11:00:00"}, now) {
		t.Error("reconcile not due after a day")
	}
}

func TestTimerStartsDueChannel(t *testing.T) {
	sim, url := startSim(t, magentosim.Options{})
	old := schedulerTick
	schedulerTick = 50 * time.Millisecond
	t.Cleanup(func() { schedulerTick = old })
	c := newTestCore(t, Options{})
	ch := NewChannelDraft()
	ch.Name = "Timed"
	ch.BaseURL = url
	ch.SyncInterval = 5
	ch, err := c.CreateChannel(context.Background(), ch, Secrets{Token: sim.Token()})
	if err != nil {
		t.Fatal(err)
	}
	events := collect(t, c)
	c.Scheduler.Start()
	waitEvent(t, events, 30*time.Second, finishedFor(ch.ID))
}

func TestSyncRefusedWhileAnotherProcessHoldsTheLock(t *testing.T) {
	sim, url := startSim(t, magentosim.Options{})
	c := newTestCore(t, Options{})
	ch := simChannel(t, c, url, sim.Token())
	// Another MageDesk (the CLI, say) holds the channel's lock.
	release, err := c.Store.AcquireSyncLock(context.Background(), ch.ID, "cli sync")
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	events := collect(t, c)
	c.Scheduler.SyncNow(ch.ID)
	fin := waitEvent(t, events, 20*time.Second, finishedFor(ch.ID))
	if fin.Err == nil || !strings.Contains(fin.Message, "being synced by another MageDesk process") {
		t.Fatalf("sync under a held lock: err %v, message %q", fin.Err, fin.Message)
	}
	c.Scheduler.Wait(ch.ID)
	if n, _ := storedCount(c.Store, ch.ID, model.EntityCustomers); n != 0 {
		t.Fatalf("%d customers synced despite the lock", n)
	}
}

func TestLongSyncPublishesDataChangesWhileRunning(t *testing.T) {
	old := dataEvery
	dataEvery = 50 * time.Millisecond
	t.Cleanup(func() { dataEvery = old })
	sim, url := startSim(t, magentosim.Options{Faults: magentosim.Faults{Latency: 20 * time.Millisecond}})
	c := newTestCore(t, Options{PageSize: 10, Concurrency: 1})
	ch := simChannel(t, c, url, sim.Token())
	events := collect(t, c)
	c.Scheduler.SyncNow(ch.ID)
	during := 0
	waitEvent(t, events, 60*time.Second, func(e Event) bool {
		if e.Kind == EvDataChanged && e.ChannelID == ch.ID && c.Scheduler.Running(ch.ID) {
			during++
		}
		return e.Kind == EvSyncFinished && e.ChannelID == ch.ID
	})
	if during < 2 {
		t.Fatalf("%d data-changed events during the sync; lists would stay empty until the end", during)
	}
}
