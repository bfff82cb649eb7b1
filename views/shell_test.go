package views

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/app"
)

// fakePage records what the shell asks of a page.
type fakePage struct {
	label    *widget.Label
	channel  int64
	search   string
	reloads  int
	exported int
}

func newFakePage(name string) *fakePage { return &fakePage{label: widget.NewLabel(name)} }

func (f *fakePage) Content() fyne.CanvasObject { return f.label }
func (f *fakePage) SetChannel(id int64)        { f.channel = id }
func (f *fakePage) Reload()                    { f.reloads++ }
func (f *fakePage) SetSearch(text string)      { f.search = text }
func (f *fakePage) ExportCSV(fyne.Window)      { f.exported++ }

// newTestShell builds a shell whose list pages are fakes.
func newTestShell(t *testing.T, core *app.Core) (*Shell, map[string]*fakePage) {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	s := NewShell(a, w, core, app.NewBrowse(core.Store))
	t.Cleanup(s.Close)
	w.SetContent(s.Content())
	w.Resize(fyne.NewSize(1200, 800))
	s.InstallShortcuts()
	fakes := map[string]*fakePage{}
	for _, it := range s.items {
		if it.title == NavCustomers || it.title == NavOrders {
			f := newFakePage(it.title)
			fakes[it.title] = f
			it.make = func() Page { return f }
		}
	}
	shellWait(t, s.Loaded(), 5*time.Second, "channels")
	return s, fakes
}

func addChannel(t *testing.T, core *app.Core, name, url string) int64 {
	t.Helper()
	ch := app.NewChannelDraft()
	ch.Name = name
	ch.BaseURL = url
	ch.SyncInterval = 0
	ch, err := core.CreateChannel(context.Background(), ch, app.Secrets{Token: "t"})
	if err != nil {
		t.Fatal(err)
	}
	return ch.ID
}

func TestShellNavigationSearchAndExport(t *testing.T) {
	core := shellTestCore(t, app.Options{})
	addChannel(t, core, "Only shop", "https://only.example.com")
	s, fakes := newTestShell(t, core)

	if s.CurrentTitle() != NavDashboard || !s.ExportButton.Disabled() {
		t.Fatalf("start on %q, export disabled %v", s.CurrentTitle(), s.ExportButton.Disabled())
	}
	s.Show(NavCustomers)
	cust := fakes[NavCustomers]
	if s.CurrentTitle() != NavCustomers || s.body.Objects[0] != cust.label || s.ExportButton.Disabled() {
		t.Fatal("Customers page not shown with Export enabled")
	}
	test.Type(s.Search, "smith")
	s.Search.OnSubmitted(s.Search.Text)
	if cust.search != "smith" {
		t.Fatalf("page search %q", cust.search)
	}
	test.Tap(s.ExportButton)
	if cust.exported != 1 {
		t.Fatal("Export did not reach the page")
	}
	s.Show(NavOrders)
	if s.Search.Text != "" {
		t.Fatalf("orders page shows the customers search %q", s.Search.Text)
	}
	s.Show(NavCustomers)
	if s.Search.Text != "smith" {
		t.Fatalf("customers search not restored: %q", s.Search.Text)
	}
	// Typing waits for a pause before querying.
	test.Type(s.Search, "x")
	if cust.search != "smith" {
		t.Fatal("a key press queried at once, without waiting for a pause")
	}
	shellEventually(t, 2*time.Second, "debounced search", func() bool {
		return cust.search == s.Search.Text && strings.Contains(cust.search, "x")
	})

	// Ctrl+E exports the current list.
	s.Win.Canvas().(fyne.Shortcutable).TypedShortcut(shellCtrl(fyne.KeyE))
	if cust.exported != 2 {
		t.Fatalf("Ctrl+E: exported %d", cust.exported)
	}
	if s.ChannelSelect.Visible() {
		t.Fatal("channel selector visible with one channel")
	}
	menu := s.Win.MainMenu()
	if menu == nil || len(menu.Items) < 4 || menu.Items[0].Label != "File" || menu.Items[1].Label != "View" ||
		menu.Items[2].Label != "Channel" || menu.Items[len(menu.Items)-1].Label != "Help" {
		t.Fatal("main menu is not File / View / Channel / … / Help")
	}
}

