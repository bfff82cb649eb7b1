package connector

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/magedesk/magedesk/model"
)

// Keyset paging over (timestamp, id).
//
// Magento only offers offset paging, and offsets drift when rows change
// while we page (a row updated after being read jumps to the end and every
// later row slides back one slot, so the row at the next boundary is
// skipped). So every request asks for currentPage=1 and moves the filter
// instead, the way a keyset cursor would:
//
//	from:    ts >= T (ascending)      then drop rows with ts == T and id <= lastID
//	cluster: ts == T AND id > lastID  sorted by id, while one timestamp fills pages
//	after:   ts > T                   once the cluster at T is drained
//
// (descending walks mirror it with <=, < and id < lastID). Filter groups
// are AND-ed, so "(ts > T) OR (ts = T AND id > I)" cannot be one query;
// the overlap of "ts >= T" costs one re-read row per page in the normal
// case and a switch to the cluster query when a whole page shares T.
//
// A walk stops when a page holds everything that matched (total_count <=
// items): that works for 2.4 (empty page past the end) and 2.3 (repeats
// the last page) alike, because we never ask for page 2.

type walkMode int

const (
	modeFrom walkMode = iota
	modeCluster
	modeAfter
)

// cursor is the last row a walk has read: every row before it (in the
// walk's order, inside its bounds) has been read.
type cursor struct {
	T    string
	ID   int64
	mode walkMode
}

// walk is one keyset scan of a stream between optional time bounds.
type walk struct {
	st   *stream
	desc bool   // newest first (initial slices)
	from string // inclusive lower bound, "" = none
	to   string // exclusive upper bound, "" = none
	cur  cursor
	done bool
	cpu  cpuShare // initial walk: decoding takes a token (engine_cpu.go)
}

// page is what one step of a walk produced.
type page struct {
	rows  []row // rows not read before, in walk order (failed ones included)
	errs  []model.SyncError
	total int64 // total_count of the request
	n     int   // items returned
}

// criteria builds the request for the walk's next page.
func (e *Engine) criteria(w *walk) SearchCriteria {
	st := w.st
	sc := SearchCriteria{PageSize: e.pageSize(), CurrentPage: 1}
	if st.scope != nil {
		sc.Groups = append(sc.Groups, st.scope)
	}
	tsDir := []SortOrder{{Field: st.timeField, Desc: w.desc}, {Field: st.idField, Desc: w.desc}}
	switch w.cur.mode {
	case modeCluster:
		idCond := "gt"
		if w.desc {
			idCond = "lt"
		}
		sc = sc.Where(st.timeField, "eq", w.cur.T).Where(st.idField, idCond, strconv.FormatInt(w.cur.ID, 10))
		sc.Sort = []SortOrder{{Field: st.idField, Desc: w.desc}}
		return sc
	case modeAfter:
		if w.desc {
			sc = sc.Where(st.timeField, "lt", w.cur.T)
		} else {
			sc = sc.Where(st.timeField, "gt", w.cur.T)
		}
	default: // modeFrom
		switch {
		case w.cur.T == "":
			// first page: bounds only
		case w.desc:
			sc = sc.Where(st.timeField, "lteq", w.cur.T)
		default:
			sc = sc.Where(st.timeField, "gteq", w.cur.T)
		}
	}
	// Bounds (the cursor condition above is always at least as tight on
	// its own side, so only the other side needs a filter once T is set).
	if w.from != "" && (w.desc || w.cur.T == "") {
		sc = sc.Where(st.timeField, "gteq", w.from)
	}
	if w.to != "" && (!w.desc || w.cur.T == "") {
		sc = sc.Where(st.timeField, "lt", w.to)
	}
	sc.Sort = tsDir
	return sc
}

