package views

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/connector/magentosim"
	"github.com/magedesk/magedesk/model"
)

// startDemoFromWelcome opens the main window on an empty data folder, taps
// "Explore with a demo store" and waits for the shell.
func startDemoFromWelcome(t *testing.T) (*MainWindow, *app.Core) {
	t.Helper()
	a := test.NewTempApp(t)
	core := shellTestCore(t, app.Options{})
	mw := NewMainWindow(a, core, app.NewBrowse(core.Store))
	t.Cleanup(mw.Close)
	if err := mw.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	if mw.Welcome == nil || mw.Win.Content() != mw.Welcome.Content() {
		t.Fatal("first run does not show the welcome screen")
	}
	if mw.Welcome.Connect.Text != "Connect my Magento store" || mw.Welcome.Demo.Text != "Explore with a demo store" {
		t.Fatalf("welcome choices %q / %q", mw.Welcome.Connect.Text, mw.Welcome.Demo.Text)
	}
	test.Tap(mw.Welcome.Demo)
	shellWait(t, mw.Welcome.DemoDone(), 90*time.Second, "demo sync")
	shellWait(t, mw.ShellShown(), 5*time.Second, "main shell")
	shellWait(t, mw.Shell.Loaded(), 5*time.Second, "channel list")
	return mw, core
}

func TestWelcomeDemoShowsMainWindowWithSyncedData(t *testing.T) {
	mw, core := startDemoFromWelcome(t)
	if mw.Win.Content() != mw.Shell.Content() {
		t.Fatal("main shell not in the window after the demo sync")
	}
	chs, err := core.Channels(context.Background())
	if err != nil || len(chs) != 1 || !chs[0].IsDemo || chs[0].Name != app.DemoName {
		t.Fatalf("channels after demo: %+v %v", chs, err)
	}
	if chs[0].LastSyncStatus != "ok" {
		t.Fatalf("demo sync status %q", chs[0].LastSyncStatus)
	}
	if got := mw.Shell.Titles(); strings.Join(got, ",") != "Dashboard,Customers,Shopping Carts,Orders,Credit Memos,Newsletter Subscribers,Channels,Sync Log" {
		t.Fatalf("navigation %v", got)
	}
	if mw.Shell.ChannelSelect.Visible() {
		t.Fatal("channel selector shown with a single channel")
	}
	if bar := mw.Shell.SyncBar.Label.Text; !strings.HasPrefix(bar, app.DemoName+": Last sync ") || !strings.HasSuffix(bar, " — ok") {
		t.Fatalf("sync bar after the demo: %q", mw.Shell.SyncBar.Label.Text)
	}
	sim := core.DemoSimulator(chs[0].ID)
	snap := sim.Snapshot()
	for entity, want := range map[string]int{
		model.EntityCustomers: len(snap.IDs(magentosim.EntityCustomers)),
		model.EntityOrders:    len(snap.IDs(magentosim.EntityOrders)),
	} {
		ids, err := core.Store.KnownIDs(context.Background(), chs[0].ID, entity)
		if err != nil || len(ids) != want {
			t.Fatalf("%s stored %d, demo store has %d (%v)", entity, len(ids), want, err)
		}
	}
}

func TestWelcomeCanLeaveWhileTheDemoStillSyncs(t *testing.T) {
	a := test.NewTempApp(t)
	core := shellTestCore(t, app.Options{DemoSize: &app.DemoSize{Customers: 3000, Carts: 3000, Orders: 6000, CreditMemos: 100, Subscribers: 500, Products: 60}, PageSize: 50, Concurrency: 1})
	mw := NewMainWindow(a, core, app.NewBrowse(core.Store))
	t.Cleanup(mw.Close)
	if err := mw.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	test.Tap(mw.Welcome.Demo)
	shellEventually(t, 30*time.Second, "the skip button", func() bool { return mw.Welcome.Skip.Visible() })
	test.Tap(mw.Welcome.Skip)
	shellWait(t, mw.ShellShown(), 5*time.Second, "main shell")
	chs, _ := core.Channels(context.Background())
	if len(chs) != 1 || !core.Scheduler.Running(chs[0].ID) {
		t.Fatal("the demo sync should still be running behind the main window")
	}
	core.Scheduler.Cancel(chs[0].ID)
	core.Scheduler.Wait(chs[0].ID)
}
