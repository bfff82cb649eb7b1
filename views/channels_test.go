package views

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/model"
)

type fakeChannelHost struct {
	opened  []*model.Channel
	removed []model.Channel
}

func (f *fakeChannelHost) OpenWizard(ch *model.Channel)   { f.opened = append(f.opened, ch) }
func (f *fakeChannelHost) ConfirmRemove(ch model.Channel) { f.removed = append(f.removed, ch) }

func TestChannelsPageListsChannelsWithDemoLabel(t *testing.T) {
	test.NewTempApp(t)
	core := shellTestCore(t, app.Options{})
	for _, n := range []string{"Shop A", "Shop B"} {
		ch := app.NewChannelDraft()
		ch.Name = n
		ch.BaseURL = "https://" + n[5:] + ".example.com"
		if _, err := core.CreateChannel(context.Background(), ch, app.Secrets{Token: "t"}); err != nil {
			t.Fatal(err)
		}
	}
	host := &fakeChannelHost{}
	p := NewChannelsPage(core, host)
	w := test.NewTempWindow(t, p.Content())
	w.Resize(fyne.NewSize(1000, 600))
	p.WaitLoaded()
	rows := p.Rows()
	if len(rows) != 2 || rows[0].Name != "Shop A" || rows[1].Name != "Shop B" {
		t.Fatalf("rows %v", rows)
	}
	if !shellHasText(p.Content(), "Not synced yet") {
		t.Fatal("no last-sync text")
	}
	test.Tap(shellFindButton(p.Content(), "Edit"))
	if len(host.opened) != 1 || host.opened[0] == nil || host.opened[0].Name != "Shop A" {
		t.Fatalf("Edit opened %v", host.opened)
	}
	test.Tap(shellFindButton(p.Content(), "Add channel"))
	if len(host.opened) != 2 || host.opened[1] != nil {
		t.Fatal("Add channel did not open an empty wizard")
	}
	p.SetSearch("shop b")
	if rows := p.Rows(); len(rows) != 1 || rows[0].Name != "Shop B" {
		t.Fatalf("search rows %v", rows)
	}
}

func TestRemovingDemoChannelThroughShellDeletesIt(t *testing.T) {
	a := test.NewTempApp(t)
	core := shellTestCore(t, app.Options{})
	ch, err := core.StartDemo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	core.Scheduler.Wait(ch.ID)
	mw := NewMainWindow(a, core, app.NewBrowse(core.Store))
	t.Cleanup(mw.Close)
	if err := mw.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	shellWait(t, mw.ShellShown(), 5*time.Second, "shell")
	shellWait(t, mw.Shell.Loaded(), 5*time.Second, "channels")
	mw.Shell.Show(NavChannels)
	page := mw.Shell.CurrentPage().(*ChannelsPage)
	page.WaitLoaded()
	if !shellHasText(page.Content(), "Demo") {
		t.Fatal("demo channel not labelled")
	}
	test.Tap(shellFindButton(page.Content(), "Remove"))
	yes := shellOverlayButton(mw.Win, "Yes")
	if yes == nil {
		t.Fatal("no confirmation dialog")
	}
	test.Tap(yes)
	// The removal runs off the UI thread: the rows go first, then the
	// demo simulator stops.
	shellEventually(t, 10*time.Second, "channel removal and its simulator stopped", func() bool {
		has, _ := core.HasChannels(context.Background())
		return !has && core.DemoSimulator(ch.ID) == nil
	})
}
