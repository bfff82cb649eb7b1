package views

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/assets"
	"github.com/magedesk/magedesk/model"
)

// Tray is MageDesk's system tray entry (where the desktop has a tray):
// Sync now, Open MageDesk, the last sync's status, Quit. With "keep running
// in the tray" on, closing the main window hides it and the timers keep
// syncing; the tray brings it back.
type Tray struct {
	App  fyne.App
	Menu *fyne.Menu
	// Status is the disabled item that shows the last sync's result.
	Status *fyne.MenuItem

	desk    desktop.App
	core    *app.Core
	show    func()
	unsub   func()
	mu      sync.Mutex
	told    bool // the "still running in the tray" notification was sent
	loading chan struct{}
}

// NewTray installs the tray menu. It returns nil when the app has no
// system tray (mobile, or a driver without one). show brings the main
// window to the front; syncNow syncs every channel.
func NewTray(a fyne.App, core *app.Core, show func(), syncNow func()) *Tray {
	desk, ok := a.(desktop.App)
	if !ok {
		return nil
	}
	t := &Tray{App: a, desk: desk, core: core, show: show, loading: make(chan struct{}, 1)}
	t.Status = fyne.NewMenuItem("Last sync: never", nil)
	t.Status.Disabled = true
	quit := fyne.NewMenuItem("Quit", a.Quit)
	quit.IsQuit = true
	t.Menu = fyne.NewMenu("MageDesk",
		fyne.NewMenuItem("Sync now", syncNow),
		fyne.NewMenuItem("Open MageDesk", show),
		fyne.NewMenuItemSeparator(),
		t.Status,
		fyne.NewMenuItemSeparator(),
		quit,
	)
	desk.SetSystemTrayIcon(assets.Icon)
	desk.SetSystemTrayMenu(t.Menu)
	t.unsub = core.Events.Subscribe(t.onEvent)
	go t.refreshStatus()
	return t
}

// SetWindow lets a left click on the tray icon show w (Fyne 2.7; the menu
// stays on the right click).
func (t *Tray) SetWindow(w fyne.Window) {
	if t != nil {
		t.desk.SetSystemTrayWindow(w)
	}
}

// Close stops following the core's events.
func (t *Tray) Close() {
	if t != nil && t.unsub != nil {
		t.unsub()
	}
}

// Loaded delivers once per status refresh (tests wait on it).
func (t *Tray) Loaded() <-chan struct{} { return t.loading }

func (t *Tray) onEvent(e app.Event) {
	switch e.Kind {
	case app.EvSyncProgress:
		if e.Progress != nil {
			text := "Syncing — " + app.ProgressText(*e.Progress)
			fyne.Do(func() { t.setStatus(text) })
		}
	case app.EvSyncStarted:
		fyne.Do(func() { t.setStatus("Syncing…") })
	case app.EvSyncFinished, app.EvChannelsChanged:
		go t.refreshStatus()
	}
}

// refreshStatus reads the channels' last results off the UI thread.
func (t *Tray) refreshStatus() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	chs, err := t.core.Channels(ctx)
	text := "Last sync: unknown"
	if err == nil {
		text = TrayStatus(chs, t.core.Scheduler.AnyRunning())
	}
	fyne.Do(func() {
		t.setStatus(text)
		select {
		case t.loading <- struct{}{}:
		default:
		}
	})
}

func (t *Tray) setStatus(text string) {
	if t.Status.Label == text {
		return
	}
	t.Status.Label = text
	t.Menu.Refresh()
	// Some tray implementations copy the menu: hand it over again.
	t.desk.SetSystemTrayMenu(t.Menu)
}

// TrayStatus sums up the channels' last syncs in one line: a failure
// first (it needs the user), else the most recent success.
func TrayStatus(chs []model.Channel, running bool) string {
	if running {
		return "Syncing…"
	}
	var last model.Channel
	for _, ch := range chs {
		if len(ch.LastSyncStatus) >= 6 && ch.LastSyncStatus[:6] == "failed" {
			return "Last sync failed: " + ch.Name
		}
		if ch.LastSyncAt > last.LastSyncAt {
			last = ch
		}
	}
	if last.LastSyncAt == "" {
		return "Last sync: never"
	}
	when := last.LastSyncAt
	if t, err := time.Parse(model.TimeLayout, last.LastSyncAt); err == nil {
		when = t.Local().Format("Jan 2 15:04")
	}
	if len(chs) == 1 {
		return "Last sync: OK, " + when
	}
	return "Last sync: OK, " + when + " (" + last.Name + ")"
}

// KeepRunningOnClose makes closing w hide it (the app stays in the tray,
// timers keep syncing) while keep() says so; otherwise the window closes
// and, being the master window, quits the app. The first time, a
// notification says where MageDesk went. It returns the handler it
// installed (the close button's action; tests call it directly).
func (t *Tray) KeepRunningOnClose(w fyne.Window, keep func() bool) func() {
	onClose := func() {
		if t == nil || !keep() {
			w.Close()
			return
		}
		w.Hide()
		t.mu.Lock()
		first := !t.told
		t.told = true
		t.mu.Unlock()
		if first {
			t.App.SendNotification(fyne.NewNotification("MageDesk is still running",
				"It keeps syncing in the system tray. Choose Quit there to stop it."))
		}
	}
	w.SetCloseIntercept(onClose)
	return onClose
}
