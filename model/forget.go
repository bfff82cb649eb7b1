package model

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// ForgetCustomer erases the customer with local id customerID everywhere
// in the local data and returns the customer's channel: the customer
// becomes a tombstone with only its Magento id; their orders, carts and
// credit memos lose names, emails, addresses, IP, raw payloads and status
// comments; guest and newsletter rows with the same email go. It runs on
// a connection of its own with secure_delete on, scrubs the copies SQLite
// keeps elsewhere and truncates the WAL, so the erased text is in no file
// of the data folder afterwards.
func (s *Store) ForgetCustomer(ctx context.Context, customerID int64) (int64, error) {
	s.Flush() // a sync's uncommitted batches; its failure is the sync run's to report
	db, err := sql.Open("sqlite3", "file:"+s.Path()+"?_busy_timeout=10000&_foreign_keys=1&_secure_delete=on&_txlock=immediate")
	if err != nil {
		return 0, fmt.Errorf("forget customer %d: %w", customerID, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		return 0, fmt.Errorf("forget customer %d: %w", customerID, err)
	}
	defer conn.Close()
	// The DSN option is per connection; set it again in case the driver ignores it.
	if _, err := conn.ExecContext(ctx, "PRAGMA secure_delete = ON"); err != nil {
		return 0, fmt.Errorf("forget customer %d: %w", customerID, err)
	}
	var channelID int64
	err = withTx(ctx, conn, func(tx *sql.Tx) error {
		var err error
		channelID, err = eraseCustomerEverywhere(ctx, tx, customerID)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("forget customer %d: %w", customerID, err)
	}
	if err := scrubLeftovers(ctx, conn); err != nil {
		return 0, fmt.Errorf("forget customer %d: %w", customerID, err)
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return channelID, fmt.Errorf("forget customer %d: checkpoint: %w", customerID, err)
	}
	return channelID, nil
}

// scrubLeftovers removes the copies of erased text SQLite keeps outside
// the rows: terms in the full-text segments (merged away by 'optimize'),
// divider keys in the interior pages of indexes on email and name columns
// (REINDEX rebuilds them; secure_delete zeroes the old pages), and stale
// bytes in free pages and in the unused space of live pages (VACUUM).
func scrubLeftovers(ctx context.Context, conn *sql.Conn) error {
	steps := []string{
		"INSERT INTO customers_fts(customers_fts) VALUES ('optimize')",
		"INSERT INTO orders_fts(orders_fts) VALUES ('optimize')",
		"INSERT INTO carts_fts(carts_fts) VALUES ('optimize')",
		"INSERT INTO credit_memos_fts(credit_memos_fts) VALUES ('optimize')",
	}
	// Only indexes over personal columns can hold the erased text.
	rows, err := conn.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
		AND tbl_name IN ('customers', 'customer_addresses', 'orders', 'order_addresses', 'carts', 'subscribers', 'guest_customers')
		AND (sql LIKE '%email%' OR sql LIKE '%name%' OR sql LIKE '%street%' OR sql LIKE '%telephone%')`)
	if err != nil {
		return fmt.Errorf("list indexes: %w", err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return fmt.Errorf("list indexes: %w", err)
		}
		steps = append(steps, `REINDEX "`+name+`"`)
	}
	rows.Close()
	for _, q := range steps {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	// Erased text can also sit in the unused space of live pages (a
	// leaf that became an interior page, cells moved by a rebalance while
	// secure_delete was off) and in free pages: VACUUM rebuilds the file
	// from the live rows only. It costs a rewrite of the file, once per
	// forgotten customer.
	if _, err := conn.ExecContext(ctx, "VACUUM"); err != nil {
		return fmt.Errorf("vacuum: %w", err)
	}
	return nil
}

func withTx(ctx context.Context, conn *sql.Conn, fn func(*sql.Tx) error) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// ErrCustomerNotFound is returned when the local id names no customer.
var ErrCustomerNotFound = errors.New("customer not found")

// eraseCustomerEverywhere does the erasing in one transaction and returns
// the customer's channel.
func eraseCustomerEverywhere(ctx context.Context, tx *sql.Tx, customerID int64) (int64, error) {
	var ch, magentoID int64
	var email string
	err := tx.QueryRowContext(ctx, `SELECT channel_id, magento_id, email_lc FROM customers WHERE id = ?`, customerID).Scan(&ch, &magentoID, &email)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrCustomerNotFound
	}
	if err != nil {
		return 0, err
	}
	// Guest orders and carts placed with the same email are the same person.
	// email_lc = ” never matches: a blank email is nobody's.
	orders := `SELECT id FROM orders WHERE channel_id = ?1 AND (customer_id = ?2 OR (email_lc = ?3 AND ?3 <> ''))`
	carts := `SELECT id FROM carts WHERE channel_id = ?1 AND (customer_id = ?2 OR (email_lc = ?3 AND ?3 <> ''))`
	steps := []string{
		// Children first (they select through the parents' personal columns).
		`DELETE FROM order_addresses WHERE order_id IN (` + orders + `)`,
		`UPDATE order_status_history SET comment = '' WHERE order_id IN (` + orders + `)`,
		`UPDATE order_payments SET additional_info = '', cc_last4 = '', last_transaction_id = '' WHERE order_id IN (` + orders + `)`,
		`UPDATE credit_memos SET comments = '' WHERE channel_id = ?1 AND order_id IN
			(SELECT magento_id FROM orders WHERE id IN (` + orders + `))`,
		`DELETE FROM credit_memos_raw WHERE id IN (SELECT id FROM credit_memos WHERE channel_id = ?1 AND order_id IN
			(SELECT magento_id FROM orders WHERE id IN (` + orders + `)))`,
		`DELETE FROM orders_raw WHERE id IN (` + orders + `)`,
		`DELETE FROM carts_raw WHERE id IN (` + carts + `)`,
		`DELETE FROM customers_raw WHERE id = (SELECT id FROM customers WHERE channel_id = ?1 AND magento_id = ?2)`,
		// Search rows: deleted here, re-added below from what is left.
		`DELETE FROM orders_fts WHERE rowid IN (` + orders + `)`,
		`DELETE FROM carts_fts WHERE rowid IN (` + carts + `)`,
		`DELETE FROM credit_memos_fts WHERE rowid IN (SELECT id FROM credit_memos WHERE channel_id = ?1 AND order_id IN
			(SELECT magento_id FROM orders WHERE id IN (` + orders + `)))`,
		`UPDATE orders SET customer_email = '', email_lc = '', customer_firstname = '', customer_lastname = '',
			remote_ip = '', hash = 0 WHERE id IN (` + orders + `)`,
		`UPDATE carts SET customer_email = '', email_lc = '', customer_firstname = '', customer_lastname = '',
			hash = 0 WHERE id IN (` + carts + `)`,
		`DELETE FROM guest_customers WHERE channel_id = ?1 AND email_lc = ?3 AND ?3 <> ''`,
		`DELETE FROM subscribers WHERE channel_id = ?1 AND (customer_id = ?2 OR (email_lc = ?3 AND ?3 <> ''))`,
		// Two-way edits waiting to be pushed hold the customer as JSON.
		`DELETE FROM act_push_queue WHERE channel_id = ?1 AND entity = 'customers' AND magento_id = ?2`,
		`DELETE FROM customer_addresses WHERE customer_id = (SELECT id FROM customers WHERE channel_id = ?1 AND magento_id = ?2)`,
		`DELETE FROM customers_fts WHERE rowid = (SELECT id FROM customers WHERE channel_id = ?1 AND magento_id = ?2)`,
		`UPDATE customers SET email = '', email_lc = '', prefix = '', firstname = '', middlename = '', lastname = '',
			suffix = '', dob = '', gender = 0, taxvat = '', default_billing = '', default_shipping = '', is_subscribed = NULL,
			hash = 0, lifetime_units = 0, orders_count = 0, first_order_at = '', last_order_at = '',
			removed_in_magento = 1, removed_in_magento_at = datetime('now')
			WHERE channel_id = ?1 AND magento_id = ?2`,
		`DELETE FROM sync_errors WHERE channel_id = ?1 AND entity = 'customers' AND magento_id = ?2`,
	}
	// The search rows of the scrubbed records are rebuilt from what is not
	// personal: numbers and SKUs.
	reindex := []string{
		`INSERT INTO orders_fts(rowid, body) SELECT o.id, o.increment_id || ' ' || coalesce((SELECT group_concat(sku, ' ')
			FROM order_items WHERE order_id = o.id), '') FROM orders o WHERE o.channel_id = ?1 AND o.customer_id = ?2`,
		`INSERT INTO carts_fts(rowid, body) SELECT c.id, c.reserved_order_id || ' ' || coalesce((SELECT group_concat(sku, ' ')
			FROM cart_items WHERE cart_id = c.id), '') FROM carts c WHERE c.channel_id = ?1 AND c.customer_id = ?2`,
		`INSERT INTO credit_memos_fts(rowid, body) SELECT m.id, m.increment_id || ' ' || o.increment_id
			FROM credit_memos m JOIN orders o ON o.channel_id = m.channel_id AND o.magento_id = m.order_id
			WHERE m.channel_id = ?1 AND o.customer_id = ?2`,
		`INSERT INTO customers_fts(rowid, body) SELECT id, '' FROM customers WHERE channel_id = ?1 AND magento_id = ?2`,
	}
	// Guest orders matched by email have customer_id 0 and lose their email
	// above, so the reindex selects them by a marker: remember them first.
	guestOrders, err := ids(ctx, tx, `SELECT id FROM orders WHERE channel_id = ?1 AND customer_id <> ?2 AND email_lc = ?3 AND ?3 <> ''`, ch, magentoID, email)
	if err != nil {
		return 0, err
	}
	guestCarts, err := ids(ctx, tx, `SELECT id FROM carts WHERE channel_id = ?1 AND customer_id <> ?2 AND email_lc = ?3 AND ?3 <> ''`, ch, magentoID, email)
	if err != nil {
		return 0, err
	}
	for _, q := range steps {
		if _, err := tx.ExecContext(ctx, q, ch, magentoID, email); err != nil {
			return 0, fmt.Errorf("%s: %w", strings.Fields(q)[0]+" "+strings.Fields(q)[2], err)
		}
	}
	for _, q := range reindex {
		if _, err := tx.ExecContext(ctx, q, ch, magentoID); err != nil {
			return 0, fmt.Errorf("reindex: %w", err)
		}
	}
	for _, id := range guestOrders {
		if _, err := tx.ExecContext(ctx, `INSERT INTO orders_fts(rowid, body) SELECT id, increment_id FROM orders WHERE id = ?`, id); err != nil {
			return 0, fmt.Errorf("reindex guest order: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO credit_memos_fts(rowid, body) SELECT m.id, m.increment_id || ' ' || o.increment_id
			FROM credit_memos m JOIN orders o ON o.channel_id = m.channel_id AND o.magento_id = m.order_id WHERE o.id = ?`, id); err != nil {
			return 0, fmt.Errorf("reindex guest credit memo: %w", err)
		}
	}
	for _, id := range guestCarts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO carts_fts(rowid, body) SELECT id, reserved_order_id FROM carts WHERE id = ?`, id); err != nil {
			return 0, fmt.Errorf("reindex guest cart: %w", err)
		}
	}
	// The tombstone is flagged like a customer deleted in Magento, so the
	// lists hide it; if Magento later changes the customer, a sync brings
	// the current record back (the shop still has them).
	return ch, nil
}

func ids(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
