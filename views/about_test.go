package views

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestEveryModuleWeShipHasALicence asks the go tool which modules the
// magedesk binary (GUI build) is made of, for Linux, Windows and macOS.
func TestEveryModuleWeShipHasALicence(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go tool in PATH")
	}
	for _, goos := range []string{"linux", "windows", "darwin"} {
		cmd := exec.Command("go", "list", "-tags", "sqlite_fts5", "-deps", "-f", "{{with .Module}}{{.Path}}{{end}}", "github.com/magedesk/magedesk/cmd/magedesk")
		cmd.Env = append(os.Environ(), "GOOS="+goos, "CGO_ENABLED=1")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list for %s: %v", goos, err)
		}
		mods := strings.Fields(string(out))
		if len(mods) < 10 {
			t.Fatalf("%s: only %d modules listed", goos, len(mods))
		}
		for _, m := range mods {
			if m != "github.com/magedesk/magedesk" && LicenceOf(m) == "" {
				t.Errorf("%s: module %s has no licence in views/about.go", goos, m)
			}
		}
	}
	if got := LicenceOf("fyne.io/fyne/v2"); got != "BSD-3-Clause" {
		t.Fatalf("Fyne licence %q", got)
	}
	if got := LicenceOf("github.com/go-gl/glfw/v3.3/glfw"); !strings.HasPrefix(got, "BSD-3-Clause") {
		t.Fatalf("glfw licence %q", got)
	}
	if LicenceOf("github.com/someone/else") != "" {
		t.Fatal("unknown module got a licence")
	}
}

func TestAboutShowsVersionFoldersAndLicences(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(800, 700))
	ShowAbout(AboutInfo{Version: "9.8.7 (abc123)", DataDir: "/data/md", LogsDir: "/data/md/logs", Keychain: "system keychain"}, w)
	var texts []string
	shipWalk(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	})
	all := strings.Join(texts, "\n")
	for _, want := range []string{"MageDesk 9.8.7 (abc123)", "Data folder: /data/md", "Logs: /data/md/logs", "fyne.io/fyne/v2", "BSD-3-Clause", "github.com/mattn/go-sqlite3", "MIT (SQLite: public domain)", "fyne.io/systray", "Go standard library"} {
		if !strings.Contains(all, want) {
			t.Errorf("About lacks %q", want)
		}
	}
}

// shipWalk visits o and every object inside it (containers and widgets'
// renderers), depth first.
func shipWalk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			shipWalk(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			shipWalk(c, fn)
		}
	}
}
