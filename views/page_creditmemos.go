package views

import (
	"fmt"

	"fyne.io/fyne/v2"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/model"
)

// NewCreditMemosPage lists credit memos: number, date, order #, customer,
// state, grand total (shared contract with the shell).
func NewCreditMemosPage(b *app.Browse, nav Navigator) Page { return newCreditMemosPage(b, nav) }

func newCreditMemosPage(b *app.Browse, nav Navigator) *listPage[app.CreditMemoRow] {
	zone := newZoneCache(b)
	return newListPage(b, listSpec[app.CreditMemoRow]{
		singular: "credit memo", plural: "credit memos", exportName: "creditmemos",
		searchHint: "Credit memo #, order # or customer",
		columns: []Column[app.CreditMemoRow]{
			{Key: app.SortNumber, Title: "Credit memo #", Width: 120, Render: func(r app.CreditMemoRow) string { return r.Number }},
			{Key: app.SortCreated, Title: "Date", Width: 140, Render: func(r app.CreditMemoRow) string { return zone.time(r.ChannelID, r.CreatedAt) }},
			{Title: "Order #", Width: 110, Render: func(r app.CreditMemoRow) string { return r.OrderNumber }},
			{Title: "Customer", Width: 200, Render: func(r app.CreditMemoRow) string { return r.Customer }},
			{Key: app.SortStatus, Title: "State", Width: 100, Render: func(r app.CreditMemoRow) string { return creditMemoStateTitle(r.State) }},
			{Key: app.SortTotal, Title: "Grand total", Width: 110, Align: fyne.TextAlignTrailing,
				Render: func(r app.CreditMemoRow) string { return app.FormatAmount(r.GrandTotal, r.Currency) }},
		},
		defaultSort: app.SortCreated, defaultDesc: true,
		statuses: []option{{"All states", ""}, {"Open", fmt.Sprint(model.CreditMemoOpen)},
			{"Refunded", fmt.Sprint(model.CreditMemoRefunded)}, {"Canceled", fmt.Sprint(model.CreditMemoCanceled)}},
		websites: true, dates: true,
		count:     b.CountCreditMemos,
		page:      b.CreditMemos,
		export:    b.ExportCreditMemosCSV,
		zone:      zone,
		channelOf: func(r app.CreditMemoRow) int64 { return r.ChannelID },
		open: func(r app.CreditMemoRow) {
			if nav != nil {
				nav.OpenCreditMemo(r.ID)
			}
		},
	})
}
