package views

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/model"
)

// CustomerEditor edits a customer and their newsletter subscription and
// pushes the change to Magento (two-way sync). When the channel is
// read-only, the inputs are disabled and the window says why.
type CustomerEditor struct {
	w       *ActWindows
	win     fyne.Window
	localID int64

	Firstname, Lastname, Email, DOB *widget.Entry
	Group                           *widget.Select
	Subscribed                      *widget.Check
	Addresses                       []*addressEditor
	AddAddress, Save                *widget.Button
	Errors                          *fieldErrors
	Reason, Pending, Result         *widget.Label

	state     app.EditState
	countries []app.Country
	addrBox   *fyne.Container
}

// EditCustomer opens the editor of a customer (local id).
func (w *ActWindows) EditCustomer(customerLocalID int64) *CustomerEditor {
	e := &CustomerEditor{w: w, localID: customerLocalID,
		Firstname: widget.NewEntry(), Lastname: widget.NewEntry(), Email: widget.NewEntry(), DOB: widget.NewEntry(),
		Group: widget.NewSelect(nil, nil), Subscribed: widget.NewCheck("Subscribed to the newsletter", nil),
		Errors: newFieldErrors(), Reason: noteLabel("", widget.WarningImportance),
		Pending: noteLabel("", widget.WarningImportance), Result: hiddenNote(widget.SuccessImportance),
		addrBox: container.NewVBox()}
	e.DOB.SetPlaceHolder("YYYY-MM-DD")
	e.Reason.Hide()
	e.Pending.Hide()
	e.AddAddress = widget.NewButton("Add address", func() { e.addAddress(model.Address{}) })
	e.Save = widget.NewButton("Save and send to Magento", e.save)
	e.Save.Importance = widget.HighImportance
	e.Save.Disable()
	form := widget.NewForm(
		widget.NewFormItem("First name", e.Errors.under("firstname", e.Firstname)),
		widget.NewFormItem("Last name", e.Errors.under("lastname", e.Lastname)),
		widget.NewFormItem("Email", e.Errors.under("email", e.Email)),
		widget.NewFormItem("Customer group", e.Errors.under("group", e.Group)),
		widget.NewFormItem("Date of birth", e.Errors.under("dob", e.DOB)),
	)
	body := container.NewVBox(e.Reason, e.Pending, form, e.Subscribed, widget.NewSeparator(),
		widget.NewLabelWithStyle("Addresses", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), e.addrBox,
		container.NewHBox(e.AddAddress), widget.NewSeparator(), e.Errors.general, e.Result, container.NewHBox(e.Save))
	e.win = w.newWindow("Edit customer", fyne.NewSize(680, 760))
	e.win.SetContent(container.NewVScroll(container.NewPadded(body)))
	e.win.Show()
	e.load()
	return e
}

func (e *CustomerEditor) load() {
	var st app.EditState
	var countries []app.Country
	e.w.run(e.win, func(ctx context.Context) error {
		var err error
		if st, err = e.w.svc.CustomerEditState(ctx, e.localID); err != nil {
			return err
		}
		countries, _ = e.w.svc.Countries(ctx, st.Customer.ChannelID)
		return nil
	}, func(err error) {
		if err != nil {
			e.Errors.show(err)
			return
		}
		e.state, e.countries = st, countries
		e.win.SetTitle(fmt.Sprintf("Edit %s %s – MageDesk", st.Customer.Firstname, st.Customer.Lastname))
		e.fill(st)
	})
}

func (e *CustomerEditor) fill(st app.EditState) {
	ed := st.Edit
	e.Firstname.SetText(ed.Firstname)
	e.Lastname.SetText(ed.Lastname)
	e.Email.SetText(ed.Email)
	e.DOB.SetText(ed.DOB)
	e.Subscribed.SetChecked(ed.Subscribed)
	var groups []string
	for _, g := range st.Choices.Groups {
		groups = append(groups, g.Code)
		if g.MagentoID == ed.GroupID {
			defer e.Group.SetSelected(g.Code)
		}
	}
	e.Group.Options = groups
	e.Addresses = nil
	e.addrBox.RemoveAll()
	for _, a := range ed.Addresses {
		e.addAddress(a)
	}
	if st.Pending != nil {
		msg := "A change of this customer has not reached Magento yet"
		if st.Pending.LastError != "" {
			msg += ": " + st.Pending.LastError
		}
		e.Pending.SetText(msg + ". Saving sends it again with your corrections.")
		e.Pending.Show()
	}
	if !st.CanEdit {
		e.Reason.SetText(st.Reason)
		e.Reason.Show()
		e.setEnabled(false)
		return
	}
	e.setEnabled(true)
}

