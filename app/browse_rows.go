package app

import "github.com/magedesk/magedesk/model"

// Row types of the lists: what one table row shows, already joined (names
// of websites and groups, order numbers). Times stay stored UTC strings;
// the views format them in the channel's zone.

// CustomerRow is one row of the Customers list.
type CustomerRow struct {
	ID            int64
	ChannelID     int64
	MagentoID     int64
	Name          string
	Email         string
	Website       string
	Group         string
	CreatedAt     string
	Orders        int64
	LifetimeUnits int64
	Currency      string
	Removed       bool
}

// CartRow is one row of the Shopping Carts list.
type CartRow struct {
	ID         int64
	ChannelID  int64
	MagentoID  int64
	UpdatedAt  string
	Customer   string
	Email      string
	Guest      bool
	ItemsQty   string
	GrandTotal model.Money
	Currency   string
	Status     string
	Abandoned  bool
}

// OrderRow is one row of the Orders list.
type OrderRow struct {
	ID         int64
	ChannelID  int64
	MagentoID  int64
	Number     string
	CreatedAt  string
	Customer   string
	Email      string
	Guest      bool
	Status     string
	GrandTotal model.Money
	Refunded   model.Money
	Currency   string
	Items      int64
}

// CreditMemoRow is one row of the Credit Memos list.
type CreditMemoRow struct {
	ID          int64
	ChannelID   int64
	MagentoID   int64
	Number      string
	CreatedAt   string
	OrderNumber string
	Customer    string
	State       int
	GrandTotal  model.Money
	Currency    string
}

// SubscriberRow is one row of the Newsletter Subscribers list.
type SubscriberRow struct {
	ID        int64
	ChannelID int64
	MagentoID int64
	Email     string
	Status    int
	Customer  string
	Store     string
	ChangedAt string
}

// Sort keys the lists offer (column keys of the views). Browse maps them
// onto the store's sort whitelist.
const (
	SortName      = "name"
	SortEmail     = "email"
	SortCreated   = "created_at"
	SortUpdated   = "updated_at"
	SortNumber    = "number"
	SortTotal     = "grand_total"
	SortStatus    = "status"
	SortOrders    = "orders"
	SortLifetime  = "lifetime"
	SortChanged   = "changed_at"
	SortMagentoID = "magento_id"
)

// Status filter values the lists offer.
const (
	CartFilterAbandoned = "abandoned" // open and idle past the channel's threshold
)
