package model

import (
	"context"
	"fmt"
	"sort"
)

// Query-plan notes (the store runs without ANALYZE statistics, so plans
// are pinned by hand; check with EXPLAIN QUERY PLAN when editing):
//   - "+customer_id = 0": the unary plus keeps SQLite from choosing the
//     (channel_id, customer_id) index, where 0 is every guest row, over
//     the selective (channel_id, email_lc) one.
//   - "ORDER BY +magento_id LIMIT 1": without the plus SQLite walks the
//     (channel_id, magento_id) key in order instead of using the filter's index.
//   - "orders o2 CROSS JOIN credit_memos cm": CROSS JOIN fixes the loop
//     order, so the few orders of one customer drive the memo lookups
//     instead of a scan over every credit memo of the channel; the
//     channel-wide statements fix the other order ("credit_memos cm
//     CROSS JOIN orders o"): every memo finds its order by key.
//   - "ORDER BY +created_at DESC": without the plus SQLite walks a
//     created_at index of the whole channel to avoid sorting the few rows
//     of one email.
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

// refreshAllCustomersSQL computes the same figures for every customer of
// a channel (?1) set-based: one pass over the channel's orders (the
// covering orders_customer index) and one over its refunds (driven by the
// credit memos, which are few: each finds its order by key), instead of a
// lookup per customer. It writes only the customers whose figures
// change: a refresh after the credit memos of an initial sync rewrote
// every customer row for the few that had a refund.
const refreshAllCustomersSQL = `WITH placed AS (
	SELECT customer_id AS cid, count(*) AS n, sum(base_grand_total_units) AS units,
		min(created_at) AS first, max(created_at) AS last, max(base_currency) AS cur
	FROM orders WHERE channel_id = ?1 AND customer_id <> 0 AND state <> 'canceled' GROUP BY customer_id),
refunded AS (
	SELECT o.customer_id AS cid, sum(cm.base_grand_total_units) AS units FROM credit_memos cm
	CROSS JOIN orders o ON o.channel_id = cm.channel_id AND o.magento_id = cm.order_id
	WHERE cm.channel_id = ?1 AND cm.state = 2 AND o.customer_id <> 0 AND o.state <> 'canceled'
	GROUP BY o.customer_id),
fig AS (
	SELECT c.id, coalesce(p.n, 0) AS n, coalesce(p.units, 0) - coalesce(r.units, 0) AS units,
		coalesce(p.first, '') AS first, coalesce(p.last, '') AS last, coalesce(p.cur, '') AS cur
	FROM customers c LEFT JOIN placed p ON p.cid = c.magento_id LEFT JOIN refunded r ON r.cid = c.magento_id
	WHERE c.channel_id = ?1)
UPDATE customers SET orders_count = fig.n, lifetime_units = fig.units, first_order_at = fig.first,
	last_order_at = fig.last, lifetime_currency = fig.cur
FROM fig WHERE customers.id = fig.id AND (customers.orders_count, customers.lifetime_units,
	customers.first_order_at, customers.last_order_at, customers.lifetime_currency)
	IS NOT (fig.n, fig.units, fig.first, fig.last, fig.cur)`

// refreshGuestSQL upserts one guest group (?1 channel, ?2 lower-cased
// email) from its guest orders and carts; it writes nothing when the
// email has neither (deleteGuestSQL then removes a stale group). The
// name is the latest guest order's, else the latest guest cart's.
// refreshAllGuestsSQL computes the same for every guest email of a
// channel in one pass (derived_test.go holds the two to the same result).
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
		SELECT customer_email, customer_firstname, customer_lastname, created_at, magento_id, 1 AS pri FROM orders
			WHERE channel_id = ?1 AND email_lc = ?2 AND +customer_id = 0
		UNION ALL
		SELECT customer_email, customer_firstname, customer_lastname, created_at, magento_id, 0 FROM carts
			WHERE channel_id = ?1 AND email_lc = ?2 AND +customer_id = 0)
	ORDER BY pri DESC, created_at DESC, magento_id DESC LIMIT 1) n
