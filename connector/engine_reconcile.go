package connector

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/magedesk/magedesk/model"
)

// Reconciliation finds what incremental sync cannot see: rows deleted in
// Magento (erased customers, purged quotes, deleted orders) and changes
// that do not move updated_at (newsletter status). It lists only ids and
// timestamps (?fields=items[id,updated_at],total_count), compares them
// with what we hold, marks the missing ones removed and re-reads the
// different ones by id.

const reconcilePageSize = 1000 // light rows; adapted down under input limits
const refetchChunk = 100       // ids per "id in (...)" request

// Reconcile runs the sweep on demand as its own recorded run (after the
// dictionaries, which tell which store views are in scope).
func (e *Engine) Reconcile(ctx context.Context) error {
	runID, err := e.sink.StartRun(ctx, e.ch.ID, RunReconcile)
	if err != nil {
		return fmt.Errorf("start reconcile run: %w", err)
	}
	err = e.syncDictionaries(ctx, runID)
	if err == nil {
		err = e.reconcile(ctx, runID)
	}
	status, msg := "ok", ""
	if err != nil {
		status, msg = "failed", err.Error()
		if ctx.Err() != nil {
			status = "canceled"
		}
	}
	finishCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if ferr := e.sink.FinishRun(finishCtx, runID, status, msg); ferr != nil && err == nil {
		err = ferr
	}
	return err
}

// ReconcileDue reports whether the channel's last sweep (lastReconcile, a
// Magento-format UTC time) is older than Channel.ReconcileDays (default 1).
func (e *Engine) ReconcileDue(lastReconcile string) bool {
	if lastReconcile == "" {
		return true
	}
	t, err := parseMagentoTime(lastReconcile)
	if err != nil {
		return true
	}
	days := e.ch.ReconcileDays
	if days <= 0 {
		days = 1
	}
	return e.opts.Now().Sub(t) >= time.Duration(days)*24*time.Hour-time.Minute
}

func (e *Engine) reconcile(ctx context.Context, runID int64) error {
	hasNewsletter := e.Learned().HasNewsletterRoute
	for _, st := range e.streams() {
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		if st.entity == model.EntitySubscribers {
			err = e.rereadSubscribers(ctx, runID, st)
		} else {
			err = e.reconcileStream(ctx, runID, st)
		}
		if err != nil {
			return fmt.Errorf("reconcile %s: %w", st.entity, err)
		}
	}
	if !hasNewsletter && e.enabled(model.EntitySubscribers) {
		if err := e.rereadDerivedSubscribers(ctx, runID); err != nil {
			return fmt.Errorf("reconcile subscribers: %w", err)
		}
	}
	return nil
}

