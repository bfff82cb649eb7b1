-- MageDesk local store, version 1.
-- Conventions: every synced row has a local id, channel_id (cascade), Magento's
-- id, Magento's updated_at and our synced_at; hash is a content hash used to
-- count unchanged rows as skipped; raw is the record's JSON, deflate-compressed.
-- Money is stored twice: <name> TEXT exactly as sent, <name>_units INTEGER in
-- ten-thousandths; aggregates only ever add the _units columns.
-- Cross-entity references (quote_id, customer_id, order_id) are plain Magento
-- ids without foreign keys: Magento purges quotes and deletes customers while
-- the orders that point at them must stay.

CREATE TABLE channels (
    id                   INTEGER PRIMARY KEY,
    name                 TEXT NOT NULL,
    type                 TEXT NOT NULL DEFAULT 'magento2',
    base_url             TEXT NOT NULL DEFAULT '',
    store_code           TEXT NOT NULL DEFAULT '',
    auth_mode            TEXT NOT NULL DEFAULT 'bearer',
    credential_key       TEXT NOT NULL DEFAULT '',
    is_demo              INTEGER NOT NULL DEFAULT 0,
    website_ids          TEXT NOT NULL DEFAULT '',
    entities             TEXT NOT NULL DEFAULT '',
    sync_start           TEXT NOT NULL DEFAULT '',
    sync_interval        INTEGER NOT NULL DEFAULT 0,
    abandon_after        INTEGER NOT NULL DEFAULT 0,
    two_way              INTEGER NOT NULL DEFAULT 0,
    local_wins           INTEGER NOT NULL DEFAULT 0,
    page_size            INTEGER NOT NULL DEFAULT 0,
    concurrency          INTEGER NOT NULL DEFAULT 0,
    reconcile_days       INTEGER NOT NULL DEFAULT 0,
    allow_insecure_http  INTEGER NOT NULL DEFAULT 0,
    basic_auth_user      TEXT NOT NULL DEFAULT '',
    trusted_cert_sha256  TEXT NOT NULL DEFAULT '',
    admin_url            TEXT NOT NULL DEFAULT '',
    store_name           TEXT NOT NULL DEFAULT '',
    base_currency        TEXT NOT NULL DEFAULT '',
    timezone             TEXT NOT NULL DEFAULT '',
    has_newsletter_route INTEGER NOT NULL DEFAULT 0,
    created_at           TEXT NOT NULL DEFAULT '',
    last_sync_at         TEXT NOT NULL DEFAULT '',
    last_sync_status     TEXT NOT NULL DEFAULT '',
    last_reconcile       TEXT NOT NULL DEFAULT ''
);

CREATE TABLE websites (
    id               INTEGER PRIMARY KEY,
    channel_id       INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    magento_id       INTEGER NOT NULL,
    code             TEXT NOT NULL DEFAULT '',
    name             TEXT NOT NULL DEFAULT '',
    default_group_id INTEGER NOT NULL DEFAULT 0,
    updated_at       TEXT NOT NULL DEFAULT '',
    synced_at        TEXT NOT NULL DEFAULT '',
    hash             INTEGER NOT NULL DEFAULT 0,
    UNIQUE (channel_id, magento_id)
);

CREATE TABLE store_groups (
    id               INTEGER PRIMARY KEY,
    channel_id       INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    magento_id       INTEGER NOT NULL,
    website_id       INTEGER NOT NULL DEFAULT 0,
    code             TEXT NOT NULL DEFAULT '',
    name             TEXT NOT NULL DEFAULT '',
    root_category_id INTEGER NOT NULL DEFAULT 0,
    default_store_id INTEGER NOT NULL DEFAULT 0,
    updated_at       TEXT NOT NULL DEFAULT '',
    synced_at        TEXT NOT NULL DEFAULT '',
    hash             INTEGER NOT NULL DEFAULT 0,
    UNIQUE (channel_id, magento_id)
);

