package connector

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// Filter is one searchCriteria filter. Condition is Magento's
// condition_type (eq, neq, gt, gteq, lt, lteq, like, nlike, in, nin,
// finset, null, notnull, from, to, moreq, nfinset); "" means eq and is not
// sent. For like, put the % wildcards into Value yourself ("%ver%"); they
// are percent-encoded on the wire as %25.
type Filter struct{ Field, Value, Condition string }

// SortOrder sorts by Field, ascending unless Desc.
type SortOrder struct {
	Field string
	Desc  bool
}

// SearchCriteria is Magento's list query. Filters inside a group are
// OR-ed, groups are AND-ed. PageSize 0 means "no limit" in Magento (every
// row!) — callers should always set it. CurrentPage is 1-based. Fields,
// when set, is the partial-response selector sent as ?fields=.
type SearchCriteria struct {
	Groups      [][]Filter
	Sort        []SortOrder
	PageSize    int
	CurrentPage int
	Fields      string
}

// Where returns a copy with one more AND-ed group holding a single filter.
func (sc SearchCriteria) Where(field, condition, value string) SearchCriteria {
	sc.Groups = append(append([][]Filter(nil), sc.Groups...), []Filter{{Field: field, Value: value, Condition: condition}})
	return sc
}

// Values renders the query-string form with snake_case keys:
//
//	searchCriteria[filter_groups][0][filters][0][field]=updated_at
//	searchCriteria[sortOrders][0][field]=updated_at
//	searchCriteria[pageSize]=100
//
// Magento requires the searchCriteria parameter to be present at all, so
// an otherwise empty criteria sends searchCriteria[currentPage]=1.
func (sc SearchCriteria) Values() url.Values {
	v := url.Values{}
	for g, group := range sc.Groups {
		for f, flt := range group {
			p := "searchCriteria[filter_groups][" + strconv.Itoa(g) + "][filters][" + strconv.Itoa(f) + "]"
			v.Set(p+"[field]", flt.Field)
			v.Set(p+"[value]", flt.Value)
			if flt.Condition != "" && flt.Condition != "eq" {
				v.Set(p+"[condition_type]", flt.Condition)
			}
		}
	}
	for i, s := range sc.Sort {
		p := "searchCriteria[sortOrders][" + strconv.Itoa(i) + "]"
		v.Set(p+"[field]", s.Field)
		dir := "ASC"
		if s.Desc {
			dir = "DESC"
		}
		v.Set(p+"[direction]", dir)
	}
	if sc.PageSize > 0 {
		v.Set("searchCriteria[pageSize]", strconv.Itoa(sc.PageSize))
	}
	if sc.CurrentPage > 0 {
		v.Set("searchCriteria[currentPage]", strconv.Itoa(sc.CurrentPage))
	}
	if len(v) == 0 {
		// Omitting searchCriteria entirely is a 400 ("searchCriteria" is
		// required); currentPage=1 is the harmless way to send it.
		v.Set("searchCriteria[currentPage]", "1")
	}
	if sc.Fields != "" {
		v.Set("fields", sc.Fields)
	}
	return v
}

// Encode renders Values as a query string. Keys are sorted (stable URLs
// for logs and tests), brackets are percent-encoded, spaces become %20
// rather than "+" (Magento decodes both, but %20 is unambiguous for
// OAuth base strings and for like values such as "% ver %").
func (sc SearchCriteria) Encode() string { return encodeQuery(sc.Values()) }

func encodeQuery(v url.Values) string {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		for _, val := range v[k] {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(queryEscape(k))
			b.WriteByte('=')
			b.WriteString(queryEscape(val))
		}
	}
	return b.String()
}

func queryEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}
