package views

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/connector/magentosim"
	"github.com/magedesk/magedesk/model"
)

// overlayButton finds a button by its text in the window's top dialog.
func overlayButton(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	shipWalk(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no %q button in the dialog", text)
	}
	return found
}

func overlayText(w fyne.Window) string {
	var b strings.Builder
	shipWalk(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			b.WriteString(v.Text + "\n")
		case *widget.RichText:
			b.WriteString(v.String() + "\n")
		}
	})
	return b.String()
}

// syncedShellCore is a core with one channel synced from a small simulator.
func syncedShellCore(t *testing.T) (*app.Core, model.Channel) {
	t.Helper()
	core := shellTestCore(t, app.Options{})
	_, url := shellStartSim(t, magentosim.Options{Token: "bk-token", BearerEnabled: true})
	ch := app.NewChannelDraft()
	ch.Name = "Backup shop"
	ch.BaseURL = url
	ch.SyncInterval = 0
	ch, err := core.CreateChannel(context.Background(), ch, app.Secrets{Token: "bk-token"})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	unsub := core.Events.Subscribe(func(e app.Event) {
		if e.Kind == app.EvSyncFinished && e.ChannelID == ch.ID {
			close(done)
		}
	})
	core.Scheduler.SyncNow(ch.ID)
	shellWait(t, done, time.Minute, "first sync")
	unsub()
	return core, ch
}

func doneRecorder() (func(string, error), <-chan error) {
	ch := make(chan error, 4)
	return func(_ string, err error) { ch <- err }, ch
}

func waitDone(t *testing.T, ch <-chan error) {
	t.Helper()
	select {
	case err := <-ch:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute):
		t.Fatal("action did not finish")
	}
}

func TestBackupAndRestoreFromTheMenuActions(t *testing.T) {
	core, ch := syncedShellCore(t)
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1000, 700))
	done, results := doneRecorder()
	d := &DataActions{Core: core, Win: w, Done: done}
	orders := func() int {
		ids, err := core.Store.KnownIDs(context.Background(), ch.ID, model.EntityOrders)
		if err != nil {
			t.Fatal(err)
		}
		return len(ids)
	}
	want := orders()

	// The first dialog tells what a backup holds before asking for a file.
	d.ShowBackup()
	if !strings.Contains(overlayText(w), "personal data") {
		t.Fatalf("backup dialog does not warn about customer data:\n%s", overlayText(w))
	}
	test.Tap(overlayButton(t, w, "Cancel"))

	path := filepath.Join(t.TempDir(), app.DefaultBackupName(time.Now()))
	d.Backup(path)
	waitDone(t, results)
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	if txt := overlayText(w); !strings.Contains(txt, "personal data") || !strings.Contains(txt, "1 channels") {
		t.Fatalf("backup result:\n%s", txt)
	}
	test.Tap(overlayButton(t, w, "OK"))

	// Reset asks first; "No" keeps the data.
	d.ConfirmReset(ch)
	if !strings.Contains(overlayText(w), "Backup shop") {
		t.Fatalf("reset dialog:\n%s", overlayText(w))
	}
	test.Tap(overlayButton(t, w, "No"))
	if orders() != want {
		t.Fatal("data reset without confirmation")
	}
	d.ConfirmReset(ch)
	test.Tap(overlayButton(t, w, "Yes"))
	waitDone(t, results)
	if n := orders(); n != 0 {
		t.Fatalf("%d orders after reset", n)
	}

	// Restore shows what the backup holds, then brings every order back.
	d.ConfirmRestore(path)
	shellEventually(t, 5*time.Second, "restore confirmation", func() bool {
		return strings.Contains(overlayText(w), "Replace everything")
	})
	test.Tap(overlayButton(t, w, "Yes"))
	waitDone(t, results)
	if n := orders(); n != want {
		t.Fatalf("%d orders after restore, want %d", n, want)
	}
}

func TestForgetCustomerAsksThenErases(t *testing.T) {
	core, ch := syncedShellCore(t)
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1000, 700))
	done, results := doneRecorder()
	d := &DataActions{Core: core, Win: w, Done: done}
	ids, _ := core.Store.KnownIDs(context.Background(), ch.ID, model.EntityCustomers)
	before := len(ids)
	var local int64
	page, err := core.Store.ListCustomers(context.Background(), model.ListQuery{ChannelID: ch.ID, Limit: 1})
	if err != nil || len(page) == 0 {
		t.Fatalf("list customers: %v", err)
	}
	local = page[0].ID
	name := page[0].Name
	email := page[0].Email
	d.ConfirmForget(local, name)
	if !strings.Contains(overlayText(w), name) {
		t.Fatalf("dialog does not name the customer:\n%s", overlayText(w))
	}
	test.Tap(overlayButton(t, w, "Yes"))
	waitDone(t, results)
	got, err := core.Store.GetCustomer(context.Background(), local)
	if err == nil && (got.Email != "" || got.Lastname != "") {
		t.Fatalf("customer still has personal data: %+v", got)
	}
	ids, _ = core.Store.KnownIDs(context.Background(), ch.ID, model.EntityCustomers)
	if len(ids) > before {
		t.Fatalf("known customers %d, before %d", len(ids), before)
	}
	// The customer is no longer found by their email.
	hits, err := core.Store.ListCustomers(context.Background(), model.ListQuery{ChannelID: ch.ID, Search: email})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hits {
		if h.ID == local {
			t.Fatalf("forgotten customer still found by %q", email)
		}
	}
}