CREATE TABLE store_views (
    id               INTEGER PRIMARY KEY,
    channel_id       INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    magento_id       INTEGER NOT NULL,
    code             TEXT NOT NULL DEFAULT '',
    name             TEXT NOT NULL DEFAULT '',
    website_id       INTEGER NOT NULL DEFAULT 0,
    store_group_id   INTEGER NOT NULL DEFAULT 0,
    is_active        INTEGER NOT NULL DEFAULT 0,
    locale           TEXT NOT NULL DEFAULT '',
    timezone         TEXT NOT NULL DEFAULT '',
    base_currency    TEXT NOT NULL DEFAULT '',
    display_currency TEXT NOT NULL DEFAULT '',
    base_url         TEXT NOT NULL DEFAULT '',
    updated_at       TEXT NOT NULL DEFAULT '',
    synced_at        TEXT NOT NULL DEFAULT '',
    hash             INTEGER NOT NULL DEFAULT 0,
    UNIQUE (channel_id, magento_id)
);

CREATE TABLE customer_groups (
    id             INTEGER PRIMARY KEY,
    channel_id     INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    magento_id     INTEGER NOT NULL,
    code           TEXT NOT NULL DEFAULT '',
    tax_class_id   INTEGER NOT NULL DEFAULT 0,
    tax_class_name TEXT NOT NULL DEFAULT '',
    updated_at     TEXT NOT NULL DEFAULT '',
    synced_at      TEXT NOT NULL DEFAULT '',
    hash           INTEGER NOT NULL DEFAULT 0,
    UNIQUE (channel_id, magento_id)
);

CREATE TABLE customers (
    id                    INTEGER PRIMARY KEY,
    channel_id            INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    magento_id            INTEGER NOT NULL,
    website_id            INTEGER NOT NULL DEFAULT 0,
    store_id              INTEGER NOT NULL DEFAULT 0,
    group_id              INTEGER NOT NULL DEFAULT 0,
    email                 TEXT NOT NULL DEFAULT '',
    email_lc              TEXT NOT NULL DEFAULT '',
    prefix                TEXT NOT NULL DEFAULT '',
    firstname             TEXT NOT NULL DEFAULT '',
    middlename            TEXT NOT NULL DEFAULT '',
    lastname              TEXT NOT NULL DEFAULT '',
    suffix                TEXT NOT NULL DEFAULT '',
    dob                   TEXT NOT NULL DEFAULT '',
    gender                INTEGER NOT NULL DEFAULT 0,
    taxvat                TEXT NOT NULL DEFAULT '',
    created_in            TEXT NOT NULL DEFAULT '',
    created_at            TEXT NOT NULL DEFAULT '',
    updated_at            TEXT NOT NULL DEFAULT '',
    default_billing       TEXT NOT NULL DEFAULT '',
    default_shipping      TEXT NOT NULL DEFAULT '',
    is_subscribed         INTEGER,
    raw                   BLOB,
    synced_at             TEXT NOT NULL DEFAULT '',
    hash                  INTEGER NOT NULL DEFAULT 0,
    removed_in_magento    INTEGER NOT NULL DEFAULT 0,
    removed_in_magento_at TEXT NOT NULL DEFAULT '',
    -- Derived from orders and refunded credit memos, maintained per batch
    -- for the customers a batch touched (canceled orders excluded).
    lifetime_units        INTEGER NOT NULL DEFAULT 0,
    lifetime_currency     TEXT NOT NULL DEFAULT '',
    orders_count          INTEGER NOT NULL DEFAULT 0,
    first_order_at        TEXT NOT NULL DEFAULT '',
    last_order_at         TEXT NOT NULL DEFAULT '',
    UNIQUE (channel_id, magento_id)
);
CREATE INDEX customers_created ON customers(channel_id, created_at);
CREATE INDEX customers_updated ON customers(channel_id, updated_at);
CREATE INDEX customers_email ON customers(channel_id, email_lc);
CREATE INDEX customers_lastname ON customers(channel_id, lastname COLLATE NOCASE);
CREATE INDEX customers_website ON customers(channel_id, website_id);
CREATE INDEX customers_lifetime ON customers(channel_id, lifetime_units);

