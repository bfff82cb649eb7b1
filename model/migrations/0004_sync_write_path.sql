-- The guest-customer refresh counts a guest's carts with
-- "channel_id = ? AND email_lc = ? AND +customer_id = 0". Since 0003 the
-- covering carts_status index holds both columns, and without ANALYZE
-- statistics SQLite preferred scanning it (every cart of the channel) over
-- the selective carts_email index: ~9 ms per guest, most of an initial
-- sync. With customer_id in carts_email that index covers the count itself.
DROP INDEX carts_email;
CREATE INDEX carts_email ON carts(channel_id, email_lc, customer_id);

-- Raw JSON moves to side tables keyed by the row's id. In the row itself a
-- deflated order (3-4 KB) filled most of a 4 KB page and pushed every later
-- column onto an overflow page, so any read of an order, cart or customer
-- that was not covered by an index (derived figures, guest names, lists)
-- read one or two pages per row. Narrow rows pack many to a page; the JSON
-- is read only where it is used (detail windows, two-way merge).
CREATE TABLE customers_raw (
    id  INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
    raw BLOB NOT NULL
);
CREATE TABLE carts_raw (
    id  INTEGER PRIMARY KEY REFERENCES carts(id) ON DELETE CASCADE,
    raw BLOB NOT NULL
);
CREATE TABLE orders_raw (
    id  INTEGER PRIMARY KEY REFERENCES orders(id) ON DELETE CASCADE,
    raw BLOB NOT NULL
);
CREATE TABLE credit_memos_raw (
    id  INTEGER PRIMARY KEY REFERENCES credit_memos(id) ON DELETE CASCADE,
    raw BLOB NOT NULL
);
CREATE TABLE products_raw (
    id  INTEGER PRIMARY KEY REFERENCES products(id) ON DELETE CASCADE,
    raw BLOB NOT NULL
);
INSERT INTO customers_raw(id, raw) SELECT id, raw FROM customers WHERE raw IS NOT NULL;
INSERT INTO carts_raw(id, raw) SELECT id, raw FROM carts WHERE raw IS NOT NULL;
INSERT INTO orders_raw(id, raw) SELECT id, raw FROM orders WHERE raw IS NOT NULL;
INSERT INTO credit_memos_raw(id, raw) SELECT id, raw FROM credit_memos WHERE raw IS NOT NULL;
INSERT INTO products_raw(id, raw) SELECT id, raw FROM products WHERE raw IS NOT NULL;
ALTER TABLE customers DROP COLUMN raw;
ALTER TABLE carts DROP COLUMN raw;
ALTER TABLE orders DROP COLUMN raw;
ALTER TABLE credit_memos DROP COLUMN raw;
ALTER TABLE products DROP COLUMN raw;

-- The initial sync defers the derived customer and guest figures (one
-- recomputation per batch cost more than writing the rows) and sets this
-- flag in the same transaction as the rows; RefreshDerived recomputes the
-- channel's figures in a few set-based statements and clears it.
ALTER TABLE channels ADD COLUMN derived_stale INTEGER NOT NULL DEFAULT 0;
