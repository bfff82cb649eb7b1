package views

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/magedesk/magedesk/connector/magentosim"
)

func TestNewCustomerWindowCreatesTheCustomerAndShowsRefusalsAtTheField(t *testing.T) {
	g := newActGUI(t, false)
	f := g.w.NewCustomer(g.ch.ID)
	g.w.WaitIdle()
	if f.Save.Disabled() || len(f.Store.Options) == 0 || len(f.Address.Country.Options) == 0 {
		t.Fatalf("form not ready: save disabled %v, stores %v, countries %d", f.Save.Disabled(), f.Store.Options, len(f.Address.Country.Options))
	}
	before := g.count(magentosim.EntityCustomers)
	f.Store.SetSelected(f.Store.Options[0])
	test.Type(f.Firstname, "Rita")
	test.Type(f.Lastname, "Phone")
	test.Type(f.Email, "rita-at-example.com")
	test.Tap(f.Save)
	g.w.WaitIdle()
	if got := f.Errors.text("email"); !strings.Contains(got, "not a valid email") {
		t.Fatalf("invalid email shown as %q at the email field (general %q)", got, f.Errors.text(""))
	}
	f.Email.SetText("rita.phone@example.com")
	test.Tap(f.WithAddress)
	test.Type(f.Address.Street, "4 Oak St")
	test.Type(f.Address.City, "Austin")
	f.Address.Country.SetSelected("United States")
	f.Address.Region.SetSelected("Texas")
	test.Tap(f.Save)
	g.w.WaitIdle()
	if got := f.Errors.text("postcode"); got == "" {
		t.Fatal("missing postcode not shown at the postcode field")
	}
	test.Type(f.Address.Postcode, "78701")
	test.Type(f.Address.Telephone, "512-555-0101")
	test.Tap(f.Save)
	g.w.WaitIdle()
	if !strings.Contains(f.Result.Text, "Created in Magento") || f.created == 0 {
		t.Fatalf("result %q, errors %q", f.Result.Text, f.Errors.text(""))
	}
	if g.count(magentosim.EntityCustomers) != before+1 {
		t.Fatalf("Magento customers %d, want %d", g.count(magentosim.EntityCustomers), before+1)
	}
	if g.nav.last() == "" || !strings.HasPrefix(g.nav.last(), "customer:") {
		t.Fatalf("created customer not opened: %q", g.nav.last())
	}
	ids := g.sim.Snapshot().IDs(magentosim.EntityCustomers)
	cu, err := g.mag.GetCustomer(context.Background(), ids[len(ids)-1])
	if err != nil || cu.Email != "rita.phone@example.com" || len(cu.Addresses) != 1 || cu.Addresses[0].RegionID != 57 {
		t.Fatalf("Magento's customer %+v (%v)", cu, err)
	}

	// The same email again: Magento refuses, shown at the email field.
	f2 := g.w.NewCustomer(g.ch.ID)
	g.w.WaitIdle()
	f2.Store.SetSelected(f2.Store.Options[0])
	test.Type(f2.Firstname, "Rita")
	test.Type(f2.Lastname, "Again")
	test.Type(f2.Email, "rita.phone@example.com")
	test.Tap(f2.Save)
	g.w.WaitIdle()
	if got := f2.Errors.text("email"); !strings.Contains(got, "already uses this email") {
		t.Fatalf("duplicate email shown as %q (general %q)", got, f2.Errors.text(""))
	}
	if g.count(magentosim.EntityCustomers) != before+1 {
		t.Fatal("duplicate customer created")
	}
}

func TestCustomerEditorIsDisabledAndSaysWhyWhenTwoWayIsOff(t *testing.T) {
	g := newActGUI(t, false)
	local, _ := g.customer(t, false)
	e := g.w.EditCustomer(local)
	g.w.WaitIdle()
	if !e.Save.Disabled() || !e.Lastname.Disabled() || !e.Subscribed.Disabled() {
		t.Fatal("edit controls enabled on a read-only channel")
	}
	if !e.Reason.Visible() || !strings.Contains(e.Reason.Text, "two-way sync is off") {
		t.Fatalf("reason %q (visible %v)", e.Reason.Text, e.Reason.Visible())
	}
}

