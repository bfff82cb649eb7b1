package views

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/connector"
	"github.com/magedesk/magedesk/connector/magentosim"
)

// guestEmail finds the email of a guest who ordered and has no account.
func (g *actGUI) guestEmail(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	page, err := g.mag.Search(ctx, "orders", connector.SearchCriteria{PageSize: 60, CurrentPage: 1}.Where("customer_is_guest", "eq", "1"))
	if err != nil {
		t.Fatal(err)
	}
	for _, raw := range page.Items {
		o, err := connector.MapOrder(raw)
		if err != nil || o.BillingAddress == nil {
			continue
		}
		if _, err := g.core.GuestRegistration(ctx, g.ch.ID, o.CustomerEmail); err == nil {
			return o.CustomerEmail
		}
	}
	t.Fatal("no unregistered guest")
	return ""
}

func TestNewCartFromTheCartsListFindsTheCustomerOrOffersToRegisterAGuest(t *testing.T) {
	g := newActGUI(t, false)
	s := g.w.NewCartFor(g.ch.ID)
	test.Type(s.Email, "nobody@example.com")
	test.Tap(s.Find)
	g.w.WaitIdle()
	if !strings.Contains(s.Errors.text("email"), "No customer") || s.Cart != nil {
		t.Fatalf("unknown email: %q", s.Errors.text("email"))
	}
	guest := g.guestEmail(t)
	s.Email.SetText(guest)
	test.Tap(s.Find)
	g.w.WaitIdle()
	if !strings.Contains(s.Errors.text("email"), "guest") || !s.Register.Visible() {
		t.Fatalf("guest email: %q, register shown %v", s.Errors.text("email"), s.Register.Visible())
	}
	_, cu := g.customer(t, false)
	s.Email.SetText(strings.ToUpper(cu.Email))
	test.Tap(s.Find)
	g.w.WaitIdle()
	if s.Cart == nil || s.Cart.session == nil || s.Cart.session.CustomerID != cu.MagentoID {
		t.Fatalf("cart window for %s not opened", cu.Email)
	}
}

func TestRegisterGuestWindowCreatesTheCustomerFromTheGuestOrder(t *testing.T) {
	g := newActGUI(t, false)
	guest := g.guestEmail(t)
	before := g.count(magentosim.EntityCustomers)
	f := g.w.RegisterGuest(g.ch.ID, guest)
	g.w.WaitIdle()
	if f.Email.Text != guest || f.Firstname.Text == "" || !f.WithAddress.Checked || f.Address.City.Text == "" ||
		f.Address.Country.Selected == "" || f.Store.Selected == "" {
		t.Fatalf("form not filled from the guest's order: email %q name %q city %q country %q store %q",
			f.Email.Text, f.Firstname.Text, f.Address.City.Text, f.Address.Country.Selected, f.Store.Selected)
	}
	test.Tap(f.Save)
	g.w.WaitIdle()
	if f.created == 0 || g.count(magentosim.EntityCustomers) != before+1 {
		t.Fatalf("result %q, error %q", f.Result.Text, f.Errors.text(""))
	}
	if _, err := g.core.GuestRegistration(context.Background(), g.ch.ID, guest); err == nil {
		t.Fatal("guest still unregistered")
	} else if !strings.Contains(err.Error(), app.ErrAlreadyRegistered.Error()) {
		t.Fatalf("after registering: %v", err)
	}
}
