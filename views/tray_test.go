package views

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/connector/magentosim"
	"github.com/magedesk/magedesk/model"
)

// trayApp is the test app with a system tray, as evebuddy fakes it: it
// records what the tray code hands to desktop.App.
type trayApp struct {
	fyne.App
	menu      *fyne.Menu
	icon      fyne.Resource
	window    fyne.Window
	menuCalls int
}

func (a *trayApp) SetSystemTrayMenu(m *fyne.Menu)    { a.menu = m; a.menuCalls++ }
func (a *trayApp) SetSystemTrayIcon(r fyne.Resource) { a.icon = r }
func (a *trayApp) SetSystemTrayWindow(w fyne.Window) { a.window = w }

func menuLabels(m *fyne.Menu) []string {
	var out []string
	for _, it := range m.Items {
		if !it.IsSeparator {
			out = append(out, it.Label)
		}
	}
	return out
}

func menuItem(t *testing.T, m *fyne.Menu, label string) *fyne.MenuItem {
	t.Helper()
	for _, it := range m.Items {
		if it.Label == label {
			return it
		}
	}
	t.Fatalf("menu %q has no item %q (has %v)", m.Label, label, menuLabels(m))
	return nil
}

func TestTrayOffersSyncOpenStatusQuitAndFollowsSyncs(t *testing.T) {
	core := shellTestCore(t, app.Options{})
	_, url := shellStartSim(t, magentosim.Options{Token: "tray-token", BearerEnabled: true})
	ch := app.NewChannelDraft()
	ch.Name = "Tray shop"
	ch.BaseURL = url
	ch.SyncInterval = 0
	ch, err := core.CreateChannel(context.Background(), ch, app.Secrets{Token: "tray-token"})
	if err != nil {
		t.Fatal(err)
	}
	fa := &trayApp{App: test.NewTempApp(t)}
	shown, synced := 0, 0
	tray := NewTray(fa, core, func() { shown++ }, func() {
		synced++
		core.Scheduler.SyncNow(ch.ID)
	})
	if tray == nil {
		t.Fatal("no tray on a desktop app")
	}
	defer tray.Close()
	shellWait(t, tray.Loaded(), 5*time.Second, "tray status")
	if fa.menu != tray.Menu || fa.icon == nil {
		t.Fatal("tray menu or icon not installed")
	}
	if got := strings.Join(menuLabels(fa.menu), "|"); got != "Sync now|Open MageDesk|Last sync: never|Quit" {
		t.Fatalf("tray menu = %s", got)
	}
	if !tray.Status.Disabled || !menuItem(t, fa.menu, "Quit").IsQuit {
		t.Fatal("status must be informational and Quit must be the quit item")
	}
	menuItem(t, fa.menu, "Open MageDesk").Action()
	if shown != 1 {
		t.Fatal("Open MageDesk did not show the window")
	}
	menuItem(t, fa.menu, "Sync now").Action()
	if synced != 1 {
		t.Fatal("Sync now did not sync")
	}
	shellEventually(t, time.Minute, "OK status after the sync", func() bool {
		return strings.HasPrefix(tray.Status.Label, "Last sync: OK, ")
	})
	if fa.menuCalls < 2 {
		t.Fatal("the tray menu was not handed over again after the status changed")
	}
}

func TestTrayStatusPutsFailuresFirst(t *testing.T) {
	chs := []model.Channel{
		{Name: "A", LastSyncAt: "2026-11-26 10:00:00", LastSyncStatus: "ok"},
		{Name: "B", LastSyncAt: "2026-11-26 09:00:00", LastSyncStatus: "failed: the token was refused"},
	}
	if got := TrayStatus(chs, false); got != "Last sync failed: B" {
		t.Fatalf("got %q", got)
	}
	chs[1].LastSyncStatus = "ok"
	if got := TrayStatus(chs, false); !strings.HasPrefix(got, "Last sync: OK, ") || !strings.HasSuffix(got, "(A)") {
		t.Fatalf("got %q", got)
	}
	if got := TrayStatus(chs, true); got != "Syncing…" {
		t.Fatalf("got %q", got)
	}
	if got := TrayStatus(nil, false); got != "Last sync: never" {
		t.Fatalf("got %q", got)
	}
}

func TestClosingTheWindowHidesItOnlyWhenKeepInTrayIsOn(t *testing.T) {
	core := shellTestCore(t, app.Options{})
	fa := &trayApp{App: test.NewTempApp(t)}
	tray := NewTray(fa, core, func() {}, func() {})
	defer tray.Close()
	w := fa.NewWindow("MageDesk")
	w.Show()
	tray.SetWindow(w)
	if fa.window != w {
		t.Fatal("a left click on the tray icon would not show the main window")
	}
	keep := true
	closeButton := tray.KeepRunningOnClose(w, func() bool { return keep })
	closed := false
	w.SetOnClosed(func() { closed = true })
	test.AssertNotificationSent(t, &fyne.Notification{Title: "MageDesk is still running",
		Content: "It keeps syncing in the system tray. Choose Quit there to stop it."}, closeButton)
	if closed {
		t.Fatal("window closed although keep-in-tray is on")
	}
	// Only the first hide tells the user.
	test.AssertNotificationSent(t, nil, closeButton)
	keep = false
	closeButton()
	if !closed {
		t.Fatal("window stayed open with keep-in-tray off")
	}
}

func TestNoTrayWithoutADesktopApp(t *testing.T) {
	core := shellTestCore(t, app.Options{})
	plain := struct{ fyne.App }{test.NewTempApp(t)}
	if NewTray(plain, core, func() {}, func() {}) != nil {
		t.Fatal("tray built on an app without system tray support")
	}
}
