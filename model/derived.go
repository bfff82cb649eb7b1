package model

import "sort"

// Query-plan notes (the store runs without ANALYZE statistics, so plans
// are pinned by hand; check with EXPLAIN QUERY PLAN when editing):
//   - "+customer_id = 0": the unary plus keeps SQLite from choosing the
//     (channel_id, customer_id) index, where 0 is every guest row, over
//     the selective (channel_id, email_lc) one.
//   - "ORDER BY +magento_id LIMIT 1": without the plus SQLite walks the
//     (channel_id, magento_id) key in order instead of using the filter's index.
//   - "orders o2 CROSS JOIN credit_memos cm": CROSS JOIN fixes the loop
//     order, so the few orders of one customer drive the memo lookups
//     instead of a scan over every credit memo of the channel.
//
// Derived figures kept in step with the rows, recomputed at the end of
// each batch for the customers and guest emails the batch touched. Only
// integer money columns are added. Canceled orders do not count; refunds
// are credit memos in state Refunded (2).

const refreshCustomerSQL = `UPDATE customers SET
	(orders_count, lifetime_units, first_order_at, last_order_at, lifetime_currency) = (
	SELECT count(*),
		coalesce(sum(o.base_grand_total_units), 0) - coalesce((
			SELECT sum(cm.base_grand_total_units) FROM orders o2
			CROSS JOIN credit_memos cm ON cm.channel_id = o2.channel_id AND cm.order_id = o2.magento_id
			WHERE o2.channel_id = ? AND o2.customer_id = ? AND o2.state <> 'canceled' AND cm.state = 2), 0),
		coalesce(min(o.created_at), ''), coalesce(max(o.created_at), ''), coalesce(max(o.base_currency), '')
	FROM orders o WHERE o.channel_id = ? AND o.customer_id = ? AND o.state <> 'canceled')
WHERE channel_id = ? AND magento_id = ?`

const guestOrdersSQL = `SELECT count(*) FILTER (WHERE state <> 'canceled'),
	count(*),
	coalesce(sum(base_grand_total_units) FILTER (WHERE state <> 'canceled'), 0) - coalesce((
		SELECT sum(cm.base_grand_total_units) FROM orders o2
		CROSS JOIN credit_memos cm ON cm.channel_id = o2.channel_id AND cm.order_id = o2.magento_id
		WHERE o2.channel_id = ? AND o2.email_lc = ? AND +o2.customer_id = 0 AND o2.state <> 'canceled' AND cm.state = 2), 0),
	coalesce(min(created_at) FILTER (WHERE state <> 'canceled'), ''),
	coalesce(max(created_at) FILTER (WHERE state <> 'canceled'), ''),
	coalesce(min(base_currency) || CASE WHEN min(base_currency) <> max(base_currency) THEN ',' || max(base_currency) ELSE '' END, '')
FROM orders WHERE channel_id = ? AND email_lc = ? AND +customer_id = 0`

const guestNameSQL = `SELECT customer_email, customer_firstname, customer_lastname FROM (
	SELECT customer_email, customer_firstname, customer_lastname, created_at, 1 AS pri FROM orders
		WHERE channel_id = ? AND email_lc = ? AND +customer_id = 0
	UNION ALL
	SELECT customer_email, customer_firstname, customer_lastname, created_at, 0 FROM carts
		WHERE channel_id = ? AND email_lc = ? AND +customer_id = 0)
ORDER BY pri DESC, created_at DESC LIMIT 1`

const linkedCustomerSQL = `SELECT coalesce((SELECT magento_id FROM customers
	WHERE channel_id = ? AND email_lc = ? AND removed_in_magento = 0 ORDER BY +magento_id LIMIT 1), 0)`

func (a *applier) refreshDerived() error {
	for _, id := range sortedKeys(a.customers) {
		if _, err := a.exec(refreshCustomerSQL, a.ch, id, a.ch, id, a.ch, id); err != nil {
			return err
		}
	}
	for _, email := range sortedKeys(a.guests) {
		if err := a.refreshGuest(email); err != nil {
			return err
		}
		delete(a.links, email)
	}
	for _, email := range sortedKeys(a.links) {
		if email == "" {
			continue
		}
		if _, err := a.exec(`UPDATE guest_customers SET linked_customer_id = (`+linkedCustomerSQL+`)
			WHERE channel_id = ? AND email_lc = ?`, a.ch, email, a.ch, email); err != nil {
			return err
		}
	}
	return nil
}

// refreshGuest recomputes one guest group (guest orders and carts with
// this email); a group with neither is removed.
func (a *applier) refreshGuest(emailLC string) error {
	g := GuestCustomer{ChannelID: a.ch}
	var allOrders int64
	err := a.queryRow(guestOrdersSQL, a.ch, emailLC, a.ch, emailLC).Scan(&g.OrdersCount, &allOrders,
		&g.LifetimeUnits, &g.FirstOrderAt, &g.LastOrderAt, &g.LifetimeCurrencies)
	if err != nil {
		return err
	}
	if err := a.queryRow(`SELECT count(*) FROM carts WHERE channel_id = ? AND email_lc = ? AND +customer_id = 0`,
		a.ch, emailLC).Scan(&g.CartsCount); err != nil {
		return err
	}
	if allOrders == 0 && g.CartsCount == 0 {
		_, err := a.exec(`DELETE FROM guest_customers WHERE channel_id = ? AND email_lc = ?`, a.ch, emailLC)
		return err
	}
	if err := a.queryRow(guestNameSQL, a.ch, emailLC, a.ch, emailLC).Scan(&g.Email, &g.Firstname, &g.Lastname); err != nil {
		return err
	}
	if err := a.queryRow(linkedCustomerSQL, a.ch, emailLC).Scan(&g.LinkedCustomerID); err != nil {
		return err
	}
	_, err = a.exec(`INSERT INTO guest_customers(channel_id, email_lc, email, firstname, lastname, orders_count,
		carts_count, first_order_at, last_order_at, linked_customer_id, lifetime_units, lifetime_currencies)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(channel_id, email_lc) DO UPDATE SET email = excluded.email, firstname = excluded.firstname,
			lastname = excluded.lastname, orders_count = excluded.orders_count, carts_count = excluded.carts_count,
			first_order_at = excluded.first_order_at, last_order_at = excluded.last_order_at,
			linked_customer_id = excluded.linked_customer_id, lifetime_units = excluded.lifetime_units,
			lifetime_currencies = excluded.lifetime_currencies`,
		a.ch, emailLC, g.Email, g.Firstname, g.Lastname, g.OrdersCount, g.CartsCount, g.FirstOrderAt,
		g.LastOrderAt, g.LinkedCustomerID, g.LifetimeUnits, g.LifetimeCurrencies)
	return err
}

func sortedKeys[K int64 | string](m map[K]struct{}) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
