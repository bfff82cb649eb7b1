package model

import (
	"context"
	"database/sql"
	"fmt"
)

// Loading full records (row + children) for detail windows and exports.

// loadChildren reads child rows of the given parents in chunks and hands
// each to add (in insertion order, i.e. the order Magento sent them).
func loadChildren[T any](ctx context.Context, db *sql.DB, table, parentCol string, ids []int64,
	colsFn func(*T) cols, add func(parentID int64, v T)) error {
	var probe T
	sel := "SELECT " + parentCol + ", " + colsFn(&probe).selectList("") + " FROM " + table + " WHERE " + parentCol + " IN ("
	err := eachIDChunk(ids, func(chunk []int64) error {
		args, in := appendIDs(nil, chunk)
		rows, err := db.QueryContext(ctx, sel+in+") ORDER BY id", args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var v T
			var pid int64
			if err := rows.Scan(append([]any{&pid}, colsFn(&v).ptrs()...)...); err != nil {
				return err
			}
			add(pid, v)
		}
		return rows.Err()
	})
	if err != nil {
		return fmt.Errorf("load %s: %w", table, err)
	}
	return nil
}

// loadRows reads full rows: SELECT id, channel_id, magento_id, synced_at,
// [raw from table_raw,] <cols> FROM table alias <tail>.
func loadRows[T any](ctx context.Context, db *sql.DB, table, tail string, args []any, withRaw bool,
	head func(*T) []any, colsFn func(*T) cols, setRaw func(*T, []byte)) ([]T, error) {
	var probe T
	q := "SELECT t.id, t.channel_id, t.magento_id, t.synced_at, "
	if withRaw {
		q += "(SELECT raw FROM " + table + "_raw WHERE id = t.id), "
	} else {
		q += "NULL, "
	}
	q += colsFn(&probe).selectList("t") + " FROM " + table + " t " + tail
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", table, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		var raw []byte
		dest := append(head(&v), &raw)
		dest = append(dest, colsFn(&v).ptrs()...)
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("load %s: %w", table, err)
		}
		if withRaw && len(raw) > 0 {
			r, err := decompressRaw(raw)
			if err != nil {
				return nil, fmt.Errorf("load %s: %w", table, err)
			}
			setRaw(&v, r)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func idsOf[T any](rows []T, id func(*T) int64) ([]int64, map[int64]int) {
	ids := make([]int64, len(rows))
	idx := make(map[int64]int, len(rows))
	for i := range rows {
		ids[i] = id(&rows[i])
		idx[ids[i]] = i
	}
	return ids, idx
}

func (s *Store) loadOrders(ctx context.Context, tail string, args []any, withRaw bool) ([]Order, error) {
	orders, err := loadRows(ctx, s.r, "orders", tail, args, withRaw,
		func(o *Order) []any { return []any{&o.ID, &o.ChannelID, &o.MagentoID, &o.SyncedAt} },
		func(o *Order) cols { return append(orderCols(o), col{"removed_in_magento", &o.RemovedInMagento}) },
		func(o *Order, raw []byte) { o.Raw = raw })
	if err != nil || len(orders) == 0 {
		return orders, err
	}
	ids, idx := idsOf(orders, func(o *Order) int64 { return o.ID })
	if err := loadChildren(ctx, s.r, "order_items", "order_id", ids, orderItemCols, func(p int64, v OrderItem) {
		o := &orders[idx[p]]
		o.Items = append(o.Items, v)
	}); err != nil {
		return nil, err
	}
	if err := loadChildren(ctx, s.r, "order_addresses", "order_id", ids, orderAddressCols, func(p int64, v OrderAddress) {
		o := &orders[idx[p]]
		if v.AddressType == "shipping" {
			o.ShippingAddress = &v
		} else {
			o.BillingAddress = &v
		}
	}); err != nil {
		return nil, err
	}
	if err := loadChildren(ctx, s.r, "order_payments", "order_id", ids, paymentCols, func(p int64, v Payment) {
		orders[idx[p]].Payment = &v
	}); err != nil {
		return nil, err
	}
	if err := loadChildren(ctx, s.r, "order_status_history", "order_id", ids, statusHistoryCols, func(p int64, v StatusHistory) {
		o := &orders[idx[p]]
		o.StatusHistory = append(o.StatusHistory, v)
	}); err != nil {
		return nil, err
	}
	return orders, nil
}

func (s *Store) loadCustomers(ctx context.Context, tail string, args []any, withRaw bool) ([]Customer, error) {
	cs, err := loadRows(ctx, s.r, "customers", tail, args, withRaw,
		func(c *Customer) []any { return []any{&c.ID, &c.ChannelID, &c.MagentoID, &c.SyncedAt} },
		func(c *Customer) cols {
			return append(customerCols(c), col{"removed_in_magento", &c.RemovedInMagento},
				col{"removed_in_magento_at", &c.RemovedInMagentoAt}, col{"lifetime_units", &c.LifetimeUnits},
				col{"orders_count", &c.OrdersCount}, col{"first_order_at", &c.FirstOrderAt},
				col{"last_order_at", &c.LastOrderAt}, col{"lifetime_currency", &c.DisplayCurrencyCode})
		},
		func(c *Customer, raw []byte) { c.Raw = raw })
	if err != nil || len(cs) == 0 {
		return cs, err
	}
	ids, idx := idsOf(cs, func(c *Customer) int64 { return c.ID })
	err = loadChildren(ctx, s.r, "customer_addresses", "customer_id", ids, addressCols, func(p int64, v Address) {
		c := &cs[idx[p]]
		c.Addresses = append(c.Addresses, v)
	})
	return cs, err
}

func (s *Store) loadCarts(ctx context.Context, tail string, args []any, withRaw bool) ([]Cart, error) {
	cs, err := loadRows(ctx, s.r, "carts", tail, args, withRaw,
		func(c *Cart) []any { return []any{&c.ID, &c.ChannelID, &c.MagentoID, &c.SyncedAt} },
		func(c *Cart) cols {
			return joinCols(cartCols(c), cartTotalsCols(c), cartStatusCols(c), cols{{abandonedExpr("t"), &c.Abandoned}})
		},
		func(c *Cart, raw []byte) { c.Raw = raw })
	if err != nil || len(cs) == 0 {
		return cs, err
	}
	ids, idx := idsOf(cs, func(c *Cart) int64 { return c.ID })
	err = loadChildren(ctx, s.r, "cart_items", "cart_id", ids, cartItemCols, func(p int64, v CartItem) {
		c := &cs[idx[p]]
		c.Items = append(c.Items, v)
	})
	return cs, err
}

func (s *Store) loadCreditMemos(ctx context.Context, tail string, args []any, withRaw bool) ([]CreditMemo, error) {
	ms, err := loadRows(ctx, s.r, "credit_memos", tail, args, withRaw,
		func(m *CreditMemo) []any { return []any{&m.ID, &m.ChannelID, &m.MagentoID, &m.SyncedAt} },
		creditMemoCols,
		func(m *CreditMemo, raw []byte) { m.Raw = raw })
	if err != nil || len(ms) == 0 {
		return ms, err
	}
	ids, idx := idsOf(ms, func(m *CreditMemo) int64 { return m.ID })
	err = loadChildren(ctx, s.r, "credit_memo_items", "credit_memo_id", ids, creditMemoItemCols, func(p int64, v CreditMemoItem) {
		m := &ms[idx[p]]
		m.Items = append(m.Items, v)
	})
	return ms, err
}

// one returns the single element or ErrNotFound.
func one[T any](rows []T, err error, what string, id int64) (T, error) {
	var zero T
	if err != nil {
		return zero, fmt.Errorf("get %s %d: %w", what, id, err)
	}
	if len(rows) == 0 {
		return zero, fmt.Errorf("%s %d: %w", what, id, ErrNotFound)
	}
	return rows[0], nil
}

// GetOrder reads an order with items, addresses, payment, history and raw JSON.
func (s *Store) GetOrder(ctx context.Context, id int64) (Order, error) {
	rows, err := s.loadOrders(ctx, "WHERE t.id = ?", []any{id}, true)
	return one(rows, err, "order", id)
}

// GetOrderByMagentoID reads an order by Magento's entity_id.
func (s *Store) GetOrderByMagentoID(ctx context.Context, channelID, magentoID int64) (Order, error) {
	rows, err := s.loadOrders(ctx, "WHERE t.channel_id = ? AND t.magento_id = ?", []any{channelID, magentoID}, true)
	return one(rows, err, "order with magento id", magentoID)
}

// OrderForQuote finds the order placed from a cart (quote id); ErrNotFound
// when none is stored.
func (s *Store) OrderForQuote(ctx context.Context, channelID, quoteID int64) (Order, error) {
	rows, err := s.loadOrders(ctx, "WHERE t.channel_id = ? AND t.quote_id = ? ORDER BY +t.magento_id LIMIT 1", []any{channelID, quoteID}, true)
	return one(rows, err, "order for quote", quoteID)
}

// GetCustomer reads a customer with addresses, derived figures and raw JSON.
func (s *Store) GetCustomer(ctx context.Context, id int64) (Customer, error) {
	rows, err := s.loadCustomers(ctx, "WHERE t.id = ?", []any{id}, true)
	return one(rows, err, "customer", id)
}

// GetCustomerByMagentoID reads a customer by Magento id.
func (s *Store) GetCustomerByMagentoID(ctx context.Context, channelID, magentoID int64) (Customer, error) {
	rows, err := s.loadCustomers(ctx, "WHERE t.channel_id = ? AND t.magento_id = ?", []any{channelID, magentoID}, true)
	return one(rows, err, "customer with magento id", magentoID)
}

// GetCart reads a cart with items; Abandoned is derived now.
func (s *Store) GetCart(ctx context.Context, id int64) (Cart, error) {
	rows, err := s.loadCarts(ctx, cartJoin+" WHERE t.id = ?", s.cartArgs(id), true)
	return one(rows, err, "cart", id)
}

// GetCartByMagentoID reads a cart by Magento quote id.
func (s *Store) GetCartByMagentoID(ctx context.Context, channelID, magentoID int64) (Cart, error) {
	rows, err := s.loadCarts(ctx, cartJoin+" WHERE t.channel_id = ? AND t.magento_id = ?", s.cartArgs(channelID, magentoID), true)
	return one(rows, err, "cart with magento id", magentoID)
}

// GetCreditMemo reads a credit memo with items.
func (s *Store) GetCreditMemo(ctx context.Context, id int64) (CreditMemo, error) {
	rows, err := s.loadCreditMemos(ctx, "WHERE t.id = ?", []any{id}, true)
	return one(rows, err, "credit memo", id)
}

// GetCreditMemoByMagentoID reads a credit memo by Magento id.
func (s *Store) GetCreditMemoByMagentoID(ctx context.Context, channelID, magentoID int64) (CreditMemo, error) {
	rows, err := s.loadCreditMemos(ctx, "WHERE t.channel_id = ? AND t.magento_id = ?", []any{channelID, magentoID}, true)
	return one(rows, err, "credit memo with magento id", magentoID)
}
