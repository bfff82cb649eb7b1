package connector

import (
	"context"
	"fmt"
	"time"

	"github.com/magedesk/magedesk/model"
)

// incremental reads everything changed since the watermark, oldest first,
// and commits each page with the advanced watermark. It starts
// OverlapWindow before the watermark: Magento stamps updated_at when a
// transaction starts, so a row can become visible after rows with later
// stamps were read (late commit), and the store clock may differ from
// ours. Rows of that overlap we already hold with the same updated_at are
// skipped, so a quiet store costs one request per entity.
func (e *Engine) incremental(ctx context.Context, runID int64, st *stream, state model.SyncState) error {
	wT, wID := state.Watermark, state.WatermarkID
	if wT == "" {
		wT = e.ch.SyncStart
	}
	from := wT
	if t, err := parseMagentoTime(wT); err == nil && e.opts.OverlapWindow > 0 {
		from = fmtTime(t.Add(-e.opts.OverlapWindow))
	}
	w := &walk{st: st, cur: cursor{T: from, ID: 0}}
	if from == wT {
		w.cur.ID = wID // no overlap: resume exactly after the watermark
	}
	var known map[int64]string // loaded on first need
	derived := st.entity == model.EntityCustomers && !e.Learned().HasNewsletterRoute && e.enabled(model.EntitySubscribers)
	started := time.Now()
	var done, total int64
	for !w.done {
		p, err := e.step(ctx, w)
		if err != nil {
			return fmt.Errorf("read %s after %s/%d: %w", st.entity, w.cur.T, w.cur.ID, err)
		}
		if total == 0 {
			total = p.total // rows from the start of this pass on
		}
		b := model.Batch{ChannelID: e.ch.ID, Entity: st.entity, RunID: runID, Errors: p.errs}
		var fresh []row
		for _, r := range p.rows {
			b.Counters.Read++
			if r.failed {
				b.Counters.Failed++
			}
			if !r.keep {
				continue
			}
			if before(r.ts, r.id, wT, wID) {
				// Inside the overlap: skip rows we already hold unchanged.
				if known == nil {
					if known, err = e.sink.KnownIDs(ctx, e.ch.ID, st.entity); err != nil {
						return fmt.Errorf("read known %s: %w", st.entity, err)
					}
				}
				if ts, ok := known[r.id]; ok && ts == r.ts && !r.failed {
					b.Counters.Skipped++
					continue
				}
			}
			fresh = append(fresh, r)
		}
		if st.entity == model.EntityCarts {
			if err := e.fetchCartTotals(ctx, fresh); err != nil {
				return err
			}
		}
		for _, r := range fresh {
			e.addRow(&b, r, derived)
			if !r.failed {
				b.Resolved = append(b.Resolved, r.id)
			}
		}
		// The watermark only moves forward; re-reading the overlap must
		// not pull it back.
		if !before(w.cur.T, w.cur.ID, wT, wID) {
			wT, wID = w.cur.T, w.cur.ID
		}
		moved := wT != state.Watermark || wID != state.WatermarkID
		if len(fresh) > 0 || moved || len(b.Errors) > 0 {
			state.Watermark, state.WatermarkID = wT, wID
			state.UpdatedAt = e.nowUTC()
			snap := state
			b.State = &snap
			if err := e.apply(ctx, b); err != nil {
				return fmt.Errorf("store %s page: %w", b.Entity, err)
			}
		} else if b.Counters.Read > 0 {
			// Only counters: record them without touching the bookmark.
			if err := e.apply(ctx, model.Batch{ChannelID: e.ch.ID, Entity: st.entity, RunID: runID, Counters: b.Counters}); err != nil {
				return fmt.Errorf("record %s counters: %w", st.entity, err)
			}
		}
		done += int64(len(p.rows))
		e.report(Progress{Entity: st.entity, Phase: "incremental", Done: done, Total: total, ETA: eta(started, done, total-done)})
		if !w.done {
			if err := e.politePause(ctx); err != nil {
				return err
			}
		}
	}
	return nil
}

// before reports (ts, id) <= (wT, wID) in keyset order.
func before(ts string, id int64, wT string, wID int64) bool {
	return ts < wT || (ts == wT && id <= wID)
}
