package views

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/connector"
	"github.com/magedesk/magedesk/model"
)

// hasWindow reports whether the app shows a window whose title contains sub.
func hasWindow(a fyne.App, sub string) bool {
	for _, w := range a.Driver().AllWindows() {
		if strings.Contains(w.Title(), sub) {
			return true
		}
	}
	return false
}

func (g *actGUI) details(t *testing.T) *DetailWindows {
	t.Helper()
	return NewDetailWindows(g.w.app, app.NewBrowse(g.core.Store), g.core).(*DetailWindows)
}

func TestCustomerWindowOffersNewCartAndEdit(t *testing.T) {
	g := newActGUI(t, false)
	local, cu := g.customer(t, false)
	d := g.details(t)
	d.OpenCustomer(local)
	d.WaitLoaded()
	dw := d.window(fmt.Sprintf("customer:%d", local))
	if dw == nil || dw.win == nil {
		t.Fatal("customer window not open")
	}
	newCart := shellFindButton(dw.win.Content(), "New cart…")
	edit := shellFindButton(dw.win.Content(), "Edit…")
	if newCart == nil || edit == nil {
		t.Fatal("customer window lacks New cart… or Edit…")
	}
	test.Tap(newCart)
	d.act().WaitIdle()
	if !hasWindow(g.w.app, "New cart for "+cu.Firstname) {
		t.Fatal("New cart… opened no cart window for the customer")
	}
	test.Tap(edit)
	d.act().WaitIdle()
	if !hasWindow(g.w.app, "Edit "+cu.Firstname) {
		t.Fatal("Edit… opened no editor")
	}
}

func TestOrderWindowOffersRefundAndShowsTheRefundAfterwards(t *testing.T) {
	g := newActGUI(t, false)
	ctx := context.Background()
	page, err := g.mag.Search(ctx, "orders", connector.SearchCriteria{PageSize: 100, CurrentPage: 1}.Where("state", "eq", "processing"))
	if err != nil {
		t.Fatal(err)
	}
	var local int64
	for _, raw := range page.Items {
		o, err := connector.MapOrder(raw)
		if err == nil && o.TotalInvoiced.Units > 0 && o.TotalRefunded.Units == 0 {
			if local, _ = g.core.Store.LocalIDOf(ctx, model.EntityOrders, g.ch.ID, o.MagentoID); local != 0 {
				break
			}
		}
	}
	if local == 0 {
		t.Fatal("no invoiced order")
	}
	d := g.details(t)
	d.OpenOrder(local)
	d.WaitLoaded()
	dw := d.window(fmt.Sprintf("order:%d", local))
	refund := shellFindButton(dw.win.Content(), "Refund…")
	if refund == nil {
		t.Fatal("invoiced order window lacks Refund…")
	}
	before := dw.fields["Total refunded"]
	f := d.act().Refund(local) // what the button opens
	d.act().WaitIdle()
	f.Lines[0].Qty.SetText("1")
	test.Tap(f.Submit)
	d.act().WaitIdle()
	d.WaitLoaded()
	if f.created.LocalID == 0 {
		t.Fatalf("refund failed: %q", f.Errors.text(""))
	}
	dw = d.window(fmt.Sprintf("order:%d", local))
	if after := dw.fields["Total refunded"]; after == before || after == "" {
		t.Fatalf("order window still shows refunded %q after the refund", after)
	}
}

func TestShellOffersStoreActionsInTheMenuAndOnThePages(t *testing.T) {
	g := newActGUI(t, true)
	w := test.NewTempWindow(t, nil)
	s := NewShell(g.w.app, w, g.core, app.NewBrowse(g.core.Store))
	t.Cleanup(s.Close)
	w.SetContent(s.Content())
	shellWait(t, s.Loaded(), 5*time.Second, "channels")

	var store *fyne.Menu
	for _, m := range s.mainMenu().Items {
		if m.Label == "Store" {
			store = m
		}
	}
	if store == nil {
		t.Fatal("no Store menu")
	}
	items := map[string]*fyne.MenuItem{}
	for _, it := range store.Items {
		items[it.Label] = it
	}
	for _, want := range []string{"New customer…", "New cart…", "Pending changes…"} {
		if items[want] == nil {
			t.Fatalf("Store menu lacks %q", want)
		}
	}
	items["New customer…"].Action()
	s.nav.(*DetailWindows).act().WaitIdle()
	if !hasWindow(g.w.app, "New customer") {
		t.Fatal("Store > New customer… opened nothing")
	}

	s.Show(NavCustomers)
	if b := shellFindButton(s.Content(), "New customer…"); b == nil {
		t.Fatal("Customers page lacks New customer…")
	}
	s.Show(NavCarts)
	b := shellFindButton(s.Content(), "New cart…")
	if b == nil {
		t.Fatal("Carts page lacks New cart…")
	}
	test.Tap(b)
	if !hasWindow(g.w.app, "New cart") {
		t.Fatal("New cart… opened nothing")
	}
}
