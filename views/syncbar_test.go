package views

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/connector/magentosim"
)

func TestSyncBarShowsProgressAndCancelStopsTheSync(t *testing.T) {
	test.NewTempApp(t)
	sim, url := shellStartSim(t, magentosim.Options{Faults: magentosim.Faults{Latency: 60 * time.Millisecond}})
	core := shellTestCore(t, app.Options{PageSize: 10, Concurrency: 1})
	ch := app.NewChannelDraft()
	ch.Name = "Slow shop"
	ch.BaseURL = url
	ch, err := core.CreateChannel(context.Background(), ch, app.Secrets{Token: sim.Token()})
	if err != nil {
		t.Fatal(err)
	}
	bar := NewSyncBar(core)
	defer bar.Close()
	test.NewTempWindow(t, bar.Content())
	if bar.Bar.Visible() || bar.Cancel.Visible() {
		t.Fatal("idle bar shows progress controls")
	}

	core.Scheduler.SyncNow(ch.ID)
	shellEventually(t, 20*time.Second, "progress text", func() bool {
		return strings.Contains(bar.Label.Text, " of ") && bar.Bar.Visible()
	})
	text := bar.Label.Text
	if !strings.HasPrefix(text, "Slow shop — ") {
		t.Fatalf("progress text %q lacks the channel", text)
	}
	if bar.Bar.Value <= 0 || bar.Bar.Value > 1 {
		t.Fatalf("progress value %v", bar.Bar.Value)
	}

	test.Tap(bar.Pause)
	if !core.Scheduler.Paused(ch.ID) || bar.Pause.Text != "Resume" {
		t.Fatalf("pause: paused=%v button %q", core.Scheduler.Paused(ch.ID), bar.Pause.Text)
	}
	test.Tap(bar.Pause)
	if core.Scheduler.Paused(ch.ID) || bar.Pause.Text != "Pause" {
		t.Fatalf("resume: paused=%v button %q", core.Scheduler.Paused(ch.ID), bar.Pause.Text)
	}

	test.Tap(bar.Cancel)
	shellEventually(t, 15*time.Second, "sync to stop", func() bool { return !core.Scheduler.Running(ch.ID) })
	shellEventually(t, 5*time.Second, "idle bar", func() bool { return !bar.Bar.Visible() })
	if !strings.Contains(bar.Label.Text, "canceled") {
		t.Fatalf("after cancel the bar says %q", bar.Label.Text)
	}
	got, _ := core.Channel(context.Background(), ch.ID)
	if got.LastSyncStatus != "canceled" {
		t.Fatalf("channel status %q", got.LastSyncStatus)
	}
}
