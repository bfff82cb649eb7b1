package magentosim

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"
)

func idsOf(t *testing.T, res any, key string) []string {
	t.Helper()
	var out []string
	for _, it := range obj(t, res)["items"].([]any) {
		out = append(out, fmt.Sprint(obj(t, it)[key]))
	}
	return out
}

func TestFilterGroupsOrInsideAndAcross(t *testing.T) {
	ts := startStore(t, smallOptions())
	base := "/rest/V1/orders?fields=total_count&searchCriteria[pageSize]=0"
	count := func(q string) int {
		n, _ := obj(t, ts.getJSON(base+q))["total_count"].(json.Number).Int64()
		return int(n)
	}
	complete := count("&searchCriteria[filter_groups][0][filters][0][field]=state&searchCriteria[filter_groups][0][filters][0][value]=complete")
	canceled := count("&searchCriteria[filter_groups][0][filters][0][field]=state&searchCriteria[filter_groups][0][filters][0][value]=canceled")
	either := count("&searchCriteria[filter_groups][0][filters][0][field]=state&searchCriteria[filter_groups][0][filters][0][value]=complete" +
		"&searchCriteria[filter_groups][0][filters][1][field]=state&searchCriteria[filter_groups][0][filters][1][value]=canceled")
	if complete == 0 || canceled == 0 || either != complete+canceled {
		t.Errorf("OR inside a group: complete %d + canceled %d != either %d", complete, canceled, either)
	}
	both := count("&searchCriteria[filter_groups][0][filters][0][field]=state&searchCriteria[filter_groups][0][filters][0][value]=complete" +
		"&searchCriteria[filter_groups][1][filters][0][field]=state&searchCriteria[filter_groups][1][filters][0][value]=canceled")
	if both != 0 {
		t.Errorf("AND across groups of disjoint states matched %d", both)
	}
	camel := count("&searchCriteria[filterGroups][0][filters][0][field]=state&searchCriteria[filterGroups][0][filters][0][value]=complete")
	if camel != complete {
		t.Errorf("camelCase filterGroups %d != snake %d", camel, complete)
	}
	in := count("&searchCriteria[filter_groups][0][filters][0][field]=state&searchCriteria[filter_groups][0][filters][0][value]=complete,canceled" +
		"&searchCriteria[filter_groups][0][filters][0][condition_type]=in")
	nin := count("&searchCriteria[filter_groups][0][filters][0][field]=state&searchCriteria[filter_groups][0][filters][0][value]=complete,canceled" +
		"&searchCriteria[filter_groups][0][filters][0][condition_type]=nin")
	if in != either || in+nin != 150 {
		t.Errorf("in %d (want %d), nin %d (want %d)", in, either, nin, 150-either)
	}
	guestsNull := count("&searchCriteria[filter_groups][0][filters][0][field]=customer_id&searchCriteria[filter_groups][0][filters][0][condition_type]=null")
	guests := count("&searchCriteria[filter_groups][0][filters][0][field]=customer_is_guest&searchCriteria[filter_groups][0][filters][0][value]=1")
	notNull := count("&searchCriteria[filter_groups][0][filters][0][field]=customer_id&searchCriteria[filter_groups][0][filters][0][condition_type]=notnull")
	neq := count("&searchCriteria[filter_groups][0][filters][0][field]=customer_id&searchCriteria[filter_groups][0][filters][0][value]=1&searchCriteria[filter_groups][0][filters][0][condition_type]=neq")
	if guestsNull == 0 || guestsNull != guests || notNull != 150-guests {
		t.Errorf("null %d / guests %d / notnull %d", guestsNull, guests, notNull)
	}
	if neq >= notNull+1 || neq > notNull {
		t.Errorf("neq must not match NULL customer_id (SQL semantics): neq %d notnull %d", neq, notNull)
	}
}

