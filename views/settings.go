package views

import (
	"fmt"
	"image/color"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/app"
)

// SettingsEnv is what the Settings window reads and changes besides the
// preferences themselves.
type SettingsEnv struct {
	Prefs app.Prefs // a.Preferences()
	// Logging gets the new level at once (nil: nothing to change).
	Logging *app.Logging
	// CurrentDataDir is the folder in use now (a change applies next start).
	CurrentDataDir string
	// Autostart writes or removes the login entry; default app.SetAutostart
	// with the running executable. Tests pass a fake.
	Autostart func(enabled bool) error
}

// intervalLabels name SyncIntervals for people.
func intervalLabel(min int) string {
	switch min {
	case 0:
		return "Manual only"
	case 60:
		return "Every hour"
	}
	return fmt.Sprintf("Every %d minutes", min)
}

var themeLabels = map[string]string{app.ThemeSystem: "Same as the system", app.ThemeLight: "Light", app.ThemeDark: "Dark"}

// SettingsForm is the Settings window's content.
type SettingsForm struct {
	Interval        *widget.Select
	StartWithSystem *widget.Check
	KeepInTray      *widget.Check
	Theme           *widget.RadioGroup
	DataDir         *widget.Entry
	ChooseDir       *widget.Button
	LogLevel        *widget.Select
	Save            *widget.Button
	Cancel          *widget.Button
	Message         *widget.Label

	// OnSaved runs after a successful save; OnCancel when Cancel is pressed.
	OnSaved  func(app.Settings)
	OnCancel func()

	app   fyne.App
	env   SettingsEnv
	saved app.Settings
	win   fyne.Window
	box   fyne.CanvasObject
}

// NewSettingsForm shows the stored settings in a form.
func NewSettingsForm(a fyne.App, win fyne.Window, env SettingsEnv) *SettingsForm {
	if env.Autostart == nil {
		env.Autostart = func(enabled bool) error {
			exe, err := os.Executable()
			if err != nil {
				return err
			}
			return app.SetAutostart(enabled, exe)
		}
	}
	s := app.LoadSettings(env.Prefs)
	f := &SettingsForm{app: a, env: env, saved: s, win: win}

	var intervals []string
	for _, m := range app.SyncIntervals {
		intervals = append(intervals, intervalLabel(m))
	}
	f.Interval = widget.NewSelect(intervals, nil)
	f.Interval.SetSelected(intervalLabel(s.SyncInterval))
	f.StartWithSystem = widget.NewCheck("Start MageDesk when I log in", nil)
	f.StartWithSystem.SetChecked(s.StartWithSystem)
	f.KeepInTray = widget.NewCheck("Keep syncing in the system tray when the window is closed", nil)
	f.KeepInTray.SetChecked(s.KeepInTray)
	f.Theme = widget.NewRadioGroup([]string{themeLabels[app.ThemeSystem], themeLabels[app.ThemeLight], themeLabels[app.ThemeDark]}, nil)
	f.Theme.Horizontal = true
	f.Theme.SetSelected(themeLabels[s.Theme])
	f.DataDir = widget.NewEntry()
	f.DataDir.SetPlaceHolder(env.CurrentDataDir)
	f.DataDir.SetText(s.DataDir)
	f.ChooseDir = widget.NewButton("Choose…", f.chooseDir)
	f.LogLevel = widget.NewSelect(app.LogLevels, nil)
	f.LogLevel.SetSelected(s.LogLevel)
	f.Message = widget.NewLabel("")
	f.Message.Wrapping = fyne.TextWrapWord
	f.Save = widget.NewButtonWithIcon("Save", theme.ConfirmIcon(), func() { f.Apply() })
	f.Save.Importance = widget.HighImportance
	f.Cancel = widget.NewButton("Cancel", func() {
		if f.OnCancel != nil {
			f.OnCancel()
		}
	})

	form := widget.NewForm(
		widget.NewFormItem("Sync new channels", f.Interval),
		widget.NewFormItem("Start with the system", f.StartWithSystem),
		widget.NewFormItem("System tray", f.KeepInTray),
		widget.NewFormItem("Theme", f.Theme),
		widget.NewFormItem("Data folder", container.NewBorder(nil, nil, nil, f.ChooseDir, f.DataDir)),
		widget.NewFormItem("Log level", f.LogLevel),
	)
	form.Items[0].HintText = "How often a new channel syncs; each channel can change it."
	form.Items[4].HintText = "Empty: the default folder. A change applies at the next start (restore a backup to bring data along)."
	form.Items[5].HintText = "Logs go to " + app.LogsDir(env.CurrentDataDir)
	f.box = container.NewBorder(nil, container.NewVBox(f.Message, container.NewHBox(layout.NewSpacer(), f.Cancel, f.Save)), nil, nil, form)
	return f
}

