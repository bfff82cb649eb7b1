package app

import (
	"fmt"
	"strings"

	"github.com/magedesk/magedesk/model"
)

// AdminRecordURL is the Magento admin page of one record, given the admin
// base URL ("https://shop.example.com/admin"); "" when the base is unknown
// or the record has no admin page of its own. A shopping cart (quote) has
// none: its customer's page shows it, so customerMagentoID is used for carts.
func AdminRecordURL(adminBase, entity string, magentoID int64) string {
	base := strings.TrimRight(strings.TrimSpace(adminBase), "/")
	if base == "" || magentoID <= 0 {
		return ""
	}
	switch entity {
	case model.EntityCustomers:
		return fmt.Sprintf("%s/customer/index/edit/id/%d/", base, magentoID)
	case model.EntityOrders:
		return fmt.Sprintf("%s/sales/order/view/order_id/%d/", base, magentoID)
	case model.EntityCreditMemos:
		return fmt.Sprintf("%s/sales/creditmemo/view/creditmemo_id/%d/", base, magentoID)
	case model.EntitySubscribers:
		// The newsletter grid has no per-row page; open the grid.
		return base + "/newsletter/subscriber/"
	case model.EntityCarts:
		// magentoID is the cart's customer id here (guests' carts have no admin page).
		return fmt.Sprintf("%s/customer/index/edit/id/%d/", base, magentoID)
	}
	return ""
}