WHERE true
ON CONFLICT(channel_id, email_lc) DO UPDATE SET email = excluded.email, firstname = excluded.firstname,
	lastname = excluded.lastname, orders_count = excluded.orders_count, carts_count = excluded.carts_count,
	first_order_at = excluded.first_order_at, last_order_at = excluded.last_order_at,
	linked_customer_id = excluded.linked_customer_id, lifetime_units = excluded.lifetime_units,
	lifetime_currencies = excluded.lifetime_currencies`

// refreshAllGuestsSQL: see refreshGuestSQL. Grouped passes over the
// covering email indexes add up each email's guest orders and carts, one
// over the credit memos its refunds; each email's latest order (else cart)
// is then looked up by its email for the name. (A window over all guest
// rows that picked the name took twice as long at Store L.)
const refreshAllGuestsSQL = `INSERT INTO guest_customers(channel_id, email_lc, email, firstname, lastname, orders_count,
	carts_count, first_order_at, last_order_at, linked_customer_id, lifetime_units, lifetime_currencies)
WITH placed AS (
	SELECT email_lc,
		count(*) FILTER (WHERE state <> 'canceled') AS n,
		coalesce(min(created_at) FILTER (WHERE state <> 'canceled'), '') AS first,
		coalesce(max(created_at) FILTER (WHERE state <> 'canceled'), '') AS last,
		coalesce(sum(base_grand_total_units) FILTER (WHERE state <> 'canceled'), 0) AS units,
		coalesce(min(base_currency) || CASE WHEN min(base_currency) <> max(base_currency)
			THEN ',' || max(base_currency) ELSE '' END, '') AS curs
	FROM orders WHERE channel_id = ?1 AND customer_id = 0 AND email_lc <> '' GROUP BY email_lc),
carted AS (
	SELECT email_lc, count(*) AS n FROM carts
	WHERE channel_id = ?1 AND customer_id = 0 AND email_lc <> '' GROUP BY email_lc),
per_email AS (
	SELECT email_lc, sum(orders) AS orders, sum(carts) AS carts, max(first) AS first, max(last) AS last,
		sum(units) AS units, max(curs) AS curs
	FROM (SELECT email_lc, n AS orders, 0 AS carts, first, last, units, curs FROM placed
		UNION ALL SELECT email_lc, 0, n, '', '', 0, '' FROM carted)
	GROUP BY email_lc),
refunded AS (
	SELECT o.email_lc, sum(cm.base_grand_total_units) AS units FROM credit_memos cm
	CROSS JOIN orders o ON o.channel_id = cm.channel_id AND o.magento_id = cm.order_id
	WHERE cm.channel_id = ?1 AND cm.state = 2 AND o.customer_id = 0 AND o.state <> 'canceled'
	GROUP BY o.email_lc)
SELECT ?1, g.email_lc, coalesce(o.customer_email, c.customer_email), coalesce(o.customer_firstname, c.customer_firstname),
	coalesce(o.customer_lastname, c.customer_lastname), g.orders, g.carts, g.first, g.last,
	coalesce((SELECT magento_id FROM customers WHERE channel_id = ?1 AND email_lc = g.email_lc AND removed_in_magento = 0
		ORDER BY +magento_id LIMIT 1), 0),
	g.units - coalesce(r.units, 0), g.curs
FROM per_email g LEFT JOIN refunded r ON r.email_lc = g.email_lc
	LEFT JOIN orders o ON o.id = (SELECT id FROM orders WHERE channel_id = ?1 AND email_lc = g.email_lc AND customer_id = 0
		ORDER BY +created_at DESC, +magento_id DESC LIMIT 1)
	LEFT JOIN carts c ON c.id = (SELECT id FROM carts WHERE channel_id = ?1 AND email_lc = g.email_lc AND customer_id = 0
		ORDER BY +created_at DESC, +magento_id DESC LIMIT 1)