CREATE TABLE customer_addresses (
    id               INTEGER PRIMARY KEY,
    customer_id      INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    magento_id       INTEGER NOT NULL DEFAULT 0,
    prefix           TEXT NOT NULL DEFAULT '',
    firstname        TEXT NOT NULL DEFAULT '',
    middlename       TEXT NOT NULL DEFAULT '',
    lastname         TEXT NOT NULL DEFAULT '',
    suffix           TEXT NOT NULL DEFAULT '',
    company          TEXT NOT NULL DEFAULT '',
    street           TEXT NOT NULL DEFAULT '',
    city             TEXT NOT NULL DEFAULT '',
    region           TEXT NOT NULL DEFAULT '',
    region_code      TEXT NOT NULL DEFAULT '',
    region_id        INTEGER NOT NULL DEFAULT 0,
    postcode         TEXT NOT NULL DEFAULT '',
    country_id       TEXT NOT NULL DEFAULT '',
    telephone        TEXT NOT NULL DEFAULT '',
    vat_id           TEXT NOT NULL DEFAULT '',
    default_billing  INTEGER NOT NULL DEFAULT 0,
    default_shipping INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX customer_addresses_customer ON customer_addresses(customer_id);

CREATE TABLE carts (
    id                  INTEGER PRIMARY KEY,
    channel_id          INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    magento_id          INTEGER NOT NULL,
    store_id            INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT NOT NULL DEFAULT '',
    updated_at          TEXT NOT NULL DEFAULT '',
    converted_at        TEXT NOT NULL DEFAULT '',
    is_active           INTEGER NOT NULL DEFAULT 0,
    is_virtual          INTEGER NOT NULL DEFAULT 0,
    customer_is_guest   INTEGER NOT NULL DEFAULT 0,
    customer_id         INTEGER NOT NULL DEFAULT 0,
    customer_email      TEXT NOT NULL DEFAULT '',
    email_lc            TEXT NOT NULL DEFAULT '',
    customer_firstname  TEXT NOT NULL DEFAULT '',
    customer_lastname   TEXT NOT NULL DEFAULT '',
    items_count         INTEGER NOT NULL DEFAULT 0,
    items_qty           TEXT NOT NULL DEFAULT '',
    reserved_order_id   TEXT NOT NULL DEFAULT '',
    orig_order_id       INTEGER NOT NULL DEFAULT 0,
    base_currency       TEXT NOT NULL DEFAULT '',
    quote_currency      TEXT NOT NULL DEFAULT '',
    grand_total         TEXT NOT NULL DEFAULT '',
    grand_total_units   INTEGER NOT NULL DEFAULT 0,
    base_grand_total    TEXT NOT NULL DEFAULT '',
    base_grand_total_units INTEGER NOT NULL DEFAULT 0,
    subtotal            TEXT NOT NULL DEFAULT '',
    subtotal_units      INTEGER NOT NULL DEFAULT 0,
    tax_amount          TEXT NOT NULL DEFAULT '',
    tax_amount_units    INTEGER NOT NULL DEFAULT 0,
    discount_amount     TEXT NOT NULL DEFAULT '',
    discount_amount_units INTEGER NOT NULL DEFAULT 0,
    shipping_amount     TEXT NOT NULL DEFAULT '',
    shipping_amount_units INTEGER NOT NULL DEFAULT 0,
    totals_updated_at   TEXT NOT NULL DEFAULT '',
    status              TEXT NOT NULL DEFAULT 'open',
    status_note         TEXT NOT NULL DEFAULT '',
    order_magento_id    INTEGER NOT NULL DEFAULT 0,
    raw                 BLOB,
    synced_at           TEXT NOT NULL DEFAULT '',
    hash                INTEGER NOT NULL DEFAULT 0,
    removed_in_magento  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (channel_id, magento_id)
);
CREATE INDEX carts_created ON carts(channel_id, created_at);
CREATE INDEX carts_updated ON carts(channel_id, updated_at);
CREATE INDEX carts_status ON carts(channel_id, status, updated_at);
CREATE INDEX carts_customer ON carts(channel_id, customer_id);
CREATE INDEX carts_email ON carts(channel_id, email_lc);
CREATE INDEX carts_total ON carts(channel_id, base_grand_total_units);

CREATE TABLE cart_items (
    id           INTEGER PRIMARY KEY,
    cart_id      INTEGER NOT NULL REFERENCES carts(id) ON DELETE CASCADE,
    magento_id   INTEGER NOT NULL DEFAULT 0,
    sku          TEXT NOT NULL DEFAULT '',
    name         TEXT NOT NULL DEFAULT '',
    qty          TEXT NOT NULL DEFAULT '',
    price        TEXT NOT NULL DEFAULT '',
    price_units  INTEGER NOT NULL DEFAULT 0,
    product_type TEXT NOT NULL DEFAULT '',
    options      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cart_items_cart ON cart_items(cart_id);

CREATE TABLE orders (
    id                        INTEGER PRIMARY KEY,
    channel_id                INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    magento_id                INTEGER NOT NULL,
    increment_id              TEXT NOT NULL DEFAULT '',
    quote_id                  INTEGER NOT NULL DEFAULT 0,
    store_id                  INTEGER NOT NULL DEFAULT 0,
    store_name                TEXT NOT NULL DEFAULT '',
    customer_id               INTEGER NOT NULL DEFAULT 0,
    customer_is_guest         INTEGER NOT NULL DEFAULT 0,
    customer_group_id         INTEGER NOT NULL DEFAULT 0,
    customer_email            TEXT NOT NULL DEFAULT '',
    email_lc                  TEXT NOT NULL DEFAULT '',
    customer_firstname        TEXT NOT NULL DEFAULT '',
    customer_lastname         TEXT NOT NULL DEFAULT '',
    state                     TEXT NOT NULL DEFAULT '',
    status                    TEXT NOT NULL DEFAULT '',
    created_at                TEXT NOT NULL DEFAULT '',
    updated_at                TEXT NOT NULL DEFAULT '',
    base_currency             TEXT NOT NULL DEFAULT '',
    order_currency            TEXT NOT NULL DEFAULT '',
    grand_total               TEXT NOT NULL DEFAULT '',
    grand_total_units         INTEGER NOT NULL DEFAULT 0,
    base_grand_total          TEXT NOT NULL DEFAULT '',
    base_grand_total_units    INTEGER NOT NULL DEFAULT 0,
    subtotal                  TEXT NOT NULL DEFAULT '',
    subtotal_units            INTEGER NOT NULL DEFAULT 0,
    tax_amount                TEXT NOT NULL DEFAULT '',
    tax_amount_units          INTEGER NOT NULL DEFAULT 0,
    shipping_amount           TEXT NOT NULL DEFAULT '',
    shipping_amount_units     INTEGER NOT NULL DEFAULT 0,
    discount_amount           TEXT NOT NULL DEFAULT '',
    discount_amount_units     INTEGER NOT NULL DEFAULT 0,
    total_paid                TEXT NOT NULL DEFAULT '',
    total_paid_units          INTEGER NOT NULL DEFAULT 0,
    total_invoiced            TEXT NOT NULL DEFAULT '',
    total_invoiced_units      INTEGER NOT NULL DEFAULT 0,
    total_refunded            TEXT NOT NULL DEFAULT '',
    total_refunded_units      INTEGER NOT NULL DEFAULT 0,
    base_total_refunded       TEXT NOT NULL DEFAULT '',
    base_total_refunded_units INTEGER NOT NULL DEFAULT 0,
    total_due                 TEXT NOT NULL DEFAULT '',
    total_due_units           INTEGER NOT NULL DEFAULT 0,
    total_qty_ordered         TEXT NOT NULL DEFAULT '',
    total_item_count          INTEGER NOT NULL DEFAULT 0,
    shipping_method           TEXT NOT NULL DEFAULT '',
    shipping_desc             TEXT NOT NULL DEFAULT '',
    remote_ip                 TEXT NOT NULL DEFAULT '',
    raw                       BLOB,
    synced_at                 TEXT NOT NULL DEFAULT '',
    hash                      INTEGER NOT NULL DEFAULT 0,
    removed_in_magento        INTEGER NOT NULL DEFAULT 0,
    UNIQUE (channel_id, magento_id)
);
CREATE INDEX orders_created ON orders(channel_id, created_at);
CREATE INDEX orders_created_all ON orders(created_at);
CREATE INDEX orders_updated ON orders(channel_id, updated_at);
CREATE INDEX orders_increment ON orders(channel_id, increment_id);
CREATE INDEX orders_email ON orders(channel_id, email_lc);
CREATE INDEX orders_status ON orders(channel_id, status, created_at);
CREATE INDEX orders_quote ON orders(channel_id, quote_id);
CREATE INDEX orders_customer ON orders(channel_id, customer_id);
CREATE INDEX orders_total ON orders(channel_id, base_grand_total_units);

CREATE TABLE order_items (
    id                    INTEGER PRIMARY KEY,
    order_id              INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    magento_id            INTEGER NOT NULL DEFAULT 0,
    parent_item_id        INTEGER NOT NULL DEFAULT 0,
    quote_item_id         INTEGER NOT NULL DEFAULT 0,
    product_id            INTEGER NOT NULL DEFAULT 0,
    product_type          TEXT NOT NULL DEFAULT '',
    sku                   TEXT NOT NULL DEFAULT '',
    name                  TEXT NOT NULL DEFAULT '',
    qty_ordered           TEXT NOT NULL DEFAULT '',
    qty_invoiced          TEXT NOT NULL DEFAULT '',
    qty_shipped           TEXT NOT NULL DEFAULT '',
    qty_refunded          TEXT NOT NULL DEFAULT '',
    qty_canceled          TEXT NOT NULL DEFAULT '',
    price                 TEXT NOT NULL DEFAULT '',
    price_units           INTEGER NOT NULL DEFAULT 0,
    base_price            TEXT NOT NULL DEFAULT '',
    base_price_units      INTEGER NOT NULL DEFAULT 0,
    original_price        TEXT NOT NULL DEFAULT '',
    original_price_units  INTEGER NOT NULL DEFAULT 0,
    row_total             TEXT NOT NULL DEFAULT '',
    row_total_units       INTEGER NOT NULL DEFAULT 0,
    base_row_total        TEXT NOT NULL DEFAULT '',
    base_row_total_units  INTEGER NOT NULL DEFAULT 0,
    tax_amount            TEXT NOT NULL DEFAULT '',
    tax_amount_units      INTEGER NOT NULL DEFAULT 0,
    discount_amount       TEXT NOT NULL DEFAULT '',
    discount_amount_units INTEGER NOT NULL DEFAULT 0,
    amount_refunded       TEXT NOT NULL DEFAULT '',
    amount_refunded_units INTEGER NOT NULL DEFAULT 0,
    product_option        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX order_items_order ON order_items(order_id);

CREATE TABLE order_addresses (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    magento_id   INTEGER NOT NULL DEFAULT 0,
    address_type TEXT NOT NULL DEFAULT '',
    firstname    TEXT NOT NULL DEFAULT '',
    lastname     TEXT NOT NULL DEFAULT '',
    company      TEXT NOT NULL DEFAULT '',
    street       TEXT NOT NULL DEFAULT '',
    city         TEXT NOT NULL DEFAULT '',
    region       TEXT NOT NULL DEFAULT '',
    region_code  TEXT NOT NULL DEFAULT '',
    region_id    INTEGER NOT NULL DEFAULT 0,
    postcode     TEXT NOT NULL DEFAULT '',
    country_id   TEXT NOT NULL DEFAULT '',
    telephone    TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX order_addresses_order ON order_addresses(order_id);

CREATE TABLE order_payments (
    id                          INTEGER PRIMARY KEY,
    order_id                    INTEGER NOT NULL UNIQUE REFERENCES orders(id) ON DELETE CASCADE,
    method                      TEXT NOT NULL DEFAULT '',
    amount_ordered              TEXT NOT NULL DEFAULT '',
    amount_ordered_units        INTEGER NOT NULL DEFAULT 0,
    base_amount_ordered         TEXT NOT NULL DEFAULT '',
    base_amount_ordered_units   INTEGER NOT NULL DEFAULT 0,
    amount_paid                 TEXT NOT NULL DEFAULT '',
    amount_paid_units           INTEGER NOT NULL DEFAULT 0,
    additional_info             TEXT NOT NULL DEFAULT '',
    cc_last4                    TEXT NOT NULL DEFAULT '',
    last_transaction_id         TEXT NOT NULL DEFAULT '',
    account_status              TEXT NOT NULL DEFAULT '',
    method_title                TEXT NOT NULL DEFAULT '',
    amount_refunded             TEXT NOT NULL DEFAULT '',
    amount_refunded_units       INTEGER NOT NULL DEFAULT 0,
    base_amount_refunded        TEXT NOT NULL DEFAULT '',
    base_amount_refunded_units  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE order_status_history (
    id                   INTEGER PRIMARY KEY,
    order_id             INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    magento_id           INTEGER NOT NULL DEFAULT 0,
    comment              TEXT NOT NULL DEFAULT '',
    status               TEXT NOT NULL DEFAULT '',
    entity_name          TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL DEFAULT '',
    is_customer_notified INTEGER NOT NULL DEFAULT 0,
    is_visible_on_front  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX order_status_history_order ON order_status_history(order_id);

CREATE TABLE credit_memos (
    id                         INTEGER PRIMARY KEY,
    channel_id                 INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    magento_id                 INTEGER NOT NULL,
    order_id                   INTEGER NOT NULL DEFAULT 0,
    invoice_id                 INTEGER NOT NULL DEFAULT 0,
    increment_id               TEXT NOT NULL DEFAULT '',
    state                      INTEGER NOT NULL DEFAULT 0,
    store_id                   INTEGER NOT NULL DEFAULT 0,
    created_at                 TEXT NOT NULL DEFAULT '',
    updated_at                 TEXT NOT NULL DEFAULT '',
    base_currency              TEXT NOT NULL DEFAULT '',
    order_currency             TEXT NOT NULL DEFAULT '',
    grand_total                TEXT NOT NULL DEFAULT '',
    grand_total_units          INTEGER NOT NULL DEFAULT 0,
    base_grand_total           TEXT NOT NULL DEFAULT '',
    base_grand_total_units     INTEGER NOT NULL DEFAULT 0,
    subtotal                   TEXT NOT NULL DEFAULT '',
    subtotal_units             INTEGER NOT NULL DEFAULT 0,
    tax_amount                 TEXT NOT NULL DEFAULT '',
    tax_amount_units           INTEGER NOT NULL DEFAULT 0,
    shipping_amount            TEXT NOT NULL DEFAULT '',
    shipping_amount_units      INTEGER NOT NULL DEFAULT 0,
    discount_amount            TEXT NOT NULL DEFAULT '',
    discount_amount_units      INTEGER NOT NULL DEFAULT 0,
    adjustment                 TEXT NOT NULL DEFAULT '',
    adjustment_units           INTEGER NOT NULL DEFAULT 0,
    adjustment_positive        TEXT NOT NULL DEFAULT '',
    adjustment_positive_units  INTEGER NOT NULL DEFAULT 0,
    adjustment_negative        TEXT NOT NULL DEFAULT '',
    adjustment_negative_units  INTEGER NOT NULL DEFAULT 0,
    comments                   TEXT NOT NULL DEFAULT '',
    raw                        BLOB,
    synced_at                  TEXT NOT NULL DEFAULT '',
    hash                       INTEGER NOT NULL DEFAULT 0,
    removed_in_magento         INTEGER NOT NULL DEFAULT 0,
    UNIQUE (channel_id, magento_id)
);
CREATE INDEX credit_memos_created ON credit_memos(channel_id, created_at);
CREATE INDEX credit_memos_order ON credit_memos(channel_id, order_id);
CREATE INDEX credit_memos_increment ON credit_memos(channel_id, increment_id);

CREATE TABLE credit_memo_items (
    id                    INTEGER PRIMARY KEY,
    credit_memo_id        INTEGER NOT NULL REFERENCES credit_memos(id) ON DELETE CASCADE,
    magento_id            INTEGER NOT NULL DEFAULT 0,
    order_item_id         INTEGER NOT NULL DEFAULT 0,
    product_id            INTEGER NOT NULL DEFAULT 0,
    sku                   TEXT NOT NULL DEFAULT '',
    name                  TEXT NOT NULL DEFAULT '',
    qty                   TEXT NOT NULL DEFAULT '',
    price                 TEXT NOT NULL DEFAULT '',
    price_units           INTEGER NOT NULL DEFAULT 0,
    row_total             TEXT NOT NULL DEFAULT '',
    row_total_units       INTEGER NOT NULL DEFAULT 0,
    tax_amount            TEXT NOT NULL DEFAULT '',
    tax_amount_units      INTEGER NOT NULL DEFAULT 0,
    discount_amount       TEXT NOT NULL DEFAULT '',
    discount_amount_units INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX credit_memo_items_memo ON credit_memo_items(credit_memo_id);

-- Subscribers: magento_id is subscriber_id (source module) or the customer id
-- (source customer), so the source is part of the key.
CREATE TABLE subscribers (
    id               INTEGER PRIMARY KEY,
    channel_id       INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    magento_id       INTEGER NOT NULL,
    source           TEXT NOT NULL DEFAULT 'module',
    store_id         INTEGER NOT NULL DEFAULT 0,
    customer_id      INTEGER NOT NULL DEFAULT 0,
    email            TEXT NOT NULL DEFAULT '',
    email_lc         TEXT NOT NULL DEFAULT '',
    status           INTEGER NOT NULL DEFAULT 0,
    change_status_at TEXT NOT NULL DEFAULT '',
    updated_at       TEXT NOT NULL DEFAULT '',
    synced_at        TEXT NOT NULL DEFAULT '',
    hash             INTEGER NOT NULL DEFAULT 0,
    removed_in_magento INTEGER NOT NULL DEFAULT 0,
    UNIQUE (channel_id, source, magento_id)
);
CREATE INDEX subscribers_email ON subscribers(channel_id, email_lc);
CREATE INDEX subscribers_customer ON subscribers(channel_id, customer_id);

CREATE TABLE products (
    id                   INTEGER PRIMARY KEY,
    channel_id           INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    magento_id           INTEGER NOT NULL,
    sku                  TEXT NOT NULL DEFAULT '',
    name                 TEXT NOT NULL DEFAULT '',
    type_id              TEXT NOT NULL DEFAULT '',
    price                TEXT NOT NULL DEFAULT '',
    price_units          INTEGER NOT NULL DEFAULT 0,
    status               INTEGER NOT NULL DEFAULT 0,
    visibility           INTEGER NOT NULL DEFAULT 0,
    website_ids          TEXT NOT NULL DEFAULT '',
    qty                  TEXT NOT NULL DEFAULT '',
    in_stock             INTEGER NOT NULL DEFAULT 0,
    configurable_options TEXT NOT NULL DEFAULT '',
    parent_sku           TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL DEFAULT '',
    updated_at           TEXT NOT NULL DEFAULT '',
    raw                  BLOB,
    synced_at            TEXT NOT NULL DEFAULT '',
    hash                 INTEGER NOT NULL DEFAULT 0,
    removed_in_magento   INTEGER NOT NULL DEFAULT 0,
    UNIQUE (channel_id, magento_id)
);
CREATE INDEX products_sku ON products(channel_id, sku COLLATE NOCASE);
CREATE INDEX products_name ON products(channel_id, name COLLATE NOCASE);

-- Guest customers: guest orders and carts grouped by lower(email);
-- maintained per batch for the emails a batch touched.
CREATE TABLE guest_customers (
    id                  INTEGER PRIMARY KEY,
    channel_id          INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    email_lc            TEXT NOT NULL,
    email               TEXT NOT NULL DEFAULT '',
    firstname           TEXT NOT NULL DEFAULT '',
    lastname            TEXT NOT NULL DEFAULT '',
    orders_count        INTEGER NOT NULL DEFAULT 0,
    carts_count         INTEGER NOT NULL DEFAULT 0,
    first_order_at      TEXT NOT NULL DEFAULT '',
    last_order_at       TEXT NOT NULL DEFAULT '',
    linked_customer_id  INTEGER NOT NULL DEFAULT 0,
    lifetime_units      INTEGER NOT NULL DEFAULT 0,
    lifetime_currencies TEXT NOT NULL DEFAULT '',
    UNIQUE (channel_id, email_lc)
);
CREATE INDEX guest_customers_last_order ON guest_customers(channel_id, last_order_at);

CREATE TABLE sync_state (
    channel_id    INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    entity        TEXT NOT NULL,
    watermark     TEXT NOT NULL DEFAULT '',
    watermark_id  INTEGER NOT NULL DEFAULT 0,
    initial_upper TEXT NOT NULL DEFAULT '',
    initial_done  INTEGER NOT NULL DEFAULT 0,
    progress      TEXT NOT NULL DEFAULT '',
    total_count   INTEGER NOT NULL DEFAULT 0,
    updated_at    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (channel_id, entity)
);

CREATE TABLE sync_runs (
    id         INTEGER PRIMARY KEY,
    channel_id INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL DEFAULT '',
    started_at TEXT NOT NULL DEFAULT '',
    ended_at   TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL DEFAULT 'running',
    message    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sync_runs_channel ON sync_runs(channel_id, id);

CREATE TABLE sync_run_counters (
    run_id  INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
    entity  TEXT NOT NULL,
    read    INTEGER NOT NULL DEFAULT 0,
    added   INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    failed  INTEGER NOT NULL DEFAULT 0,
    total   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, entity)
);

CREATE TABLE sync_errors (
    channel_id INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    entity     TEXT NOT NULL,
    magento_id INTEGER NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    first_at   TEXT NOT NULL DEFAULT '',
    last_at    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (channel_id, entity, magento_id)
);

-- One row per channel being synced; pid + heartbeat let another process
-- tell a live sync from a crashed one.
CREATE TABLE sync_locks (
    channel_id   INTEGER PRIMARY KEY REFERENCES channels(id) ON DELETE CASCADE,
    owner        TEXT NOT NULL DEFAULT '',
    pid          INTEGER NOT NULL,
    hostname     TEXT NOT NULL DEFAULT '',
    token        TEXT NOT NULL,
    acquired_at  TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL
);

-- Full-text search for the list search boxes (names, emails, numbers, SKUs).
-- Contentless: rowid is the entity's local id; we only need the match set.
CREATE VIRTUAL TABLE customers_fts USING fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE VIRTUAL TABLE carts_fts USING fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE VIRTUAL TABLE orders_fts USING fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE VIRTUAL TABLE credit_memos_fts USING fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE VIRTUAL TABLE products_fts USING fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='2 3');

-- Keep the search indexes free of deleted rows (also on channel cascade),
-- so a reused rowid never matches an old row's text.
CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers BEGIN DELETE FROM customers_fts WHERE rowid = old.id; END;
CREATE TRIGGER carts_fts_delete AFTER DELETE ON carts BEGIN DELETE FROM carts_fts WHERE rowid = old.id; END;
CREATE TRIGGER orders_fts_delete AFTER DELETE ON orders BEGIN DELETE FROM orders_fts WHERE rowid = old.id; END;
CREATE TRIGGER credit_memos_fts_delete AFTER DELETE ON credit_memos BEGIN DELETE FROM credit_memos_fts WHERE rowid = old.id; END;
CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN DELETE FROM products_fts WHERE rowid = old.id; END;
