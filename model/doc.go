// Package model holds MageDesk's domain types and its local SQLite store.
//
// The store (Store) keeps one writer connection (every write runs in an
// IMMEDIATE transaction on it) and a WAL read pool, so the sync engine,
// UI edits and list queries never fail with SQLITE_BUSY. The schema lives
// in embedded, versioned migrations (migrations/NNNN_name.sql).
//
// Writing (the connector.Sink contract):
//   - ApplyBatch writes one synced page and its bookmark in one transaction;
//     rows are upserted by (channel, Magento id), unchanged rows (same
//     content hash) count as Skipped, children are replaced.
//   - Cart status rules, customer erasure, guest grouping and derived
//     customer figures are maintained there (write_*.go, derived.go).
//   - SyncState, StartRun/FinishRun, KnownIDs, MarkRemoved,
//     CartsNeedingTotals; AcquireSyncLock guards a channel across processes.
//
// Reading: List*/Count* take a ListQuery (filter, whitelisted sort, page)
// and run entirely in SQL on indexes, with FTS5 for the search box;
// Get* return full records with children; Iterate* stream records for
// export; CustomerStats, *OfCustomer and Dashboard compute figures from
// integer money columns only.
package model