func TestCustomerEditorPushesTheEditToMagento(t *testing.T) {
	g := newActGUI(t, true)
	local, cu := g.customer(t, false)
	e := g.w.EditCustomer(local)
	g.w.WaitIdle()
	if e.Save.Disabled() || e.Lastname.Text != cu.Lastname || len(e.Addresses) != len(cu.Addresses) {
		t.Fatalf("editor not filled: last name %q, %d addresses", e.Lastname.Text, len(e.Addresses))
	}
	e.Lastname.SetText("Edited")
	wasSubscribed := e.Subscribed.Checked
	test.Tap(e.Subscribed)
	e.Addresses[0].City.SetText("New Town")
	test.Tap(e.AddAddress)
	n := e.Addresses[len(e.Addresses)-1]
	test.Type(n.Firstname, "Gift")
	test.Type(n.Lastname, "Recipient")
	test.Type(n.Street, "9 Present Rd")
	test.Type(n.City, "Austin")
	test.Type(n.Postcode, "78701")
	n.Country.SetSelected("United States")
	test.Tap(e.Save)
	g.w.WaitIdle()
	// The new address has no phone: refused at that address's phone field.
	key := "address" + strconv.Itoa(len(e.Addresses)-1) + ".telephone"
	if e.Errors.text(key) == "" {
		t.Fatalf("missing phone not shown at %s (general %q)", key, e.Errors.text(""))
	}
	test.Type(n.Telephone, "512-555-0199")
	test.Tap(e.Save)
	g.w.WaitIdle()
	if !strings.Contains(e.Result.Text, "Saved in Magento") {
		t.Fatalf("result %q, error %q", e.Result.Text, e.Errors.text(""))
	}
	got, err := g.mag.GetCustomer(context.Background(), cu.MagentoID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Lastname != "Edited" || got.IsSubscribed == nil || *got.IsSubscribed == wasSubscribed ||
		len(got.Addresses) != len(cu.Addresses)+1 || got.Addresses[0].City != "New Town" {
		t.Fatalf("Magento's customer: %s, subscribed %v, %d addresses", got.Lastname, got.IsSubscribed, len(got.Addresses))
	}
}

func TestFailedPushIsListedAndSentAgainFromPendingChanges(t *testing.T) {
	g := newActGUI(t, true)
	local, cu := g.customer(t, false)
	e := g.w.EditCustomer(local)
	g.w.WaitIdle()
	e.Lastname.SetText("Later")
	g.sim.SetBearerEnabled(false)
	test.Tap(e.Save)
	g.w.WaitIdle()
	if e.Errors.text("") == "" || !strings.Contains(e.Pending.Text, "Pending changes") {
		t.Fatalf("failed push: error %q, pending note %q", e.Errors.text(""), e.Pending.Text)
	}
	p := g.w.PendingChanges(g.ch.ID)
	g.w.WaitIdle()
	if len(p.items) != 1 || !strings.Contains(p.Summary.Text, "1 change") || p.Retry.Disabled() {
		t.Fatalf("pending list %d items, summary %q", len(p.items), p.Summary.Text)
	}
	if txt := pushItemText(p.items[0]); !strings.Contains(txt, "Failed") || !strings.Contains(txt, "Later") {
		t.Fatalf("row text %q", txt)
	}
	g.sim.SetBearerEnabled(true)
	test.Tap(p.Retry)
	g.w.WaitIdle()
	if !strings.Contains(p.Summary.Text, "Every change has reached Magento") {
		t.Fatalf("after retry: %q", p.Summary.Text)
	}
	if got, _ := g.mag.GetCustomer(context.Background(), cu.MagentoID); got.Lastname != "Later" {
		t.Fatalf("Magento last name %q", got.Lastname)
	}
}