func shellCtrl(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func TestShellReloadsVisiblePageAndMarksOthers(t *testing.T) {
	core := shellTestCore(t, app.Options{})
	addChannel(t, core, "Shop", "https://shop.example.com")
	s, fakes := newTestShell(t, core)
	s.Show(NavOrders)
	s.Show(NavCustomers)
	cust, orders := fakes[NavCustomers], fakes[NavOrders]
	if cust.reloads != 1 || orders.reloads != 1 {
		t.Fatalf("a new page is not loaded once: customers %d orders %d", cust.reloads, orders.reloads)
	}
	core.Events.Publish(app.Event{Kind: app.EvDataChanged, ChannelID: 1})
	drainUIQueue()
	if cust.reloads != 2 || orders.reloads != 1 {
		t.Fatalf("reloads: customers %d orders %d", cust.reloads, orders.reloads)
	}
	s.Show(NavOrders)
	if orders.reloads != 2 {
		t.Fatalf("stale orders page not reloaded on show: %d", orders.reloads)
	}
}

func TestShellChannelSelectorAppearsWithSeveralChannels(t *testing.T) {
	core := shellTestCore(t, app.Options{})
	addChannel(t, core, "Shop A", "https://a.example.com")
	s, fakes := newTestShell(t, core)
	s.Show(NavCustomers)
	if s.ChannelSelect.Visible() {
		t.Fatal("selector visible with one channel")
	}
	idB := addChannel(t, core, "Shop B", "https://b.example.com")
	shellEventually(t, 5*time.Second, "selector", func() bool { return s.ChannelSelect.Visible() })
	if got := s.ChannelSelect.Options; len(got) != 3 || got[0] != "All channels" || got[2] != "Shop B" {
		t.Fatalf("options %v", got)
	}
	s.ChannelSelect.SetSelected("Shop B")
	if s.ChannelID() != idB || fakes[NavCustomers].channel != idB {
		t.Fatalf("selected %d, page channel %d, want %d", s.ChannelID(), fakes[NavCustomers].channel, idB)
	}
	// A page built later starts on the selected channel too.
	s.Show(NavOrders)
	if fakes[NavOrders].channel != idB {
		t.Fatalf("new page on channel %d", fakes[NavOrders].channel)
	}
	s.ChannelSelect.SetSelected(allChannels)
	if fakes[NavOrders].channel != 0 {
		t.Fatal("All channels did not reset the pages")
	}
}

func TestShellSyncNowShortcutStartsSync(t *testing.T) {
	core := shellTestCore(t, app.Options{})
	id := addChannel(t, core, "Unreachable", "http://127.0.0.1:1")
	s, _ := newTestShell(t, core)
	started := make(chan struct{}, 1)
	unsub := core.Events.Subscribe(func(e app.Event) {
		if e.Kind == app.EvSyncStarted && e.ChannelID == id {
			started <- struct{}{}
		}
	})
	defer unsub()
	s.Win.Canvas().(fyne.Shortcutable).TypedShortcut(shellCtrl(fyne.KeyR))
	shellWait(t, started, 5*time.Second, "Ctrl+R sync")
	core.Scheduler.Wait(id)
}

func TestShellListPagesKeepOneSearchBoxAndCtrlFFindsIt(t *testing.T) {
	core := shellTestCore(t, app.Options{})
	addChannel(t, core, "Shop", "https://shop.example.com")
	s, _ := newTestShell(t, core)
	s.Show(NavCarts) // a real list page (the fakes are customers and orders)
	page, ok := s.CurrentPage().(ownSearch)
	if !ok {
		t.Fatalf("carts page %T has no search box of its own", s.CurrentPage())
	}
	if s.Search.Visible() {
		t.Fatal("two search boxes on a list page")
	}
	s.Win.Canvas().(fyne.Shortcutable).TypedShortcut(shellCtrl(fyne.KeyF))
	if s.Win.Canvas().Focused() != page.searchEntry() {
		t.Fatal("Ctrl+F did not focus the list's search box")
	}
	s.Show(NavChannels)
	if !s.Search.Visible() || s.Search.Disabled() {
		t.Fatal("the channels page lost the toolbar search")
	}
	s.Win.Canvas().(fyne.Shortcutable).TypedShortcut(shellCtrl(fyne.KeyF))
	if s.Win.Canvas().Focused() != s.Search {
		t.Fatal("Ctrl+F did not focus the toolbar search")
	}
}