func TestConditionTypes(t *testing.T) {
	ts := startStore(t, smallOptions())
	res := ts.getJSON("/rest/V1/customers/search?searchCriteria[filter_groups][0][filters][0][field]=email" +
		"&searchCriteria[filter_groups][0][filters][0][value]=" + url.QueryEscape("%@example.org") +
		"&searchCriteria[filter_groups][0][filters][0][condition_type]=like&searchCriteria[pageSize]=0")
	for _, it := range obj(t, res)["items"].([]any) {
		if e := obj(t, it)["email"].(string); !strings.HasSuffix(e, "@example.org") {
			t.Errorf("like %%@example.org matched %s", e)
		}
	}
	// numeric comparison: "9" < "10" numerically though not as strings
	gt := ts.getJSON("/rest/V1/orders?searchCriteria[filter_groups][0][filters][0][field]=grand_total" +
		"&searchCriteria[filter_groups][0][filters][0][value]=100&searchCriteria[filter_groups][0][filters][0][condition_type]=gteq" +
		"&searchCriteria[pageSize]=0")
	for _, it := range obj(t, gt)["items"].([]any) {
		if v, _ := obj(t, it)["grand_total"].(json.Number).Float64(); v < 100 {
			t.Errorf("grand_total gteq 100 matched %v", v)
		}
	}
	// date range with from/to in two groups (AND)
	rng := ts.getJSON("/rest/V1/orders?searchCriteria[filter_groups][0][filters][0][field]=created_at" +
		"&searchCriteria[filter_groups][0][filters][0][value]=2022-01-01%2000:00:00&searchCriteria[filter_groups][0][filters][0][condition_type]=from" +
		"&searchCriteria[filter_groups][1][filters][0][field]=created_at" +
		"&searchCriteria[filter_groups][1][filters][0][value]=2022-12-31%2023:59:59&searchCriteria[filter_groups][1][filters][0][condition_type]=to" +
		"&searchCriteria[pageSize]=0")
	n := 0
	for _, it := range obj(t, rng)["items"].([]any) {
		c := obj(t, it)["created_at"].(string)
		if c < "2022-01-01 00:00:00" || c > "2022-12-31 23:59:59" {
			t.Errorf("from/to matched %s", c)
		}
		n++
	}
	if n == 0 {
		t.Errorf("no orders in 2022")
	}
	fin := obj(t, ts.getJSON("/rest/V1/orders?searchCriteria[filter_groups][0][filters][0][field]=applied_rule_ids"+
		"&searchCriteria[filter_groups][0][filters][0][value]=1&searchCriteria[filter_groups][0][filters][0][condition_type]=finset&searchCriteria[pageSize]=0"))
	coupons := obj(t, ts.getJSON("/rest/V1/orders?searchCriteria[filter_groups][0][filters][0][field]=coupon_code"+
		"&searchCriteria[filter_groups][0][filters][0][value]=SAVE10&searchCriteria[pageSize]=0"))
	if fin["total_count"] != coupons["total_count"] || fin["total_count"] == json.Number("0") {
		t.Errorf("finset applied_rule_ids=1 %v != coupon orders %v", fin["total_count"], coupons["total_count"])
	}
	st, b := ts.do("GET", "/rest/V1/orders?searchCriteria[filter_groups][0][filters][0][field]=no_such_column&searchCriteria[filter_groups][0][filters][0][value]=1", "")
	if st != 500 || !strings.Contains(string(b), "Report ID: webapi-") {
		t.Errorf("unknown column: %d %s, want Magento's 500", st, b)
	}
}

func TestMultiFieldSortAndPartialResponse(t *testing.T) {
	ts := startStore(t, smallOptions())
	res := ts.getJSON("/rest/V1/orders?searchCriteria[sortOrders][0][field]=state&searchCriteria[sortOrders][0][direction]=ASC" +
		"&searchCriteria[sortOrders][1][field]=grand_total&searchCriteria[sortOrders][1][direction]=DESC&searchCriteria[pageSize]=0" +
		"&fields=items[entity_id,state,grand_total],total_count")
	body := obj(t, res)
	if _, ok := body["search_criteria"]; ok {
		t.Errorf("fields= kept search_criteria")
	}
	items := body["items"].([]any)
	for i, it := range items {
		o := obj(t, it)
		if len(o) != 3 {
			t.Fatalf("partial item has keys %v", o)
		}
		if i == 0 {
			continue
		}
		p := obj(t, items[i-1])
		ps, s := p["state"].(string), o["state"].(string)
		pg, _ := p["grand_total"].(json.Number).Float64()
		g, _ := o["grand_total"].(json.Number).Float64()
		if ps > s || (ps == s && pg < g) {
			t.Fatalf("sort broken at %d: (%s,%v) before (%s,%v)", i, ps, pg, s, g)
		}
	}
	nested := obj(t, ts.getJSON("/rest/V1/orders/1?fields=entity_id,billing_address[city,email],items[sku]"))
	if len(nested) != 3 || len(obj(t, nested["billing_address"])) != 2 {
		t.Errorf("nested partial response: %v", nested)
	}
}