// reconcileStream compares Magento's ids and timestamps with ours.
func (e *Engine) reconcileStream(ctx context.Context, runID int64, st *stream) error {
	e.report(Progress{Entity: st.entity, Phase: "reconcile", Message: "listing ids"})
	remote := map[int64]string{}
	fields := "items[" + st.idField + "," + st.timeField + "],total_count"
	err := e.listByID(ctx, st, fields, func(items []json.RawMessage) error {
		for _, raw := range items {
			id, ts := rowKeys(raw, st)
			if id != 0 {
				remote[id] = ts
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	known, err := e.sink.KnownIDs(ctx, e.ch.ID, st.entity)
	if err != nil {
		return fmt.Errorf("read known ids: %w", err)
	}
	var gone, changed []int64
	for id := range known {
		if _, ok := remote[id]; !ok {
			gone = append(gone, id)
		}
	}
	for id, ts := range remote {
		if kts, ok := known[id]; !ok || kts != ts {
			changed = append(changed, id)
		}
	}
	sort.Slice(gone, func(i, j int) bool { return gone[i] < gone[j] })
	sort.Slice(changed, func(i, j int) bool { return changed[i] < changed[j] })
	e.log.Info("reconcile", "entity", st.entity, "magento", len(remote), "local", len(known), "gone", len(gone), "changed", len(changed))
	if len(gone) > 0 {
		if err := e.sink.MarkRemoved(ctx, e.ch.ID, st.entity, gone); err != nil {
			return fmt.Errorf("mark %d removed: %w", len(gone), err)
		}
	}
	return e.refetch(ctx, runID, st, changed)
}

// refetch re-reads records by id ("id in (...)") and stores them. The
// bookmark is untouched: these rows may lie anywhere in time.
func (e *Engine) refetch(ctx context.Context, runID int64, st *stream, ids []int64) error {
	derived := st.entity == model.EntityCustomers && !e.Learned().HasNewsletterRoute && e.enabled(model.EntitySubscribers)
	for len(ids) > 0 {
		n := min(len(ids), refetchChunk, e.pageSize())
		chunk := ids[:n]
		ids = ids[n:]
		sc := SearchCriteria{PageSize: n, CurrentPage: 1}
		if st.scope != nil {
			sc.Groups = append(sc.Groups, st.scope)
		}
		sc = sc.Where(st.idField, "in", joinIDs(chunk))
		res, err := e.search(ctx, st.route, sc)
		if err != nil {
			return fmt.Errorf("re-read %d records: %w", n, err)
		}
		rows, errs := e.mapPage(st, res.Items)
		if st.entity == model.EntityCarts {
			if err := e.fetchCartTotals(ctx, rows); err != nil {
				return err
			}
		}
		b := model.Batch{ChannelID: e.ch.ID, Entity: st.entity, RunID: runID, Errors: errs}
		for _, r := range rows {
			b.Counters.Read++
			if r.failed {
				b.Counters.Failed++
			}
			if r.keep {
				e.addRow(&b, r, derived)
				if !r.failed {
					b.Resolved = append(b.Resolved, r.id)
				}
			}
		}
		if err := e.apply(ctx, b); err != nil {
			return fmt.Errorf("store re-read %s: %w", st.entity, err)
		}
	}
	return nil
}

// rereadSubscribers reads the companion route in full: a status change
// does not always move change_status_at, and the rows are small.
func (e *Engine) rereadSubscribers(ctx context.Context, runID int64, st *stream) error {
	e.report(Progress{Entity: st.entity, Phase: "reconcile", Message: "re-reading subscribers"})
	remote := map[int64]bool{}
	err := e.listByID(ctx, st, "", func(items []json.RawMessage) error {
		rows, errs := e.mapPage(st, items)
		b := model.Batch{ChannelID: e.ch.ID, Entity: st.entity, RunID: runID, Errors: errs}
		for _, r := range rows {
			remote[r.id] = true
			b.Counters.Read++
			if r.keep {
				e.addRow(&b, r, false)
			}
		}
		return e.apply(ctx, b)
	})
	if err != nil {
		return err
	}
	known, err := e.sink.KnownIDs(ctx, e.ch.ID, st.entity)
	if err != nil {
		return err
	}
	var gone []int64
	for id := range known {
		if !remote[id] {
			gone = append(gone, id)
		}
	}
	if len(gone) == 0 {
		return nil
	}
	sort.Slice(gone, func(i, j int) bool { return gone[i] < gone[j] })
	return e.sink.MarkRemoved(ctx, e.ch.ID, st.entity, gone)
}

// rereadDerivedSubscribers refreshes subscribers derived from customers'
// is_subscribed, which changes without moving the customer's updated_at.
func (e *Engine) rereadDerivedSubscribers(ctx context.Context, runID int64) error {
	st := e.streamFor(model.EntityCustomers)
	fields := "items[id,email,store_id,website_id,updated_at,extension_attributes],total_count"
	return e.listByID(ctx, st, fields, func(items []json.RawMessage) error {
		b := model.Batch{ChannelID: e.ch.ID, Entity: model.EntitySubscribers, RunID: runID}
		for _, raw := range items {
			c, _ := MapCustomer(raw) // partial record: only the subscription matters
			if c.MagentoID == 0 {
				continue
			}
			if s, ok := SubscriberFromCustomer(c); ok {
				s.ChannelID = e.ch.ID
				b.Subscribers = append(b.Subscribers, s)
				b.Counters.Read++
			}
		}
		if len(b.Subscribers) == 0 {
			return nil
		}
		return e.apply(ctx, b)
	})
}

// listByID walks every record of a stream in id order (id > last,
// currentPage=1), handing each page to fn.
func (e *Engine) listByID(ctx context.Context, st *stream, fields string, fn func([]json.RawMessage) error) error {
	var last int64
	for {
		sc := SearchCriteria{PageSize: min(reconcilePageSize, limitOr(e, reconcilePageSize)), CurrentPage: 1, Fields: fields}
		if st.scope != nil {
			sc.Groups = append(sc.Groups, st.scope)
		}
		sc = sc.Where(st.idField, "gt", strconv.FormatInt(last, 10))
		sc.Sort = []SortOrder{{Field: st.idField}}
		res, err := e.search(ctx, st.route, sc)
		if err != nil {
			return fmt.Errorf("list ids after %d: %w", last, err)
		}
		if len(res.Items) == 0 {
			return nil
		}
		if err := fn(res.Items); err != nil {
			return err
		}
		id, _ := rowKeys(res.Items[len(res.Items)-1], st)
		if id <= last {
			return fmt.Errorf("Magento ignored the filter %s > %d; listing would not end", st.idField, last)
		}
		last = id
		if int64(len(res.Items)) >= res.TotalCount {
			return nil
		}
	}
}

// limitOr is Magento's page-size limit once known, else def.
func limitOr(e *Engine, def int) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.pageLimit > 0 {
		return e.pageLimit
	}
	return def
}
