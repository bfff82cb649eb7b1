package views

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/model"
)

// Navigation entries, in sidebar order.
const (
	NavDashboard   = "Dashboard"
	NavCustomers   = "Customers"
	NavCarts       = "Shopping Carts"
	NavOrders      = "Orders"
	NavCreditMemos = "Credit Memos"
	NavSubscribers = "Newsletter Subscribers"
	NavChannels    = "Channels"
	NavSyncLog     = "Sync Log"
)

// allChannels is the selector entry that shows every channel's records.
const allChannels = "All channels"

// navItem is one sidebar entry. Pages are built the first time they are
// shown (a quicker start) and reloaded on show when data changed meanwhile.
type navItem struct {
	title   string
	icon    fyne.Resource
	make    func() Page
	page    Page
	exports bool
	noFind  bool // the page has nothing to search (dashboard)
	stale   bool
	search  string
}

// Shell is the main window's content: sidebar navigation, toolbar (channel
// selector, Sync now, search, Export), the current page and the sync bar.
type Shell struct {
	App  fyne.App
	Win  fyne.Window
	core *app.Core
	nav  Navigator

	items   []*navItem
	current int

	Sidebar       *widget.List
	Search        *widget.Entry
	SyncButton    *widget.Button
	ExportButton  *widget.Button
	ChannelSelect *widget.Select
	SyncBar       *SyncBar
	Banner        *widget.Label // credential fallback notice
	body          *fyne.Container
	title         *widget.Label
	box           fyne.CanvasObject

	mu        sync.Mutex
	channels  []model.Channel
	channelID int64 // 0 = all channels
	debounce  *time.Timer
	unsub     func()
	loaded    chan struct{}
}

// NewShell builds the main window's content for win. browse feeds the
// lists, details and dashboard.
func NewShell(a fyne.App, win fyne.Window, core *app.Core, browse *app.Browse) *Shell {
	s := &Shell{App: a, Win: win, core: core, loaded: make(chan struct{})}
	s.nav = newNavigator(a, browse, core)
	if dw, ok := s.nav.(*DetailWindows); ok {
		dw.Forget = func(win fyne.Window, id int64, name string) {
			(&DataActions{Core: s.core, Win: win}).ConfirmForget(id, name)
		}
	}
	s.items = s.buildNavItems(browse)

	s.Sidebar = widget.NewList(
		func() int { return len(s.items) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("Newsletter Subscribers"))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(s.items[id].icon)
			row.Objects[1].(*widget.Label).SetText(s.items[id].title)
		},
	)
	s.Sidebar.OnSelected = func(id widget.ListItemID) { s.show(id) }

	s.Search = widget.NewEntry()
	s.Search.SetPlaceHolder("Search name, email, order #, SKU…  (Ctrl+F)")
	s.Search.OnChanged = s.searchChanged
	s.Search.OnSubmitted = func(string) { s.applySearch() }
	s.SyncButton = widget.NewButtonWithIcon("Sync now", theme.ViewRefreshIcon(), s.SyncNow)
	s.SyncButton.Importance = widget.HighImportance
	s.ExportButton = widget.NewButtonWithIcon("Export", theme.DocumentSaveIcon(), s.Export)
	s.ChannelSelect = widget.NewSelect([]string{allChannels}, s.channelChosen)
	s.ChannelSelect.SetSelected(allChannels)
	s.ChannelSelect.Hide()
	s.SyncBar = NewSyncBar(core)
	s.Banner = widget.NewLabel("No system keychain was found: channel credentials are kept in a file only you can read (" + core.DataDir() + ").")
	s.Banner.Wrapping = fyne.TextWrapWord
	s.Banner.Importance = widget.WarningImportance
	if !core.Creds.FallbackInUse() {
		s.Banner.Hide()
	}

	s.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	toolbar := container.NewBorder(nil, nil,
		container.NewHBox(s.title, s.ChannelSelect),
		container.NewHBox(s.SyncButton, s.ExportButton),
		s.Search)
	s.body = container.NewStack()
	main := container.NewBorder(container.NewVBox(toolbar, widget.NewSeparator()), nil, nil, nil, s.body)
	split := container.NewHSplit(container.NewBorder(nil, nil, nil, nil, s.Sidebar), main)
	split.Offset = 0.18
	s.box = container.NewBorder(s.Banner, container.NewVBox(widget.NewSeparator(), s.SyncBar.Content()), nil, nil, split)

	s.unsub = core.Events.Subscribe(s.onEvent)
	s.Sidebar.Select(0)
	go s.loadChannels()
	return s
}