// TestSearchFastPathsAgreeWithNaiveScan checks the keyed/windowed query paths against a
// straightforward filter+sort+page over the same records, for random criteria.
func TestSearchFastPathsAgreeWithNaiveScan(t *testing.T) {
	s := New(Options{Seed: 3, Customers: 200, Carts: 200, Orders: 1500, CreditMemos: 50, Subscribers: 100, Products: 40, Now: clock})
	s.ForceSameTimestamp(EntityOrders, 40, "2023-06-01 10:00:00") // a block of equal timestamps
	r := rand.New(rand.NewPCG(1, 2))
	tbl := s.orders
	stamps := make([]string, 0, 20)
	for i := 0; i < 20; i++ {
		stamps = append(stamps, tbl.idOrder[r.IntN(tbl.len())].UpdatedAt)
	}
	stamps = append(stamps, "2023-06-01 10:00:00")
	conds := []string{"gt", "gteq", "lt", "lteq", "from", "to", "eq", "moreq"}
	sorts := [][]sortOrder{
		nil,
		{{field: "updated_at", direction: "ASC", dirSet: true}, {field: "entity_id", direction: "ASC", dirSet: true}},
		{{field: "updated_at", direction: "DESC", dirSet: true}, {field: "entity_id", direction: "DESC", dirSet: true}},
		{{field: "entity_id", direction: "DESC", dirSet: true}},
		{{field: "grand_total", direction: "ASC", dirSet: true}, {field: "entity_id", direction: "ASC", dirSet: true}},
		{{field: "updated_at", direction: "ASC", dirSet: true}},
		{{field: "entity_id", direction: "ASC", dirSet: true}},
	}
	for iter := 0; iter < 400; iter++ {
		var c criteria
		for g := 0; g < r.IntN(3); g++ {
			c.groups = append(c.groups, filterGroup{filters: []filter{{field: "updated_at", value: stamps[r.IntN(len(stamps))], cond: conds[r.IntN(len(conds))]}}})
		}
		if r.IntN(3) == 0 {
			c.groups = append(c.groups, filterGroup{filters: []filter{{field: "state", value: "complete", cond: "eq"}, {field: "status", value: "holded", cond: "eq"}}})
		}
		for g := 0; g < r.IntN(3); g++ { // id windows and id lists, as keyset and reconciliation walks send
			idf := []string{"entity_id", "id"}[r.IntN(2)]
			if r.IntN(4) == 0 {
				ids := make([]string, 0, 30)
				for k := 0; k < 30; k++ {
					ids = append(ids, fmt.Sprint(1+r.IntN(1600)))
				}
				c.groups = append(c.groups, filterGroup{filters: []filter{{field: idf, value: strings.Join(ids, ","), cond: "in"}}})
				continue
			}
			c.groups = append(c.groups, filterGroup{filters: []filter{{field: idf, value: fmt.Sprint(r.IntN(1600)), cond: conds[r.IntN(len(conds))]}}})
		}
		c.sorts = sorts[r.IntN(len(sorts))]
		c.pageSize = []int{0, 7, 25, 100}[r.IntN(4)]
		c.currentPage = 1 + r.IntN(4)
		got, err := tbl.search(c, false)
		if err != nil {
			t.Fatal(err)
		}
		want := naiveSearch(tbl, c)
		gotIDs := make([]int64, len(got.items))
		for i, o := range got.items {
			gotIDs[i] = o.EntityID
		}
		if got.total != want.total || !slices.Equal(gotIDs, want.ids) {
			t.Fatalf("criteria %+v: got total %d ids %v, want total %d ids %v", c, got.total, gotIDs, want.total, want.ids)
		}
	}
}

type naiveResult struct {
	total int
	ids   []int64
}

func naiveSearch(t *table[Order], c criteria) naiveResult {
	var groups [][]compiledFilter[Order]
	for _, g := range c.groups {
		var cg []compiledFilter[Order]
		for _, f := range g.filters {
			cf, _ := t.compile(f)
			cg = append(cg, cf)
		}
		groups = append(groups, cg)
	}
	var all []*Order
	for _, o := range t.idOrder {
		ok := true
		for _, g := range groups {
			hit := false
			for i := range g {
				if hit = g[i].match(o); hit {
					break
				}
			}
			if !hit {
				ok = false
				break
			}
		}
		if ok {
			all = append(all, o)
		}
	}
	if len(c.sorts) > 0 {
		gets := make([]func(*Order) fval, len(c.sorts))
		for i, s := range c.sorts {
			gets[i], _ = t.getter(s.field)
		}
		sort.SliceStable(all, func(i, j int) bool {
			for k, s := range c.sorts {
				cmp := compareVals(gets[k](all[i]), gets[k](all[j]))
				if cmp == 0 {
					continue
				}
				if s.direction == "ASC" {
					return cmp < 0
				}
				return cmp > 0
			}
			// Ties: the tested orders only leave ties under [updated_at] alone, where the
			// index order (updated_at, id) applies.
			return all[i].EntityID < all[j].EntityID
		})
	}
	res := naiveResult{total: len(all)}
	size := c.pageSize
	if size == 0 {
		size = len(all)
	}
	start := (c.currentPage - 1) * size
	for i := start; i < min(start+size, len(all)); i++ {
		res.ids = append(res.ids, all[i].EntityID)
	}
	return res
}
