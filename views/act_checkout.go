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

// newAddressChoice is the address list's last entry.
const newAddressChoice = "New address…"

// Checkout turns a cart into an order in four short steps: shipping
// address, shipping method (estimated by Magento), an offline payment
// method, review and Place order.
type Checkout struct {
	w   *ActWindows
	win fyne.Window
	s   *app.CartSession

	Address     *widget.Select
	NewAddress  *addressEditor
	Estimate    *widget.Button
	Methods     *widget.RadioGroup
	ToPayment   *widget.Button
	Payments    *widget.RadioGroup
	GatewayNote *widget.Label
	PONumber    *widget.Entry
	Review      *widget.Label
	Place       *widget.Button
	Errors      *fieldErrors
	Result      *widget.Label
	OpenOrder   *widget.Button

	addresses []model.Address
	email     string
	methods   []app.ShippingMethod
	payments  []app.PaymentChoice
	placed    app.PlacedOrder

	methodStep, paymentStep, poBox *fyne.Container
}

// Checkout opens the checkout of a cart being built.
func (w *ActWindows) Checkout(s *app.CartSession) *Checkout {
	k := &Checkout{w: w, s: s, Errors: newFieldErrors(), GatewayNote: noteLabel("", widget.LowImportance),
		PONumber: widget.NewEntry(), Review: noteLabel("", widget.MediumImportance), Result: hiddenNote(widget.SuccessImportance)}
	k.NewAddress = newAddressEditor(k.Errors, "", true, nil)
	k.NewAddress.box.Hide()
	k.Address = widget.NewSelect(nil, func(choice string) {
		if choice == newAddressChoice {
			k.NewAddress.box.Show()
		} else {
			k.NewAddress.box.Hide()
		}
		k.methodStep.Hide()
		k.paymentStep.Hide()
		relayout(k.win)
	})
	k.Address.PlaceHolder = "(choose the shipping address)"
	k.Estimate = widget.NewButton("Get shipping methods", k.estimate)
	k.Methods = widget.NewRadioGroup(nil, nil)
	k.ToPayment = widget.NewButton("Continue to payment", k.setShipping)
	k.Payments = widget.NewRadioGroup(nil, func(code string) {
		if k.paymentCode(code) == "purchaseorder" {
			k.poBox.Show()
		} else {
			k.poBox.Hide()
		}
		relayout(k.win)
	})
	k.Place = widget.NewButton("Place order", k.place)
	k.Place.Importance = widget.HighImportance
	k.OpenOrder = widget.NewButton("Open the order", func() {
		if k.placed.LocalID != 0 && w.nav != nil {
			w.nav.OpenOrder(k.placed.LocalID)
		}
	})
	k.OpenOrder.Hide()
	k.poBox = container.NewVBox(widget.NewForm(widget.NewFormItem("Purchase order number", k.Errors.under("po_number", k.PONumber))))
	k.poBox.Hide()

	k.methodStep = container.NewVBox(
		widget.NewLabelWithStyle("2. Shipping method", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		k.Errors.under("shipping_method", k.Methods), container.NewHBox(k.ToPayment))
	k.methodStep.Hide()
	k.paymentStep = container.NewVBox(
		widget.NewLabelWithStyle("3. Payment", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		k.Errors.under("payment", k.Payments), k.GatewayNote, k.poBox,
		widget.NewLabelWithStyle("4. Review", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		k.Errors.under("items", k.Review), container.NewHBox(k.Place))
	k.paymentStep.Hide()
	body := container.NewVBox(
		noteLabel(fmt.Sprintf("Order for %s from cart %d (%s).", s.CustomerName, s.CartID, s.StoreView.Name), widget.MediumImportance),
		widget.NewLabelWithStyle("1. Shipping address", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		k.Address, k.NewAddress.box, k.errorsForAddress(), container.NewHBox(k.Estimate),
		k.methodStep, k.paymentStep, k.Errors.general, k.Result, container.NewHBox(k.OpenOrder))
	k.win = w.newWindow(fmt.Sprintf("Checkout cart %d", s.CartID), fyne.NewSize(720, 820))
	k.win.SetContent(container.NewVScroll(container.NewPadded(body)))
	k.win.Show()
	k.load()
	return k
}

// errorsForAddress holds Magento's address refusals that name a field of
// a saved address (shown under the address choice).
func (k *Checkout) errorsForAddress() fyne.CanvasObject {
	return k.Errors.under("address", container.NewVBox())
}

func (k *Checkout) load() {
	var addrs []model.Address
	var email string
	var countries []app.Country
	k.w.run(k.win, func(ctx context.Context) error {
		var err error
		if addrs, email, err = k.w.svc.CheckoutAddresses(ctx, k.s); err != nil {
			return err
		}
		countries, _ = k.w.svc.Countries(ctx, k.s.ChannelID)
		return nil
	}, func(err error) {
		if err != nil {
			k.Errors.show(err)
			return
		}
		k.addresses, k.email = addrs, email
		k.NewAddress.setCountries(countries)
		var opts []string
		for _, a := range addrs {
			opts = append(opts, oneLineAddress(a))
		}
		k.Address.Options = append(opts, newAddressChoice)
		if len(addrs) > 0 {
			k.Address.SetSelected(opts[0])
		} else {
			k.Address.SetSelected(newAddressChoice)
		}
	})
}

func oneLineAddress(a model.Address) string {
	parts := []string{strings.TrimSpace(a.Firstname + " " + a.Lastname), strings.Join(a.Street, " "), a.City, a.Region, a.Postcode, a.CountryID}
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ", ")
}

// shipAddress is the chosen or typed address.
func (k *Checkout) shipAddress() app.QuoteAddress {
	if k.Address.Selected == newAddressChoice {
		return app.QuoteAddressOf(k.NewAddress.address(), k.email)
	}
	for i, a := range k.addresses {
		if oneLineAddress(a) == k.Address.Selected {
			return app.QuoteAddressOf(k.addresses[i], k.email)
		}
	}
	return app.QuoteAddress{}
}

func methodTitle(m app.ShippingMethod, currency string) string {
	return fmt.Sprintf("%s – %s: %s", m.CarrierTitle, m.MethodTitle, app.FormatAmount(m.Amount, currency))
}

func (k *Checkout) estimate() {
	addr := k.shipAddress()
	k.Errors.clear()
	var methods []app.ShippingMethod
	k.w.run(k.win, func(ctx context.Context) error {
		var err error
		methods, err = k.w.svc.EstimateShipping(ctx, k.s, addr)
		return err
	}, func(err error) {
		if err != nil {
			k.showError(err)
			return
		}
		k.methods = methods
		var opts []string
		for _, m := range methods {
			opts = append(opts, methodTitle(m, k.s.StoreView.BaseCurrency))
		}
		k.Methods.Options = opts
		k.Methods.SetSelected(opts[0])
		k.Methods.Refresh()
		k.methodStep.Show()
		k.paymentStep.Hide()
	})
}

// showError puts an error at its field. An address refusal goes to the
// new-address form when that is in use, else under the address choice; an
// error for a step not shown yet opens that step (so it is never invisible).
func (k *Checkout) showError(err error) {
	key := k.Errors.show(err)
	switch {
	case key == "":
	case k.Address.Selected != newAddressChoice && isAddressField(key):
		_, msg := app.ErrorField(err)
		k.Errors.clear()
		k.Errors.labels["address"].SetText("The saved address lacks " + strings.ReplaceAll(key, "_", " ") + ": " + msg)
		k.Errors.labels["address"].Show()
	case key == "shipping_method":
		k.methodStep.Show()
	case (key == "payment" || key == "po_number" || key == "items") && !k.paymentStep.Visible():
		k.Errors.clear()
		_, msg := app.ErrorField(err)
		k.Errors.general.SetText(msg)
		k.Errors.general.Show()
	}
}

func isAddressField(f string) bool {
	switch f {
	case "firstname", "lastname", "street", "city", "postcode", "country_id", "region", "telephone", "company":
		return true
	}
	return false
}

func (k *Checkout) setShipping() {
	addr := k.shipAddress()
	var m app.ShippingMethod
	for _, x := range k.methods {
		if methodTitle(x, k.s.StoreView.BaseCurrency) == k.Methods.Selected {
			m = x
		}
	}
	k.Errors.clear()
	var review app.Review
	k.w.run(k.win, func(ctx context.Context) error {
		var err error
		review, err = k.w.svc.SetShipping(ctx, k.s, addr, nil, m)
		return err
	}, func(err error) {
		if err != nil {
			k.showError(err)
			return
		}
		k.payments = review.Payments
		var opts, cards []string
		for _, p := range review.Payments {
			if p.Placeable {
				opts = append(opts, p.Title)
			} else {
				cards = append(cards, p.Title)
			}
		}
		k.Payments.Options = opts
		if len(opts) > 0 {
			k.Payments.SetSelected(opts[0])
		}
		k.Payments.Refresh()
		note := "Only offline payment methods can be placed from MageDesk."
		if len(cards) > 0 {
			note = "Not offered here: " + strings.Join(cards, ", ") + ". " + app.CardGatewayNote
		}
		k.GatewayNote.SetText(note)
		t := review.Totals
		cur := t.QuoteCurrency
		k.Review.SetText(fmt.Sprintf("Subtotal %s · Shipping %s · Discount %s · Tax %s · Order total %s",
			app.FormatAmount(t.Subtotal, cur), app.FormatAmount(t.ShippingAmount, cur), app.FormatAmount(t.DiscountAmount, cur),
			app.FormatAmount(t.TaxAmount, cur), app.FormatAmount(t.BaseGrandTotal, t.BaseCurrency)))
		k.paymentStep.Show()
	})
}

func (k *Checkout) paymentCode(title string) string {
	for _, p := range k.payments {
		if p.Title == title {
			return p.Code
		}
	}
	return ""
}

func (k *Checkout) place() {
	pay := app.PaymentInput{Method: k.paymentCode(k.Payments.Selected), PONumber: strings.TrimSpace(k.PONumber.Text)}
	k.Errors.clear()
	k.Place.Disable()
	var placed app.PlacedOrder
	k.w.run(k.win, func(ctx context.Context) error {
		var err error
		placed, err = k.w.svc.PlaceOrder(ctx, k.s, pay)
		return err
	}, func(err error) {
		if err != nil {
			k.showError(err)
			k.Place.Enable()
			return
		}
		k.placed = placed
		k.w.changed()
		setNote(k.Result, fmt.Sprintf("Order %s placed in Magento. The cart is now Purchased.", placed.IncrementID))
		k.OpenOrder.Show()
	})
}
