package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// ErrAutostartUnsupported is returned where MageDesk cannot register
// itself yet: on macOS add it under System Settings > General > Login
// Items, on Windows put a shortcut in shell:startup (see the README).
var ErrAutostartUnsupported = errors.New("starting with the system is set up by hand on this system")

// autostartFile is the XDG autostart entry's name (the app id, like the
// .desktop file the Linux package installs).
const autostartFile = "io.magedesk.app.desktop"

// AutostartPath is the XDG autostart entry: $XDG_CONFIG_HOME/autostart
// (~/.config/autostart), read by GNOME, KDE, Xfce and the other
// freedesktop sessions at login.
func AutostartPath() (string, error) {
	if runtime.GOOS != "linux" && !strings.HasSuffix(runtime.GOOS, "bsd") {
		return "", ErrAutostartUnsupported
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the autostart folder: %w", err)
	}
	return filepath.Join(base, "autostart", autostartFile), nil
}

// SetAutostart writes (enabled) or removes the autostart entry that runs
// exe at login. exe is the running binary (os.Executable), so the entry
// follows wherever the user unpacked the package.
func SetAutostart(enabled bool, exe string) error {
	path, err := AutostartPath()
	if err != nil {
		return err
	}
	if !enabled {
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove autostart entry: %w", err)
		}
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("create autostart folder: %w", err)
	}
	entry := "[Desktop Entry]\n" +
		"Type=Application\n" +
		"Name=MageDesk\n" +
		"Comment=Sync your Magento 2 store in the background\n" +
		"Exec=" + desktopExecQuote(exe) + "\n" +
		"Icon=io.magedesk.app\n" +
		"Terminal=false\n" +
		"X-GNOME-Autostart-enabled=true\n"
	if err := os.WriteFile(path, []byte(entry), 0o644); err != nil {
		return fmt.Errorf("write autostart entry: %w", err)
	}
	return nil
}

// AutostartEnabled reports whether the autostart entry exists.
func AutostartEnabled() bool {
	path, err := AutostartPath()
	if err != nil {
		return false
	}
	_, err = os.Stat(path)
	return err == nil
}

// desktopExecQuote quotes a path for a .desktop Exec line (Desktop Entry
// spec: double quotes; backslash-escape ", `, $ and \).
func desktopExecQuote(p string) string {
	if !strings.ContainsAny(p, " \t\"`$\\'") {
		return p
	}
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "`", "\\`", `$`, `\$`)
	return `"` + r.Replace(p) + `"`
}