// step fetches the walk's next page and advances its cursor. It does not
// store anything: the caller commits the rows together with the cursor.
func (e *Engine) step(ctx context.Context, w *walk) (page, error) {
	if w.done {
		return page{}, nil
	}
	sc := e.criteria(w)
	res, err := e.search(ctx, w.st.route, sc)
	if err != nil {
		return page{}, err
	}
	if err := w.cpu.acquire(ctx); err != nil {
		return page{}, err
	}
	rows, errs := e.mapPage(w.st, res.Items)
	w.cpu.release()
	p := page{total: res.TotalCount, n: len(res.Items), errs: errs}
	// Drop what an earlier page already returned (the ">= T" overlap).
	if w.cur.mode == modeFrom && w.cur.T != "" {
		kept := rows[:0]
		for _, r := range rows {
			if r.ts == w.cur.T && ((!w.desc && r.id <= w.cur.ID) || (w.desc && r.id >= w.cur.ID)) {
				continue
			}
			kept = append(kept, r)
		}
		rows = kept
	}
	p.rows = rows
	finished := p.n == 0 || int64(p.n) >= p.total
	if len(rows) > 0 {
		last := rows[len(rows)-1]
		if last.ts == "" {
			return p, fmt.Errorf("%s record %d has no %s: cannot page past it", w.st.entity, last.id, w.st.timeField)
		}
		if w.cur.mode == modeCluster {
			if last.ts != w.cur.T || (!w.desc && last.id <= w.cur.ID) || (w.desc && last.id >= w.cur.ID) {
				return p, fmt.Errorf("%s: Magento ignored the filter %s = %s and %s beyond %d; paging would not end", w.st.entity, w.st.timeField, w.cur.T, w.st.idField, w.cur.ID)
			}
			w.cur.ID = last.id
		} else {
			w.cur = cursor{T: last.ts, ID: last.id, mode: modeFrom}
		}
	}
	switch {
	case w.cur.mode == modeCluster && finished:
		w.cur.mode = modeAfter // the cluster at T is drained; go past T
	case w.cur.mode == modeCluster:
		// keep draining
	case finished:
		w.done = true
	case len(rows) == 0:
		// A full page of rows we had already read: one timestamp holds
		// more rows than a page. Drain it by id.
		w.cur.mode = modeCluster
	}
	return p, nil
}

// pageSize is the configured page size, lowered to Magento's input limit
// once the store has told us about it.
func (e *Engine) pageSize() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.pageLimit > 0 && e.pageLimit < e.opts.PageSize {
		return e.pageLimit
	}
	return e.opts.PageSize
}

// search runs one list request, waiting while paused and adapting the
// page size when Magento answers "Maximum SearchCriteria pageSize is %max"
// (input limits switched on, 2.4.3+).
func (e *Engine) search(ctx context.Context, route string, sc SearchCriteria) (*SearchPage, error) {
	for attempt := 0; ; attempt++ {
		if err := e.wait(ctx); err != nil {
			return nil, err
		}
		res, err := e.client.Search(ctx, route, sc)
		if err == nil {
			return res, nil
		}
		limit, ok := pageSizeLimit(err)
		if !ok || limit <= 0 || limit >= sc.PageSize || attempt > 2 {
			return nil, err
		}
		e.mu.Lock()
		if e.pageLimit == 0 || limit < e.pageLimit {
			e.pageLimit = limit
		}
		e.mu.Unlock()
		e.log.Info("Magento limits the page size; adapting", "route", route, "max", limit)
		sc.PageSize = limit
	}
}

// pageSizeLimit recognises Magento's input-limit error and returns %max.
func pageSizeLimit(err error) (int, bool) {
	var ae *APIError
	if !errors.As(err, &ae) || ae.Status != 400 {
		return 0, false
	}
	if !strings.Contains(ae.Template, "Maximum SearchCriteria pageSize") && !strings.Contains(ae.Message, "Maximum SearchCriteria pageSize") {
		return 0, false
	}
	if m, ok := ae.Parameters.(map[string]any); ok {
		switch v := m["max"].(type) {
		case float64:
			return int(v), true
		case string:
			n, err := strconv.Atoi(v)
			return n, err == nil
		}
	}
	// Fall back to the number at the end of the rendered message.
	msg := strings.TrimSpace(ae.Message)
	i := strings.LastIndexByte(msg, ' ')
	n, perr := strconv.Atoi(strings.TrimRight(msg[i+1:], "."))
	return n, perr == nil
}
