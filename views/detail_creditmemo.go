package views

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/model"
)

// OpenCreditMemo shows a credit memo: number, its order, state, items,
// totals and adjustments.
func (d *DetailWindows) OpenCreditMemo(id int64) {
	d.show(fmt.Sprintf("creditmemo:%d", id),
		func(ctx context.Context) (any, error) { return d.browse.CreditMemoDetail(ctx, id) },
		func(dw *detailWindow, rec any) fyne.CanvasObject {
			return d.buildCreditMemo(dw, rec.(app.CreditMemoDetail))
		})
}

func (d *DetailWindows) buildCreditMemo(dw *detailWindow, cd app.CreditMemoDetail) fyne.CanvasObject {
	m := cd.Memo
	money := func(v model.Money) string { return cd.Money(v, m.OrderCurrency) }
	dw.title = "Credit memo #" + m.IncrementID

	info := dw.form(
		"Credit memo #", m.IncrementID,
		"State", creditMemoStateTitle(m.State),
		"Created", cd.Time(m.CreatedAt),
		"Updated", cd.Time(m.UpdatedAt),
		"Store", cd.StoreName,
	)
	var openOrder func()
	if cd.OrderLocalID != 0 {
		oid := cd.OrderLocalID
		openOrder = func() { d.OpenOrder(oid) }
	}
	orderText := ""
	if cd.OrderNumber != "" {
		orderText = "Order #" + cd.OrderNumber
	} else if m.OrderID != 0 {
		orderText = fmt.Sprintf("Magento order id %d (not stored)", m.OrderID)
	}
	dw.linkItem(info, "Order", orderText, openOrder)
	var openCustomer func()
	if cd.CustomerLocalID != 0 {
		cid := cd.CustomerLocalID
		openCustomer = func() { d.OpenCustomer(cid) }
	}
	dw.linkItem(info, "Customer", cd.CustomerName, openCustomer)

	totals := dw.form(
		"Subtotal", money(m.Subtotal),
		"Shipping", money(m.ShippingAmount),
		"Discount", money(m.DiscountAmount),
		"Tax", money(m.TaxAmount),
		"Adjustment refund", money(m.AdjustmentPositive),
		"Adjustment fee", money(m.AdjustmentNegative),
		"Grand total", money(m.GrandTotal),
		"Base grand total", cd.Money(m.BaseGrandTotal, m.BaseCurrency),
	)

	var rows [][]string
	for _, it := range m.Items {
		rows = append(rows, []string{it.SKU, it.Name, app.FormatQty(it.Qty), money(it.Price), money(it.RowTotal), money(it.TaxAmount)})
	}
	items := smallTable([]string{"SKU", "Product", "Qty", "Price", "Row total", "Tax"}, []float32{140, 280, 60, 100, 100, 90}, rows, nil)

	body := []fyne.CanvasObject{container.NewGridWithColumns(2, section("Credit memo", info), section("Totals", totals))}
	if len(m.Comments) > 0 {
		body = append(body, section("Comments", selectableLabel(strings.Join(m.Comments, "\n"))))
	}
	dw.tabs = container.NewAppTabs(
		container.NewTabItem("Information", container.NewVScroll(container.NewVBox(body...))),
		container.NewTabItem(fmt.Sprintf("Items (%d)", len(rows)), items),
	)
	top := header(dw.title, fmt.Sprintf("%s · %s · %s", creditMemoStateTitle(m.State), orDash(orderText), money(m.GrandTotal)), buttons(
		d.refreshButton(dw, m.ChannelID, model.EntityCreditMemos, m.MagentoID),
		d.adminButton(m.ChannelID, model.EntityCreditMemos, m.MagentoID),
	)...)
	return container.NewBorder(top, nil, nil, nil, dw.tabs)
}
