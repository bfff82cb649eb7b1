package app

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
)

// Prefs is the part of fyne.Preferences the settings use. The app package
// stays free of Fyne: a fyne.Preferences satisfies it as is, tests pass a map.
type Prefs interface {
	BoolWithFallback(key string, fallback bool) bool
	SetBool(key string, value bool)
	IntWithFallback(key string, fallback int) int
	SetInt(key string, value int)
	StringWithFallback(key, fallback string) string
	SetString(key, value string)
}

// Theme choices.
const (
	ThemeSystem = "system"
	ThemeLight  = "light"
	ThemeDark   = "dark"
)

// Themes and LogLevels are the choices the Settings window offers.
var (
	Themes    = []string{ThemeSystem, ThemeLight, ThemeDark}
	LogLevels = []string{"debug", "info", "warn", "error"}
)

// Preference keys (stable: changing one loses the user's choice).
const (
	prefSyncInterval    = "settings.sync_interval"
	prefStartWithSystem = "settings.start_with_system"
	prefKeepInTray      = "settings.keep_in_tray"
	prefTheme           = "settings.theme"
	prefDataDir         = "settings.data_dir"
	prefLogLevel        = "settings.log_level"
)

// Settings are the user's app-wide choices, stored with Fyne's Preferences.
type Settings struct {
	// SyncInterval (minutes, one of SyncIntervals) is what a new channel starts with.
	SyncInterval int
	// StartWithSystem puts an autostart entry in the desktop session.
	StartWithSystem bool
	// KeepInTray keeps the app (and its timers) running in the system tray
	// when the main window is closed.
	KeepInTray bool
	Theme      string // ThemeSystem, ThemeLight or ThemeDark
	// DataDir is where the database and logs live; "" = the default
	// folder. A change takes effect at the next start.
	DataDir  string
	LogLevel string // debug, info, warn, error
}

// DefaultSettings are a fresh install's settings.
func DefaultSettings() Settings {
	return Settings{SyncInterval: 15, KeepInTray: false, Theme: ThemeSystem, LogLevel: "info"}
}

// LoadSettings reads the settings, replacing values that are out of range
// (an edited preferences file, an older version) with the defaults.
func LoadSettings(p Prefs) Settings {
	d := DefaultSettings()
	s := Settings{
		SyncInterval:    p.IntWithFallback(prefSyncInterval, d.SyncInterval),
		StartWithSystem: p.BoolWithFallback(prefStartWithSystem, d.StartWithSystem),
		KeepInTray:      p.BoolWithFallback(prefKeepInTray, d.KeepInTray),
		Theme:           p.StringWithFallback(prefTheme, d.Theme),
		DataDir:         p.StringWithFallback(prefDataDir, d.DataDir),
		LogLevel:        p.StringWithFallback(prefLogLevel, d.LogLevel),
	}
	if !slices.Contains(SyncIntervals, s.SyncInterval) {
		s.SyncInterval = d.SyncInterval
	}
	if !slices.Contains(Themes, s.Theme) {
		s.Theme = d.Theme
	}
	if !slices.Contains(LogLevels, s.LogLevel) {
		s.LogLevel = d.LogLevel
	}
	return s
}

// Validate checks what the Settings window lets the user type.
func (s Settings) Validate() error {
	if !slices.Contains(SyncIntervals, s.SyncInterval) {
		return fmt.Errorf("sync interval %d minutes is not one of %v", s.SyncInterval, SyncIntervals)
	}
	if !slices.Contains(Themes, s.Theme) {
		return fmt.Errorf("unknown theme %q", s.Theme)
	}
	if !slices.Contains(LogLevels, s.LogLevel) {
		return fmt.Errorf("unknown log level %q", s.LogLevel)
	}
	if s.DataDir != "" && !filepath.IsAbs(s.DataDir) {
		return fmt.Errorf("data folder %q must be an absolute path", s.DataDir)
	}
	return nil
}

// SaveSettings validates and stores the settings.
func SaveSettings(p Prefs, s Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	p.SetInt(prefSyncInterval, s.SyncInterval)
	p.SetBool(prefStartWithSystem, s.StartWithSystem)
	p.SetBool(prefKeepInTray, s.KeepInTray)
	p.SetString(prefTheme, s.Theme)
	p.SetString(prefDataDir, s.DataDir)
	p.SetString(prefLogLevel, s.LogLevel)
	return nil
}

// Level is the slog level of LogLevel.
func (s Settings) Level() slog.Level { return ParseLogLevel(s.LogLevel) }

// ResolveDataDir picks the data folder at start: the command-line flag,
// then $MAGEDESK_DATA_DIR (tests, portable installs), then the folder
// chosen in Settings, then "" (app.New's default).
func ResolveDataDir(flagValue string, s Settings) string {
	if flagValue != "" {
		return flagValue
	}
	if env := os.Getenv("MAGEDESK_DATA_DIR"); env != "" {
		return env
	}
	return strings.TrimSpace(s.DataDir)
}

// MapPrefs is an in-memory Prefs for tests and headless runs.
type MapPrefs map[string]any

func (m MapPrefs) BoolWithFallback(k string, f bool) bool {
	if v, ok := m[k].(bool); ok {
		return v
	}
	return f
}
func (m MapPrefs) SetBool(k string, v bool) { m[k] = v }
func (m MapPrefs) IntWithFallback(k string, f int) int {
	if v, ok := m[k].(int); ok {
		return v
	}
	return f
}
func (m MapPrefs) SetInt(k string, v int) { m[k] = v }
func (m MapPrefs) StringWithFallback(k, f string) string {
	if v, ok := m[k].(string); ok {
		return v
	}
	return f
}
func (m MapPrefs) SetString(k, v string) { m[k] = v }

// defaultSyncInterval is the Settings' interval for new channels (minutes),
// read by NewChannelDraft.
var defaultSyncInterval atomic.Int32

func init() { defaultSyncInterval.Store(int32(DefaultSettings().SyncInterval)) }

// SetDefaultSyncInterval changes the interval new channels start with.
func SetDefaultSyncInterval(min int) {
	if slices.Contains(SyncIntervals, min) {
		defaultSyncInterval.Store(int32(min))
	}
}

// DefaultSyncInterval is the interval new channels start with.
func DefaultSyncInterval() int { return int(defaultSyncInterval.Load()) }
