package views

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/model"
)

// OpenCart shows a shopping cart: customer, store, items with prices,
// totals, status, the order it became, and Mark as lost / Reopen.
func (d *DetailWindows) OpenCart(id int64) {
	d.show(fmt.Sprintf("cart:%d", id),
		func(ctx context.Context) (any, error) { return d.browse.CartDetail(ctx, id) },
		func(dw *detailWindow, rec any) fyne.CanvasObject { return d.buildCart(dw, rec.(app.CartDetail)) })
}

func (d *DetailWindows) buildCart(dw *detailWindow, cd app.CartDetail) fyne.CanvasObject {
	c := cd.Cart
	money := func(m model.Money) string { return cd.Money(m, c.QuoteCurrency) }
	dw.title = fmt.Sprintf("Shopping cart #%d", c.MagentoID)

	status := cartStatusTitle(c.Status)
	if c.Abandoned {
		status += " (abandoned)"
	}
	info := dw.form(
		"Cart #", fmt.Sprint(c.MagentoID),
		"Status", status,
		"Status note", c.StatusNote,
		"Store", cd.StoreName,
		"Created", cd.Time(c.CreatedAt),
		"Updated", cd.Time(c.UpdatedAt),
	)
	customer := fullName(c.CustomerFirstname, c.CustomerLastname)
	if c.CustomerIsGuest {
		customer = fullName(customer, "(guest)")
	}
	var openCustomer func()
	if cd.CustomerLocalID != 0 {
		cid := cd.CustomerLocalID
		openCustomer = func() { d.OpenCustomer(cid) }
	}
	dw.linkItem(info, "Customer", customer, openCustomer)
	info.Append("Email", widget.NewLabel(orDash(c.CustomerEmail)))
	dw.fields["Email"] = c.CustomerEmail
	var openOrder func()
	if cd.OrderLocalID != 0 {
		oid := cd.OrderLocalID
		openOrder = func() { d.OpenOrder(oid) }
	}
	orderText := ""
	if cd.OrderNumber != "" {
		orderText = "Order #" + cd.OrderNumber
	}
	dw.linkItem(info, "Purchased", orderText, openOrder)

	totals := dw.form(
		"Items", fmt.Sprintf("%d (qty %s)", c.ItemsCount, app.FormatQty(c.ItemsQty)),
		"Subtotal", money(c.Subtotal),
		"Discount", money(c.DiscountAmount),
		"Shipping", money(c.ShippingAmount),
		"Tax", money(c.TaxAmount),
		"Grand total", money(c.GrandTotal),
		"Base grand total", cd.Money(c.BaseGrandTotal, c.BaseCurrency),
		"Totals as of", cd.Time(c.TotalsUpdatedAt),
	)

	var rows [][]string
	for _, it := range c.Items {
		rows = append(rows, []string{it.SKU, it.Name, app.FormatQty(it.Qty), money(it.Price), rowTotal(it, c.QuoteCurrency)})
	}
	items := smallTable([]string{"SKU", "Product", "Qty", "Price", "Row total"}, []float32{140, 300, 70, 100, 110}, rows, nil)

	var lostBtn *widget.Button
	switch c.Status {
	case model.CartOpen, model.CartExpired:
		lostBtn = widget.NewButtonWithIcon("Mark as lost", theme.CancelIcon(), func() { d.setCartLost(dw, c.ID, true) })
	case model.CartLost:
		lostBtn = widget.NewButtonWithIcon("Reopen", theme.MailReplyIcon(), func() { d.setCartLost(dw, c.ID, false) })
	}
	dw.lostButton = lostBtn
	var btns []fyne.CanvasObject
	if lostBtn != nil {
		btns = append(btns, lostBtn)
	}
	btns = append(btns, d.refreshButton(dw, c.ChannelID, model.EntityCarts, c.MagentoID))
	if c.CustomerID != 0 {
		btns = append(btns, d.adminButton(c.ChannelID, model.EntityCarts, c.CustomerID))
	}
	btns = append(btns, d.cartActButtons(c, cd.CustomerLocalID)...)
	top := header(dw.title, fmt.Sprintf("%s · %s · updated %s", status, orDash(c.CustomerEmail), cd.Time(c.UpdatedAt)), buttons(btns...)...)

	overview := container.NewVScroll(container.NewGridWithColumns(2, section("Cart", info), section("Totals", totals)))
	dw.tabs = container.NewAppTabs(
		container.NewTabItem("Information", overview),
		container.NewTabItem(fmt.Sprintf("Items (%d)", len(rows)), items),
	)
	return container.NewBorder(top, nil, nil, nil, dw.tabs)
}

// rowTotal is price × qty for a cart item (Magento's cart item has no row
// total in the REST answer); exact in ten-thousandths.
func rowTotal(it model.CartItem, currency string) string {
	if !it.Price.Valid() {
		return ""
	}
	q, err := model.ParseMoney(it.Qty)
	if err != nil {
		return ""
	}
	// price units × qty units / scale, rounded half away from zero.
	p := it.Price.Units * q.Units
	half := int64(model.MoneyScale / 2)
	if p < 0 {
		half = -half
	}
	return app.FormatMoney((p+half)/model.MoneyScale, currency)
}

// setCartLost marks a cart lost or reopens it, then re-reads it.
func (d *DetailWindows) setCartLost(dw *detailWindow, cartID int64, lost bool) {
	if d.actions == nil {
		return
	}
	if dw.lostButton != nil {
		dw.lostButton.Disable()
	}
	d.loads.Add(1)
	go func() {
		defer d.loads.Done()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		err := d.actions.SetCartLost(ctx, cartID, lost)
		runOnUI(func() {
			if err != nil {
				if dw.lostButton != nil {
					dw.lostButton.Enable()
				}
				dialog.ShowError(fmt.Errorf("update cart: %w", err), dw.win)
				return
			}
			dw.reload()
		})
	}()
}
