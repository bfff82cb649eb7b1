package magentosim

import (
	"sort"
	"strconv"
	"strings"
)

// Query execution: choose the cheapest index walk (id order, updated_at order, an id
// list), filter what the walk does not already guarantee, sort, then page.

type result[T any] struct {
	items []*T
	total int
}

// search filters, sorts and pages per Magento's rules.
func (t *table[T]) search(c criteria, legacy bool) (result[T], error) {
	groups := make([][]compiledFilter[T], 0, len(c.groups))
	for _, g := range c.groups {
		var cg []compiledFilter[T]
		for _, f := range g.filters {
			cf, err := t.compile(f)
			if err != nil {
				return result[T]{}, err
			}
			cg = append(cg, cf)
		}
		groups = append(groups, cg)
	}
	for _, s := range c.sorts {
		if _, ok := t.getter(s.field); !ok {
			return result[T]{}, errUnknownField{s.field}
		}
	}
	// Groups of a single filter on the key column (updated_at) or on the id can be
	// answered with a binary search over the matching index instead of a scan; an
	// "id in (...)" group is answered with map lookups.
	var kw keyWindow
	var iw idWindow
	var inGroup = -1
	keyGroups, idGroups := map[int]bool{}, map[int]bool{}
	for i, g := range c.groups {
		if len(g.filters) != 1 {
			continue
		}
		f := g.filters[0]
		switch {
		case f.field == t.keyName && kw.narrow(f):
			keyGroups[i] = true
		case t.isIDField(f.field) && f.cond == "in" && inGroup < 0:
			inGroup = i
		case t.isIDField(f.field) && iw.narrow(f):
			idGroups[i] = true
		}
	}
	natural, reverse := t.naturalOrder(c.sorts)
	var src []*T
	var enforced map[int]bool
	srcOrder := "id"
	switch {
	case inGroup >= 0:
		src = t.byIDList(groups[inGroup][0].f.value)
		enforced = map[int]bool{inGroup: true}
	case natural == "key" || (len(keyGroups) > 0 && !(natural == "id" && len(idGroups) > 0)):
		src, enforced, srcOrder = keyWindowSlice(t, kw), keyGroups, "key"
	default:
		src, enforced = idWindowSlice(t, iw), idGroups
	}
	compiled := make([][]compiledFilter[T], 0, len(groups))
	for i, g := range groups {
		if !enforced[i] {
			compiled = append(compiled, g)
		}
	}
	var matched []*T
	if len(compiled) == 0 {
		matched = src
	} else {
		matched = make([]*T, 0, 64)
		for _, rec := range src {
			if matchAll(rec, compiled) {
				matched = append(matched, rec)
			}
		}
	}
	switch {
	case natural == "" && len(c.sorts) > 0:
		matched = append([]*T(nil), matched...)
		t.sortBy(matched, c.sorts)
	case natural == "id" && srcOrder != "id":
		matched = append([]*T(nil), matched...)
		sort.Slice(matched, func(i, j int) bool { return t.id(matched[i]) < t.id(matched[j]) })
	case natural == "key" && srcOrder != "key":
		matched = append([]*T(nil), matched...)
		sort.Slice(matched, func(i, j int) bool { return t.less(matched[i], matched[j]) })
	}
	total := len(matched)
	// Paging.
	size := c.pageSize
	if size <= 0 {
		size = total
	}
	start := (c.currentPage - 1) * size
	if start >= total && total > 0 && legacy {
		start = ((total - 1) / size) * size // 2.3: clamp to the last page
	}
	var page []*T
	if start < total {
		end := min(start+size, total)
		if reverse {
			page = make([]*T, 0, end-start)
			for i := start; i < end; i++ {
				page = append(page, matched[total-1-i])
			}
		} else {
			page = matched[start:end]
		}
	}
	return result[T]{items: page, total: total}, nil
}

// naturalOrder tells whether the sort is served by the id order or the key order
// (optionally reversed); "" means an explicit sort is needed.
func (t *table[T]) naturalOrder(sorts []sortOrder) (string, bool) {
	isID := func(f string) bool { return f == "id" || f == "entity_id" || f == t.idField() }
	dir := func(s sortOrder) string {
		if s.direction == "ASC" {
			return "ASC"
		}
		return "DESC"
	}
	switch len(sorts) {
	case 0:
		return "id", false
	case 1:
		if isID(sorts[0].field) {
			return "id", dir(sorts[0]) == "DESC"
		}
		if sorts[0].field == t.keyName {
			return "key", dir(sorts[0]) == "DESC"
		}
	case 2:
		if sorts[0].field == t.keyName && isID(sorts[1].field) && dir(sorts[0]) == dir(sorts[1]) {
			return "key", dir(sorts[0]) == "DESC"
		}
	}
	return "", false
}

