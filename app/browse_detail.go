package app

import (
	"time"

	"github.com/magedesk/magedesk/model"
)

// RecordContext is what every detail window needs besides the record: the
// channel (for currency, admin URL, labels) and its time zone.
type RecordContext struct {
	Channel model.Channel
	Loc     *time.Location
}

// Money formats an amount in a currency, blank when Magento sent none.
func (rc RecordContext) Money(m model.Money, currency string) string {
	if currency == "" {
		currency = rc.Channel.BaseCurrency
	}
	return FormatAmount(m, currency)
}

// Time shows a stored UTC time in the channel's zone.
func (rc RecordContext) Time(utc string) string { return FormatTime(utc, rc.Loc) }

// OrderDetail is an order with the local ids of what it links to (0 when
// that record is not stored here).
type OrderDetail struct {
	RecordContext
	Order           model.Order
	CustomerLocalID int64
	CartLocalID     int64
	CreditMemos     []model.CreditMemo // without items
}

// CartDetail is a shopping cart with its links.
type CartDetail struct {
	RecordContext
	Cart            model.Cart
	StoreName       string
	CustomerLocalID int64
	OrderLocalID    int64
	OrderNumber     string
}

// CreditMemoDetail is a credit memo with its order.
type CreditMemoDetail struct {
	RecordContext
	Memo            model.CreditMemo
	OrderLocalID    int64
	OrderNumber     string
	CustomerLocalID int64
	CustomerName    string
	StoreName       string
}

// SubscriberDetail is a newsletter subscriber with its customer.
type SubscriberDetail struct {
	RecordContext
	Subscriber      model.Subscriber
	CustomerLocalID int64
	CustomerName    string
	StoreName       string
}

// CustomerFigures are the figures of a customer's page, from SQL aggregates
// over integer money in the website's base currency.
type CustomerFigures struct {
	Currency      string
	LifetimeUnits int64 // base grand total of non-canceled orders minus refunded credit memos
	OrderCount    int64
	AverageUnits  int64 // lifetime / orders, rounded half away from zero
	FirstOrderAt  string
	LastOrderAt   string
}

// averageUnits divides with integer rounding half away from zero.
func averageUnits(total, n int64) int64 {
	if n == 0 {
		return 0
	}
	q, r := total/n, total%n
	if r < 0 {
		r = -r
	}
	if 2*r >= n {
		if total < 0 {
			q--
		} else {
			q++
		}
	}
	return q
}

// CustomerDetail is a customer's page: profile, addresses, newsletter
// state, figures and related records (bounded lists: one customer's).
type CustomerDetail struct {
	RecordContext
	Customer    model.Customer
	WebsiteName string
	GroupName   string
	Figures     CustomerFigures
	Subscriber  *model.Subscriber // nil: never subscribed
	Orders      []RelatedOrder
	Carts       []RelatedCart
	CreditMemos []RelatedCreditMemo
	Products    []PurchasedProduct
}

// RelatedOrder is one line of a customer's Orders tab.
type RelatedOrder struct {
	ID         int64
	Number     string
	CreatedAt  string
	Status     string
	Currency   string
	GrandTotal model.Money
	Refunded   model.Money
	Items      int64
}

// RelatedCart is one line of a customer's Shopping Carts tab.
type RelatedCart struct {
	ID         int64
	MagentoID  int64
	UpdatedAt  string
	Status     string
	Abandoned  bool
	ItemsQty   string
	Currency   string
	GrandTotal model.Money
}

// RelatedCreditMemo is one line of a Credit Memos tab.
type RelatedCreditMemo struct {
	ID          int64
	Number      string
	CreatedAt   string
	State       int
	OrderNumber string
	Currency    string
	GrandTotal  model.Money
}

// PurchasedProduct is one line of a customer's Purchased products tab.
type PurchasedProduct struct {
	SKU           string
	Name          string
	Qty           string
	Orders        int64
	LastOrderedAt string
}
