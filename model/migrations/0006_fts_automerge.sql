-- Search indexes merge their segments only once a level holds 16 (FTS5's
-- automerge, 4 by default). Merging every few segments was a quarter of
-- the time of inserting an initial sync's search text (100,000 orders:
-- 3.1 s with 4, 2.3-2.5 s with 16), and searches measured the same: a
-- level never holds more than 16 segments (crisismerge), so a search
-- reads at most that many per level.
INSERT INTO customers_fts(customers_fts, rank) VALUES ('automerge', 16);
INSERT INTO carts_fts(carts_fts, rank) VALUES ('automerge', 16);
INSERT INTO orders_fts(orders_fts, rank) VALUES ('automerge', 16);
INSERT INTO credit_memos_fts(credit_memos_fts, rank) VALUES ('automerge', 16);
INSERT INTO products_fts(products_fts, rank) VALUES ('automerge', 16);
