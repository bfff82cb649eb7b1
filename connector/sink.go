package connector

import (
	"context"

	"github.com/magedesk/magedesk/model"
)

// Sink is what the sync engine needs from local storage; *model.Store
// implements it.
type Sink interface {
	ApplyBatch(ctx context.Context, b model.Batch) (model.Counters, error)
	SyncState(ctx context.Context, channelID int64, entity string) (model.SyncState, error)

	StartRun(ctx context.Context, channelID int64, kind string) (int64, error)
	FinishRun(ctx context.Context, runID int64, status, message string) error

	// Reconciliation: ids and updated_at of every stored row of an entity
	// (not removed), and marking rows Magento no longer lists.
	KnownIDs(ctx context.Context, channelID int64, entity string) (map[int64]string, error)
	MarkRemoved(ctx context.Context, channelID int64, entity string, magentoIDs []int64) error

	// RefreshDerived recomputes a channel's derived figures (customer
	// lifetime figures, guest groups) when batches written with
	// DeferDerived left them stale; it reports whether there was work.
	RefreshDerived(ctx context.Context, channelID int64) (bool, error)

	// Carts: ids of active (open) carts, and quote ids of stored orders, so
	// the engine can decide Purchased/Expired and which totals to fetch.
	CartsNeedingTotals(ctx context.Context, channelID int64, magentoIDs []int64) ([]int64, error)
}
