package views

import (
	"fyne.io/fyne/v2"

	"github.com/magedesk/magedesk/app"
)

// NewCustomersPage lists customers: name, email, website, group, created,
// orders, lifetime value (shared contract with the shell).
func NewCustomersPage(b *app.Browse, nav Navigator) Page { return newCustomersPage(b, nav) }

func newCustomersPage(b *app.Browse, nav Navigator) *listPage[app.CustomerRow] {
	zone := newZoneCache(b)
	return newListPage(b, listSpec[app.CustomerRow]{
		singular: "customer", plural: "customers", exportName: "customers",
		searchHint: "Name or email",
		columns: []Column[app.CustomerRow]{
			{Key: app.SortName, Title: "Name", Width: 190, Render: func(r app.CustomerRow) string {
				if r.Removed {
					return "(removed in Magento)"
				}
				return r.Name
			}},
			{Key: app.SortEmail, Title: "Email", Width: 240, Render: func(r app.CustomerRow) string { return r.Email }},
			{Title: "Website", Width: 130, Render: func(r app.CustomerRow) string { return r.Website }},
			{Title: "Group", Width: 100, Render: func(r app.CustomerRow) string { return r.Group }},
			{Key: app.SortCreated, Title: "Created", Width: 140, Render: func(r app.CustomerRow) string { return zone.time(r.ChannelID, r.CreatedAt) }},
			{Key: app.SortOrders, Title: "Orders", Width: 70, Align: fyne.TextAlignTrailing, Render: func(r app.CustomerRow) string { return formatCount(r.Orders) }},
			{Key: app.SortLifetime, Title: "Lifetime value", Width: 120, Align: fyne.TextAlignTrailing,
				Render: func(r app.CustomerRow) string { return app.FormatMoney(r.LifetimeUnits, r.Currency) }},
		},
		defaultSort: app.SortCreated, defaultDesc: true,
		websites: true, dates: true,
		count:     b.CountCustomers,
		page:      b.Customers,
		export:    b.ExportCustomersCSV,
		zone:      zone,
		channelOf: func(r app.CustomerRow) int64 { return r.ChannelID },
		open: func(r app.CustomerRow) {
			if nav != nil {
				nav.OpenCustomer(r.ID)
			}
		},
	})
}
