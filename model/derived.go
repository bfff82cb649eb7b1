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

// refreshCustomersSQL recomputes the figures of the customers whose Magento
// ids fill the IN list (appended by the caller).
const refreshCustomersSQL = `UPDATE customers SET
	(orders_count, lifetime_units, first_order_at, last_order_at, lifetime_currency) = (
	SELECT count(*),
		coalesce(sum(o.base_grand_total_units), 0) - coalesce((
			SELECT sum(cm.base_grand_total_units) FROM orders o2
			CROSS JOIN credit_memos cm ON cm.channel_id = o2.channel_id AND cm.order_id = o2.magento_id
			WHERE o2.channel_id = customers.channel_id AND o2.customer_id = customers.magento_id
				AND o2.state <> 'canceled' AND cm.state = 2), 0),
		coalesce(min(o.created_at), ''), coalesce(max(o.created_at), ''), coalesce(max(o.base_currency), '')
	FROM orders o WHERE o.channel_id = customers.channel_id AND o.customer_id = customers.magento_id AND o.state <> 'canceled')
WHERE channel_id = ? AND magento_id IN (`

// refreshGuestSQL upserts one guest group (?1 channel, ?2 lower-cased
// email) from its guest orders and carts; it writes nothing when the
// email has neither (deleteGuestSQL then removes a stale group).
const refreshGuestSQL = `INSERT INTO guest_customers(channel_id, email_lc, email, firstname, lastname, orders_count,
	carts_count, first_order_at, last_order_at, linked_customer_id, lifetime_units, lifetime_currencies)
SELECT ?1, ?2, n.customer_email, n.customer_firstname, n.customer_lastname, o.cnt,
	(SELECT count(*) FROM carts WHERE channel_id = ?1 AND email_lc = ?2 AND +customer_id = 0),
	o.first, o.last,
	coalesce((SELECT magento_id FROM customers WHERE channel_id = ?1 AND email_lc = ?2 AND removed_in_magento = 0
		ORDER BY +magento_id LIMIT 1), 0),
	o.life, o.curs
FROM (SELECT count(*) FILTER (WHERE state <> 'canceled') AS cnt,
		coalesce(sum(base_grand_total_units) FILTER (WHERE state <> 'canceled'), 0) - coalesce((
			SELECT sum(cm.base_grand_total_units) FROM orders o2
			CROSS JOIN credit_memos cm ON cm.channel_id = o2.channel_id AND cm.order_id = o2.magento_id
			WHERE o2.channel_id = ?1 AND o2.email_lc = ?2 AND +o2.customer_id = 0 AND o2.state <> 'canceled'
				AND cm.state = 2), 0) AS life,
		coalesce(min(created_at) FILTER (WHERE state <> 'canceled'), '') AS first,
		coalesce(max(created_at) FILTER (WHERE state <> 'canceled'), '') AS last,
		coalesce(min(base_currency) || CASE WHEN min(base_currency) <> max(base_currency)
			THEN ',' || max(base_currency) ELSE '' END, '') AS curs
	FROM orders WHERE channel_id = ?1 AND email_lc = ?2 AND +customer_id = 0) o,
	(SELECT customer_email, customer_firstname, customer_lastname FROM (
		SELECT customer_email, customer_firstname, customer_lastname, created_at, 1 AS pri FROM orders
			WHERE channel_id = ?1 AND email_lc = ?2 AND +customer_id = 0
		UNION ALL
		SELECT customer_email, customer_firstname, customer_lastname, created_at, 0 FROM carts
			WHERE channel_id = ?1 AND email_lc = ?2 AND +customer_id = 0)
	ORDER BY pri DESC, created_at DESC LIMIT 1) n
WHERE true
ON CONFLICT(channel_id, email_lc) DO UPDATE SET email = excluded.email, firstname = excluded.firstname,
	lastname = excluded.lastname, orders_count = excluded.orders_count, carts_count = excluded.carts_count,
	first_order_at = excluded.first_order_at, last_order_at = excluded.last_order_at,
	linked_customer_id = excluded.linked_customer_id, lifetime_units = excluded.lifetime_units,
	lifetime_currencies = excluded.lifetime_currencies`

const deleteGuestSQL = `DELETE FROM guest_customers WHERE channel_id = ?1 AND email_lc = ?2
	AND NOT EXISTS (SELECT 1 FROM orders WHERE channel_id = ?1 AND email_lc = ?2 AND +customer_id = 0)
	AND NOT EXISTS (SELECT 1 FROM carts WHERE channel_id = ?1 AND email_lc = ?2 AND +customer_id = 0)`

const relinkGuestSQL = `UPDATE guest_customers SET linked_customer_id = coalesce((SELECT magento_id FROM customers
	WHERE channel_id = ?1 AND email_lc = ?2 AND removed_in_magento = 0 ORDER BY +magento_id LIMIT 1), 0)
	WHERE channel_id = ?1 AND email_lc = ?2`

func (a *applier) refreshDerived() error {
	ids := sortedKeys(a.customers)
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := make([]any, 0, len(chunk)+1)
		args = append(args, a.ch)
		for _, id := range chunk {
			args = append(args, id)
		}
		if _, err := a.exec(refreshCustomersSQL+placeholders(len(chunk))+")", args...); err != nil {
			return err
		}
	}
	for _, email := range sortedKeys(a.guests) {
		if _, err := a.exec(refreshGuestSQL, a.ch, email); err != nil {
			return err
		}
		if _, err := a.exec(deleteGuestSQL, a.ch, email); err != nil {
			return err
		}
		delete(a.links, email)
	}
	for _, email := range sortedKeys(a.links) {
		if email == "" {
			continue
		}
		if _, err := a.exec(relinkGuestSQL, a.ch, email); err != nil {
			return err
		}
	}
	return nil
}

func sortedKeys[K int64 | string](m map[K]struct{}) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
