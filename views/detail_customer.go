package views

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/model"
)

// OpenCustomer shows a customer: profile, addresses, newsletter state, the
// figures (lifetime value net of refunds, orders, average order value,
// first and last order) and tabs Orders, Shopping Carts, Credit Memos and
// Purchased products.
func (d *DetailWindows) OpenCustomer(id int64) {
	d.show(fmt.Sprintf("customer:%d", id),
		func(ctx context.Context) (any, error) { return d.browse.CustomerDetail(ctx, id) },
		func(dw *detailWindow, rec any) fyne.CanvasObject {
			return d.buildCustomer(dw, rec.(app.CustomerDetail))
		})
}

func (d *DetailWindows) buildCustomer(dw *detailWindow, cd app.CustomerDetail) fyne.CanvasObject {
	c := cd.Customer
	name := fullName(c.Prefix, c.Firstname, c.Middlename, c.Lastname, c.Suffix)
	if c.RemovedInMagento {
		name = fmt.Sprintf("Customer %d (removed in Magento)", c.MagentoID)
	}
	dw.title = name

	profile := dw.form(
		"Name", name,
		"Email", c.Email,
		"Website", cd.WebsiteName,
		"Customer group", cd.GroupName,
		"Created in", c.CreatedIn,
		"Customer since", cd.Time(c.CreatedAt),
		"Date of birth", c.DOB,
		"Gender", genderTitle(c.Gender),
		"Tax/VAT", c.Taxvat,
		"Magento id", fmt.Sprint(c.MagentoID),
	)
	news := "Not subscribed"
	if cd.Subscriber != nil {
		news = subscriberStatusTitle(cd.Subscriber.Status)
		if cd.Subscriber.ChangeStatusAt != "" {
			news += " since " + cd.Time(cd.Subscriber.ChangeStatusAt)
		}
	} else if c.IsSubscribed != nil && *c.IsSubscribed {
		news = "Subscribed"
	}
	if cd.Subscriber != nil {
		sid := cd.Subscriber.ID
		dw.linkItem(profile, "Newsletter", news, func() { d.OpenSubscriber(sid) })
	} else {
		dw.linkItem(profile, "Newsletter", news, nil)
	}

	fig := cd.Figures
	aov := ""
	if fig.OrderCount > 0 {
		aov = app.FormatMoney(fig.AverageUnits, fig.Currency)
	}
	figures := dw.form(
		"Lifetime value", app.FormatMoney(fig.LifetimeUnits, fig.Currency),
		"Orders", formatCount(fig.OrderCount),
		"Average order value", aov,
		"First order", cd.Time(fig.FirstOrderAt),
		"Last order", cd.Time(fig.LastOrderAt),
	)

	var addrBlocks []fyne.CanvasObject
	for i, a := range c.Addresses {
		title := fmt.Sprintf("Address %d", i+1)
		switch {
		case a.DefaultBilling && a.DefaultShipping:
			title = "Default billing & shipping address"
		case a.DefaultBilling:
			title = "Default billing address"
		case a.DefaultShipping:
			title = "Default shipping address"
		}
		text := addressText(fullName(a.Prefix, a.Firstname, a.Middlename, a.Lastname, a.Suffix), a.Company, a.Street,
			a.City, a.Region, a.Postcode, a.CountryID, a.Telephone)
		dw.fields[title] = text
		addrBlocks = append(addrBlocks, section(title, selectableLabel(text)))
	}
	if len(addrBlocks) == 0 {
		addrBlocks = append(addrBlocks, section("Addresses", selectableLabel("—")))
	}

	overview := container.NewVScroll(container.NewVBox(
		container.NewGridWithColumns(2, section("Profile", profile), section("Sales figures (net of refunds)", figures)),
		container.NewGridWithColumns(2, addrBlocks...),
	))

	orders := cd.Orders
	var orderRows [][]string
	for _, o := range orders {
		orderRows = append(orderRows, []string{o.Number, cd.Time(o.CreatedAt), titleCase(o.Status),
			cd.Money(o.GrandTotal, o.Currency), cd.Money(o.Refunded, o.Currency), fmt.Sprint(o.Items)})
	}
	orderTable := smallTable([]string{"Order #", "Date", "Status", "Grand total", "Refunded", "Items"},
		[]float32{120, 150, 110, 120, 110, 60}, orderRows, func(i int) { d.OpenOrder(orders[i].ID) })

	carts := cd.Carts
	var cartRows [][]string
	for _, k := range carts {
		status := cartStatusTitle(k.Status)
		if k.Abandoned {
			status += " (abandoned)"
		}
		cartRows = append(cartRows, []string{fmt.Sprint(k.MagentoID), cd.Time(k.UpdatedAt), status,
			app.FormatQty(k.ItemsQty), cd.Money(k.GrandTotal, k.Currency)})
	}
	cartTable := smallTable([]string{"Cart #", "Updated", "Status", "Items qty", "Grand total"},
		[]float32{80, 150, 160, 80, 120}, cartRows, func(i int) { d.OpenCart(carts[i].ID) })

	memos := cd.CreditMemos
	var memoRows [][]string
	for _, m := range memos {
		memoRows = append(memoRows, []string{m.Number, cd.Time(m.CreatedAt), m.OrderNumber,
			creditMemoStateTitle(m.State), cd.Money(m.GrandTotal, m.Currency)})
	}
	memoTable := smallTable([]string{"Credit memo #", "Date", "Order #", "State", "Refunded"},
		[]float32{130, 150, 120, 100, 120}, memoRows, func(i int) { d.OpenCreditMemo(memos[i].ID) })

	var prodRows [][]string
	for _, p := range cd.Products {
		prodRows = append(prodRows, []string{p.SKU, p.Name, app.FormatQty(p.Qty), formatCount(p.Orders), cd.Time(p.LastOrderedAt)})
	}
	prodTable := smallTable([]string{"SKU", "Product", "Qty", "Orders", "Last ordered"},
		[]float32{120, 260, 60, 70, 150}, prodRows, nil)

	dw.tabs = container.NewAppTabs(
		container.NewTabItem("Information", overview),
		container.NewTabItem(fmt.Sprintf("Orders (%d)", len(orderRows)), orderTable),
		container.NewTabItem(fmt.Sprintf("Shopping Carts (%d)", len(cartRows)), cartTable),
		container.NewTabItem(fmt.Sprintf("Credit Memos (%d)", len(memoRows)), memoTable),
		container.NewTabItem(fmt.Sprintf("Purchased products (%d)", len(prodRows)), prodTable),
	)
	subtitle := fmt.Sprintf("%s · %s orders · lifetime %s", orDash(c.Email), formatCount(fig.OrderCount),
		app.FormatMoney(fig.LifetimeUnits, fig.Currency))
	top := header(dw.title, subtitle, buttons(append([]fyne.CanvasObject{
		d.refreshButton(dw, c.ChannelID, model.EntityCustomers, c.MagentoID),
		d.adminButton(c.ChannelID, model.EntityCustomers, c.MagentoID),
	}, d.customerActButtons(dw.win, c)...)...)...)
	return container.NewBorder(top, nil, nil, nil, dw.tabs)
}
