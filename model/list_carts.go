package model

import (
	"context"
	"database/sql"
	"fmt"
)

// CartRow is one line of the carts list.
type CartRow struct {
	ID, ChannelID, MagentoID int64
	CreatedAt, UpdatedAt     string
	CustomerID               int64
	IsGuest                  bool
	CustomerName, Email      string
	ItemsCount               int64
	ItemsQty                 string
	GrandTotal               Money // Magento /totals grand_total (excludes tax)
	BaseGrandTotal           Money // includes tax
	Currency, BaseCurrency   string
	IsActive                 bool
	Status, StatusNote       string
	OrderMagentoID           int64
	Abandoned                bool
	RemovedInMagento         bool
}

// cartJoin brings the channel's AbandonAfter into cart queries.
const cartJoin = "JOIN channels ch ON ch.id = t.channel_id"

// DefaultAbandonAfter applies when a channel has no AbandonAfter (minutes).
const DefaultAbandonAfter = 60

// abandonedExpr is the derived "abandoned" flag (one ? = now, UTC text):
// Open, has items, has an email or customer, idle longer than the
// channel's AbandonAfter minutes.
func abandonedExpr(a string) string {
	return "(" + a + ".status = 'open' AND " + a + ".items_count > 0 AND (" + a + ".email_lc <> '' OR " + a +
		".customer_id <> 0) AND " + a + ".updated_at < datetime(?, '-' || CASE WHEN ch.abandon_after > 0 THEN ch.abandon_after ELSE " +
		fmt.Sprint(DefaultAbandonAfter) + " END || ' minutes'))"
}

func (s *Store) cartArgs(rest ...any) []any { return append([]any{s.nowText()}, rest...) }

func (s *Store) cartSpec() *listSpec {
	now := s.nowText()
	return &listSpec{
		alias:   "t",
		from:    "carts t " + cartJoin,
		created: "t.created_at",
		fts:     "carts_fts",
		email:   "t.email_lc",
		website: "t.store_id IN (SELECT sv.magento_id FROM store_views sv WHERE sv.channel_id = t.channel_id AND sv.website_id = ?)",
		guest:   "+t.customer_id = 0",
		status: func(st string) (string, []any, error) {
			switch st {
			case "abandoned":
				return abandonedExpr("t"), []any{now}, nil
			case CartOpen, CartLost, CartExpired, CartPurchased:
				return "t.status = ?", []any{st}, nil
			case "removed":
				return "t.removed_in_magento = 1", nil, nil
			}
			return "", nil, fmt.Errorf("unknown cart status %q", st)
		},
		sorts: map[string]string{
			"created_at": "t.created_at", "updated_at": "t.updated_at", "grand_total": "t.base_grand_total_units",
			"email": "t.email_lc", "customer": "t.customer_lastname COLLATE NOCASE, t.customer_firstname COLLATE NOCASE",
			"status": "t.status", "items": "t.items_count", "id": "t.magento_id",
		},
		sortDef: "updated_at", descDef: true,
		selectArgs: []any{now},
	}
}

const cartRowSelect = `t.id, t.channel_id, t.magento_id, t.created_at, t.updated_at, t.customer_id, t.customer_id = 0,
	t.customer_firstname, t.customer_lastname, t.customer_email, t.items_count, t.items_qty, t.grand_total,
	t.grand_total_units, t.base_grand_total, t.base_grand_total_units, t.quote_currency, t.base_currency,
	t.is_active, t.status, t.status_note, t.order_magento_id, `

func scanCartRow(rows *sql.Rows) (CartRow, error) {
	var r CartRow
	var first, last string
	err := rows.Scan(&r.ID, &r.ChannelID, &r.MagentoID, &r.CreatedAt, &r.UpdatedAt, &r.CustomerID, &r.IsGuest,
		&first, &last, &r.Email, &r.ItemsCount, &r.ItemsQty, &r.GrandTotal.Text, &r.GrandTotal.Units,
		&r.BaseGrandTotal.Text, &r.BaseGrandTotal.Units, &r.Currency, &r.BaseCurrency, &r.IsActive, &r.Status,
		&r.StatusNote, &r.OrderMagentoID, &r.Abandoned, &r.RemovedInMagento)
	r.CustomerName = fullName(first, last)
	return r, err
}

// ListCarts returns one page of carts. Status: open, lost, expired,
// purchased, abandoned (derived), removed. Sort keys: created_at,
// updated_at (default, newest first), grand_total, email, customer,
// status, items, id.
func (s *Store) ListCarts(ctx context.Context, q ListQuery) ([]CartRow, error) {
	return s.listCarts(ctx, s.cartSpecFor(q), q)
}

// cartSpecFor pins a status filter to the (channel, status, updated_at)
// index: without statistics SQLite would rather walk every cart by
// updated_at to save a sort, which is slow when few carts have the status.
func (s *Store) cartSpecFor(q ListQuery) *listSpec {
	sp := s.cartSpec()
	switch q.Status {
	case CartOpen, CartLost, CartExpired, CartPurchased, "abandoned":
		if q.ChannelID != 0 {
			sp.from = "carts t INDEXED BY carts_status " + cartJoin
		}
	}
	return sp
}

func (s *Store) listCarts(ctx context.Context, sp *listSpec, q ListQuery) ([]CartRow, error) {
	var out []CartRow
	err := s.list(ctx, "carts", sp, cartRowSelect+abandonedExpr("t")+", t.removed_in_magento", q, func(rows *sql.Rows) error {
		r, err := scanCartRow(rows)
		out = append(out, r)
		return err
	})
	return out, err
}

// CountCarts counts the carts ListCarts would page through.
func (s *Store) CountCarts(ctx context.Context, q ListQuery) (int, error) {
	return s.count(ctx, "carts", s.cartSpecFor(q), q)
}

// IterateCarts streams every cart matching q (in id order, with items) to
// fn without holding them all in memory.
func (s *Store) IterateCarts(ctx context.Context, q ListQuery, fn func(Cart) error) error {
	return iterate(ctx, s.cartSpec(), q, func(tail string, args []any) ([]Cart, error) {
		return s.loadCarts(ctx, cartJoin+" "+tail, s.cartArgs(args...), false)
	}, func(c *Cart) int64 { return c.ID }, fn)
}

// CartsOfCustomer lists a customer's carts (by the customer's local id),
// newest first.
func (s *Store) CartsOfCustomer(ctx context.Context, customerID int64) ([]CartRow, error) {
	ch, mid, err := s.customerKey(ctx, customerID)
	if err != nil {
		return nil, err
	}
	sp := s.cartSpec()
	sp.smallSet = true
	sp.extra, sp.extraArgs = "t.customer_id = ?", []any{mid}
	return s.listCarts(ctx, sp, ListQuery{ChannelID: ch, Limit: maxLimit})
}
