package model

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
)

// SubscriberRow is one line of the newsletter subscribers list.
type SubscriberRow struct {
	Subscriber
	CustomerName     string // "" for guests or unknown customers
	RemovedInMagento bool
}

func subscriberSpec() *listSpec {
	return &listSpec{
		alias: "t",
		from: "subscribers t LEFT JOIN customers c ON c.channel_id = t.channel_id AND c.magento_id = t.customer_id " +
			"AND t.customer_id <> 0",
		like:    []string{"t.email", "c.firstname", "c.lastname"},
		website: "t.store_id IN (SELECT sv.magento_id FROM store_views sv WHERE sv.channel_id = t.channel_id AND sv.website_id = ?)",
		guest:   "+t.customer_id = 0",
		status: func(st string) (string, []any, error) {
			names := map[string]int{"subscribed": SubscriberSubscribed, "not_active": SubscriberNotActive,
				"unsubscribed": SubscriberUnsubscribe, "unconfirmed": SubscriberUnconfirmed}
			if st == "removed" {
				return "t.removed_in_magento = 1", nil, nil
			}
			if v, ok := names[st]; ok {
				return "t.status = ?", []any{v}, nil
			}
			if v, err := strconv.Atoi(st); err == nil {
				return "t.status = ?", []any{v}, nil
			}
			return "", nil, fmt.Errorf("unknown subscriber status %q", st)
		},
		sorts: map[string]string{
			"email": "t.email_lc", "status": "t.status", "change_status_at": "t.change_status_at", "id": "t.magento_id",
		},
		sortDef: "email",
	}
}

const subscriberRowSelect = `t.id, t.channel_id, t.magento_id, t.source, t.store_id, t.customer_id, t.email, t.status,
	t.change_status_at, t.synced_at, coalesce(c.firstname, ''), coalesce(c.lastname, ''), t.removed_in_magento`

func scanSubscriber(rows *sql.Rows) (SubscriberRow, error) {
	var r SubscriberRow
	var first, last string
	err := rows.Scan(&r.ID, &r.ChannelID, &r.MagentoID, &r.Source, &r.StoreID, &r.CustomerID, &r.Email, &r.Status,
		&r.ChangeStatusAt, &r.SyncedAt, &first, &last, &r.RemovedInMagento)
	r.CustomerName = fullName(first, last)
	return r, err
}

// ListSubscribers returns one page of newsletter subscribers. Search:
// email and customer name (substring). Status: subscribed, not_active,
// unsubscribed, unconfirmed (or Magento's number), removed. Sort keys:
// email (default), status, change_status_at, id.
func (s *Store) ListSubscribers(ctx context.Context, q ListQuery) ([]SubscriberRow, error) {
	var out []SubscriberRow
	err := s.list(ctx, "subscribers", subscriberSpec(), subscriberRowSelect, q, func(rows *sql.Rows) error {
		r, err := scanSubscriber(rows)
		out = append(out, r)
		return err
	})
	return out, err
}

// CountSubscribers counts what ListSubscribers would page through.
func (s *Store) CountSubscribers(ctx context.Context, q ListQuery) (int, error) {
	return s.count(ctx, "subscribers", subscriberSpec(), q)
}