func (t *table[T]) idField() string {
	if _, ok := t.fields["id"]; ok {
		return "id"
	}
	if _, ok := t.fields["entity_id"]; ok {
		return "entity_id"
	}
	return "subscriber_id"
}

func (t *table[T]) sortBy(recs []*T, sorts []sortOrder) {
	gets := make([]func(*T) fval, len(sorts))
	for i, s := range sorts {
		gets[i], _ = t.getter(s.field)
	}
	sort.SliceStable(recs, func(i, j int) bool {
		for k, s := range sorts {
			c := compareVals(gets[k](recs[i]), gets[k](recs[j]))
			if c == 0 {
				continue
			}
			if s.direction == "ASC" {
				return c < 0
			}
			return c > 0
		}
		return false
	})
}

func (t *table[T]) isIDField(f string) bool {
	return f == "id" || f == "entity_id" || f == t.idField()
}

// byIDList returns the records of a comma-separated id list, in id order.
func (t *table[T]) byIDList(list string) []*T {
	var out []*T
	seen := map[int64]bool{}
	for _, v := range strings.Split(list, ",") {
		id, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil || seen[id] {
			continue
		}
		seen[id] = true
		if r := t.byID[id]; r != nil {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return t.id(out[i]) < t.id(out[j]) })
	return out
}

// keyWindow is the intersection of range filters on the key column (string order).
type keyWindow struct {
	lo, hi             string
	loStrict, hiStrict bool
	loSet, hiSet       bool
}

func (w *keyWindow) narrow(f filter) bool {
	v := f.value
	if v == "" {
		return false
	}
	lower := func(strict bool) {
		if !w.loSet || v > w.lo || (v == w.lo && strict) {
			w.lo, w.loStrict, w.loSet = v, strict, true
		}
	}
	upper := func(strict bool) {
		if !w.hiSet || v < w.hi || (v == w.hi && strict) {
			w.hi, w.hiStrict, w.hiSet = v, strict, true
		}
	}
	switch f.cond {
	case "gt":
		lower(true)
	case "gteq", "moreq", "from":
		lower(false)
	case "lt":
		upper(true)
	case "lteq", "to":
		upper(false)
	case "eq":
		lower(false)
		upper(false)
	default:
		return false
	}
	return true
}

func keyWindowSlice[T any](t *table[T], w keyWindow) []*T {
	a, b := 0, len(t.keyed)
	if w.loSet {
		a = sort.Search(len(t.keyed), func(i int) bool {
			k := t.key(t.keyed[i])
			return k > w.lo || (!w.loStrict && k == w.lo)
		})
	}
	if w.hiSet {
		b = sort.Search(len(t.keyed), func(i int) bool {
			k := t.key(t.keyed[i])
			return k > w.hi || (w.hiStrict && k == w.hi)
		})
	}
	if b < a {
		b = a
	}
	return t.keyed[a:b]
}

// idWindow is the intersection of numeric range filters on the id.
type idWindow struct {
	lo, hi       int64
	loSet, hiSet bool
}

func (w *idWindow) narrow(f filter) bool {
	n, err := strconv.ParseInt(strings.TrimSpace(f.value), 10, 64)
	if err != nil {
		return false
	}
	lower := func(v int64) {
		if !w.loSet || v > w.lo {
			w.lo, w.loSet = v, true
		}
	}
	upper := func(v int64) {
		if !w.hiSet || v < w.hi {
			w.hi, w.hiSet = v, true
		}
	}
	switch f.cond {
	case "gt":
		lower(n + 1)
	case "gteq", "moreq", "from":
		lower(n)
	case "lt":
		upper(n - 1)
	case "lteq", "to":
		upper(n)
	case "eq":
		lower(n)
		upper(n)
	default:
		return false
	}
	return true
}

func idWindowSlice[T any](t *table[T], w idWindow) []*T {
	a, b := 0, len(t.idOrder)
	if w.loSet {
		a = sort.Search(len(t.idOrder), func(i int) bool { return t.id(t.idOrder[i]) >= w.lo })
	}
	if w.hiSet {
		b = sort.Search(len(t.idOrder), func(i int) bool { return t.id(t.idOrder[i]) > w.hi })
	}
	if b < a {
		b = a
	}
	return t.idOrder[a:b]
}
