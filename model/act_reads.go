package model

import (
	"context"
	"fmt"
	"strings"
)

// Small reads the "act on the store" services need: which Magento record
// a local row is, Magento's JSON of it as last synced (the two-way merge's
// base and the source of every form's initial values), the dictionaries
// a form offers, and the product picker's search.

// actTables maps entity names to the tables holding their raw JSON.
var actTables = map[string]string{
	EntityCustomers:   "customers",
	EntityCarts:       "carts",
	EntityOrders:      "orders",
	EntityCreditMemos: "credit_memos",
}

// RecordRef names a stored record both ways.
type RecordRef struct {
	LocalID   int64
	ChannelID int64
	MagentoID int64
}

// SyncedRecord returns a stored record's ids and its JSON exactly as
// Magento last sent it (nil when it was stored without).
func (s *Store) SyncedRecord(ctx context.Context, entity string, localID int64) (RecordRef, []byte, error) {
	table, ok := actTables[entity]
	if !ok {
		return RecordRef{}, nil, fmt.Errorf("records of kind %q are not kept with their JSON", entity)
	}
	ref := RecordRef{LocalID: localID}
	var blob []byte
	err := s.r.QueryRowContext(ctx, `SELECT channel_id, magento_id, (SELECT raw FROM `+table+`_raw WHERE id = t.id) FROM `+table+` t WHERE id = ?`, localID).
		Scan(&ref.ChannelID, &ref.MagentoID, &blob)
	if isNoRows(err) {
		return ref, nil, fmt.Errorf("%s %d: %w", entity, localID, ErrNotFound)
	}
	if err != nil {
		return ref, nil, fmt.Errorf("read %s %d: %w", entity, localID, err)
	}
	raw, err := decompressRaw(blob)
	if err != nil {
		return ref, nil, fmt.Errorf("read %s %d: %w", entity, localID, err)
	}
	return ref, raw, nil
}

// LocalIDOf is the local row id of a Magento record (0 when not stored).
func (s *Store) LocalIDOf(ctx context.Context, entity string, channelID, magentoID int64) (int64, error) {
	table, ok := actTables[entity]
	if !ok {
		return 0, fmt.Errorf("records of kind %q have no local id lookup", entity)
	}
	var id int64
	err := s.r.QueryRowContext(ctx, `SELECT id FROM `+table+` WHERE channel_id = ? AND magento_id = ?`, channelID, magentoID).Scan(&id)
	if isNoRows(err) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("local id of %s %d: %w", entity, magentoID, err)
	}
	return id, nil
}

