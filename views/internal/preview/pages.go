package main

import (
	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/views"
)

// previewPages are the list pages by name.
func previewPages(b *app.Browse, nav views.Navigator) map[string]views.Page {
	return map[string]views.Page{
		"customers":   views.NewCustomersPage(b, nav),
		"carts":       views.NewCartsPage(b, nav),
		"orders":      views.NewOrdersPage(b, nav),
		"creditmemos": views.NewCreditMemosPage(b, nav),
		"subscribers": views.NewSubscribersPage(b, nav),
	}
}
