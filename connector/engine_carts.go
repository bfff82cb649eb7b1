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
// Only rows that are new or changed reach here (the incremental pass skips
// unchanged ones). Magento answers 404 for a cart that stopped being
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
	sem := make(chan struct{}, e.opts.Concurrency)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	now := e.nowUTC()
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
				cart.TotalsUpdatedAt = now
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