func (e *CustomerEditor) setEnabled(on bool) {
	inputs := []fyne.Disableable{e.Firstname, e.Lastname, e.Email, e.DOB, e.Group, e.Subscribed, e.AddAddress, e.Save}
	for _, a := range e.Addresses {
		inputs = append(inputs, a.Firstname, a.Lastname, a.Company, a.Street, a.City, a.Postcode, a.Telephone,
			a.RegionText, a.Country, a.Region, a.DefaultBilling, a.DefaultShipping)
	}
	for _, in := range inputs {
		if on {
			in.Enable()
		} else {
			in.Disable()
		}
	}
}

// addAddress appends an address editor with its Remove button.
func (e *CustomerEditor) addAddress(a model.Address) {
	i := len(e.Addresses)
	ed := newAddressEditor(e.Errors, fmt.Sprintf("address%d.", i), true, e.countries)
	ed.set(a)
	e.Addresses = append(e.Addresses, ed)
	title := "New address"
	if a.MagentoID != 0 {
		title = fmt.Sprintf("Address %d", a.MagentoID)
	}
	var card *fyne.Container
	remove := widget.NewButton("Remove", func() {
		for j, x := range e.Addresses {
			if x == ed {
				e.Addresses = append(e.Addresses[:j], e.Addresses[j+1:]...)
				break
			}
		}
		e.addrBox.Remove(card)
		relayout(e.win)
	})
	head := container.NewBorder(nil, nil, widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), remove)
	card = container.NewVBox(head, ed.box, widget.NewSeparator())
	e.addrBox.Add(card)
	relayout(e.win)
}

// edit reads the inputs.
func (e *CustomerEditor) edit() app.CustomerEdit {
	ed := app.CustomerEdit{Firstname: e.Firstname.Text, Lastname: e.Lastname.Text, Email: strings.TrimSpace(e.Email.Text),
		DOB: strings.TrimSpace(e.DOB.Text), Subscribed: e.Subscribed.Checked, GroupID: e.state.Edit.GroupID}
	for _, g := range e.state.Choices.Groups {
		if g.Code == e.Group.Selected {
			ed.GroupID = g.MagentoID
		}
	}
	for _, a := range e.Addresses {
		ed.Addresses = append(ed.Addresses, a.address())
	}
	return ed
}

func (e *CustomerEditor) save() {
	ed := e.edit()
	e.Errors.clear()
	setNote(e.Result, "")
	e.Save.Disable()
	var res app.PushResult
	e.w.run(e.win, func(ctx context.Context) error {
		var err error
		res, err = e.w.svc.EditCustomer(ctx, e.localID, ed)
		return err
	}, func(err error) {
		e.Save.Enable()
		if err != nil {
			e.Errors.show(err)
			var fe *app.FieldError
			if errors.As(err, &fe) && fe.Err != nil && !errors.Is(err, app.ErrTwoWayOff) {
				// Not a form mistake: the edit is queued and can be retried.
				e.Pending.SetText("The change is kept in Pending changes and can be sent again from there.")
				e.Pending.Show()
			}
			return
		}
		e.Pending.Hide()
		e.w.changed()
		msg := "Saved in Magento."
		if len(res.Conflicts) > 0 {
			var lines []string
			for _, c := range res.Conflicts {
				lines = append(lines, c.String())
			}
			msg += " Magento had changed this customer too; conflicts were settled by the channel's priority:\n" + strings.Join(lines, "\n")
		}
		setNote(e.Result, msg)
	})
}
