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

// OpenOrder shows an order: numbers, dates, status and state, customer,
// addresses, payment and shipping, items, totals, status history, credit
// memos and the cart it came from.
func (d *DetailWindows) OpenOrder(id int64) {
	d.show(fmt.Sprintf("order:%d", id),
		func(ctx context.Context) (any, error) { return d.browse.OrderDetail(ctx, id) },
		func(dw *detailWindow, rec any) fyne.CanvasObject { return d.buildOrder(dw, rec.(app.OrderDetail)) })
}

func (d *DetailWindows) buildOrder(dw *detailWindow, od app.OrderDetail) fyne.CanvasObject {
	o := od.Order
	cur := o.BaseCurrency
	money := func(m model.Money) string { return od.Money(m, o.OrderCurrency) }
	dw.title = "Order #" + o.IncrementID

	info := dw.form(
		"Order #", o.IncrementID,
		"Created", od.Time(o.CreatedAt),
		"Updated", od.Time(o.UpdatedAt),
		"Status", titleCase(o.Status),
		"State", titleCase(o.State),
		"Store", o.StoreName,
	)
	customer := fullName(o.CustomerFirstname, o.CustomerLastname)
	if o.CustomerIsGuest {
		customer += " (guest)"
	}
	var openCustomer func()
	if od.CustomerLocalID != 0 {
		cid := od.CustomerLocalID
		openCustomer = func() { d.OpenCustomer(cid) }
	}
	dw.linkItem(info, "Customer", strings.TrimSpace(customer), openCustomer)
	info.Append("Email", widget.NewLabel(orDash(o.CustomerEmail)))
	dw.fields["Email"] = o.CustomerEmail
	var openCart func()
	cartText := ""
	if o.QuoteID != 0 {
		cartText = fmt.Sprintf("Cart #%d", o.QuoteID)
	}
	if od.CartLocalID != 0 {
		cid := od.CartLocalID
		openCart = func() { d.OpenCart(cid) }
	} else if cartText != "" {
		cartText += " (not in the local store)"
	}
	dw.linkItem(info, "Shopping cart", cartText, openCart)

	payment := ""
	if o.Payment != nil {
		payment = o.Payment.MethodTitle
		if payment == "" {
			payment = o.Payment.Method
		}
		if o.Payment.CcLast4 != "" {
			payment += " (…" + o.Payment.CcLast4 + ")"
		}
	}
	shipping := o.ShippingDesc
	if shipping == "" {
		shipping = o.ShippingMethod
	}
	methods := dw.form("Payment method", payment, "Shipping method", shipping)

	totals := dw.form(
		"Subtotal", money(o.Subtotal),
		"Shipping", money(o.ShippingAmount),
		"Discount", money(o.DiscountAmount),
		"Tax", money(o.TaxAmount),
		"Grand total", money(o.GrandTotal),
		"Total paid", money(o.TotalPaid),
		"Total invoiced", money(o.TotalInvoiced),
		"Total refunded", money(o.TotalRefunded),
		"Total due", money(o.TotalDue),
	)
	if o.BaseCurrency != "" && o.BaseCurrency != o.OrderCurrency {
		totals.Append("Base grand total", widget.NewLabel(od.Money(o.BaseGrandTotal, cur)))
		dw.fields["Base grand total"] = od.Money(o.BaseGrandTotal, cur)
	}

	addr := func(a *model.OrderAddress) string {
		if a == nil {
			return ""
		}
		return addressText(fullName(a.Firstname, a.Lastname), a.Company, a.Street, a.City, a.Region, a.Postcode, a.CountryID, a.Telephone)
	}
	addresses := container.NewGridWithColumns(2,
		section("Billing address", selectableLabel(orDash(addr(o.BillingAddress)))),
		section("Shipping address", selectableLabel(orDash(addr(o.ShippingAddress)))),
	)
	dw.fields["Billing address"] = addr(o.BillingAddress)
	dw.fields["Shipping address"] = addr(o.ShippingAddress)

	overview := container.NewVScroll(container.NewVBox(
		container.NewGridWithColumns(2, section("Order", info), section("Totals", totals)),
		section("Payment & shipping", methods),
		addresses,
	))

	// Items: parent lines only (child lines of configurables repeat them).
	var itemRows [][]string
	for _, it := range o.Items {
		if it.ParentItemID != 0 {
			continue
		}
		itemRows = append(itemRows, []string{it.SKU, it.Name, app.FormatQty(it.QtyOrdered), app.FormatQty(it.QtyInvoiced),
			app.FormatQty(it.QtyShipped), app.FormatQty(it.QtyRefunded), money(it.Price), money(it.RowTotal)})
	}
	items := smallTable([]string{"SKU", "Product", "Ordered", "Invoiced", "Shipped", "Refunded", "Price", "Row total"},
		[]float32{120, 240, 70, 70, 70, 70, 90, 100}, itemRows, nil)

	var histRows [][]string
	for _, h := range o.StatusHistory {
		histRows = append(histRows, []string{od.Time(h.CreatedAt), titleCase(h.Status), h.Comment, yesNo(h.IsCustomerNotified)})
	}
	history := smallTable([]string{"Date", "Status", "Comment", "Customer notified"}, []float32{140, 120, 420, 130}, histRows, nil)

	memos := od.CreditMemos
	var memoRows [][]string
	for _, m := range memos {
		memoRows = append(memoRows, []string{m.IncrementID, od.Time(m.CreatedAt), creditMemoStateTitle(m.State), od.Money(m.GrandTotal, m.OrderCurrency)})
	}
	memoTable := smallTable([]string{"Credit memo #", "Date", "State", "Refunded"}, []float32{140, 140, 100, 120}, memoRows,
		func(i int) { d.OpenCreditMemo(memos[i].ID) })

	dw.tabs = container.NewAppTabs(
		container.NewTabItem("Information", overview),
		container.NewTabItem(fmt.Sprintf("Items (%d)", len(itemRows)), items),
		container.NewTabItem(fmt.Sprintf("Status history (%d)", len(histRows)), history),
		container.NewTabItem(fmt.Sprintf("Credit Memos (%d)", len(memos)), memoTable),
	)
	subtitle := fmt.Sprintf("%s · %s · %s", titleCase(o.Status), od.Time(o.CreatedAt), money(o.GrandTotal))
	if o.RemovedInMagento {
		subtitle += " · no longer in Magento"
	}
	top := header(dw.title, subtitle, buttons(append([]fyne.CanvasObject{
		d.refreshButton(dw, o.ChannelID, model.EntityOrders, o.MagentoID),
		d.adminButton(o.ChannelID, model.EntityOrders, o.MagentoID),
	}, d.orderActButtons(o)...)...)...)
	return container.NewBorder(top, nil, nil, nil, dw.tabs)
}

// selectableLabel is a wrapped label whose text can be copied.
func selectableLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	l.Selectable = true
	return l
}
