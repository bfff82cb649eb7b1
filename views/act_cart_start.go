package views

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/app"
)

// CartStart is "New cart" from the Carts list: find the customer by email,
// then build their cart. A guest's email offers to register them first.
type CartStart struct {
	w         *ActWindows
	win       fyne.Window
	channelID int64

	Email          *widget.Entry
	Find, Register *widget.Button
	Errors         *fieldErrors
	Cart           *CartEditor // the cart window opened, once found
}

// NewCartFor asks which customer the cart is for.
func (w *ActWindows) NewCartFor(channelID int64) *CartStart {
	s := &CartStart{w: w, channelID: channelID, Email: widget.NewEntry(), Errors: newFieldErrors()}
	s.Email.SetPlaceHolder("customer@example.com")
	s.Email.OnSubmitted = func(string) { s.find() }
	s.Find = widget.NewButton("Find customer", s.find)
	s.Find.Importance = widget.HighImportance
	s.Register = widget.NewButton("Register this guest…", func() {
		w.RegisterGuest(channelID, s.Email.Text)
		s.win.Close()
	})
	s.Register.Hide()
	body := container.NewVBox(
		noteLabel("Carts are made for registered customers. Enter the customer's email address.", widget.MediumImportance),
		widget.NewForm(widget.NewFormItem("Email", s.Errors.under("email", s.Email))),
		s.Errors.general, container.NewHBox(s.Find, s.Register))
	s.win = w.newWindow("New cart", fyne.NewSize(520, 260))
	s.win.SetContent(container.NewPadded(body))
	s.win.Show()
	return s
}

func (s *CartStart) find() {
	email := s.Email.Text
	var id int64
	s.Register.Hide()
	s.w.run(s.win, func(ctx context.Context) error {
		var err error
		id, err = s.w.svc.FindCustomer(ctx, s.channelID, email)
		return err
	}, func(err error) {
		s.Errors.show(err)
		if errors.Is(err, app.ErrGuestOnly) {
			s.Register.Show()
		}
		if err != nil {
			return
		}
		s.Cart = s.w.NewCart(id)
		s.win.Close()
	})
}
