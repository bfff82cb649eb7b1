package views

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/model"
)

// OpenSubscriber shows a newsletter subscriber: email, status, customer
// link and store.
func (d *DetailWindows) OpenSubscriber(id int64) {
	d.show(fmt.Sprintf("subscriber:%d", id),
		func(ctx context.Context) (any, error) { return d.browse.SubscriberDetail(ctx, id) },
		func(dw *detailWindow, rec any) fyne.CanvasObject {
			return d.buildSubscriber(dw, rec.(app.SubscriberDetail))
		})
}

func (d *DetailWindows) buildSubscriber(dw *detailWindow, sd app.SubscriberDetail) fyne.CanvasObject {
	s := sd.Subscriber
	dw.title = "Subscriber " + s.Email
	dw.size = fyne.NewSize(680, 400) // one short form
	source := "Newsletter module"
	if s.Source == model.SubscriberFromCustomer {
		source = "Customer account (is_subscribed)"
	}
	info := dw.form(
		"Email", s.Email,
		"Status", subscriberStatusTitle(s.Status),
		"Store", sd.StoreName,
		"Status changed", sd.Time(s.ChangeStatusAt),
		"Source", source,
	)
	var openCustomer func()
	if sd.CustomerLocalID != 0 {
		cid := sd.CustomerLocalID
		openCustomer = func() { d.OpenCustomer(cid) }
	}
	customer := sd.CustomerName
	if s.CustomerID == 0 {
		customer = "Guest subscriber"
	}
	dw.linkItem(info, "Customer", customer, openCustomer)

	var btns []fyne.CanvasObject
	if s.Source == model.SubscriberFromCustomer && s.CustomerID != 0 {
		// Derived rows come from the customer record: refresh that.
		btns = append(btns, d.refreshButton(dw, s.ChannelID, model.EntityCustomers, s.CustomerID))
	} else {
		btns = append(btns, d.refreshButton(dw, s.ChannelID, model.EntitySubscribers, s.MagentoID))
	}
	btns = append(btns, d.adminButton(s.ChannelID, model.EntitySubscribers, s.MagentoID))
	top := header(dw.title, subscriberStatusTitle(s.Status)+" · "+orDash(sd.StoreName), buttons(btns...)...)
	return container.NewBorder(top, nil, nil, nil, container.NewPadded(info))
}
