package connector

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/magedesk/magedesk/model"
)

// fetchCartTotals fills the totals of the active carts among rows from
// GET carts/{id}/totals (the cart object itself carries no money), before
// the page is stored, so a cart and its totals land in the same batch.
// Only carts the store says need them are asked for (new carts, and active
// carts whose updated_at moved since their totals were read). Magento answers 404 for a cart that stopped being
// active since it was listed: it is stored as inactive and the model
// decides purchased or expired from the orders it holds.
func (e *Engine) fetchCartTotals(ctx context.Context, rows []row) error {
	var todo []int
	for i, r := range rows {
		if c, ok := r.rec.(model.Cart); ok && r.keep && c.IsActive {
			todo = append(todo, i)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	// Ask the store which of them need totals: new carts, and stored
	// active carts whose updated_at moved since their totals were read.
	ids := make([]int64, len(todo))
	for k, i := range todo {
		ids[k] = rows[i].id
	}
	need, err := e.sink.CartsNeedingTotals(ctx, e.ch.ID, ids)
	if err != nil {
		return fmt.Errorf("carts needing totals: %w", err)
	}
	needSet := make(map[int64]bool, len(need))
	for _, id := range need {
		needSet[id] = true
	}
	kept := todo[:0]
	for _, i := range todo {
		if needSet[rows[i].id] {
			kept = append(kept, i)
		}
	}
	todo = kept
	sem := make(chan struct{}, e.opts.Concurrency)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	for _, i := range todo {
		if err := e.wait(ctx); err != nil {
			return err
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			cart := rows[i].rec.(model.Cart)
			var raw []byte
			err := e.client.GetJSON(ctx, fmt.Sprintf("carts/%d/totals", cart.MagentoID), (*rawJSON)(&raw))
			switch {
			case errors.Is(err, ErrNotFound):
				cart.IsActive = false
			case err != nil:
				mu.Lock()
				if first == nil {
					first = fmt.Errorf("cart %d totals: %w", cart.MagentoID, err)
				}
				mu.Unlock()
				return
			default:
				if merr := MapCartTotals(raw, &cart); merr != nil {
					e.log.Warn("cart totals did not map", "cart", cart.MagentoID, "error", merr)
				}
				// The cart version the totals belong to (the store compares it).
				cart.TotalsUpdatedAt = cart.UpdatedAt
			}
			rows[i].rec = cart
		}()
	}
	wg.Wait()
	return first
}

// rawJSON keeps a body as bytes (json.RawMessage without the import at
// every call site).
type rawJSON []byte

func (r *rawJSON) UnmarshalJSON(b []byte) error {
	*r = append((*r)[:0], b...)
	return nil
}
