package views

import (
	"fmt"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/model"
)

// NewSubscribersPage lists newsletter subscribers: email, status, customer,
// store, changed (shared contract with the shell).
func NewSubscribersPage(b *app.Browse, nav Navigator) Page { return newSubscribersPage(b, nav) }

func newSubscribersPage(b *app.Browse, nav Navigator) *listPage[app.SubscriberRow] {
	zone := newZoneCache(b)
	return newListPage(b, listSpec[app.SubscriberRow]{
		singular: "subscriber", plural: "subscribers", exportName: "subscribers",
		searchHint: "Email or customer name",
		columns: []Column[app.SubscriberRow]{
			{Key: app.SortEmail, Title: "Email", Width: 260, Render: func(r app.SubscriberRow) string { return r.Email }},
			{Key: app.SortStatus, Title: "Status", Width: 120, Render: func(r app.SubscriberRow) string { return subscriberStatusTitle(r.Status) }},
			{Title: "Customer", Width: 200, Render: func(r app.SubscriberRow) string {
				if r.Customer == "" {
					return "Guest"
				}
				return r.Customer
			}},
			{Title: "Store", Width: 160, Render: func(r app.SubscriberRow) string { return r.Store }},
			{Key: app.SortChanged, Title: "Changed", Width: 140, Render: func(r app.SubscriberRow) string { return zone.time(r.ChannelID, r.ChangedAt) }},
		},
		defaultSort: app.SortChanged, defaultDesc: true,
		statuses: []option{{"All statuses", ""}, {"Subscribed", fmt.Sprint(model.SubscriberSubscribed)},
			{"Not activated", fmt.Sprint(model.SubscriberNotActive)}, {"Unsubscribed", fmt.Sprint(model.SubscriberUnsubscribe)},
			{"Unconfirmed", fmt.Sprint(model.SubscriberUnconfirmed)}},
		websites: true, guest: true,
		count:     b.CountSubscribers,
		page:      b.Subscribers,
		export:    b.ExportSubscribersCSV,
		zone:      zone,
		channelOf: func(r app.SubscriberRow) int64 { return r.ChannelID },
		open: func(r app.SubscriberRow) {
			if nav != nil {
				nav.OpenSubscriber(r.ID)
			}
		},
	})
}
