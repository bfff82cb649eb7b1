package views

import (
	"net/url"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/magedesk/magedesk/app"
)

// DesktopKit is what cmd/magedesk hands the views for the desktop-product
// menus: the log set-up (Settings changes its level; Help opens its
// folder) and how to open a folder in the file manager.
type DesktopKit struct {
	Logging *app.Logging
	// OpenFolder shows a folder in the file manager; default: the app's
	// OpenURL with a file:// URL.
	OpenFolder func(path string) error
	// CloseMain is what closing the main window does (the tray's
	// keep-running handler); nil: close it.
	CloseMain func()
}

// Desktop is set once by cmd/magedesk before the main window opens.
var Desktop DesktopKit

// ctrl is Ctrl (Cmd on macOS) + key, as menus show it.
func ctrl(key fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

// desktopMenu is the main menu: the shell's own menus (from mainMenu)
// completed with File (export, new cart, backup, restore, settings, close
// window, quit), View (every page, search), Channel (sync now, reset
// local data) and Help (About with licences, open logs folder), with the
// shortcuts shown in the menus bound on the window too (the in-window
// menus of Linux and Windows do not bind them by themselves).
func (s *Shell) desktopMenu() *fyne.MainMenu {
	base := s.mainMenu()
	byLabel := map[string]*fyne.Menu{}
	for _, m := range base.Items {
		byLabel[m.Label] = m
	}
	data := s.dataActions()

	// File.
	export := fyne.NewMenuItem("Export list as CSV…", s.Export)
	export.Shortcut = ctrl(fyne.KeyE)
	newCart := fyne.NewMenuItem("New cart…", s.newCartFromMenu)
	newCart.Shortcut = ctrl(fyne.KeyN)
	backup := fyne.NewMenuItem("Back up database…", data.ShowBackup)
	restore := fyne.NewMenuItem("Restore from backup…", data.ShowRestore)
	settings := fyne.NewMenuItem("Settings…", s.OpenSettings)
	settings.Shortcut = ctrl(fyne.KeyComma)
	closeWin := fyne.NewMenuItem("Close window", s.closeFocusedWindow)
	closeWin.Shortcut = ctrl(fyne.KeyW)
	fileItems := []*fyne.MenuItem{newCart, export, fyne.NewMenuItemSeparator(), backup, restore,
		fyne.NewMenuItemSeparator(), settings, fyne.NewMenuItemSeparator()}
	var quit *fyne.MenuItem
	if f := byLabel["File"]; f != nil {
		for _, it := range f.Items {
			if it.IsQuit {
				quit = it
				continue
			}
			fileItems = append(fileItems, it)
		}
	}
	for len(fileItems) > 0 && fileItems[len(fileItems)-1].IsSeparator {
		fileItems = fileItems[:len(fileItems)-1]
	}
	if quit == nil {
		quit = fyne.NewMenuItem("Quit", s.App.Quit)
		quit.IsQuit = true
	}
	quit.Shortcut = ctrl(fyne.KeyQ)
	fileItems = append(fileItems, fyne.NewMenuItemSeparator(), closeWin, quit)
	file := fyne.NewMenu("File", fileItems...)

	// View: every page, and the search box.
	var viewItems []*fyne.MenuItem
	for _, title := range s.Titles() {
		viewItems = append(viewItems, fyne.NewMenuItem(title, func() { s.Show(title) }))
	}
	search := fyne.NewMenuItem("Search", s.FocusSearch)
	search.Shortcut = ctrl(fyne.KeyF)
	viewItems = append(viewItems, fyne.NewMenuItemSeparator(), search)
	view := fyne.NewMenu("View", viewItems...)

	// Channel: Sync now first, Reset local data before Remove.
	syncNow := fyne.NewMenuItem("Sync now", s.SyncNow)
	syncNow.Shortcut = ctrl(fyne.KeyR)
	reset := fyne.NewMenuItem("Reset local data of this channel…", func() {
		ch, ok := s.selectedChannel()
		if !ok {
			s.Show(NavChannels)
			return
		}
		data.ConfirmReset(ch)
	})
	chItems := []*fyne.MenuItem{syncNow}
	if c := byLabel["Channel"]; c != nil {
		chItems = append(chItems, c.Items...)
	}
	chItems = append(chItems, fyne.NewMenuItemSeparator(), reset)
	channel := fyne.NewMenu("Channel", chItems...)

	// Help.
	help := fyne.NewMenu("Help",
		fyne.NewMenuItem("About MageDesk", s.ShowAboutDialog),
		fyne.NewMenuItem("Open logs folder", s.OpenLogsFolder),
	)

	menus := []*fyne.Menu{file, view, channel}
	for _, m := range base.Items {
		switch m.Label {
		case "File", "View", "Channel", "Help":
		default:
			for _, it := range m.Items {
				if it.Label == "New cart…" {
					it.Shortcut = newCart.Shortcut
					newCart.Action = it.Action
				}
			}
			menus = append(menus, m) // e.g. Store
		}
	}
	menus = append(menus, help)
	main := fyne.NewMainMenu(menus...)
	s.bindMenuShortcuts(main)
	return main
}

// bindMenuShortcuts binds every menu item's shortcut on the main window.
func (s *Shell) bindMenuShortcuts(m *fyne.MainMenu) {
	c := s.Win.Canvas()
	for _, menu := range m.Items {
		for _, it := range menu.Items {
			if it.Shortcut == nil || it.Action == nil {
				continue
			}
			item := it
			c.AddShortcut(item.Shortcut, func(fyne.Shortcut) {
				if !item.Disabled {
					item.Action()
				}
			})
		}
	}
}

func (s *Shell) dataActions() *DataActions { return &DataActions{Core: s.core, Win: s.Win} }

// newCartFromMenu opens New cart for the selected channel (replaced by
// the Store menu's own action when that menu exists).
func (s *Shell) newCartFromMenu() {
	_, withChannel := s.actHelpers()
	withChannel(func(w *ActWindows, id int64) { w.NewCartFor(id) })()
}

// closeFocusedWindow closes the main window (Ctrl+W) the way its close
// button does: with "keep running in the tray" on, that only hides it.
func (s *Shell) closeFocusedWindow() {
	if Desktop.CloseMain != nil {
		Desktop.CloseMain()
		return
	}
	s.Win.Close()
}

// OpenSettings opens the Settings window.
func (s *Shell) OpenSettings() {
	ShowSettingsWindow(s.App, SettingsEnv{Prefs: s.App.Preferences(), Logging: Desktop.Logging, CurrentDataDir: s.core.DataDir()})
}

// ShowAboutDialog is Help > About: version, folders, licences.
func (s *Shell) ShowAboutDialog() {
	keychain := "system keychain"
	if s.core.Creds.FallbackInUse() {
		keychain = "a file only you can read in the data folder (no system keychain found)"
	}
	ShowAbout(AboutInfo{Version: Version, DataDir: s.core.DataDir(), LogsDir: app.LogsDir(s.core.DataDir()), Keychain: keychain}, s.Win)
}

// OpenLogsFolder is Help > Open logs folder.
func (s *Shell) OpenLogsFolder() {
	dir := app.LogsDir(s.core.DataDir())
	if err := os.MkdirAll(dir, 0o700); err != nil {
		dialog.ShowError(err, s.Win)
		return
	}
	open := Desktop.OpenFolder
	if open == nil {
		open = func(path string) error {
			abs, err := filepath.Abs(path)
			if err != nil {
				return err
			}
			return s.App.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)})
		}
	}
	if err := open(dir); err != nil {
		dialog.ShowError(err, s.Win)
	}
}