// StoreViewsOf lists a channel's store views (admin view 0 excluded), by id.
func (s *Store) StoreViewsOf(ctx context.Context, channelID int64) ([]StoreView, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT magento_id, code, name, website_id, store_group_id, is_active,
		base_currency FROM store_views WHERE channel_id = ? AND magento_id <> 0 ORDER BY magento_id`, channelID)
	if err != nil {
		return nil, fmt.Errorf("list store views: %w", err)
	}
	defer rows.Close()
	var out []StoreView
	for rows.Next() {
		v := StoreView{ChannelID: channelID}
		if err := rows.Scan(&v.MagentoID, &v.Code, &v.Name, &v.WebsiteID, &v.StoreGroupID, &v.IsActive, &v.BaseCurrency); err != nil {
			return nil, fmt.Errorf("list store views: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// CustomerGroupsOf lists a channel's customer groups except NOT LOGGED IN (0).
func (s *Store) CustomerGroupsOf(ctx context.Context, channelID int64) ([]CustomerGroup, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT magento_id, code FROM customer_groups
		WHERE channel_id = ? AND magento_id <> 0 ORDER BY magento_id`, channelID)
	if err != nil {
		return nil, fmt.Errorf("list customer groups: %w", err)
	}
	defer rows.Close()
	var out []CustomerGroup
	for rows.Next() {
		g := CustomerGroup{ChannelID: channelID}
		if err := rows.Scan(&g.MagentoID, &g.Code); err != nil {
			return nil, fmt.Errorf("list customer groups: %w", err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// PickProducts finds sellable catalogue entries whose name or SKU contains
// text (case-insensitive): enabled products that are not the hidden
// children of a configurable ("Not Visible Individually", visibility 1, or
// with a parent SKU): those are picked through their parent's options.
// At most limit rows, by name.
func (s *Store) PickProducts(ctx context.Context, channelID int64, text string, limit int) ([]Product, error) {
	if limit <= 0 {
		limit = 50
	}
	like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(strings.TrimSpace(text)) + "%"
	rows, err := s.r.QueryContext(ctx, `SELECT id, magento_id, sku, name, type_id, price, status, visibility, qty, in_stock,
		configurable_options, parent_sku FROM products
		WHERE channel_id = ? AND removed_in_magento = 0 AND status = 1 AND parent_sku = '' AND visibility <> 1
		AND (name LIKE ? ESCAPE '\' OR sku LIKE ? ESCAPE '\')
		ORDER BY name COLLATE NOCASE, sku LIMIT ?`, channelID, like, like, limit)
	if err != nil {
		return nil, fmt.Errorf("search products %q: %w", text, err)
	}
	defer rows.Close()
	var out []Product
	for rows.Next() {
		p := Product{ChannelID: channelID}
		var price string
		if err := rows.Scan(&p.ID, &p.MagentoID, &p.SKU, &p.Name, &p.TypeID, &price, &p.Status, &p.Visibility, &p.Qty, &p.InStock,
			&p.ConfigurableOptions, &p.ParentSKU); err != nil {
			return nil, fmt.Errorf("search products %q: %w", text, err)
		}
		if price != "" {
			if m, err := ParseMoney(price); err == nil {
				p.Price = m
			}
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// GuestByEmail returns a guest customer (grouped guest orders and carts)
// and the raw JSON of their latest guest order, whose billing address
// pre-fills the "register as customer" form.
func (s *Store) GuestByEmail(ctx context.Context, channelID int64, email string) (GuestCustomer, []byte, error) {
	g := GuestCustomer{ChannelID: channelID}
	lc := strings.ToLower(strings.TrimSpace(email))
	err := s.r.QueryRowContext(ctx, `SELECT id, email, firstname, lastname, orders_count, linked_customer_id
		FROM guest_customers WHERE channel_id = ? AND email_lc = ?`, channelID, lc).
		Scan(&g.ID, &g.Email, &g.Firstname, &g.Lastname, &g.OrdersCount, &g.LinkedCustomerID)
	if isNoRows(err) {
		return g, nil, fmt.Errorf("guest %s: %w", email, ErrNotFound)
	}
	if err != nil {
		return g, nil, fmt.Errorf("guest %s: %w", email, err)
	}
	var blob []byte
	err = s.r.QueryRowContext(ctx, `SELECT r.raw FROM orders o JOIN orders_raw r ON r.id = o.id
		WHERE o.channel_id = ? AND o.email_lc = ? AND o.customer_is_guest = 1 ORDER BY o.created_at DESC LIMIT 1`, channelID, lc).Scan(&blob)
	if err != nil && !isNoRows(err) {
		return g, nil, fmt.Errorf("guest %s last order: %w", email, err)
	}
	raw, err := decompressRaw(blob)
	return g, raw, err
}

// CartStatusOf is a stored cart's status and, once Purchased, its order's
// Magento id.
func (s *Store) CartStatusOf(ctx context.Context, channelID, cartMagentoID int64) (string, int64, error) {
	var status string
	var orderID int64
	err := s.r.QueryRowContext(ctx, `SELECT status, order_magento_id FROM carts WHERE channel_id = ? AND magento_id = ?`,
		channelID, cartMagentoID).Scan(&status, &orderID)
	if isNoRows(err) {
		return "", 0, fmt.Errorf("cart %d: %w", cartMagentoID, ErrNotFound)
	}
	if err != nil {
		return "", 0, fmt.Errorf("cart %d status: %w", cartMagentoID, err)
	}
	return status, orderID, nil
}

// SubscriptionsOf lists the newsletter rows stored for a customer (module
// rows and rows derived from the customer), module rows first.
func (s *Store) SubscriptionsOf(ctx context.Context, channelID, customerMagentoID int64) ([]Subscriber, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, magento_id, source, store_id, customer_id, email, status, change_status_at
		FROM subscribers WHERE channel_id = ? AND customer_id = ? AND removed_in_magento = 0
		ORDER BY source = 'customer', magento_id`, channelID, customerMagentoID)
	if err != nil {
		return nil, fmt.Errorf("subscriptions of customer %d: %w", customerMagentoID, err)
	}
	defer rows.Close()
	var out []Subscriber
	for rows.Next() {
		sub := Subscriber{ChannelID: channelID}
		if err := rows.Scan(&sub.ID, &sub.MagentoID, &sub.Source, &sub.StoreID, &sub.CustomerID, &sub.Email, &sub.Status,
			&sub.ChangeStatusAt); err != nil {
			return nil, fmt.Errorf("subscriptions of customer %d: %w", customerMagentoID, err)
		}
		out = append(out, sub)
	}
	return out, rows.Err()
}

// CustomerIDByEmail is the local id of the channel's customer with this
// email (case-insensitive), 0 when none. With the same email on several
// websites the first stored one is returned.
func (s *Store) CustomerIDByEmail(ctx context.Context, channelID int64, email string) (int64, error) {
	var id int64
	err := s.r.QueryRowContext(ctx, `SELECT id FROM customers WHERE channel_id = ? AND email_lc = ? AND removed_in_magento = 0
		ORDER BY id LIMIT 1`, channelID, strings.ToLower(strings.TrimSpace(email))).Scan(&id)
	if isNoRows(err) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("customer with email %s: %w", email, err)
	}
	return id, nil
}
