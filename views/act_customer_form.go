package views

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/model"
)

// CustomerForm is the "New customer" / "Register guest as customer"
// window: store view, group, name, email, date of birth, newsletter and
// an optional address with country and region from Magento. Creating
// works whatever the channel's two-way setting: nothing is overwritten.
type CustomerForm struct {
	w         *ActWindows
	win       fyne.Window
	channelID int64
	guest     bool

	Store, Group                    *widget.Select
	Firstname, Lastname, Email, DOB *widget.Entry
	Subscribe, WithAddress          *widget.Check
	Address                         *addressEditor
	Save                            *widget.Button
	Errors                          *fieldErrors
	Result                          *widget.Label

	views   []model.StoreView
	groups  []model.CustomerGroup
	created int64 // local id once created
}

// NewCustomer opens an empty "New customer" form for a channel.
func (w *ActWindows) NewCustomer(channelID int64) *CustomerForm {
	f := w.customerForm(channelID, false, "New customer")
	f.load(app.NewCustomer{ChannelID: channelID}, "")
	return f
}

// RegisterGuest opens the form filled from a guest's latest order.
func (w *ActWindows) RegisterGuest(channelID int64, email string) *CustomerForm {
	f := w.customerForm(channelID, true, "Register guest as customer")
	f.load(app.NewCustomer{ChannelID: channelID, Email: email}, email)
	return f
}

func (w *ActWindows) customerForm(channelID int64, guest bool, title string) *CustomerForm {
	f := &CustomerForm{w: w, channelID: channelID, guest: guest,
		Store: widget.NewSelect(nil, nil), Group: widget.NewSelect(nil, nil),
		Firstname: widget.NewEntry(), Lastname: widget.NewEntry(), Email: widget.NewEntry(), DOB: widget.NewEntry(),
		Subscribe: widget.NewCheck("Subscribed to the newsletter", nil), Errors: newFieldErrors(),
		Result: hiddenNote(widget.SuccessImportance)}
	f.DOB.SetPlaceHolder("YYYY-MM-DD (optional)")
	f.Store.PlaceHolder = "(choose the store view)"
	f.Group.PlaceHolder = "(default group)"
	f.Address = newAddressEditor(f.Errors, "", false, nil)
	f.Address.box.Hide()
	f.WithAddress = widget.NewCheck("Add an address (default billing and shipping)", func(on bool) {
		if on {
			f.Address.box.Show()
		} else {
			f.Address.box.Hide()
		}
		relayout(f.win)
	})
	f.Save = widget.NewButton("Create in Magento", f.save)
	f.Save.Importance = widget.HighImportance
	f.Save.Disable() // until the choices are loaded

	form := widget.NewForm(
		widget.NewFormItem("Store view", f.Errors.under("store", f.Store)),
		widget.NewFormItem("Customer group", f.Errors.under("group", f.Group)),
		widget.NewFormItem("First name", f.Errors.under("firstname", f.Firstname)),
		widget.NewFormItem("Last name", f.Errors.under("lastname", f.Lastname)),
		widget.NewFormItem("Email", f.Errors.under("email", f.Email)),
		widget.NewFormItem("Date of birth", f.Errors.under("dob", f.DOB)),
	)
	intro := "The customer is created in Magento right away (no password is set; they can use “Forgot password” in the shop)."
	if guest {
		intro = "This guest ordered without an account. Registering creates a Magento customer with the same email, " +
			"filled from their latest order; their guest orders stay as they are in Magento."
	}
	body := container.NewVBox(noteLabel(intro, widget.MediumImportance), form, f.Subscribe, f.WithAddress, f.Address.box,
		f.Errors.general, f.Result, container.NewHBox(f.Save))
	f.win = w.newWindow(title, fyne.NewSize(640, 720))
	f.win.SetContent(container.NewVScroll(container.NewPadded(body)))
	f.win.Show()
	return f
}

// load reads the choices (and, for a guest, the prefilled data) off the UI goroutine.
func (f *CustomerForm) load(in app.NewCustomer, guestEmail string) {
	var choices app.CustomerFormChoices
	var countries []app.Country
	var countryErr error
	f.w.run(f.win, func(ctx context.Context) error {
		var err error
		if choices, err = f.w.svc.CustomerFormChoices(ctx, f.channelID); err != nil {
			return err
		}
		countries, countryErr = f.w.svc.Countries(ctx, f.channelID)
		if guestEmail != "" {
			in, err = f.w.svc.GuestRegistration(ctx, f.channelID, guestEmail)
		}
		return err
	}, func(err error) {
		f.views, f.groups = choices.StoreViews, choices.Groups
		var names []string
		for _, v := range f.views {
			names = append(names, storeViewLabel(v))
		}
		f.Store.Options = names
		var gnames []string
		for _, g := range f.groups {
			gnames = append(gnames, g.Code)
		}
		f.Group.Options = gnames
		f.Address.setCountries(countries)
		if err != nil {
			f.Errors.show(err)
			return
		}
		if countryErr != nil {
			f.Errors.show(fmt.Errorf("countries could not be read from Magento, addresses cannot be entered: %w", countryErr))
		}
		f.fill(in)
		f.Save.Enable()
	})
}

func storeViewLabel(v model.StoreView) string {
	return fmt.Sprintf("%s (%s)", v.Name, v.Code)
}

func (f *CustomerForm) fill(in app.NewCustomer) {
	f.Firstname.SetText(in.Firstname)
	f.Lastname.SetText(in.Lastname)
	f.Email.SetText(in.Email)
	f.DOB.SetText(in.DOB)
	for _, v := range f.views {
		if v.MagentoID == in.StoreID || (in.StoreID == 0 && len(f.views) == 1) {
			f.Store.SetSelected(storeViewLabel(v))
		}
	}
	if in.WithAddress {
		f.WithAddress.SetChecked(true)
		f.Address.set(in.Address)
	}
}

// form reads the inputs into the app's NewCustomer.
func (f *CustomerForm) form() app.NewCustomer {
	in := app.NewCustomer{ChannelID: f.channelID, Firstname: f.Firstname.Text, Lastname: f.Lastname.Text,
		Email: strings.TrimSpace(f.Email.Text), DOB: strings.TrimSpace(f.DOB.Text), Subscribe: f.Subscribe.Checked,
		WithAddress: f.WithAddress.Checked}
	for _, v := range f.views {
		if storeViewLabel(v) == f.Store.Selected {
			in.StoreID = v.MagentoID
		}
	}
	for _, g := range f.groups {
		if g.Code == f.Group.Selected {
			in.GroupID = g.MagentoID
		}
	}
	if in.WithAddress {
		in.Address = f.Address.address()
		in.Address.Firstname, in.Address.Lastname = strings.TrimSpace(in.Firstname), strings.TrimSpace(in.Lastname)
	}
	return in
}

func (f *CustomerForm) save() {
	in := f.form()
	f.Errors.clear()
	f.Save.Disable()
	var localID int64
	var cu model.Customer
	f.w.run(f.win, func(ctx context.Context) error {
		var err error
		if f.guest {
			localID, cu, err = f.w.svc.RegisterGuest(ctx, in)
		} else {
			localID, cu, err = f.w.svc.CreateCustomer(ctx, in)
		}
		return err
	}, func(err error) {
		if err != nil {
			f.Errors.show(err)
			f.Save.Enable()
			return
		}
		f.created = localID
		f.w.changed()
		setNote(f.Result, fmt.Sprintf("Created in Magento as customer %d (%s).", cu.MagentoID, cu.Email))
		if f.w.nav != nil && localID != 0 {
			f.w.nav.OpenCustomer(localID)
		}
	})
}