// Content is the shell's widget tree.
func (s *Shell) Content() fyne.CanvasObject { return s.box }

// Loaded is closed after the first channel list has been loaded.
func (s *Shell) Loaded() <-chan struct{} { return s.loaded }

// Close unsubscribes the shell and its sync bar from the core.
func (s *Shell) Close() {
	s.unsub()
	s.SyncBar.Close()
}

// Navigator opens detail windows (the shell's and the pages' links).
func (s *Shell) Navigator() Navigator { return s.nav }

// Titles lists the navigation entries in order.
func (s *Shell) Titles() []string {
	t := make([]string, len(s.items))
	for i, it := range s.items {
		t[i] = it.title
	}
	return t
}

// CurrentTitle is the entry shown now.
func (s *Shell) CurrentTitle() string { return s.items[s.current].title }

// CurrentPage is the page shown now.
func (s *Shell) CurrentPage() Page { return s.items[s.current].page }

// Page returns the page of an entry, building it if needed (tests use it).
func (s *Shell) Page(title string) Page {
	for _, it := range s.items {
		if it.title == title {
			s.ensure(it)
			return it.page
		}
	}
	return nil
}

// Show switches to the entry with that title.
func (s *Shell) Show(title string) {
	for i, it := range s.items {
		if it.title == title {
			s.Sidebar.Select(i)
			return
		}
	}
}

func (s *Shell) ensure(it *navItem) {
	if it.page != nil {
		return
	}
	it.page = it.make()
	s.mu.Lock()
	id := s.channelID
	s.mu.Unlock()
	// Pages start empty; SetChannel or Reload starts their first load.
	if id != 0 {
		it.page.SetChannel(id)
	} else {
		it.page.Reload()
	}
	it.stale = false
}

func (s *Shell) show(i int) {
	if i < 0 || i >= len(s.items) {
		return
	}
	prev := s.items[s.current]
	prev.search = s.Search.Text
	s.current = i
	it := s.items[i]
	fresh := it.page == nil
	s.ensure(it)
	s.title.SetText(it.title)
	s.body.Objects = []fyne.CanvasObject{it.page.Content()}
	s.body.Refresh()
	// Each page keeps its own search text; the toolbar shows the current one.
	s.Search.OnChanged = nil
	s.Search.SetText(it.search)
	s.Search.OnChanged = s.searchChanged
	switch _, own := it.page.(ownSearch); {
	case own:
		s.Search.Hide()
	case it.noFind:
		s.Search.Show()
		s.Search.Disable()
	default:
		s.Search.Show()
		s.Search.Enable()
	}
	if it.exports {
		s.ExportButton.Enable()
	} else {
		s.ExportButton.Disable()
	}
	if it.stale && !fresh {
		it.stale = false
		it.page.Reload()
	}
}

// SyncNow syncs the selected channel, or all channels when "All channels" is chosen.
func (s *Shell) SyncNow() {
	s.mu.Lock()
	id := s.channelID
	single := len(s.channels) == 1
	if single {
		id = s.channels[0].ID
	}
	s.mu.Unlock()
	if id != 0 {
		if started, msg := s.core.Scheduler.SyncNow(id); !started {
			s.SyncBar.Label.SetText(msg)
		}
		return
	}
	go func() {
		if err := s.core.Scheduler.SyncAll(context.Background()); err != nil {
			runOnUI(func() { dialog.ShowError(err, s.Win) })
		}
	}()
}

// Export writes the current list's filter as CSV.
func (s *Shell) Export() {
	it := s.items[s.current]
	if it.exports && it.page != nil {
		it.page.ExportCSV(s.Win)
	}
}

// FocusSearch puts the cursor in the search box (Ctrl+F): the page's own
// box when it has one, else the toolbar's.
func (s *Shell) FocusSearch() {
	if p, ok := s.items[s.current].page.(ownSearch); ok {
		s.Win.Canvas().Focus(p.searchEntry())
		return
	}
	if !s.Search.Disabled() {
		s.Win.Canvas().Focus(s.Search)
	}
}

