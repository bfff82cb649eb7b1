package app

import (
	"context"
	"errors"
	"testing"

	"github.com/magedesk/magedesk/connector"
	"github.com/magedesk/magedesk/connector/magentosim"
	"github.com/magedesk/magedesk/model"
)

func newCustomerForm(s actShop, email string) NewCustomer {
	return NewCustomer{ChannelID: s.ch.ID, StoreID: 1, Firstname: "Phone", Lastname: "Order", Email: email,
		DOB: "1985-04-03", Subscribe: true, WithAddress: true,
		Address: model.Address{Firstname: "Phone", Lastname: "Order", Street: []string{"12 Elm St"}, City: "Austin",
			Postcode: "73301", CountryID: "US", RegionID: 57, Region: "Texas", RegionCode: "TX", Telephone: "555-0100"}}
}

func TestCreateCustomerCreatesItInMagentoAndStoresIt(t *testing.T) {
	s := newActShop(t, false, false) // creating works whatever the two-way setting
	ctx := context.Background()
	before := len(s.sim.Snapshot().IDs(magentosim.EntityCustomers))
	localID, cu, err := s.core.CreateCustomer(ctx, newCustomerForm(s, "phone.order@example.com"))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(s.sim.Snapshot().IDs(magentosim.EntityCustomers)); got != before+1 {
		t.Fatalf("Magento has %d customers, want %d", got, before+1)
	}
	inMagento, err := s.mag.GetCustomer(ctx, cu.MagentoID)
	if err != nil {
		t.Fatal(err)
	}
	if inMagento.Email != "phone.order@example.com" || inMagento.DOB != "1985-04-03" || len(inMagento.Addresses) != 1 ||
		inMagento.Addresses[0].City != "Austin" || !inMagento.Addresses[0].DefaultBilling {
		t.Fatalf("Magento's customer %+v", inMagento)
	}
	if inMagento.IsSubscribed == nil || !*inMagento.IsSubscribed {
		t.Fatal("newsletter subscription not sent")
	}
	stored, _, err := s.core.customerOf(ctx, localID)
	if err != nil || stored.MagentoID != cu.MagentoID || stored.Email != inMagento.Email {
		t.Fatalf("stored customer %+v (%v)", stored, err)
	}

	_, _, err = s.core.CreateCustomer(ctx, newCustomerForm(s, "phone.order@example.com"))
	wantField(t, err, "email") // Magento's duplicate-email refusal, at the email field
	if got := len(s.sim.Snapshot().IDs(magentosim.EntityCustomers)); got != before+1 {
		t.Fatalf("duplicate created a customer: %d", got)
	}
}

func TestCreateCustomerChecksTheFormBeforeSendingAnything(t *testing.T) {
	s := newActShop(t, false, false)
	before := len(s.sim.Snapshot().IDs(magentosim.EntityCustomers))
	for field, change := range map[string]func(*NewCustomer){
		"email":     func(n *NewCustomer) { n.Email = "not-an-email" },
		"firstname": func(n *NewCustomer) { n.Firstname = " " },
		"dob":       func(n *NewCustomer) { n.DOB = "03/04/1985" },
		"postcode":  func(n *NewCustomer) { n.Address.Postcode = "" },
		"country_id": func(n *NewCustomer) {
			n.Address.CountryID = ""
		},
	} {
		in := newCustomerForm(s, "form.check@example.com")
		change(&in)
		_, _, err := s.core.CreateCustomer(context.Background(), in)
		wantField(t, err, field)
	}
	if got := len(s.sim.Snapshot().IDs(magentosim.EntityCustomers)); got != before {
		t.Fatalf("an invalid form reached Magento: %d customers, had %d", got, before)
	}
}

func TestCreateCustomerWithLostAnswerCreatesExactlyOne(t *testing.T) {
	s := newActShop(t, false, false)
	before := len(s.sim.Snapshot().IDs(magentosim.EntityCustomers))
	s.sim.SetFaults(magentosim.Faults{DropWriteResponse: true, DropWritesN: 1})
	_, cu, err := s.core.CreateCustomer(context.Background(), newCustomerForm(s, "lost.answer@example.com"))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(s.sim.Snapshot().IDs(magentosim.EntityCustomers)); got != before+1 || cu.Email != "lost.answer@example.com" {
		t.Fatalf("Magento has %d customers (had %d), customer %+v", got, before, cu)
	}
}

func TestRegisterGuestCreatesCustomerFromTheirLastOrder(t *testing.T) {
	s := newActShop(t, false, false)
	ctx := context.Background()
	page, err := s.mag.Search(ctx, "orders", connector.SearchCriteria{PageSize: 50, CurrentPage: 1}.Where("customer_is_guest", "eq", "1"))
	if err != nil {
		t.Fatal(err)
	}
	var guest model.Order
	for _, raw := range page.Items {
		o, err := connector.MapOrder(raw)
		if err != nil || o.BillingAddress == nil {
			continue
		}
		if _, err := s.core.GuestRegistration(ctx, s.ch.ID, o.CustomerEmail); err == nil {
			guest = o
			break
		}
	}
	if guest.MagentoID == 0 {
		t.Fatal("no unregistered guest with an order in the simulator")
	}
	form, err := s.core.GuestRegistration(ctx, s.ch.ID, guest.CustomerEmail)
	if err != nil {
		t.Fatal(err)
	}
	if !form.WithAddress || form.Address.City == "" || form.Email == "" || form.StoreID == 0 {
		t.Fatalf("form not filled from the guest order: %+v", form)
	}
	_, cu, err := s.core.RegisterGuest(ctx, form)
	if err != nil {
		t.Fatal(err)
	}
	inMagento, err := s.mag.GetCustomer(ctx, cu.MagentoID)
	if err != nil {
		t.Fatal(err)
	}
	if inMagento.Email != form.Email || len(inMagento.Addresses) != 1 || inMagento.Addresses[0].City != form.Address.City {
		t.Fatalf("registered customer %+v, from form %+v", inMagento, form)
	}
	if _, err := s.core.GuestRegistration(ctx, s.ch.ID, form.Email); !errors.Is(err, ErrAlreadyRegistered) {
		t.Fatalf("guest still offered for registration after it: %v", err)
	}
}
