package app

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestSettingsRoundTripThroughPreferences(t *testing.T) {
	p := MapPrefs{}
	if got := LoadSettings(p); got != DefaultSettings() {
		t.Fatalf("fresh preferences load %+v, want defaults", got)
	}
	want := Settings{SyncInterval: 60, StartWithSystem: true, KeepInTray: true, Theme: ThemeDark, DataDir: "/srv/magedesk", LogLevel: "debug"}
	if err := SaveSettings(p, want); err != nil {
		t.Fatal(err)
	}
	if got := LoadSettings(p); got != want {
		t.Fatalf("loaded %+v, want %+v", got, want)
	}
}

func TestSettingsRejectValuesOutOfRange(t *testing.T) {
	p := MapPrefs{}
	for _, bad := range []Settings{
		{SyncInterval: 7, Theme: ThemeLight, LogLevel: "info"},
		{SyncInterval: 15, Theme: "purple", LogLevel: "info"},
		{SyncInterval: 15, Theme: ThemeLight, LogLevel: "chatty"},
		{SyncInterval: 15, Theme: ThemeLight, LogLevel: "info", DataDir: "relative/dir"},
	} {
		if err := SaveSettings(p, bad); err == nil {
			t.Errorf("SaveSettings(%+v) accepted", bad)
		}
	}
	if len(p) != 0 {
		t.Fatalf("rejected settings were stored: %v", p)
	}
	// A hand-edited preferences file falls back to defaults per field.
	p = MapPrefs{prefSyncInterval: 3, prefTheme: "neon", prefLogLevel: "warn"}
	got := LoadSettings(p)
	if got.SyncInterval != 15 || got.Theme != ThemeSystem || got.LogLevel != "warn" {
		t.Fatalf("LoadSettings = %+v", got)
	}
}

func TestResolveDataDirPrefersFlagThenEnvThenSettings(t *testing.T) {
	s := Settings{DataDir: "/from/settings"}
	t.Setenv("MAGEDESK_DATA_DIR", "")
	if got := ResolveDataDir("", s); got != "/from/settings" {
		t.Fatalf("got %q", got)
	}
	t.Setenv("MAGEDESK_DATA_DIR", "/from/env")
	if got := ResolveDataDir("", s); got != "/from/env" {
		t.Fatalf("got %q", got)
	}
	if got := ResolveDataDir("/from/flag", s); got != "/from/flag" {
		t.Fatalf("got %q", got)
	}
}

func TestAutostartEntryIsWrittenAndRemoved(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("XDG autostart is Linux/BSD only")
	}
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	exe := "/opt/Mage Desk/magedesk"
	if err := SetAutostart(true, exe); err != nil {
		t.Fatal(err)
	}
	if !AutostartEnabled() {
		t.Fatal("AutostartEnabled false after enabling")
	}
	b, err := os.ReadFile(filepath.Join(cfg, "autostart", "io.magedesk.app.desktop"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `Exec="/opt/Mage Desk/magedesk"`) || !strings.HasPrefix(string(b), "[Desktop Entry]\n") {
		t.Fatalf("entry:\n%s", b)
	}
	if err := SetAutostart(false, exe); err != nil {
		t.Fatal(err)
	}
	if AutostartEnabled() {
		t.Fatal("entry still there after disabling")
	}
	if err := SetAutostart(false, exe); err != nil {
		t.Fatalf("disabling twice: %v", err)
	}
}
