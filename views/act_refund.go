package views

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/app"
)

// RefundForm creates an offline credit memo for an invoiced order: lines
// and quantities, shipping to refund, adjustments, a comment.
type RefundForm struct {
	w       *ActWindows
	win     fyne.Window
	orderID int64 // local id

	Lines         []*RefundLineRow
	Shipping      *widget.Entry
	AdjustRefund  *widget.Entry // adjustment_positive
	AdjustFee     *widget.Entry // adjustment_negative
	Comment       *widget.Entry
	ReturnToStock *widget.Check
	Intro         *widget.Label
	Warning       *widget.Label
	Submit        *widget.Button
	Errors        *fieldErrors
	Result        *widget.Label
	OpenMemo      *widget.Button

	plan    app.RefundPlan
	created app.CreatedRefund
	lineBox *fyne.Container
}

// RefundLineRow is one refundable order line.
type RefundLineRow struct {
	Line app.RefundLine
	Qty  *widget.Entry
}

// Refund opens the refund form of an order (local id).
func (w *ActWindows) Refund(orderLocalID int64) *RefundForm {
	f := &RefundForm{w: w, orderID: orderLocalID, Shipping: widget.NewEntry(), AdjustRefund: widget.NewEntry(),
		AdjustFee: widget.NewEntry(), Comment: widget.NewMultiLineEntry(),
		ReturnToStock: widget.NewCheck("Return the refunded items to stock", nil),
		Errors:        newFieldErrors(), Result: hiddenNote(widget.SuccessImportance), Intro: hiddenNote(widget.MediumImportance), lineBox: container.NewVBox()}
	f.Shipping.SetPlaceHolder("empty = Magento's default")
	f.AdjustRefund.SetPlaceHolder("0.00")
	f.AdjustFee.SetPlaceHolder("0.00")
	var warnBox fyne.CanvasObject
	warnBox, f.Warning = warningBox("")
	warnBox.Hide()
	f.Submit = widget.NewButton("Refund offline", f.submit)
	f.Submit.Importance = widget.DangerImportance
	f.Submit.Disable()
	f.OpenMemo = widget.NewButton("Open the credit memo", func() {
		if f.created.LocalID != 0 && w.nav != nil {
			w.nav.OpenCreditMemo(f.created.LocalID)
		}
	})
	f.OpenMemo.Hide()
	form := widget.NewForm(
		widget.NewFormItem("Refund shipping", f.Errors.under("shipping_amount", f.Shipping)),
		widget.NewFormItem("Adjustment refund", f.Errors.under("adjustments", f.AdjustRefund)),
		widget.NewFormItem("Adjustment fee", f.AdjustFee),
		widget.NewFormItem("Comment", f.Comment),
	)
	body := container.NewVBox(f.Intro, warnBox,
		widget.NewLabelWithStyle("Lines to refund (quantity)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		f.Errors.under("items", f.lineBox), form, f.ReturnToStock, f.Errors.general, f.Result,
		container.NewHBox(f.Submit, f.OpenMemo))
	f.win = w.newWindow("Refund", fyne.NewSize(680, 640))
	f.win.SetContent(container.NewVScroll(container.NewPadded(body)))
	f.win.Show()
	f.load(warnBox)
	return f
}

func (f *RefundForm) load(warnBox fyne.CanvasObject) {
	var plan app.RefundPlan
	f.w.run(f.win, func(ctx context.Context) error {
		var err error
		plan, err = f.w.svc.PlanRefund(ctx, f.orderID)
		return err
	}, func(err error) {
		if err != nil {
			f.Errors.show(err)
			return
		}
		f.plan = plan
		f.win.SetTitle("Refund order " + plan.Number + " – MageDesk")
		setNote(f.Intro, fmt.Sprintf("Order %s: enter the quantity to refund on each line. Magento computes tax and totals "+
			"and creates an offline credit memo.", plan.Number))
		if plan.Warning != "" {
			f.Warning.SetText(plan.Warning)
			warnBox.Show()
		}
		f.Lines = nil
		f.lineBox.RemoveAll()
		for _, l := range plan.Lines {
			row := &RefundLineRow{Line: l, Qty: widget.NewEntry()}
			row.Qty.SetPlaceHolder("0")
			f.Lines = append(f.Lines, row)
			label := widget.NewLabel(fmt.Sprintf("%s (%s) · %s · up to %s", plainName(l.Name), l.SKU,
				app.FormatAmount(l.Price, plan.Currency), strconv.FormatFloat(l.MaxQty, 'f', -1, 64)))
			label.Truncation = fyne.TextTruncateEllipsis
			key := "qty:" + strconv.FormatInt(l.OrderItemID, 10)
			qty := container.NewGridWrap(fyne.NewSize(80, row.Qty.MinSize().Height), row.Qty)
			f.lineBox.Add(f.Errors.under(key, container.NewBorder(nil, nil, nil, qty, label)))
		}
		f.Submit.Enable()
	})
}

// amount reads an optional money input ("" = 0).
func amount(e *widget.Entry, field string) (float64, bool, error) {
	s := strings.TrimSpace(strings.ReplaceAll(e.Text, ",", "."))
	if s == "" {
		return 0, false, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0 {
		return 0, false, &app.FieldError{Field: field, Message: "Enter an amount like 12.50."}
	}
	return v, true, nil
}

// input reads the form.
func (f *RefundForm) input() (app.RefundInput, error) {
	in := app.RefundInput{Qty: map[int64]float64{}, Comment: strings.TrimSpace(f.Comment.Text), ReturnToStock: f.ReturnToStock.Checked}
	for _, row := range f.Lines {
		s := strings.TrimSpace(row.Qty.Text)
		if s == "" {
			continue
		}
		q, err := strconv.ParseFloat(s, 64)
		if err != nil || q < 0 {
			return in, &app.FieldError{Field: "qty:" + strconv.FormatInt(row.Line.OrderItemID, 10), Message: "Enter a quantity."}
		}
		in.Qty[row.Line.OrderItemID] = q
	}
	ship, set, err := amount(f.Shipping, "shipping_amount")
	if err != nil {
		return in, err
	}
	if set {
		in.Shipping = &ship
	}
	if in.AdjustmentPositive, _, err = amount(f.AdjustRefund, "adjustments"); err != nil {
		return in, err
	}
	if in.AdjustmentNegative, _, err = amount(f.AdjustFee, "adjustments"); err != nil {
		return in, err
	}
	return in, nil
}

func (f *RefundForm) submit() {
	in, err := f.input()
	if err != nil {
		f.Errors.show(err)
		return
	}
	f.Errors.clear()
	f.Submit.Disable()
	plan := f.plan
	var res app.CreatedRefund
	f.w.run(f.win, func(ctx context.Context) error {
		var err error
		res, err = f.w.svc.Refund(ctx, plan, in)
		return err
	}, func(err error) {
		if err != nil {
			f.Errors.show(err)
			f.Submit.Enable()
			return
		}
		f.created = res
		f.w.changed()
		setNote(f.Result, fmt.Sprintf("Credit memo %s created in Magento: %s refunded offline.", res.Memo.IncrementID,
			app.FormatAmount(res.Memo.GrandTotal, res.Memo.OrderCurrency)))
		f.OpenMemo.Show()
	})
}
