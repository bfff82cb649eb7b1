package app

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/magedesk/magedesk/model"
)

// CSV export of a list's current filter. Rows stream from the store's
// Iterate* (never all in memory), in id order. Amounts are plain decimals
// with two places ("1234.50") and a currency column, so spreadsheets can
// sum them; times are in the channel's zone.

func csvAmount(m model.Money) string {
	if !m.Valid() {
		return ""
	}
	return model.FixedUnits(m.Units, 2)
}

// csvTimes formats stored UTC times in each channel's zone.
type csvTimes struct {
	b    *Browse
	ctx  context.Context
	locs map[int64]*time.Location
}

func (t *csvTimes) format(channelID int64, utc string) string {
	loc, ok := t.locs[channelID]
	if !ok {
		loc = t.b.Location(t.ctx, channelID)
		t.locs[channelID] = loc
	}
	p, ok := ParseMagentoTime(utc)
	if !ok {
		return utc
	}
	return p.In(loc).Format("2006-01-02 15:04:05")
}

// writeCSV runs iterate with a csv.Writer and a header row.
func (b *Browse) writeCSV(ctx context.Context, w io.Writer, what string, header []string, iterate func(cw *csv.Writer, t *csvTimes) error) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("export %s: %w", what, err)
	}
	t := &csvTimes{b: b, ctx: ctx, locs: map[int64]*time.Location{}}
	if err := iterate(cw, t); err != nil {
		return fmt.Errorf("export %s: %w", what, err)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("export %s: %w", what, err)
	}
	return nil
}

// ExportOrdersCSV writes the orders matching a filter.
func (b *Browse) ExportOrdersCSV(ctx context.Context, f Filter, sort string, desc bool, w io.Writer) error {
	q := b.query(ctx, f, orderSorts, sort, desc, 0, 0)
	return b.writeCSV(ctx, w, "orders", []string{"order_number", "created_at", "status", "state", "customer", "email",
		"guest", "currency", "grand_total", "total_paid", "total_refunded", "items"},
		func(cw *csv.Writer, t *csvTimes) error {
			return b.store.IterateOrders(ctx, q, func(o model.Order) error {
				items := 0
				for _, it := range o.Items {
					if it.ParentItemID == 0 {
						items++
					}
				}
				return cw.Write([]string{o.IncrementID, t.format(o.ChannelID, o.CreatedAt), o.Status, o.State,
					fullName(o.CustomerFirstname, o.CustomerLastname), o.CustomerEmail, strconv.FormatBool(o.CustomerIsGuest),
					o.OrderCurrency, csvAmount(o.GrandTotal), csvAmount(o.TotalPaid), csvAmount(o.TotalRefunded), strconv.Itoa(items)})
			})
		})
}

// ExportCustomersCSV writes the customers matching a filter.
func (b *Browse) ExportCustomersCSV(ctx context.Context, f Filter, sort string, desc bool, w io.Writer) error {
	q := b.query(ctx, f, customerSorts, sort, desc, 0, 0)
	return b.writeCSV(ctx, w, "customers", []string{"magento_id", "firstname", "lastname", "email", "website", "group",
		"created_at", "orders", "lifetime_value", "currency"},
		func(cw *csv.Writer, t *csvTimes) error {
			return b.store.IterateCustomers(ctx, q, func(c model.Customer) error {
				d := b.dicts(ctx, c.ChannelID)
				cur := c.DisplayCurrencyCode
				if cur == "" {
					cur = b.Currency(ctx, c.ChannelID)
				}
				return cw.Write([]string{strconv.FormatInt(c.MagentoID, 10), c.Firstname, c.Lastname, c.Email,
					d.websites[c.WebsiteID], d.groups[c.GroupID], t.format(c.ChannelID, c.CreatedAt),
					strconv.FormatInt(c.OrdersCount, 10), model.FixedUnits(c.LifetimeUnits, 2), cur})
			})
		})
}

// ExportCartsCSV writes the shopping carts matching a filter.
func (b *Browse) ExportCartsCSV(ctx context.Context, f Filter, sort string, desc bool, w io.Writer) error {
	q := b.query(ctx, f, cartSorts, sort, desc, 0, 0)
	return b.writeCSV(ctx, w, "carts", []string{"cart_id", "created_at", "updated_at", "status", "abandoned", "customer",
		"email", "guest", "items_qty", "grand_total", "currency"},
		func(cw *csv.Writer, t *csvTimes) error {
			return b.store.IterateCarts(ctx, q, func(c model.Cart) error {
				return cw.Write([]string{strconv.FormatInt(c.MagentoID, 10), t.format(c.ChannelID, c.CreatedAt),
					t.format(c.ChannelID, c.UpdatedAt), c.Status, strconv.FormatBool(c.Abandoned),
					fullName(c.CustomerFirstname, c.CustomerLastname), c.CustomerEmail, strconv.FormatBool(c.CustomerIsGuest),
					FormatQty(c.ItemsQty), csvAmount(c.GrandTotal), c.QuoteCurrency})
			})
		})
}

// ExportCreditMemosCSV writes the credit memos matching a filter.
func (b *Browse) ExportCreditMemosCSV(ctx context.Context, f Filter, sort string, desc bool, w io.Writer) error {
	q := b.query(ctx, f, creditMemoSorts, sort, desc, 0, 0)
	return b.writeCSV(ctx, w, "credit memos", []string{"credit_memo_number", "created_at", "order_id", "state",
		"grand_total", "adjustment", "currency"},
		func(cw *csv.Writer, t *csvTimes) error {
			return b.store.IterateCreditMemos(ctx, q, func(m model.CreditMemo) error {
				return cw.Write([]string{m.IncrementID, t.format(m.ChannelID, m.CreatedAt), strconv.FormatInt(m.OrderID, 10),
					creditMemoStateName(m.State), csvAmount(m.GrandTotal), csvAmount(m.Adjustment), m.OrderCurrency})
			})
		})
}

// ExportSubscribersCSV writes the newsletter subscribers matching a filter.
func (b *Browse) ExportSubscribersCSV(ctx context.Context, f Filter, sort string, desc bool, w io.Writer) error {
	q := b.query(ctx, f, subscriberSorts, sort, desc, 0, 0)
	return b.writeCSV(ctx, w, "subscribers", []string{"email", "status", "customer_id", "store", "changed_at"},
		func(cw *csv.Writer, t *csvTimes) error {
			return b.store.IterateSubscribers(ctx, q, func(s model.Subscriber) error {
				return cw.Write([]string{s.Email, subscriberStatusName(s.Status), strconv.FormatInt(s.CustomerID, 10),
					b.dicts(ctx, s.ChannelID).stores[s.StoreID], t.format(s.ChannelID, s.ChangeStatusAt)})
			})
		})
}

func creditMemoStateName(s int) string {
	switch s {
	case model.CreditMemoOpen:
		return "open"
	case model.CreditMemoRefunded:
		return "refunded"
	case model.CreditMemoCanceled:
		return "canceled"
	}
	return strconv.Itoa(s)
}

func subscriberStatusName(s int) string {
	switch s {
	case model.SubscriberSubscribed:
		return "subscribed"
	case model.SubscriberNotActive:
		return "not_active"
	case model.SubscriberUnsubscribe:
		return "unsubscribed"
	case model.SubscriberUnconfirmed:
		return "unconfirmed"
	}
	return strconv.Itoa(s)
}
