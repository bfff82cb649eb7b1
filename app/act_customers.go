package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/mail"
	"strconv"
	"strings"
	"sync"

	"github.com/magedesk/magedesk/connector"
	"github.com/magedesk/magedesk/model"
)

// Customers for phone orders: create a customer in Magento, or register a
// guest (known by email from guest orders) as one. Both create and never
// overwrite, so they work whatever the channel's two-way setting.

// NewCustomer is the "New customer" form.
type NewCustomer struct {
	ChannelID   int64
	StoreID     int64 // store view; its website becomes the customer's
	GroupID     int64 // 0 = Magento's default group
	Firstname   string
	Lastname    string
	Email       string
	DOB         string // YYYY-MM-DD, optional
	Subscribe   bool
	WithAddress bool
	Address     model.Address // default billing and shipping when WithAddress
}

// CustomerFormChoices are the lists the customer forms offer.
type CustomerFormChoices struct {
	StoreViews []model.StoreView
	Groups     []model.CustomerGroup
}

// CustomerFormChoices reads the channel's store views and customer groups.
func (c *Core) CustomerFormChoices(ctx context.Context, channelID int64) (CustomerFormChoices, error) {
	views, err := c.Store.StoreViewsOf(ctx, channelID)
	if err != nil {
		return CustomerFormChoices{}, err
	}
	groups, err := c.Store.CustomerGroupsOf(ctx, channelID)
	if err != nil {
		return CustomerFormChoices{}, err
	}
	return CustomerFormChoices{StoreViews: views, Groups: groups}, nil
}

// countryCache keeps GET /V1/directory/countries per core and channel
// for the session: it rarely changes and every address form needs it.
var countryCache sync.Map // countryKey → []connector.Country

type countryKey struct {
	core      *Core
	channelID int64
}

// Countries lists the channel's allowed countries with their regions
// (from Magento, cached for the session).
func (c *Core) Countries(ctx context.Context, channelID int64) ([]connector.Country, error) {
	key := countryKey{c, channelID}
	if list, ok := countryCache.Load(key); ok {
		return list.([]connector.Country), nil
	}
	client, _, err := c.actClient(ctx, channelID, "")
	if err != nil {
		return nil, err
	}
	list, err := client.Countries(ctx)
	if err != nil && len(list) == 0 {
		return nil, fmt.Errorf("read countries from Magento: %w", err)
	}
	countryCache.Store(key, list)
	return list, nil
}

// validateNewCustomer checks what Magento would refuse, so the owner sees
// the problem at the field before anything is sent.
func validateNewCustomer(in *NewCustomer) error {
	in.Email = strings.TrimSpace(in.Email)
	in.Firstname, in.Lastname = strings.TrimSpace(in.Firstname), strings.TrimSpace(in.Lastname)
	switch {
	case in.Firstname == "":
		return fieldErr("firstname", "Enter the first name.")
	case in.Lastname == "":
		return fieldErr("lastname", "Enter the last name.")
	case in.Email == "":
		return fieldErr("email", "Enter the email address.")
	}
	if a, err := mail.ParseAddress(in.Email); err != nil || a.Address != in.Email {
		return fieldErr("email", "This is not a valid email address.")
	}
	if in.DOB != "" && !validDate(in.DOB) {
		return fieldErr("dob", "Enter the date of birth as YYYY-MM-DD.")
	}
	if in.StoreID == 0 {
		return fieldErr("store", "Choose the store view.")
	}
	if in.WithAddress {
		return validateAddress(in.Address)
	}
	return nil
}

func validDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	y, e1 := strconv.Atoi(s[:4])
	m, e2 := strconv.Atoi(s[5:7])
	d, e3 := strconv.Atoi(s[8:])
	return e1 == nil && e2 == nil && e3 == nil && y > 1900 && m >= 1 && m <= 12 && d >= 1 && d <= 31
}

// validateAddress checks the fields Magento's address validator requires.
func validateAddress(a model.Address) error {
	street := strings.TrimSpace(strings.Join(a.Street, ""))
	for _, f := range []struct{ key, v, words string }{
		{"firstname", a.Firstname, "Enter the first name."}, {"lastname", a.Lastname, "Enter the last name."},
		{"street", street, "Enter the street."}, {"city", a.City, "Enter the city."},
		{"postcode", a.Postcode, "Enter the postcode."}, {"country_id", a.CountryID, "Choose the country."},
		{"telephone", a.Telephone, "Enter the phone number."},
	} {
		if strings.TrimSpace(f.v) == "" {
			return fieldErr(f.key, f.words)
		}
	}
	return nil
}

