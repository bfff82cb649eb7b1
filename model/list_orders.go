package model

import (
	"context"
	"database/sql"
)

// OrderRow is one line of the orders list.
type OrderRow struct {
	ID, ChannelID, MagentoID int64
	IncrementID              string
	CreatedAt, UpdatedAt     string
	CustomerID               int64
	IsGuest                  bool
	CustomerName, Email      string
	State, Status            string
	GrandTotal               Money
	BaseGrandTotal           Money
	TotalRefunded            Money
	Currency, BaseCurrency   string
	ItemsCount               int64
	StoreID                  int64
	QuoteID                  int64
	RemovedInMagento         bool
}

func orderSpec() *listSpec {
	return &listSpec{
		alias:   "t",
		from:    "orders t",
		created: "t.created_at",
		fts:     "orders_fts",
		email:   "t.email_lc",
		website: "t.store_id IN (SELECT sv.magento_id FROM store_views sv WHERE sv.channel_id = t.channel_id AND sv.website_id = ?)",
		guest:   "+t.customer_id = 0",
		status: func(st string) (string, []any, error) {
			if st == "removed" {
				return "t.removed_in_magento = 1", nil, nil
			}
			return "t.status = ?", []any{st}, nil
		},
		sorts: map[string]string{
			"created_at": "t.created_at", "updated_at": "t.updated_at", "increment_id": "t.increment_id",
			"grand_total": "t.base_grand_total_units", "email": "t.email_lc",
			"customer": "t.customer_lastname COLLATE NOCASE, t.customer_firstname COLLATE NOCASE",
			"status":   "t.status", "refunded": "t.base_total_refunded_units", "items": "t.total_item_count",
			"id": "t.magento_id",
		},
		sortDef: "created_at", descDef: true,
	}
}

const orderRowSelect = `t.id, t.channel_id, t.magento_id, t.increment_id, t.created_at, t.updated_at, t.customer_id,
	t.customer_id = 0, t.customer_firstname, t.customer_lastname, t.customer_email, t.state, t.status,
	t.grand_total, t.grand_total_units, t.base_grand_total, t.base_grand_total_units, t.total_refunded,
	t.total_refunded_units, t.order_currency, t.base_currency, t.total_item_count, t.store_id, t.quote_id,
	t.removed_in_magento`

func scanOrderRow(rows *sql.Rows) (OrderRow, error) {
	var r OrderRow
	var first, last string
	err := rows.Scan(&r.ID, &r.ChannelID, &r.MagentoID, &r.IncrementID, &r.CreatedAt, &r.UpdatedAt, &r.CustomerID,
		&r.IsGuest, &first, &last, &r.Email, &r.State, &r.Status, &r.GrandTotal.Text, &r.GrandTotal.Units,
		&r.BaseGrandTotal.Text, &r.BaseGrandTotal.Units, &r.TotalRefunded.Text, &r.TotalRefunded.Units,
		&r.Currency, &r.BaseCurrency, &r.ItemsCount, &r.StoreID, &r.QuoteID, &r.RemovedInMagento)
	r.CustomerName = fullName(first, last)
	return r, err
}

func (s *Store) listOrders(ctx context.Context, sp *listSpec, q ListQuery) ([]OrderRow, error) {
	var out []OrderRow
	err := s.list(ctx, "orders", sp, orderRowSelect, q, func(rows *sql.Rows) error {
		r, err := scanOrderRow(rows)
		out = append(out, r)
		return err
	})
	return out, err
}

// ListOrders returns one page of orders. Search matches increment id
// (with or without leading zeros), email, customer and address names and
// SKUs. Status: Magento's status code, or "removed". Sort keys: created_at
// (default, newest first), updated_at, increment_id, grand_total, email,
// customer, status, refunded, items, id.
func (s *Store) ListOrders(ctx context.Context, q ListQuery) ([]OrderRow, error) {
	return s.listOrders(ctx, orderSpec(), q)
}

// CountOrders counts the orders ListOrders would page through.
func (s *Store) CountOrders(ctx context.Context, q ListQuery) (int, error) {
	return s.count(ctx, "orders", orderSpec(), q)
}

// IterateOrders streams every order matching q (id order, with children).
func (s *Store) IterateOrders(ctx context.Context, q ListQuery, fn func(Order) error) error {
	return iterate(ctx, orderSpec(), q, func(tail string, args []any) ([]Order, error) {
		return s.loadOrders(ctx, tail, args, false)
	}, func(o *Order) int64 { return o.ID }, fn)
}

// OrdersOfCustomer lists a customer's orders (by local id), newest first.
func (s *Store) OrdersOfCustomer(ctx context.Context, customerID int64) ([]OrderRow, error) {
	ch, mid, err := s.customerKey(ctx, customerID)
	if err != nil {
		return nil, err
	}
	sp := orderSpec()
	sp.smallSet = true
	sp.extra, sp.extraArgs = "t.customer_id = ?", []any{mid}
	return s.listOrders(ctx, sp, ListQuery{ChannelID: ch, Limit: maxLimit})
}

// OrdersOfGuest lists the guest orders grouped in a guest customer (by
// its local id), newest first.
func (s *Store) OrdersOfGuest(ctx context.Context, guestID int64) ([]OrderRow, error) {
	var ch int64
	var email string
	if err := s.r.QueryRowContext(ctx, `SELECT channel_id, email_lc FROM guest_customers WHERE id = ?`, guestID).Scan(&ch, &email); err != nil {
		if isNoRows(err) {
			return nil, ErrNotFound
		}
		return nil, err
	}
	sp := orderSpec()
	sp.smallSet = true
	sp.extra, sp.extraArgs = "t.email_lc = ? AND +t.customer_id = 0", []any{email}
	return s.listOrders(ctx, sp, ListQuery{ChannelID: ch, Limit: maxLimit})
}

// customerKey maps a customer's local id to (channel, Magento id).
func (s *Store) customerKey(ctx context.Context, customerID int64) (int64, int64, error) {
	var ch, mid int64
	err := s.r.QueryRowContext(ctx, `SELECT channel_id, magento_id FROM customers WHERE id = ?`, customerID).Scan(&ch, &mid)
	if isNoRows(err) {
		return 0, 0, ErrNotFound
	}
	return ch, mid, err
}
