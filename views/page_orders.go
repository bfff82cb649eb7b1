package views

import (
	"fyne.io/fyne/v2"

	"github.com/magedesk/magedesk/app"
)

// NewOrdersPage lists orders: number, date, customer, email, status, grand
// total, refunded, items (shared contract with the shell).
func NewOrdersPage(b *app.Browse, nav Navigator) Page { return newOrdersPage(b, nav) }

func newOrdersPage(b *app.Browse, nav Navigator) *listPage[app.OrderRow] {
	zone := newZoneCache(b)
	return newListPage(b, listSpec[app.OrderRow]{
		singular: "order", plural: "orders", exportName: "orders",
		searchHint: "Order #, name, email or SKU",
		columns: []Column[app.OrderRow]{
			{Key: app.SortNumber, Title: "Order #", Width: 110, Render: func(r app.OrderRow) string { return r.Number }},
			{Key: app.SortCreated, Title: "Date", Width: 130, Render: func(r app.OrderRow) string { return zone.time(r.ChannelID, r.CreatedAt) }},
			{Key: app.SortName, Title: "Customer", Width: 160, Render: func(r app.OrderRow) string { return guestName(r.Customer, r.Guest) }},
			{Key: app.SortEmail, Title: "Email", Width: 200, Render: func(r app.OrderRow) string { return r.Email }},
			{Key: app.SortStatus, Title: "Status", Width: 110, Render: func(r app.OrderRow) string { return titleCase(r.Status) }},
			{Key: app.SortTotal, Title: "Grand total", Width: 110, Align: fyne.TextAlignTrailing,
				Render: func(r app.OrderRow) string { return app.FormatAmount(r.GrandTotal, r.Currency) }},
			{Title: "Refunded", Width: 90, Align: fyne.TextAlignTrailing, Render: func(r app.OrderRow) string {
				if r.Refunded.Units == 0 {
					return ""
				}
				return app.FormatAmount(r.Refunded, r.Currency)
			}},
			{Title: "Items", Width: 55, Align: fyne.TextAlignTrailing, Render: func(r app.OrderRow) string { return formatCount(r.Items) }},
		},
		defaultSort: app.SortCreated, defaultDesc: true,
		statuses: []option{{"All statuses", ""}, {"Pending", "pending"}, {"Processing", "processing"}, {"Complete", "complete"},
			{"On hold", "holded"}, {"Canceled", "canceled"}, {"Closed", "closed"}},
		websites: true, dates: true, guest: true,
		count:     b.CountOrders,
		page:      b.Orders,
		export:    b.ExportOrdersCSV,
		zone:      zone,
		channelOf: func(r app.OrderRow) int64 { return r.ChannelID },
		open: func(r app.OrderRow) {
			if nav != nil {
				nav.OpenOrder(r.ID)
			}
		},
	})
}

// guestName marks guests in the customer column.
func guestName(name string, guest bool) string {
	if guest && name == "" {
		return "Guest"
	}
	if guest {
		return fullName(name, "(guest)")
	}
	return name
}
