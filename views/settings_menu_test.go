package views

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/magedesk/magedesk/app"
)

func shortcutText(s fyne.Shortcut) string {
	if cs, ok := s.(*desktop.CustomShortcut); ok && cs.Modifier == fyne.KeyModifierShortcutDefault {
		return "Ctrl+" + string(cs.KeyName)
	}
	if s == nil {
		return ""
	}
	return s.ShortcutName()
}

func findItem(m *fyne.MainMenu, menu, label string) *fyne.MenuItem {
	for _, mm := range m.Items {
		if mm.Label != menu {
			continue
		}
		for _, it := range mm.Items {
			if it.Label == label {
				return it
			}
		}
	}
	return nil
}

func windowTitles(a fyne.App) []string {
	var out []string
	for _, w := range a.Driver().AllWindows() {
		out = append(out, w.Title())
	}
	return out
}

func TestMainMenuHasFileViewChannelHelpWithShortcutsShown(t *testing.T) {
	core := shellTestCore(t, app.Options{})
	s, _ := newTestShell(t, core)
	m := s.desktopMenu()
	var labels []string
	for _, mm := range m.Items {
		labels = append(labels, mm.Label)
	}
	got := strings.Join(labels, ",")
	if !strings.HasPrefix(got, "File,View,Channel,") || !strings.HasSuffix(got, ",Help") {
		t.Fatalf("menus %s", got)
	}
	for _, c := range []struct{ menu, item, shortcut string }{
		{"View", "Search", "Ctrl+F"},
		{"Channel", "Sync now", "Ctrl+R"},
		{"File", "New cart…", "Ctrl+N"},
		{"File", "Export list as CSV…", "Ctrl+E"},
		{"File", "Close window", "Ctrl+W"},
		{"File", "Settings…", "Ctrl+,"},
		{"File", "Quit", "Ctrl+Q"},
		{"File", "Back up database…", ""},
		{"File", "Restore from backup…", ""},
		{"Channel", "Reset local data of this channel…", ""},
		{"Help", "About MageDesk", ""},
		{"Help", "Open logs folder", ""},
	} {
		it := findItem(m, c.menu, c.item)
		if it == nil {
			t.Errorf("%s menu has no %q", c.menu, c.item)
			continue
		}
		if got := shortcutText(it.Shortcut); got != c.shortcut {
			t.Errorf("%s > %s shows shortcut %q, want %q", c.menu, c.item, got, c.shortcut)
		}
	}
	for _, title := range s.Titles() {
		if findItem(m, "View", title) == nil {
			t.Errorf("View menu lacks %s", title)
		}
	}
}

func TestMenuShortcutsAndItemsDoWhatTheySay(t *testing.T) {
	core := shellTestCore(t, app.Options{})
	s, _ := newTestShell(t, core)
	m := s.desktopMenu()
	s.Win.SetMainMenu(m)
	press := func(key fyne.KeyName) {
		s.Win.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault})
	}

	findItem(m, "View", NavOrders).Action()
	if s.CurrentTitle() != NavOrders {
		t.Fatalf("View > Orders shows %s", s.CurrentTitle())
	}
	press(fyne.KeyComma)
	if !strings.Contains(strings.Join(windowTitles(s.App), "|"), "Settings — MageDesk") {
		t.Fatalf("Ctrl+, opened no Settings window: %v", windowTitles(s.App))
	}
	// No channel yet: New cart asks to pick one on the Channels page.
	press(fyne.KeyN)
	if s.CurrentTitle() != NavChannels {
		t.Fatalf("Ctrl+N without a channel shows %s", s.CurrentTitle())
	}

	var opened string
	Desktop.OpenFolder = func(p string) error { opened = p; return nil }
	defer func() { Desktop.OpenFolder = nil }()
	findItem(m, "Help", "Open logs folder").Action()
	if opened != app.LogsDir(core.DataDir()) {
		t.Fatalf("opened %q, want the logs folder", opened)
	}
	if st, err := os.Stat(opened); err != nil || !st.IsDir() {
		t.Fatalf("logs folder missing: %v", err)
	}

	findItem(m, "Help", "About MageDesk").Action()
	if !strings.Contains(overlayText(s.Win), "Licences of the software MageDesk ships") {
		t.Fatalf("About dialog:\n%s", overlayText(s.Win))
	}

	closed := false
	Desktop.CloseMain = func() { closed = true } // the close button's handler
	defer func() { Desktop.CloseMain = nil }()
	press(fyne.KeyW)
	if !closed {
		t.Fatal("Ctrl+W did not close the main window like its close button")
	}
}
