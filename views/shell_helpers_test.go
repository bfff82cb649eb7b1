package views

import (
	"log/slog"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/connector/magentosim"
)

// shellTinyDemo keeps demo syncs in GUI tests to a second or two.
var shellTinyDemo = &app.DemoSize{Customers: 40, Carts: 50, Orders: 80, CreditMemos: 8, Subscribers: 30, Products: 12}

// shellTestCore opens a core on a temp folder with in-memory credentials.
func shellTestCore(t *testing.T, opts app.Options) *app.Core {
	t.Helper()
	if opts.DataDir == "" {
		opts.DataDir = t.TempDir()
	}
	if opts.Credentials == nil {
		opts.Credentials = app.NewMemoryCredentials()
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.DemoSize == nil {
		opts.DemoSize = shellTinyDemo
	}
	c, err := app.New(opts)
	if err != nil {
		t.Fatalf("app.New: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// shellStartSim serves a small simulated store on loopback.
func shellStartSim(t *testing.T, o magentosim.Options) (*magentosim.Store, string) {
	t.Helper()
	if o.Seed == 0 {
		o.Seed = 11
	}
	if o.Customers == 0 {
		o.Customers, o.Carts, o.Orders, o.CreditMemos, o.Subscribers, o.Products = 30, 40, 60, 6, 20, 12
	}
	sim := magentosim.New(o)
	srv, err := sim.Start("127.0.0.1:0")
	if err != nil {
		t.Fatalf("start simulator: %v", err)
	}
	t.Cleanup(srv.Close)
	return sim, srv.URL
}

// shellWait waits for ch or fails after limit. While waiting it applies
// the UI updates background goroutines queued (see uiQueue), as the real
// UI goroutine would.
func shellWait(t *testing.T, ch <-chan struct{}, limit time.Duration, what string) {
	t.Helper()
	deadline := time.After(limit)
	for {
		drainUIQueue()
		select {
		case <-ch:
			drainUIQueue()
			return
		case <-deadline:
			t.Fatalf("timed out after %s waiting for %s", limit, what)
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// shellEventually polls cond until it holds or fails after limit.
func shellEventually(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		drainUIQueue()
		if cond() {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", limit, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// shellFindButton finds a visible button by its text under obj (or in the
// window's overlays, where dialogs live).
func shellFindButton(obj fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	shellWalk(obj, func(o fyne.CanvasObject) bool {
		if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() {
			found = b
			return true
		}
		return false
	})
	return found
}

// shellFindLabelContaining finds a label whose text contains sub.
func shellHasText(obj fyne.CanvasObject, sub string) bool {
	hit := false
	shellWalk(obj, func(o fyne.CanvasObject) bool {
		switch v := o.(type) {
		case *widget.Label:
			hit = strings.Contains(v.Text, sub)
		case *widget.Button:
			hit = strings.Contains(v.Text, sub)
		}
		return hit
	})
	return hit
}

// shellWalk visits obj and its descendants through containers and widget
// renderers until visit returns true.
func shellWalk(obj fyne.CanvasObject, visit func(fyne.CanvasObject) bool) bool {
	if obj == nil {
		return false
	}
	if visit(obj) {
		return true
	}
	switch v := obj.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			if shellWalk(c, visit) {
				return true
			}
		}
	case fyne.Widget:
		r := test.WidgetRenderer(v)
		if r == nil {
			return false
		}
		for _, c := range r.Objects() {
			if shellWalk(c, visit) {
				return true
			}
		}
	}
	return false
}

// shellOverlayButton finds a button in the topmost overlay (a dialog).
func shellOverlayButton(w fyne.Window, text string) *widget.Button {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return nil
	}
	return shellFindButton(top, text)
}
