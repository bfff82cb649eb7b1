package connector

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/magedesk/magedesk/model"
)

// The initial sync walks an entity's history newest first, from "now at
// start" (InitialUpper) back to the channel's SyncStart. [SyncStart, upper)
// is cut into time slices of roughly equal row counts; up to Concurrency
// slices are fetched side by side, each with its own keyset walk (newest
// first inside the slice too). Every page is committed with the whole
// slice plan in SyncState.Progress, so a restart resumes each slice at its
// cursor and skips finished ones. The incremental watermark stays empty
// until every slice is done, then becomes upper (nothing at or after upper
// was read; the incremental pass that follows picks those rows up,
// including rows that changed during the walk and so left their slice).

// initialPlan is the JSON kept in SyncState.Progress during the walk.
type initialPlan struct {
	Upper  string        `json:"upper"`
	Total  int64         `json:"total"` // rows in [SyncStart, upper) when planned
	Slices []*sliceState `json:"slices"`
}

// sliceState is one slice [From, To) and its descending cursor.
type sliceState struct {
	From string `json:"from"`
	To   string `json:"to"`
	Est  int64  `json:"est"`            // rows counted when planned
	T    string `json:"t,omitempty"`    // cursor: last row read
	ID   int64  `json:"id,omitempty"`   //
	Read int64  `json:"read,omitempty"` // rows read so far
	Done bool   `json:"done,omitempty"`
}

// initialWalk runs (or resumes) the initial sync of one stream and returns
// the state with InitialDone set.
func (e *Engine) initialWalk(ctx context.Context, runID int64, st *stream, state model.SyncState) (model.SyncState, error) {
	var plan initialPlan
	if state.Progress != "" {
		if err := json.Unmarshal([]byte(state.Progress), &plan); err != nil {
			e.log.Warn("initial sync progress unreadable; planning again", "entity", st.entity, "error", err)
			plan = initialPlan{}
		}
	}
	if plan.Upper == "" {
		upper := state.InitialUpper
		if upper == "" {
			upper = e.nowUTC()
		}
		e.report(Progress{Entity: st.entity, Phase: "initial", Message: "counting records"})
		planned, err := e.planSlices(ctx, st, e.ch.SyncStart, upper)
		if err != nil {
			return state, fmt.Errorf("plan initial sync: %w", err)
		}
		plan = planned
		state.InitialUpper = upper
		state.TotalCount = plan.Total
		if err := e.commitPlan(ctx, runID, st, &state, &plan); err != nil {
			return state, err
		}
	}

	if err := e.walkSlices(ctx, runID, st, &state, &plan); err != nil {
		return state, err
	}

	// All slices done: switch to incremental from upper.
	state.InitialDone = true
	state.Watermark = plan.Upper
	state.WatermarkID = 0
	state.Progress = ""
	state.UpdatedAt = e.nowUTC()
	if err := e.apply(ctx, model.Batch{ChannelID: e.ch.ID, Entity: st.entity, State: &state}); err != nil {
		return state, fmt.Errorf("finish initial sync: %w", err)
	}
	e.log.Info("initial sync done", "entity", st.entity, "upper", plan.Upper, "rows", plan.Total)
	// The walk deferred the customer and guest figures; a store whose
	// first sync takes hours shows them entity by entity, not at the end.
	if err := e.refreshDerived(ctx); err != nil {
		return state, err
	}
	return state, nil
}

func (e *Engine) commitPlan(ctx context.Context, runID int64, st *stream, state *model.SyncState, plan *initialPlan) error {
	b, err := json.Marshal(plan)
	if err != nil {
		return err
	}
	state.Progress = string(b)
	state.UpdatedAt = e.nowUTC()
	if err := e.apply(ctx, model.Batch{ChannelID: e.ch.ID, Entity: st.entity, State: state, RunID: runID,
		Counters: model.Counters{Total: plan.Total}}); err != nil {
		return fmt.Errorf("save initial sync plan: %w", err)
	}
	return nil
}

