package views

import (
	"fmt"
	"runtime/debug"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// licences are the licences of the modules MageDesk ships, by module path
// (prefix match). The About dialog lists every module compiled into the
// binary with its licence; a test fails when a new dependency has no entry.
var licences = []struct{ module, licence string }{
	{"fyne.io/fyne/v2", "BSD-3-Clause"},
	{"fyne.io/systray", "Apache-2.0"},
	{"github.com/BurntSushi/toml", "MIT"},
	{"github.com/fredbi/uri", "MIT"},
	{"github.com/fsnotify/fsnotify", "BSD-3-Clause"},
	{"github.com/fyne-io/", "BSD-3-Clause"},
	{"github.com/go-gl/gl", "MIT"},
	{"github.com/go-gl/glfw", "BSD-3-Clause (GLFW: zlib)"},
	{"github.com/go-resty/resty", "MIT"},
	{"github.com/go-text/", "Unlicense OR BSD-3-Clause"},
	{"github.com/godbus/dbus", "BSD-2-Clause"},
	{"github.com/jeandeaual/go-locale", "MIT"},
	{"github.com/jsummers/gobmp", "MIT"},
	{"github.com/klauspost/compress", "BSD-3-Clause"},
	{"github.com/mattn/go-sqlite3", "MIT (SQLite: public domain)"},
	{"github.com/nfnt/resize", "ISC"},
	{"github.com/nicksnyder/go-i18n", "MIT"},
	{"github.com/rymdport/portal", "Apache-2.0"},
	{"github.com/srwiley/", "BSD-3-Clause"},
	{"github.com/yuin/goldmark", "MIT"},
	{"github.com/zalando/go-keyring", "MIT"},
	{"github.com/danieljoos/wincred", "MIT"},
	{"al.essio.dev/pkg/shellescape", "MIT"},
	{"golang.org/x/", "BSD-3-Clause"},
}

// LicenceOf returns the licence of a module, "" when unknown.
func LicenceOf(module string) string {
	for _, l := range licences {
		if module == l.module || (strings.HasSuffix(l.module, "/") && strings.HasPrefix(module, l.module)) ||
			strings.HasPrefix(module, l.module+"/") {
			return l.licence
		}
	}
	return ""
}

// ModuleLicence is one line of the About dialog's licence list.
type ModuleLicence struct{ Module, Version, Licence string }

// ShippedLicences lists the Go toolchain and every module compiled into
// this binary (from its build info) with its licence.
func ShippedLicences() []ModuleLicence {
	out := []ModuleLicence{{Module: "Go standard library", Licence: "BSD-3-Clause"}}
	bi, ok := debug.ReadBuildInfo()
	if !ok || len(bi.Deps) == 0 {
		// Test binaries carry no module list: show the table itself.
		for _, l := range licences {
			out = append(out, ModuleLicence{Module: strings.TrimSuffix(l.module, "/"), Licence: l.licence})
		}
		return out
	}
	out[0].Version = bi.GoVersion
	deps := append([]*debug.Module(nil), bi.Deps...)
	sort.Slice(deps, func(i, j int) bool { return deps[i].Path < deps[j].Path })
	for _, d := range deps {
		lic := LicenceOf(d.Path)
		if lic == "" {
			lic = "see the module's LICENSE file"
		}
		out = append(out, ModuleLicence{Module: d.Path, Version: d.Version, Licence: lic})
	}
	return out
}

// AboutInfo is what the About dialog shows besides the licences.
type AboutInfo struct {
	Version  string
	DataDir  string
	LogsDir  string
	Keychain string
}

// AboutContent builds the About dialog's body: name, version, folders,
// where credentials live, and the licences of what we ship.
func AboutContent(info AboutInfo) fyne.CanvasObject {
	head := widget.NewLabelWithStyle("MageDesk "+info.Version, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	body := widget.NewLabel(fmt.Sprintf("Your Magento 2 store's customers, carts, orders, credit memos and newsletter subscribers on your desktop.\n\n"+
		"Data folder: %s\nLogs: %s\nCredentials: %s", info.DataDir, info.LogsDir, info.Keychain))
	body.Wrapping = fyne.TextWrapWord
	lics := ShippedLicences()
	var b strings.Builder
	for _, l := range lics {
		fmt.Fprintf(&b, "%s %s — %s\n", l.Module, l.Version, l.Licence)
	}
	list := widget.NewLabel(strings.TrimRight(b.String(), "\n"))
	list.TextStyle = fyne.TextStyle{Monospace: true}
	scroll := container.NewScroll(list)
	scroll.SetMinSize(fyne.NewSize(560, 220))
	return container.NewBorder(container.NewVBox(head, body, widget.NewLabelWithStyle("Licences of the software MageDesk ships", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})), nil, nil, nil, scroll)
}

// ShowAbout opens Help > About.
func ShowAbout(info AboutInfo, parent fyne.Window) dialog.Dialog {
	d := dialog.NewCustom("About MageDesk", "Close", AboutContent(info), parent)
	d.Resize(fyne.NewSize(640, 520))
	d.Show()
	return d
}