// Content is the form's widget tree.
func (f *SettingsForm) Content() fyne.CanvasObject { return f.box }

// Current reads the settings off the widgets.
func (f *SettingsForm) Current() app.Settings {
	s := app.Settings{
		StartWithSystem: f.StartWithSystem.Checked,
		KeepInTray:      f.KeepInTray.Checked,
		DataDir:         strings.TrimSpace(f.DataDir.Text),
		LogLevel:        f.LogLevel.Selected,
	}
	for _, m := range app.SyncIntervals {
		if intervalLabel(m) == f.Interval.Selected {
			s.SyncInterval = m
		}
	}
	for k, v := range themeLabels {
		if v == f.Theme.Selected {
			s.Theme = k
		}
	}
	return s
}

// Apply validates, stores and applies the settings: theme and log level at
// once, the autostart entry on disk, the data folder at the next start.
func (f *SettingsForm) Apply() error {
	s := f.Current()
	if err := app.SaveSettings(f.env.Prefs, s); err != nil {
		f.Message.SetText(err.Error())
		f.Message.Importance = widget.DangerImportance
		f.Message.Refresh()
		return err
	}
	var notes []string
	if s.StartWithSystem != f.saved.StartWithSystem || s.StartWithSystem != app.AutostartEnabled() {
		if err := f.env.Autostart(s.StartWithSystem); err != nil {
			notes = append(notes, "Start with the system: "+err.Error())
		}
	}
	ApplyTheme(f.app, s.Theme)
	if f.env.Logging != nil {
		f.env.Logging.Level.Set(s.Level())
	}
	app.SetDefaultSyncInterval(s.SyncInterval)
	if s.DataDir != f.saved.DataDir {
		notes = append(notes, "The data folder changes the next time MageDesk starts.")
	}
	f.saved = s
	f.Message.Importance = widget.MediumImportance
	if len(notes) == 0 {
		f.Message.SetText("Saved.")
	} else {
		f.Message.SetText("Saved. " + strings.Join(notes, " "))
	}
	if f.OnSaved != nil {
		f.OnSaved(s)
	}
	return nil
}

func (f *SettingsForm) chooseDir() {
	if f.win == nil {
		return
	}
	dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		f.DataDir.SetText(u.Path())
	}, f.win)
}

// ShowSettingsWindow opens Settings in its own window (Ctrl+W closes it).
func ShowSettingsWindow(a fyne.App, env SettingsEnv) (*SettingsForm, fyne.Window) {
	w := a.NewWindow("Settings — MageDesk")
	f := NewSettingsForm(a, w, env)
	f.OnCancel = w.Close
	f.OnSaved = func(app.Settings) {}
	w.SetContent(f.Content())
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyW, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { w.Close() })
	w.Resize(fyne.NewSize(720, 480))
	w.Show()
	return f, w
}

// ApplyTheme switches between the system's choice and a forced light or
// dark look.
func ApplyTheme(a fyne.App, name string) {
	switch name {
	case app.ThemeLight:
		a.Settings().SetTheme(fixedVariant{Theme: theme.DefaultTheme(), variant: theme.VariantLight})
	case app.ThemeDark:
		a.Settings().SetTheme(fixedVariant{Theme: theme.DefaultTheme(), variant: theme.VariantDark})
	default:
		a.Settings().SetTheme(theme.DefaultTheme())
	}
}

// fixedVariant is a theme that ignores the system's light/dark preference.
type fixedVariant struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (t fixedVariant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}
