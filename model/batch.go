package model

// Batch is one page (or slice) of synced records plus the bookmark that
// covers them. Sink.ApplyBatch writes all of it in ONE transaction, so a
// crash at any moment leaves either the whole batch with its bookmark or
// none of it.
type Batch struct {
	ChannelID int64
	Entity    string // Entity*

	Websites       []Website
	StoreGroups    []StoreGroup
	StoreViews     []StoreView
	CustomerGroups []CustomerGroup
	Customers      []Customer
	Carts          []Cart
	Orders         []Order
	CreditMemos    []CreditMemo
	Subscribers    []Subscriber
	Products       []Product

	// DeferDerived skips recomputing the derived figures (customer lifetime
	// figures, guest groups) the batch changes and marks the channel stale
	// instead, in the same transaction; RefreshDerived recomputes them all
	// at once. The initial sync uses it: per batch, the recomputation cost
	// more than writing the rows.
	DeferDerived bool

	// CommitLater lets the batch share one transaction with the batches of
	// the same run that follow, for up to two seconds (linger.go): its rows,
	// State and counters become visible and durable together with theirs.
	// Any other write, Flush and Close commit it. Only with a RunID.
	CommitLater bool

	// State, when not nil, replaces the entity's SyncState in the same transaction.
	State *SyncState
	// RunID and Counters, when RunID != 0, add Counters (Read, Skipped, Failed
	// as counted by the engine) to the run's figures for Entity; Added and
	// Updated are counted by the sink from what the upserts did.
	RunID    int64
	Counters Counters
	// Errors are per-record failures to record (attempts incremented);
	// Resolved are Magento ids whose earlier errors are cleared.
	Errors   []SyncError
	Resolved []int64

	// prep holds records' preparations given to Add (prepare.go).
	prep batchPrep
}