// addressJSON renders an address as Magento's customer address object.
func addressJSON(a model.Address) map[string]any {
	m := map[string]any{
		"firstname": a.Firstname, "lastname": a.Lastname, "street": a.Street, "city": a.City,
		"postcode": a.Postcode, "country_id": a.CountryID, "telephone": a.Telephone,
		"default_billing": a.DefaultBilling, "default_shipping": a.DefaultShipping,
	}
	if a.MagentoID != 0 {
		m["id"] = a.MagentoID
	}
	if a.Company != "" {
		m["company"] = a.Company
	}
	if a.RegionID != 0 || a.Region != "" {
		m["region_id"] = a.RegionID
		m["region"] = map[string]any{"region": a.Region, "region_code": a.RegionCode, "region_id": a.RegionID}
	}
	return m
}

// CreateCustomer creates the customer in Magento (website of the chosen
// store view), stores what Magento returns and gives its local id. A lost
// answer is resolved by the connector (look-up by email) so the customer
// is never created twice.
func (c *Core) CreateCustomer(ctx context.Context, in NewCustomer) (int64, model.Customer, error) {
	if err := validateNewCustomer(&in); err != nil {
		return 0, model.Customer{}, err
	}
	views, err := c.Store.StoreViewsOf(ctx, in.ChannelID)
	if err != nil {
		return 0, model.Customer{}, err
	}
	var view *model.StoreView
	for i := range views {
		if views[i].MagentoID == in.StoreID {
			view = &views[i]
		}
	}
	if view == nil {
		return 0, model.Customer{}, fieldErr("store", "This store view is not known here yet; sync the channel first.")
	}
	client, ch, err := c.actClient(ctx, in.ChannelID, view.Code)
	if err != nil {
		return 0, model.Customer{}, err
	}
	sub := in.Subscribe
	ci := connector.CustomerInput{Email: in.Email, Firstname: in.Firstname, Lastname: in.Lastname,
		WebsiteID: view.WebsiteID, StoreID: view.MagentoID, GroupID: in.GroupID, DOB: in.DOB, IsSubscribed: &sub}
	if in.WithAddress {
		a := in.Address
		a.DefaultBilling, a.DefaultShipping = true, true
		ci.Extra = map[string]any{"addresses": []any{addressJSON(a)}}
	}
	cu, err := client.CreateCustomer(ctx, ci, "")
	if err != nil {
		return 0, model.Customer{}, explain(err)
	}
	if err := c.storeCustomer(ctx, client, ch, cu); err != nil {
		return 0, cu, err
	}
	id, err := c.Store.LocalIDOf(ctx, model.EntityCustomers, in.ChannelID, cu.MagentoID)
	return id, cu, err
}

// ErrAlreadyRegistered: the guest's email already belongs to a customer.
var ErrAlreadyRegistered = errors.New("a customer with this email is already registered")

// GuestRegistration prepares the "register this guest" form: name, email
// and the billing address of their latest guest order.
func (c *Core) GuestRegistration(ctx context.Context, channelID int64, email string) (NewCustomer, error) {
	g, lastOrder, err := c.Store.GuestByEmail(ctx, channelID, email)
	if err != nil {
		return NewCustomer{}, err
	}
	if g.LinkedCustomerID != 0 {
		return NewCustomer{}, fmt.Errorf("guest %s: %w (Magento customer %d)", g.Email, ErrAlreadyRegistered, g.LinkedCustomerID)
	}
	in := NewCustomer{ChannelID: channelID, Firstname: g.Firstname, Lastname: g.Lastname, Email: g.Email}
	if len(lastOrder) > 0 {
		o, err := connector.MapOrder(json.RawMessage(lastOrder))
		if err == nil {
			in.StoreID = o.StoreID
			if b := o.BillingAddress; b != nil {
				in.WithAddress = true
				in.Address = model.Address{Firstname: b.Firstname, Lastname: b.Lastname, Company: b.Company,
					Street: b.Street, City: b.City, Region: b.Region, RegionCode: b.RegionCode, RegionID: b.RegionID,
					Postcode: b.Postcode, CountryID: b.CountryID, Telephone: b.Telephone}
			}
		}
	}
	return in, nil
}

// RegisterGuest creates a customer from a guest's data (see
// GuestRegistration); the guest's orders then link to the new customer
// by email in the customer view.
func (c *Core) RegisterGuest(ctx context.Context, in NewCustomer) (int64, model.Customer, error) {
	g, _, err := c.Store.GuestByEmail(ctx, in.ChannelID, in.Email)
	if err == nil && g.LinkedCustomerID != 0 {
		return 0, model.Customer{}, fieldErr("email", "This email already belongs to a registered customer.")
	}
	return c.CreateCustomer(ctx, in)
}
