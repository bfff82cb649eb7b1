package views

import (
	"context"
	"strconv"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/connector/magentosim"
	"github.com/magedesk/magedesk/model"
)

func TestSyncLogListsRunWithCountersAndFailedRecords(t *testing.T) {
	test.NewTempApp(t)
	sim, url := shellStartSim(t, magentosim.Options{NewsletterModule: true})
	core := shellTestCore(t, app.Options{})
	ch := app.NewChannelDraft()
	ch.Name = "Logged shop"
	ch.BaseURL = url
	ch, err := core.CreateChannel(context.Background(), ch, app.Secrets{Token: sim.Token()})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	unsub := core.Events.Subscribe(func(e app.Event) {
		if e.Kind == app.EvSyncFinished && e.ChannelID == ch.ID {
			close(done)
		}
	})
	core.Scheduler.SyncNow(ch.ID)
	shellWait(t, done, 60*time.Second, "sync")
	unsub()
	core.Scheduler.Wait(ch.ID)

	// One failed record, as the engine would record it.
	_, err = core.Store.ApplyBatch(context.Background(), model.Batch{ChannelID: ch.ID, Entity: model.EntityOrders,
		Errors: []model.SyncError{{ChannelID: ch.ID, Entity: model.EntityOrders, MagentoID: 424242, LastError: "grand_total: not a number"}}})
	if err != nil {
		t.Fatal(err)
	}

	p := NewSyncLogPage(core)
	test.NewTempWindow(t, p.Content())
	p.WaitLoaded()
	if p.RunCount() != 1 {
		t.Fatalf("runs listed %d, want 1", p.RunCount())
	}
	run, _ := p.Run(0)
	if run.Status != "ok" {
		t.Fatalf("run status %q", run.Status)
	}
	snap := sim.Snapshot()
	wantOrders := len(snap.IDs(magentosim.EntityOrders))
	found := false
	for r := 0; r < p.CounterRows(); r++ {
		if p.CounterText(r, 0) == "Orders" {
			found = true
			if got := p.CounterText(r, 2); got != app.FormatCount(int64(wantOrders)) {
				t.Errorf("orders added %q, simulator has %d", got, wantOrders)
			}
		}
	}
	if !found {
		t.Fatal("no Orders row in the counters")
	}
	if p.ErrorRows() != 1 || p.ErrorText(0, 2) != strconv.Itoa(424242) || p.ErrorText(0, 3) != "grand_total: not a number" || p.ErrorText(0, 4) != "1" {
		t.Fatalf("failed record row: %q %q %q", p.ErrorText(0, 2), p.ErrorText(0, 3), p.ErrorText(0, 4))
	}
	p.SetSearch("no such text")
	if p.ErrorRows() != 0 {
		t.Fatal("search did not filter the failed records")
	}
}

func TestSyncLogWindowFollowsFinishedSyncs(t *testing.T) {
	core := shellTestCore(t, app.Options{})
	id := addChannel(t, core, "Unreachable", "http://127.0.0.1:1")
	s, _ := newTestShell(t, core)
	p := s.OpenSyncLogWindow()
	p.WaitLoaded()
	if p.RunCount() != 0 {
		t.Fatalf("%d runs before any sync", p.RunCount())
	}
	core.Scheduler.SyncNow(id)
	core.Scheduler.Wait(id)
	shellEventually(t, 10*time.Second, "the failed run in the log window", func() bool {
		p.WaitLoaded()
		r, ok := p.Run(0)
		return ok && r.Status == "failed"
	})
}
