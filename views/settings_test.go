package views

import (
	"log/slog"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/magedesk/magedesk/app"
)

func TestSettingsWindowShowsStoresAndAppliesChoices(t *testing.T) {
	a := test.NewTempApp(t)
	prefs := a.Preferences()
	if err := app.SaveSettings(prefs, app.Settings{SyncInterval: 30, Theme: app.ThemeLight, LogLevel: "warn"}); err != nil {
		t.Fatal(err)
	}
	lg, err := app.StartLogging(t.TempDir(), slog.LevelWarn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer lg.Close()
	var autostart []bool
	env := SettingsEnv{Prefs: prefs, Logging: lg, CurrentDataDir: "/home/me/.config/MageDesk",
		Autostart: func(on bool) error { autostart = append(autostart, on); return nil }}
	f, w := ShowSettingsWindow(a, env)
	defer w.Close()
	defer app.SetDefaultSyncInterval(15)

	// What is stored is what the form shows.
	if f.Interval.Selected != "Every 30 minutes" || f.Theme.Selected != "Light" || f.LogLevel.Selected != "warn" || f.KeepInTray.Checked {
		t.Fatalf("form shows %q %q %q %v", f.Interval.Selected, f.Theme.Selected, f.LogLevel.Selected, f.KeepInTray.Checked)
	}
	if f.DataDir.PlaceHolder != env.CurrentDataDir {
		t.Fatalf("data folder placeholder %q", f.DataDir.PlaceHolder)
	}

	f.Interval.SetSelected("Every hour")
	f.StartWithSystem.SetChecked(true)
	f.KeepInTray.SetChecked(true)
	f.Theme.SetSelected("Dark")
	f.LogLevel.SetSelected("debug")
	test.Type(f.DataDir, "/srv/magedesk-data")
	test.Tap(f.Save)

	got := app.LoadSettings(prefs)
	want := app.Settings{SyncInterval: 60, StartWithSystem: true, KeepInTray: true, Theme: app.ThemeDark, DataDir: "/srv/magedesk-data", LogLevel: "debug"}
	if got != want {
		t.Fatalf("stored %+v, want %+v", got, want)
	}
	if len(autostart) != 1 || !autostart[0] {
		t.Fatalf("autostart calls %v, want [true]", autostart)
	}
	if lg.Level.Level() != slog.LevelDebug {
		t.Fatalf("log level %v, want debug", lg.Level.Level())
	}
	if app.DefaultSyncInterval() != 60 {
		t.Fatalf("new channels start with %d minutes", app.DefaultSyncInterval())
	}
	// Dark even when the system asks for light.
	dark := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark)
	if bg := a.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantLight); bg != dark {
		t.Fatalf("background %v with the dark theme, want %v", bg, dark)
	}
	if !strings.Contains(f.Message.Text, "next time MageDesk starts") {
		t.Fatalf("message %q does not say when the data folder changes", f.Message.Text)
	}

	// Back to the system theme; autostart off.
	f.Theme.SetSelected("Same as the system")
	f.StartWithSystem.SetChecked(false)
	test.Tap(f.Save)
	light := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantLight)
	if bg := a.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantLight); bg != light {
		t.Fatal("system theme not restored")
	}
	if len(autostart) != 2 || autostart[1] {
		t.Fatalf("autostart calls %v, want [true false]", autostart)
	}
}

func TestSettingsRefuseARelativeDataFolder(t *testing.T) {
	a := test.NewTempApp(t)
	f, w := ShowSettingsWindow(a, SettingsEnv{Prefs: a.Preferences(), Autostart: func(bool) error { return nil }})
	defer w.Close()
	test.Type(f.DataDir, "relative/folder")
	test.Tap(f.Save)
	if !strings.Contains(f.Message.Text, "absolute") {
		t.Fatalf("message %q", f.Message.Text)
	}
	if got := app.LoadSettings(a.Preferences()).DataDir; got != "" {
		t.Fatalf("stored data folder %q", got)
	}
}

func TestCtrlWClosesTheSettingsWindow(t *testing.T) {
	a := test.NewTempApp(t)
	_, w := ShowSettingsWindow(a, SettingsEnv{Prefs: a.Preferences(), Autostart: func(bool) error { return nil }})
	closed := false
	w.SetOnClosed(func() { closed = true })
	w.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyW, Modifier: fyne.KeyModifierShortcutDefault})
	if !closed {
		t.Fatal("Ctrl+W did not close Settings")
	}
}