func (s *Shell) searchChanged(string) {
	s.mu.Lock()
	if s.debounce != nil {
		s.debounce.Stop()
	}
	// Typing fires a query per pause, not per key.
	s.debounce = time.AfterFunc(250*time.Millisecond, func() { runOnUI(s.applySearch) })
	s.mu.Unlock()
}

func (s *Shell) applySearch() {
	s.mu.Lock()
	if s.debounce != nil {
		s.debounce.Stop()
		s.debounce = nil
	}
	s.mu.Unlock()
	it := s.items[s.current]
	it.search = s.Search.Text
	if it.page != nil {
		it.page.SetSearch(s.Search.Text)
	}
}

func (s *Shell) channelChosen(name string) {
	var id int64
	s.mu.Lock()
	for _, ch := range s.channels {
		if channelLabel(ch) == name {
			id = ch.ID
		}
	}
	changed := id != s.channelID
	s.channelID = id
	s.mu.Unlock()
	if !changed {
		return
	}
	for _, it := range s.items {
		if it.page != nil {
			it.page.SetChannel(id)
		}
	}
}

// SelectChannel shows one channel's records (0 = all). It may be called
// before the channel list has loaded (a new or demo channel): the choice is
// kept and the selector catches up when the list arrives.
func (s *Shell) SelectChannel(id int64) {
	s.mu.Lock()
	changed := id != s.channelID
	s.channelID = id
	name := ""
	for _, ch := range s.channels {
		if ch.ID == id {
			name = channelLabel(ch)
		}
	}
	if id == 0 {
		name = allChannels
	}
	s.mu.Unlock()
	if changed {
		for _, it := range s.items {
			if it.page != nil {
				it.page.SetChannel(id)
			}
		}
	}
	if name != "" {
		s.ChannelSelect.SetSelected(name)
	}
}

// ChannelID is the selected channel (0 = all).
func (s *Shell) ChannelID() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.channelID
}

func channelLabel(ch model.Channel) string {
	if ch.IsDemo {
		return ch.Name + " (demo)"
	}
	return ch.Name
}

// loadChannels reads the channels off the UI thread and refreshes the selector.
func (s *Shell) loadChannels() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	chs, err := s.core.Channels(ctx)
	if err != nil {
		s.core.Events.Publish(app.Event{Kind: app.EvSyncFinished, Err: err, Message: "could not read the channels: " + err.Error()})
		return
	}
	runOnUI(func() {
		s.mu.Lock()
		s.channels = chs
		selected := s.channelID
		s.mu.Unlock()
		opts := []string{allChannels}
		name := allChannels
		for _, ch := range chs {
			opts = append(opts, channelLabel(ch))
			if ch.ID == selected {
				name = channelLabel(ch)
			}
		}
		s.ChannelSelect.Options = opts
		if name == allChannels && selected != 0 {
			s.SelectChannel(0) // the selected channel was removed
		}
		s.ChannelSelect.SetSelected(name)
		first := false
		select {
		case <-s.loaded:
		default:
			first = true
		}
		if first && !s.core.Scheduler.AnyRunning() {
			s.SyncBar.ShowLastResults(chs)
		}
		if len(chs) > 1 {
			s.ChannelSelect.Show()
		} else {
			s.ChannelSelect.Hide()
		}
		select {
		case <-s.loaded:
		default:
			close(s.loaded)
		}
	})
}

func (s *Shell) onEvent(e app.Event) {
	switch e.Kind {
	case app.EvChannelsChanged:
		s.loadChannels()
	case app.EvDataChanged:
		runOnUI(s.dataChanged)
	}
}

// dataChanged reloads the visible page and marks the others for a reload
// when they are next shown, so hidden pages cost nothing during a sync.
func (s *Shell) dataChanged() {
	for i, it := range s.items {
		if it.page == nil {
			continue
		}
		if i == s.current {
			it.page.Reload()
		} else {
			it.stale = true
		}
	}
}

// InstallShortcuts binds Ctrl+F (search), Ctrl+R (sync now), Ctrl+E (export)
// and sets the main menu.
func (s *Shell) InstallShortcuts() {
	c := s.Win.Canvas()
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { s.FocusSearch() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyR, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { s.SyncNow() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { s.Export() })
	s.Win.SetMainMenu(s.desktopMenu())
}