// IterateSubscribers streams every subscriber matching q (id order).
func (s *Store) IterateSubscribers(ctx context.Context, q ListQuery, fn func(Subscriber) error) error {
	sp := subscriberSpec()
	return iterate(ctx, sp, q, func(tail string, args []any) ([]Subscriber, error) {
		var out []Subscriber
		rows, err := s.r.QueryContext(ctx, "SELECT "+subscriberRowSelect+" FROM "+sp.from+" "+tail, args...)
		if err != nil {
			return nil, fmt.Errorf("iterate subscribers: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanSubscriber(rows)
			if err != nil {
				return nil, fmt.Errorf("iterate subscribers: %w", err)
			}
			out = append(out, r.Subscriber)
		}
		return out, rows.Err()
	}, func(v *Subscriber) int64 { return v.ID }, fn)
}

// GetSubscriber reads one subscriber by local id.
func (s *Store) GetSubscriber(ctx context.Context, id int64) (SubscriberRow, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT "+subscriberRowSelect+" FROM "+subscriberSpec().from+" WHERE t.id = ?", id)
	if err != nil {
		return SubscriberRow{}, fmt.Errorf("get subscriber %d: %w", id, err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return SubscriberRow{}, err
		}
		return SubscriberRow{}, fmt.Errorf("subscriber %d: %w", id, ErrNotFound)
	}
	return scanSubscriber(rows)
}

// SubscriberOfCustomer returns the newsletter row of a registered customer
// (Magento id), found through the (channel_id, customer_id) index; ok is
// false when the store has none.
func (s *Store) SubscriberOfCustomer(ctx context.Context, channelID, customerMagentoID int64) (row SubscriberRow, ok bool, err error) {
	rows, err := s.r.QueryContext(ctx, "SELECT "+subscriberRowSelect+" FROM "+subscriberSpec().from+
		" WHERE t.channel_id = ? AND t.customer_id = ? AND t.removed_in_magento = 0 ORDER BY t.change_status_at DESC LIMIT 1",
		channelID, customerMagentoID)
	if err != nil {
		return SubscriberRow{}, false, fmt.Errorf("subscriber of customer %d: %w", customerMagentoID, err)
	}
	defer rows.Close()
	if !rows.Next() {
		return SubscriberRow{}, false, rows.Err()
	}
	row, err = scanSubscriber(rows)
	return row, err == nil, err
}

func productSpec() *listSpec {
	return &listSpec{
		alias:   "t",
		from:    "products t",
		created: "t.created_at",
		fts:     "products_fts",
		website: "EXISTS (SELECT 1 FROM json_each(CASE WHEN t.website_ids = '' THEN '[]' ELSE t.website_ids END) WHERE value = ?)",
		status: func(st string) (string, []any, error) {
			switch st {
			case "enabled":
				return "t.status = 1", nil, nil
			case "disabled":
				return "t.status = 2", nil, nil
			case "in_stock":
				return "t.in_stock = 1", nil, nil
			case "removed":
				return "t.removed_in_magento = 1", nil, nil
			}
			return "", nil, fmt.Errorf("unknown product status %q", st)
		},
		sorts:   map[string]string{"sku": "t.sku COLLATE NOCASE", "name": "t.name COLLATE NOCASE", "price": "t.price_units", "id": "t.magento_id"},
		sortDef: "sku",
	}
}

// ListProducts returns one page of products (the product picker). Search:
// SKU, name, parent SKU (word prefixes). Status: enabled, disabled,
// in_stock, removed. Sort keys: sku (default), name, price, id.
func (s *Store) ListProducts(ctx context.Context, q ListQuery) ([]Product, error) {
	var probe Product
	var out []Product
	sel := "t.id, t.channel_id, t.magento_id, t.synced_at, " + productCols(&probe).selectList("t")
	err := s.list(ctx, "products", productSpec(), sel, q, func(rows *sql.Rows) error {
		var p Product
		err := rows.Scan(append([]any{&p.ID, &p.ChannelID, &p.MagentoID, &p.SyncedAt}, productCols(&p).ptrs()...)...)
		out = append(out, p)
		return err
	})
	return out, err
}

// CountProducts counts what ListProducts would page through.
func (s *Store) CountProducts(ctx context.Context, q ListQuery) (int, error) {
	return s.count(ctx, "products", productSpec(), q)
}

// GetProductBySKU reads a product of a channel by SKU.
func (s *Store) GetProductBySKU(ctx context.Context, channelID int64, sku string) (Product, error) {
	var p Product
	err := s.r.QueryRowContext(ctx, "SELECT t.id, t.channel_id, t.magento_id, t.synced_at, "+productCols(&p).selectList("t")+
		" FROM products t WHERE t.channel_id = ? AND t.sku = ? COLLATE NOCASE LIMIT 1", channelID, sku).
		Scan(append([]any{&p.ID, &p.ChannelID, &p.MagentoID, &p.SyncedAt}, productCols(&p).ptrs()...)...)
	if isNoRows(err) {
		return p, fmt.Errorf("product %q: %w", sku, ErrNotFound)
	}
	return p, err
}

func guestSpec() *listSpec {
	return &listSpec{
		alias:   "t",
		from:    "guest_customers t",
		created: "t.first_order_at",
		like:    []string{"t.email", "t.firstname", "t.lastname"},
		status: func(st string) (string, []any, error) {
			switch st {
			case "linked":
				return "t.linked_customer_id <> 0", nil, nil
			case "unlinked":
				return "t.linked_customer_id = 0", nil, nil
			case "buyers":
				return "t.orders_count > 0", nil, nil
			}
			return "", nil, fmt.Errorf("unknown guest status %q", st)
		},
		sorts: map[string]string{
			"email": "t.email_lc", "name": "t.lastname COLLATE NOCASE, t.firstname COLLATE NOCASE",
			"orders": "t.orders_count", "lifetime": "t.lifetime_units", "last_order": "t.last_order_at",
			"first_order": "t.first_order_at", "carts": "t.carts_count",
		},
		sortDef: "last_order", descDef: true,
	}
}

// ListGuestCustomers returns one page of guest customers (guest orders and
// carts grouped by email). Search: email, names (substring). Status:
// linked, unlinked, buyers. From/To filter the first order date. Sort
// keys: last_order (default, newest first), first_order, email, name,
// orders, lifetime, carts.
func (s *Store) ListGuestCustomers(ctx context.Context, q ListQuery) ([]GuestCustomer, error) {
	var probe GuestCustomer
	var out []GuestCustomer
	err := s.list(ctx, "guest customers", guestSpec(), guestCustomerCols(&probe).selectList("t"), q, func(rows *sql.Rows) error {
		var g GuestCustomer
		err := rows.Scan(guestCustomerCols(&g).ptrs()...)
		out = append(out, g)
		return err
	})
	return out, err
}

// CountGuestCustomers counts what ListGuestCustomers would page through.
func (s *Store) CountGuestCustomers(ctx context.Context, q ListQuery) (int, error) {
	return s.count(ctx, "guest customers", guestSpec(), q)
}

// GetGuestCustomer reads one guest customer by local id.
func (s *Store) GetGuestCustomer(ctx context.Context, id int64) (GuestCustomer, error) {
	var g GuestCustomer
	err := s.r.QueryRowContext(ctx, "SELECT "+guestCustomerCols(&g).selectList("t")+" FROM guest_customers t WHERE t.id = ?", id).
		Scan(guestCustomerCols(&g).ptrs()...)
	if isNoRows(err) {
		return g, fmt.Errorf("guest customer %d: %w", id, ErrNotFound)
	}
	return g, err
}

// ListWebsites returns a channel's websites by Magento id.
func (s *Store) ListWebsites(ctx context.Context, channelID int64) ([]Website, error) {
	return listDict(ctx, s.r, "websites", channelID, websiteCols, func(v *Website) []any { return []any{&v.ChannelID, &v.MagentoID} })
}

// ListStoreGroups returns a channel's store groups by Magento id.
func (s *Store) ListStoreGroups(ctx context.Context, channelID int64) ([]StoreGroup, error) {
	return listDict(ctx, s.r, "store_groups", channelID, storeGroupCols, func(v *StoreGroup) []any { return []any{&v.ChannelID, &v.MagentoID} })
}

// ListStoreViews returns a channel's store views by Magento id.
func (s *Store) ListStoreViews(ctx context.Context, channelID int64) ([]StoreView, error) {
	return listDict(ctx, s.r, "store_views", channelID, storeViewCols, func(v *StoreView) []any { return []any{&v.ChannelID, &v.MagentoID} })
}

// ListCustomerGroups returns a channel's customer groups by Magento id.
func (s *Store) ListCustomerGroups(ctx context.Context, channelID int64) ([]CustomerGroup, error) {
	return listDict(ctx, s.r, "customer_groups", channelID, customerGroupCols, func(v *CustomerGroup) []any { return []any{&v.ChannelID, &v.MagentoID} })
}

func listDict[T any](ctx context.Context, db *sql.DB, table string, channelID int64, colsFn func(*T) cols, head func(*T) []any) ([]T, error) {
	var probe T
	rows, err := db.QueryContext(ctx, "SELECT channel_id, magento_id, "+colsFn(&probe).selectList("")+" FROM "+table+
		" WHERE channel_id = ? ORDER BY magento_id", channelID)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", table, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(append(head(&v), colsFn(&v).ptrs()...)...); err != nil {
			return nil, fmt.Errorf("list %s: %w", table, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
