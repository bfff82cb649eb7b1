package views

import (
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/model"
)

// addressEditor edits one postal address. Countries and their regions
// come from Magento (GET /V1/directory/countries): a country with a
// region list gets a region choice, others a free text region.
type addressEditor struct {
	prefix   string // error key prefix: "" (one address) or "address2."
	id       int64  // Magento address id; 0 = new
	withName bool

	Firstname, Lastname, Company *widget.Entry
	Street, City, Postcode       *widget.Entry
	Telephone, RegionText        *widget.Entry
	Country, Region              *widget.Select
	DefaultBilling               *widget.Check
	DefaultShipping              *widget.Check

	countries []app.Country
	byName    map[string]app.Country
	box       *fyne.Container
}

func newAddressEditor(errs *fieldErrors, prefix string, withName bool, countries []app.Country) *addressEditor {
	e := &addressEditor{prefix: prefix, withName: withName,
		Firstname: widget.NewEntry(), Lastname: widget.NewEntry(), Company: widget.NewEntry(),
		Street: widget.NewEntry(), City: widget.NewEntry(), Postcode: widget.NewEntry(),
		Telephone: widget.NewEntry(), RegionText: widget.NewEntry(),
		DefaultBilling: widget.NewCheck("Default billing", nil), DefaultShipping: widget.NewCheck("Default shipping", nil),
	}
	e.Street.SetPlaceHolder("Street and number")
	e.Region = widget.NewSelect(nil, nil)
	e.Region.PlaceHolder = "(choose the region)"
	e.Country = widget.NewSelect(nil, func(name string) { e.countryChosen(name) })
	e.Country.PlaceHolder = "(choose the country)"
	e.setCountries(countries)

	form := widget.NewForm()
	add := func(label, key string, input fyne.CanvasObject) {
		form.Append(label, errs.under(prefix+key, input))
	}
	if withName {
		add("First name", "firstname", e.Firstname)
		add("Last name", "lastname", e.Lastname)
	}
	add("Company", "company", e.Company)
	add("Street", "street", e.Street)
	add("City", "city", e.City)
	add("Postcode", "postcode", e.Postcode)
	add("Country", "country_id", e.Country)
	add("Region", "region", container.NewStack(e.Region, e.RegionText))
	add("Phone", "telephone", e.Telephone)
	e.box = container.NewVBox(form)
	if withName {
		e.box.Add(container.NewHBox(e.DefaultBilling, e.DefaultShipping))
	}
	e.RegionText.Hide()
	return e
}

// setCountries fills the country choice, names sorted.
func (e *addressEditor) setCountries(list []app.Country) {
	e.countries = list
	e.byName = make(map[string]app.Country, len(list))
	names := make([]string, 0, len(list))
	for _, c := range list {
		name := c.Name
		if name == "" {
			name = c.ID
		}
		e.byName[name] = c
		names = append(names, name)
	}
	sort.Strings(names)
	e.Country.Options = names
	e.Country.Refresh()
}

func (e *addressEditor) countryChosen(name string) {
	c, ok := e.byName[name]
	if ok && len(c.Regions) > 0 {
		opts := make([]string, len(c.Regions))
		for i, r := range c.Regions {
			opts[i] = r.Name
		}
		e.Region.Options = opts
		e.Region.ClearSelected()
		e.Region.Show()
		e.RegionText.Hide()
		return
	}
	e.Region.Options = nil
	e.Region.Hide()
	e.RegionText.Show()
}

// countryName finds the shown name of an ISO code.
func (e *addressEditor) countryName(id string) string {
	for name, c := range e.byName {
		if strings.EqualFold(c.ID, id) {
			return name
		}
	}
	return ""
}

// set shows an address.
func (e *addressEditor) set(a model.Address) {
	e.id = a.MagentoID
	e.Firstname.SetText(a.Firstname)
	e.Lastname.SetText(a.Lastname)
	e.Company.SetText(a.Company)
	e.Street.SetText(strings.Join(a.Street, ", "))
	e.City.SetText(a.City)
	e.Postcode.SetText(a.Postcode)
	e.Telephone.SetText(a.Telephone)
	e.DefaultBilling.SetChecked(a.DefaultBilling)
	e.DefaultShipping.SetChecked(a.DefaultShipping)
	if name := e.countryName(a.CountryID); name != "" {
		e.Country.SetSelected(name)
	}
	if e.Region.Visible() && len(e.Region.Options) > 0 {
		e.Region.SetSelected(a.Region)
	} else {
		e.RegionText.SetText(a.Region)
	}
}

// address reads the inputs. Street lines are split at commas the way
// they were joined for display.
func (e *addressEditor) address() model.Address {
	a := model.Address{MagentoID: e.id, Firstname: strings.TrimSpace(e.Firstname.Text),
		Lastname: strings.TrimSpace(e.Lastname.Text), Company: strings.TrimSpace(e.Company.Text),
		City: strings.TrimSpace(e.City.Text), Postcode: strings.TrimSpace(e.Postcode.Text),
		Telephone:      strings.TrimSpace(e.Telephone.Text),
		DefaultBilling: e.DefaultBilling.Checked, DefaultShipping: e.DefaultShipping.Checked}
	for _, line := range strings.Split(e.Street.Text, ",") {
		if s := strings.TrimSpace(line); s != "" {
			a.Street = append(a.Street, s)
		}
	}
	if c, ok := e.byName[e.Country.Selected]; ok {
		a.CountryID = c.ID
		for _, r := range c.Regions {
			if r.Name == e.Region.Selected {
				a.Region, a.RegionCode, a.RegionID = r.Name, r.Code, r.ID
			}
		}
	}
	if a.Region == "" {
		a.Region = strings.TrimSpace(e.RegionText.Text)
	}
	return a
}
