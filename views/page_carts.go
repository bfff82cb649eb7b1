package views

import (
	"fmt"

	"fyne.io/fyne/v2"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/model"
)

// NewCartsPage lists shopping carts: id, updated, customer/email, items
// qty, grand total, status, abandoned (shared contract with the shell).
func NewCartsPage(b *app.Browse, nav Navigator) Page { return newCartsPage(b, nav) }

func newCartsPage(b *app.Browse, nav Navigator) *listPage[app.CartRow] {
	zone := newZoneCache(b)
	return newListPage(b, listSpec[app.CartRow]{
		singular: "cart", plural: "carts", exportName: "carts",
		searchHint: "Cart #, name, email or SKU",
		columns: []Column[app.CartRow]{
			{Key: app.SortMagentoID, Title: "Cart #", Width: 80, Align: fyne.TextAlignTrailing, Render: func(r app.CartRow) string { return fmt.Sprint(r.MagentoID) }},
			{Key: app.SortUpdated, Title: "Updated", Width: 130, Render: func(r app.CartRow) string { return zone.time(r.ChannelID, r.UpdatedAt) }},
			{Key: app.SortName, Title: "Customer", Width: 160, Render: func(r app.CartRow) string { return guestName(r.Customer, r.Guest) }},
			{Key: app.SortEmail, Title: "Email", Width: 200, Render: func(r app.CartRow) string { return r.Email }},
			{Title: "Items qty", Width: 90, Align: fyne.TextAlignTrailing, Render: func(r app.CartRow) string { return app.FormatQty(r.ItemsQty) }},
			{Key: app.SortTotal, Title: "Grand total", Width: 110, Align: fyne.TextAlignTrailing,
				Render: func(r app.CartRow) string { return app.FormatAmount(r.GrandTotal, r.Currency) }},
			{Key: app.SortStatus, Title: "Status", Width: 100, Render: func(r app.CartRow) string { return cartStatusTitle(r.Status) }},
			{Title: "Abandoned", Width: 110, Render: func(r app.CartRow) string {
				if r.Abandoned {
					return "Abandoned"
				}
				return ""
			}},
		},
		defaultSort: app.SortUpdated, defaultDesc: true,
		statuses: []option{{"All statuses", ""}, {"Open", model.CartOpen}, {"Abandoned", app.CartFilterAbandoned},
			{"Lost", model.CartLost}, {"Expired", model.CartExpired}, {"Purchased", model.CartPurchased}},
		websites: true, dates: true, guest: true,
		count:     b.CountCarts,
		page:      b.Carts,
		export:    b.ExportCartsCSV,
		zone:      zone,
		channelOf: func(r app.CartRow) int64 { return r.ChannelID },
		open: func(r app.CartRow) {
			if nav != nil {
				nav.OpenCart(r.ID)
			}
		},
	})
}
