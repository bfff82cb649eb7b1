package model

import (
	"context"
	"database/sql"
	"fmt"
)

// CustomerRow is one line of the customers list.
type CustomerRow struct {
	ID, ChannelID, MagentoID int64
	Name, Email              string
	WebsiteID, GroupID       int64
	CreatedAt, UpdatedAt     string
	OrdersCount              int64
	LifetimeUnits            int64 // base currency, net of refunds
	Currency                 string
	FirstOrderAt             string
	LastOrderAt              string
	IsSubscribed             *bool
	RemovedInMagento         bool
}

func customerSpec() *listSpec {
	return &listSpec{
		alias:   "t",
		from:    "customers t",
		created: "t.created_at",
		fts:     "customers_fts",
		email:   "t.email_lc",
		website: "t.website_id = ?",
		status: func(st string) (string, []any, error) {
			switch st {
			case "removed":
				return "t.removed_in_magento = 1", nil, nil
			case "active":
				return "t.removed_in_magento = 0", nil, nil
			case "subscribed":
				return "t.is_subscribed = 1", nil, nil
			case "buyers":
				return "t.orders_count > 0", nil, nil
			}
			return "", nil, fmt.Errorf("unknown customer status %q", st)
		},
		sorts: map[string]string{
			"created_at": "t.created_at", "updated_at": "t.updated_at", "email": "t.email_lc",
			"name": "t.lastname COLLATE NOCASE, t.firstname COLLATE NOCASE", "lifetime": "t.lifetime_units",
			"orders": "t.orders_count", "last_order": "t.last_order_at", "id": "t.magento_id",
		},
		sortDef: "created_at", descDef: true,
	}
}

const customerRowSelect = `t.id, t.channel_id, t.magento_id, t.firstname, t.lastname, t.email, t.website_id, t.group_id,
	t.created_at, t.updated_at, t.orders_count, t.lifetime_units, t.lifetime_currency, t.first_order_at,
	t.last_order_at, t.is_subscribed, t.removed_in_magento`

// ListCustomers returns one page of customers. Search: names, email,
// taxvat. Status: active, removed, subscribed, buyers. Sort keys:
// created_at (default, newest first), updated_at, email, name, lifetime,
// orders, last_order, id.
func (s *Store) ListCustomers(ctx context.Context, q ListQuery) ([]CustomerRow, error) {
	var out []CustomerRow
	err := s.list(ctx, "customers", customerSpec(), customerRowSelect, q, func(rows *sql.Rows) error {
		var r CustomerRow
		var first, last string
		err := rows.Scan(&r.ID, &r.ChannelID, &r.MagentoID, &first, &last, &r.Email, &r.WebsiteID, &r.GroupID,
			&r.CreatedAt, &r.UpdatedAt, &r.OrdersCount, &r.LifetimeUnits, &r.Currency, &r.FirstOrderAt,
			&r.LastOrderAt, optBool{&r.IsSubscribed}, &r.RemovedInMagento)
		r.Name = fullName(first, last)
		out = append(out, r)
		return err
	})
	return out, err
}

// CountCustomers counts the customers ListCustomers would page through.
func (s *Store) CountCustomers(ctx context.Context, q ListQuery) (int, error) {
	return s.count(ctx, "customers", customerSpec(), q)
}

// IterateCustomers streams every customer matching q (id order, with
// addresses and derived figures).
func (s *Store) IterateCustomers(ctx context.Context, q ListQuery, fn func(Customer) error) error {
	return iterate(ctx, customerSpec(), q, func(tail string, args []any) ([]Customer, error) {
		return s.loadCustomers(ctx, tail, args, false)
	}, func(c *Customer) int64 { return c.ID }, fn)
}

// CustomerStats are a customer's figures, computed from its orders.
type CustomerStats struct {
	Currency      string // base currency of the orders
	OrdersCount   int64  // orders not canceled
	RevenueUnits  int64  // base grand total of those orders
	RefundedUnits int64  // refunded credit memos of those orders
	LifetimeUnits int64  // RevenueUnits - RefundedUnits
	AOVUnits      int64  // RevenueUnits / OrdersCount (rounded down)
	FirstOrderAt  string
	LastOrderAt   string
}

// CustomerStats computes lifetime value net of refunds, order count,
// average order value and first/last order for a customer (local id).
func (s *Store) CustomerStats(ctx context.Context, customerID int64) (CustomerStats, error) {
	var st CustomerStats
	ch, mid, err := s.customerKey(ctx, customerID)
	if err != nil {
		return st, fmt.Errorf("customer stats %d: %w", customerID, err)
	}
	err = s.r.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(base_grand_total_units), 0),
		coalesce(min(created_at), ''), coalesce(max(created_at), ''), coalesce(max(base_currency), ''),
		coalesce((SELECT sum(cm.base_grand_total_units) FROM orders o2
			CROSS JOIN credit_memos cm ON cm.channel_id = o2.channel_id AND cm.order_id = o2.magento_id
			WHERE o2.channel_id = ?1 AND o2.customer_id = ?2 AND o2.state <> 'canceled' AND cm.state = 2), 0)
		FROM orders WHERE channel_id = ?1 AND customer_id = ?2 AND state <> 'canceled'`, ch, mid).
		Scan(&st.OrdersCount, &st.RevenueUnits, &st.FirstOrderAt, &st.LastOrderAt, &st.Currency, &st.RefundedUnits)
	if err != nil {
		return st, fmt.Errorf("customer stats %d: %w", customerID, err)
	}
	st.LifetimeUnits = st.RevenueUnits - st.RefundedUnits
	if st.OrdersCount > 0 {
		st.AOVUnits = st.RevenueUnits / st.OrdersCount
	}
	return st, nil
}

// PurchasedProduct is one product a customer bought, summed over orders.
type PurchasedProduct struct {
	SKU, Name     string
	Qty           float64 // sum of qty_ordered (quantities are decimals in Magento)
	Orders        int64
	RowTotalUnits int64 // sum of base row totals
	LastOrderedAt string
}

// PurchasedProductsOfCustomer lists what a customer bought (parent lines
// only, canceled orders excluded), most recent first.
func (s *Store) PurchasedProductsOfCustomer(ctx context.Context, customerID int64) ([]PurchasedProduct, error) {
	ch, mid, err := s.customerKey(ctx, customerID)
	if err != nil {
		return nil, fmt.Errorf("purchased products of %d: %w", customerID, err)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT i.sku, max(i.name), sum(CAST(i.qty_ordered AS REAL)), count(DISTINCT o.id),
		sum(i.base_row_total_units), max(o.created_at)
		FROM orders o JOIN order_items i ON i.order_id = o.id
		WHERE o.channel_id = ? AND o.customer_id = ? AND o.state <> 'canceled' AND i.parent_item_id = 0
		GROUP BY i.sku ORDER BY max(o.created_at) DESC, i.sku`, ch, mid)
	if err != nil {
		return nil, fmt.Errorf("purchased products of %d: %w", customerID, err)
	}
	defer rows.Close()
	var out []PurchasedProduct
	for rows.Next() {
		var p PurchasedProduct
		if err := rows.Scan(&p.SKU, &p.Name, &p.Qty, &p.Orders, &p.RowTotalUnits, &p.LastOrderedAt); err != nil {
			return nil, fmt.Errorf("purchased products of %d: %w", customerID, err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