WHERE true
ON CONFLICT(channel_id, email_lc) DO UPDATE SET email = excluded.email, firstname = excluded.firstname,
	lastname = excluded.lastname, orders_count = excluded.orders_count, carts_count = excluded.carts_count,
	first_order_at = excluded.first_order_at, last_order_at = excluded.last_order_at,
	linked_customer_id = excluded.linked_customer_id, lifetime_units = excluded.lifetime_units,
	lifetime_currencies = excluded.lifetime_currencies
WHERE (email, firstname, lastname, orders_count, carts_count, first_order_at, last_order_at, linked_customer_id,
	lifetime_units, lifetime_currencies) IS NOT (excluded.email, excluded.firstname, excluded.lastname,
	excluded.orders_count, excluded.carts_count, excluded.first_order_at, excluded.last_order_at,
	excluded.linked_customer_id, excluded.lifetime_units, excluded.lifetime_currencies)`

// deleteStaleGuestsSQL removes the channel's guest groups that no longer
// have a guest order or cart (deleteGuestSQL for every email).
const deleteStaleGuestsSQL = `DELETE FROM guest_customers WHERE channel_id = ?1
	AND NOT EXISTS (SELECT 1 FROM orders WHERE channel_id = ?1 AND email_lc = guest_customers.email_lc AND +customer_id = 0)
	AND NOT EXISTS (SELECT 1 FROM carts WHERE channel_id = ?1 AND email_lc = guest_customers.email_lc AND +customer_id = 0)`

const deleteGuestSQL = `DELETE FROM guest_customers WHERE channel_id = ?1 AND email_lc = ?2
	AND NOT EXISTS (SELECT 1 FROM orders WHERE channel_id = ?1 AND email_lc = ?2 AND +customer_id = 0)
	AND NOT EXISTS (SELECT 1 FROM carts WHERE channel_id = ?1 AND email_lc = ?2 AND +customer_id = 0)`

const relinkGuestSQL = `UPDATE guest_customers SET linked_customer_id = coalesce((SELECT magento_id FROM customers
	WHERE channel_id = ?1 AND email_lc = ?2 AND removed_in_magento = 0 ORDER BY +magento_id LIMIT 1), 0)
	WHERE channel_id = ?1 AND email_lc = ?2`

func (a *applier) refreshDerived(deferred bool) error {
	if deferred {
		if len(a.customers)+len(a.guests)+len(a.links) == 0 {
			return nil
		}
		_, err := a.exec(`UPDATE channels SET derived_stale = 1 WHERE id = ? AND derived_stale = 0`, a.ch)
		return err
	}
	err := eachIDChunk(sortedKeys(a.customers), func(chunk []int64) error {
		args, in := appendIDs([]any{a.ch}, chunk)
		_, err := a.exec(refreshCustomersSQL+in+")", args...)
		return err
	})
	if err != nil {
		return err
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

// RefreshDerived recomputes every derived figure of a channel (customer
// lifetime figures, guest groups and their links) when batches written
// with DeferDerived left them stale, and clears the flag; it reports
// whether it did. One transaction: readers see the old figures or the new.
func (s *Store) RefreshDerived(ctx context.Context, channelID int64) (bool, error) {
	// The channel-wide statements read through the list indexes.
	if err := s.buildDeferredIfAny(ctx); err != nil {
		return false, fmt.Errorf("refresh derived figures of channel %d: %w", channelID, err)
	}
	ran := false
	err := s.writeTx(ctx, func(w *txw) error {
		var stale int64
		if err := w.queryRow(`SELECT derived_stale FROM channels WHERE id = ?`, channelID).Scan(&stale); err != nil {
			if isNoRows(err) {
				return nil
			}
			return err
		}
		if stale == 0 {
			return nil
		}
		for _, q := range []string{refreshAllCustomersSQL, refreshAllGuestsSQL, deleteStaleGuestsSQL,
			`UPDATE channels SET derived_stale = 0 WHERE id = ?1`} {
			if _, err := w.exec(q, channelID); err != nil {
				return err
			}
		}
		ran = true
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("refresh derived figures of channel %d: %w", channelID, err)
	}
	return ran, nil
}