// sliceDone is one fetched page of one slice on its way to the writer.
type sliceDone struct {
	slice  int
	p      page
	cursor cursor
	done   bool
}

// walkSlices fetches unfinished slices with bounded concurrency. Fetchers
// only read and map; one writer commits pages in arrival order, each with
// the plan as it stands after that page, so the stored plan never claims a
// row that is not stored.
func (e *Engine) walkSlices(ctx context.Context, runID int64, st *stream, state *model.SyncState, plan *initialPlan) error {
	var todo []int
	var doneRows int64
	for i, s := range plan.Slices {
		doneRows += s.Read
		if !s.Done {
			todo = append(todo, i)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	cpu := newCPUShare()
	jobs := make(chan int)
	// Room for a full group commit: fetchers keep fetching while the writer
	// commits (prepared pages are small: their JSON is held compressed).
	results := make(chan sliceDone, max(e.opts.Concurrency, maxPagesPerCommit))
	var wg sync.WaitGroup
	for w := 0; w < e.opts.Concurrency && w < len(todo); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if err := e.fetchSlice(ctx, st, i, plan.Slices[i], cpu, results); err != nil {
					cancel(fmt.Errorf("slice %s..%s: %w", plan.Slices[i].From, plan.Slices[i].To, err))
					return
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, i := range todo { // newest slices first
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	started := time.Now()
	var readNow int64
	for res := range results {
		// Group commit: when the writer falls behind, pages that are
		// already waiting go into the same transaction (fewer commits,
		// one derived-figures refresh), still with the plan that covers
		// exactly them.
		pages := []page{res.p}
		e.advanceSlice(plan, res)
		for more := true; more && len(pages) < maxPagesPerCommit; {
			select {
			case r, ok := <-results:
				if !ok {
					more = false
					break
				}
				pages = append(pages, r.p)
				e.advanceSlice(plan, r)
			default:
				more = false
			}
		}
		for _, p := range pages {
			readNow += int64(len(p.rows))
		}
		err := cpu.acquire(ctx)
		if err == nil {
			err = e.commitSlicePages(ctx, runID, st, state, plan, pages)
			cpu.release()
		}
		if err != nil {
			cancel(err)
			for range results { // let the fetchers finish
			}
			break
		}
		e.report(Progress{Entity: st.entity, Phase: "initial", Done: doneRows + readNow, Total: plan.Total,
			ETA: eta(started, readNow, plan.Total-doneRows-readNow)})
	}
	if err := context.Cause(ctx); err != nil {
		return err
	}
	for _, s := range plan.Slices {
		if !s.Done {
			return fmt.Errorf("initial sync of %s stopped before slice %s..%s was done", st.entity, s.From, s.To)
		}
	}
	return nil
}

// fetchSlice walks one slice and sends each page to the writer.
func (e *Engine) fetchSlice(ctx context.Context, st *stream, idx int, s *sliceState, cpu cpuShare, out chan<- sliceDone) error {
	// The writer owns *s; copy what the walk needs.
	w := &walk{st: st, desc: true, from: s.From, to: s.To, cur: cursor{T: s.T, ID: s.ID}, cpu: cpu}
	for !w.done {
		p, err := e.step(ctx, w)
		if err != nil {
			return err
		}
		if st.entity == model.EntityCarts {
			if err := e.fetchCartTotals(ctx, p.rows); err != nil {
				return err
			}
		}
		if !e.opts.DecodeOnly {
			if err := cpu.acquire(ctx); err != nil {
				return err
			}
			prepareRows(p.rows)
			cpu.release()
		}
		select {
		case out <- sliceDone{slice: idx, p: p, cursor: w.cur, done: w.done}:
		case <-ctx.Done():
			return ctx.Err()
		}
		if !w.done {
			if err := e.politePause(ctx); err != nil {
				return err
			}
		}
	}
	return nil
}

// maxPagesPerCommit bounds a group commit (memory and transaction length).
const maxPagesPerCommit = 16

// advanceSlice moves a slice's stored cursor past a fetched page.
func (e *Engine) advanceSlice(plan *initialPlan, res sliceDone) {
	s := plan.Slices[res.slice]
	s.T, s.ID, s.Done = res.cursor.T, res.cursor.ID, res.done
	s.Read += int64(len(res.p.rows))
}

// deferDerived reports whether an entity's initial walk leaves the
// customer and guest figures to one channel-wide recomputation at its end
// (RefreshDerived) instead of updating them batch by batch. Customers,
// carts and orders touch most figures: the recomputation is cheaper. A
// credit memo touches one customer's or guest's, and a store has far
// fewer of them than orders (Store L: 5,000 to 100,000); batch by batch
// costs less than recomputing every figure of the channel again (1.3 s at
// Store L, measured).
func deferDerived(entity string) bool {
	return entity != model.EntityCreditMemos
}

// commitSlicePages stores fetched pages and the plan that covers them in
// one batch.
func (e *Engine) commitSlicePages(ctx context.Context, runID int64, st *stream, state *model.SyncState, plan *initialPlan, pages []page) error {
	b := model.Batch{ChannelID: e.ch.ID, Entity: st.entity, RunID: runID, DeferDerived: deferDerived(st.entity), CommitLater: true}
	derived := st.entity == model.EntityCustomers && !e.Learned().HasNewsletterRoute && e.enabled(model.EntitySubscribers)
	for _, p := range pages {
		b.Errors = append(b.Errors, p.errs...)
		for _, r := range p.rows {
			b.Counters.Read++
			if r.failed {
				b.Counters.Failed++
			}
			if r.keep {
				e.addRow(&b, r, derived)
			}
		}
	}
	js, err := json.Marshal(plan)
	if err != nil {
		return err
	}
	state.Progress = string(js)
	state.UpdatedAt = e.nowUTC()
	b.State = state
	if err := e.apply(ctx, b); err != nil {
		return fmt.Errorf("store %s pages: %w", st.entity, err)
	}
	return nil
}

// planSlices counts the rows of [start, upper) and cuts the range into
// slices of about target rows, newest first. It first finds the oldest and
// newest timestamps (so decades without data cost nothing), cuts that span
// evenly, counts each piece, and halves pieces that are still too big.
func (e *Engine) planSlices(ctx context.Context, st *stream, start, upper string) (initialPlan, error) {
	plan := initialPlan{Upper: upper}
	if start >= upper {
		return plan, nil
	}
	oldest, newest, total, err := e.timeRange(ctx, st, start, upper)
	if err != nil {
		return plan, err
	}
	plan.Total = total
	if total == 0 {
		return plan, nil
	}
	target := int64(e.opts.SliceRows)
	if target <= 0 {
		target = max(int64(8*e.pageSize()), total/int64(4*e.opts.Concurrency))
	}
	lo, err1 := parseMagentoTime(oldest)
	hi, err2 := parseMagentoTime(newest)
	if err1 != nil || err2 != nil || total <= target || !hi.After(lo) {
		plan.Slices = []*sliceState{{From: start, To: upper, Est: total}}
		return plan, nil
	}
	hi = hi.Add(time.Second) // newest row must fall inside [lo, hi)
	n := int((total + target - 1) / target)
	step := hi.Sub(lo) / time.Duration(n)
	if step < time.Second {
		step = time.Second
	}
	var pieces []*sliceState
	for t := lo; t.Before(hi); t = t.Add(step) {
		end := t.Add(step)
		if end.After(hi) || hi.Sub(end) < time.Second {
			end = hi
		}
		pieces = append(pieces, &sliceState{From: fmtTime(t), To: fmtTime(end), Est: -1})
	}
	// Count, then split oversized pieces, level by level.
	for round := 0; round < 12; round++ {
		var unknown []*sliceState
		for _, p := range pieces {
			if p.Est < 0 {
				unknown = append(unknown, p)
			}
		}
		if err := e.countSlices(ctx, st, unknown); err != nil {
			return plan, err
		}
		var next []*sliceState
		split := false
		for _, p := range pieces {
			a, _ := parseMagentoTime(p.From)
			b, _ := parseMagentoTime(p.To)
			if p.Est > target*3/2 && b.Sub(a) >= 2*time.Second {
				mid := a.Add(b.Sub(a) / 2).Truncate(time.Second)
				next = append(next, &sliceState{From: p.From, To: fmtTime(mid), Est: -1}, &sliceState{From: fmtTime(mid), To: p.To, Est: -1})
				split = true
				continue
			}
			if p.Est > 0 {
				next = append(next, p)
			}
		}
		pieces = next
		if !split {
			break
		}
	}
	if len(pieces) == 0 {
		pieces = []*sliceState{{From: start, To: upper, Est: total}}
	}
	// Stretch the ends to the full range so rows committed late before the
	// oldest or after the newest probe still fall into a slice.
	sort.Slice(pieces, func(i, j int) bool { return pieces[i].From > pieces[j].From })
	pieces[0].To = upper
	pieces[len(pieces)-1].From = start
	// Close gaps left by empty pieces: each slice reaches down to the next.
	for i := 0; i+1 < len(pieces); i++ {
		pieces[i+1].To = pieces[i].From
	}
	plan.Slices = pieces
	return plan, nil
}

// timeRange returns the oldest and newest timestamps in [start, upper) and
// the row count, with two one-row requests side by side.
func (e *Engine) timeRange(ctx context.Context, st *stream, start, upper string) (oldest, newest string, total int64, err error) {
	probe := func(desc bool) (string, int64, error) {
		sc := SearchCriteria{PageSize: 1, CurrentPage: 1}
		if st.scope != nil {
			sc.Groups = append(sc.Groups, st.scope)
		}
		sc = sc.Where(st.timeField, "gteq", start).Where(st.timeField, "lt", upper)
		sc.Sort = []SortOrder{{Field: st.timeField, Desc: desc}, {Field: st.idField, Desc: desc}}
		res, err := e.search(ctx, st.route, sc)
		if err != nil {
			return "", 0, err
		}
		if len(res.Items) == 0 {
			return "", res.TotalCount, nil
		}
		_, ts := rowKeys(res.Items[0], st)
		return ts, res.TotalCount, nil
	}
	var wg sync.WaitGroup
	var errOld error
	wg.Add(1)
	go func() { defer wg.Done(); oldest, _, errOld = probe(false) }()
	newest, total, err = probe(true)
	wg.Wait()
	if err == nil {
		err = errOld
	}
	return oldest, newest, total, err
}

// countSlices fills Est for each slice with one-row requests, Concurrency
// at a time.
func (e *Engine) countSlices(ctx context.Context, st *stream, slices []*sliceState) error {
	sem := make(chan struct{}, e.opts.Concurrency)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	for _, s := range slices {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			sc := SearchCriteria{PageSize: 1, CurrentPage: 1, Fields: "items[" + st.idField + "],total_count"}
			if st.scope != nil {
				sc.Groups = append(sc.Groups, st.scope)
			}
			sc = sc.Where(st.timeField, "gteq", s.From).Where(st.timeField, "lt", s.To)
			res, err := e.search(ctx, st.route, sc)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				if first == nil {
					first = err
				}
				return
			}
			s.Est = res.TotalCount
		}()
	}
	wg.Wait()
	return first
}

func eta(started time.Time, done, remaining int64) time.Duration {
	if done <= 0 || remaining <= 0 {
		return 0
	}
	el := time.Since(started)
	return time.Duration(float64(el) / float64(done) * float64(remaining)).Round(time.Second)
}

func parseMagentoTime(s string) (time.Time, error) {
	return time.ParseInLocation(magentoTime, s, time.UTC)
}

func fmtTime(t time.Time) string { return t.UTC().Format(magentoTime) }
