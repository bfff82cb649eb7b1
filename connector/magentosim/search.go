package magentosim

import (
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// criteria is a parsed searchCriteria query.
type criteria struct {
	groups      []filterGroup
	sorts       []sortOrder
	pageSize    int // 0 = all
	currentPage int // 1-based
	pageSizeSet bool
	curPageSet  bool
	rawPageSize string
	rawCurPage  string
}

type filterGroup struct{ filters []filter }

type filter struct {
	field, value, cond string
	condSet            bool
}

type sortOrder struct {
	field, direction string
	dirSet           bool
}

// camel -> snake names the ServiceInputProcessor accepts for searchCriteria.
var criteriaKeyNames = map[string]string{
	"filterGroups": "filter_groups", "conditionType": "condition_type", "sortOrders": "sort_orders",
	"pageSize": "page_size", "currentPage": "current_page",
}

func normKey(k string) string {
	if n, ok := criteriaKeyNames[k]; ok {
		return n
	}
	return k
}

// splitBrackets turns "searchCriteria[a][0][b]" into ["searchCriteria","a","0","b"].
func splitBrackets(k string) []string {
	i := strings.IndexByte(k, '[')
	if i < 0 {
		return []string{k}
	}
	parts := []string{k[:i]}
	rest := k[i:]
	for len(rest) > 0 && rest[0] == '[' {
		j := strings.IndexByte(rest, ']')
		if j < 0 {
			break
		}
		parts = append(parts, rest[1:j])
		rest = rest[j+1:]
	}
	return parts
}

// parseCriteria reads searchCriteria from a query; ok=false when the parameter is absent.
func parseCriteria(q url.Values) (criteria, bool) {
	var c criteria
	found := false
	type fkey struct{ g, f int }
	groups := map[int]map[int]*filter{}
	sorts := map[int]*sortOrder{}
	for key, vals := range q {
		parts := splitBrackets(key)
		if parts[0] != "searchCriteria" {
			continue
		}
		found = true
		if len(parts) < 2 || len(vals) == 0 {
			continue
		}
		val := vals[0]
		switch normKey(parts[1]) {
		case "page_size":
			c.pageSizeSet, c.rawPageSize = true, val
			c.pageSize, _ = strconv.Atoi(val)
		case "current_page":
			c.curPageSet, c.rawCurPage = true, val
			c.currentPage, _ = strconv.Atoi(val)
		case "filter_groups":
			// [filter_groups][g][filters][f][field]
			if len(parts) < 6 || parts[3] != "filters" {
				continue
			}
			g, err1 := strconv.Atoi(parts[2])
			f, err2 := strconv.Atoi(parts[4])
			if err1 != nil || err2 != nil {
				continue
			}
			if groups[g] == nil {
				groups[g] = map[int]*filter{}
			}
			if groups[g][f] == nil {
				groups[g][f] = &filter{}
			}
			fl := groups[g][f]
			switch normKey(parts[5]) {
			case "field":
				fl.field = val
			case "value":
				fl.value = val
			case "condition_type":
				fl.cond, fl.condSet = strings.ToLower(val), true
			}
		case "sort_orders":
			if len(parts) < 4 {
				continue
			}
			i, err := strconv.Atoi(parts[2])
			if err != nil {
				continue
			}
			if sorts[i] == nil {
				sorts[i] = &sortOrder{}
			}
			switch parts[3] {
			case "field":
				sorts[i].field = val
			case "direction":
				sorts[i].direction, sorts[i].dirSet = strings.ToUpper(val), true
			}
		}
	}
	for _, g := range sortedKeys(groups) {
		var fg filterGroup
		for _, f := range sortedKeys(groups[g]) {
			fl := *groups[g][f]
			if fl.cond == "" {
				fl.cond = "eq"
			}
			fg.filters = append(fg.filters, fl)
		}
		c.groups = append(c.groups, fg)
	}
	for _, i := range sortedKeys(sorts) {
		c.sorts = append(c.sorts, *sorts[i])
	}
	if c.currentPage < 1 {
		c.currentPage = 1
	}
	return c, found
}

func sortedKeys[V any](m map[int]V) []int {
	ks := make([]int, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Ints(ks)
	return ks
}

// echo renders search_criteria the way Magento echoes it: filter_groups always,
// condition_type/sort_orders/page_size/current_page only when sent.
func (c criteria) echo() map[string]any {
	fgs := make([]any, 0, len(c.groups))
	for _, g := range c.groups {
		fs := make([]any, 0, len(g.filters))
		for _, f := range g.filters {
			m := map[string]any{"field": f.field, "value": f.value}
			if f.condSet {
				m["condition_type"] = f.cond
			}
			fs = append(fs, m)
		}
		fgs = append(fgs, map[string]any{"filters": fs})
	}
	out := map[string]any{"filter_groups": fgs}
	if len(c.sorts) > 0 {
		ss := make([]any, 0, len(c.sorts))
		for _, s := range c.sorts {
			m := map[string]any{"field": s.field}
			if s.dirSet {
				m["direction"] = s.direction
			}
			ss = append(ss, m)
		}
		out["sort_orders"] = ss
	}
	if c.pageSizeSet {
		out["page_size"] = c.pageSize
	}
	if c.curPageSet {
		out["current_page"] = c.currentPage
	}
	return out
}

// errUnknownField is returned when a filter or sort names a column the entity lacks;
// Magento answers that with an SQL error, i.e. a 500.
type errUnknownField struct{ field string }

func (e errUnknownField) Error() string { return "unknown field " + e.field }

func (t *table[T]) getter(name string) (func(*T) fval, bool) {
	if g, ok := t.fields[name]; ok {
		return g, true
	}
	switch name { // entity_id and id are the same column for every entity
	case "entity_id":
		g, ok := t.fields["id"]
		return g, ok
	case "id":
		g, ok := t.fields["entity_id"]
		return g, ok
	}
	return nil, false
}

type compiledFilter[T any] struct {
	get    func(*T) fval
	f      filter
	set    map[string]bool  // in/nin values, lower-cased
	numSet map[float64]bool // in/nin values that are numbers
	re     *regexp.Regexp
	num    float64
	isN    bool
}

// compareVals orders NULL first (as MySQL does), numbers numerically, strings bytewise.
func compareVals(a, b fval) int {
	switch {
	case a.null && b.null:
		return 0
	case a.null:
		return -1
	case b.null:
		return 1
	case a.isNum && b.isNum:
		switch {
		case a.n < b.n:
			return -1
		case a.n > b.n:
			return 1
		}
		return 0
	}
	return strings.Compare(a.s, b.s)
}

func matchAll[T any](rec *T, groups [][]compiledFilter[T]) bool {
	for _, g := range groups {
		ok := false
		for i := range g {
			if g[i].match(rec) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// match applies one condition with SQL semantics: comparisons with NULL are false.
func (cf *compiledFilter[T]) match(rec *T) bool {
	v := cf.get(rec)
	switch cf.f.cond {
	case "null":
		return v.null
	case "notnull":
		return !v.null
	}
	if v.null {
		return false
	}
	cmp := func() int {
		if v.isNum && cf.isN {
			switch {
			case v.n < cf.num:
				return -1
			case v.n > cf.num:
				return 1
			}
			return 0
		}
		return strings.Compare(strings.ToLower(v.s), strings.ToLower(cf.f.value))
	}
	switch cf.f.cond {
	case "eq":
		return cmp() == 0
	case "neq":
		return cmp() != 0
	case "gt":
		return cmp() > 0
	case "gteq", "moreq", "from":
		return cmp() >= 0
	case "lt":
		return cmp() < 0
	case "lteq", "to":
		return cmp() <= 0
	case "like":
		return cf.re.MatchString(v.s)
	case "nlike":
		return !cf.re.MatchString(v.s)
	case "in", "nin":
		var in bool
		if v.isNum {
			in = cf.numSet[v.n]
		} else {
			in = cf.set[strings.ToLower(v.s)]
		}
		return in == (cf.f.cond == "in")
	case "finset", "nfinset":
		in := false
		for _, x := range strings.Split(v.s, ",") {
			if x == cf.f.value {
				in = true
				break
			}
		}
		return in == (cf.f.cond == "finset")
	}
	return cmp() == 0 // unknown condition: Magento falls back to equality
}

// likeRegexp converts SQL LIKE (% and _) into a case-insensitive anchored regexp.
func likeRegexp(p string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("(?is)^")
	for _, r := range p {
		switch r {
		case '%':
			b.WriteString(".*")
		case '_':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

func (t *table[T]) compile(f filter) (compiledFilter[T], error) {
	get, ok := t.getter(f.field)
	if !ok {
		return compiledFilter[T]{}, errUnknownField{f.field}
	}
	cf := compiledFilter[T]{get: get, f: f}
	switch f.cond {
	case "in", "nin":
		cf.set, cf.numSet = map[string]bool{}, map[float64]bool{}
		for _, v := range strings.Split(f.value, ",") {
			v = strings.TrimSpace(v)
			cf.set[strings.ToLower(v)] = true
			if n, err := strconv.ParseFloat(v, 64); err == nil {
				cf.numSet[n] = true
			}
		}
	case "like", "nlike":
		cf.re = likeRegexp(f.value)
	}
	if n, err := strconv.ParseFloat(strings.TrimSpace(f.value), 64); err == nil {
		cf.num, cf.isN = n, true
	}
	return cf, nil
}
