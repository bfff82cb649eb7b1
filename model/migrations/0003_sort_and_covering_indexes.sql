-- Indexes for list sorts that otherwise sort every row of a big table:
-- orders and carts by customer name, guest customers by lifetime value
-- (dashboard top customers).
CREATE INDEX orders_customer_name ON orders(channel_id, customer_lastname COLLATE NOCASE, customer_firstname COLLATE NOCASE);
CREATE INDEX carts_customer_name ON carts(channel_id, customer_lastname COLLATE NOCASE, customer_firstname COLLATE NOCASE);
CREATE INDEX guest_customers_lifetime ON guest_customers(channel_id, lifetime_units);

-- Covering indexes for the dashboard and the derived figures. Order rows
-- are wide (raw JSON, addresses of money columns), so summing a year of
-- orders through the table reads tens of thousands of scattered pages;
-- with every column those aggregates need in the index they never touch
-- the table. Same leading columns as the indexes they replace, so list
-- queries keep using them.
DROP INDEX orders_created;
CREATE INDEX orders_created ON orders(channel_id, created_at, state, base_currency, base_grand_total_units, customer_id, email_lc);
DROP INDEX orders_customer;
CREATE INDEX orders_customer ON orders(channel_id, customer_id, state, created_at, base_grand_total_units, base_currency);
DROP INDEX orders_email;
CREATE INDEX orders_email ON orders(channel_id, email_lc, customer_id, state, created_at, base_grand_total_units, base_currency);
DROP INDEX credit_memos_created;
CREATE INDEX credit_memos_created ON credit_memos(channel_id, created_at, state, base_currency, base_grand_total_units);
DROP INDEX carts_status;
CREATE INDEX carts_status ON carts(channel_id, status, updated_at, items_count, customer_id, email_lc, base_currency, base_grand_total_units);
