-- Indexes an initial sync dropped while it bulk-loaded an empty table,
-- with the statement that builds each again (deferred_indexes.go). Rows
-- here at startup mean a sync ended without building them (a crash).
CREATE TABLE deferred_indexes (
    name TEXT PRIMARY KEY,
    sql  TEXT NOT NULL
);
