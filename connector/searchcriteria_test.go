package connector

import (
	"net/url"
	"strings"
	"testing"
)

func TestSearchCriteriaValuesUseMagentoKeys(t *testing.T) {
	sc := SearchCriteria{
		Groups: [][]Filter{
			{{Field: "updated_at", Value: "2024-01-31 12:00:00", Condition: "gteq"}},
			{{Field: "store_id", Value: "1"}, {Field: "store_id", Value: "2,3", Condition: "in"}},
		},
		Sort:     []SortOrder{{Field: "updated_at"}, {Field: "entity_id", Desc: true}},
		PageSize: 100, CurrentPage: 3,
		Fields: "items[entity_id,updated_at],total_count",
	}
	v := sc.Values()
	want := map[string]string{
		"searchCriteria[filter_groups][0][filters][0][field]":          "updated_at",
		"searchCriteria[filter_groups][0][filters][0][value]":          "2024-01-31 12:00:00",
		"searchCriteria[filter_groups][0][filters][0][condition_type]": "gteq",
		"searchCriteria[filter_groups][1][filters][0][field]":          "store_id",
		"searchCriteria[filter_groups][1][filters][1][value]":          "2,3",
		"searchCriteria[filter_groups][1][filters][1][condition_type]": "in",
		"searchCriteria[sortOrders][0][field]":                         "updated_at",
		"searchCriteria[sortOrders][0][direction]":                     "ASC",
		"searchCriteria[sortOrders][1][direction]":                     "DESC",
		"searchCriteria[pageSize]":                                     "100",
		"searchCriteria[currentPage]":                                  "3",
		"fields":                                                       "items[entity_id,updated_at],total_count",
	}
	for k, w := range want {
		if got := v.Get(k); got != w {
			t.Errorf("%s = %q, want %q", k, got, w)
		}
	}
	if _, ok := v["searchCriteria[filter_groups][1][filters][0][condition_type]"]; ok {
		t.Error("eq is Magento's default and should not be sent")
	}
}

func TestSearchCriteriaEncodesLikeAndSpaces(t *testing.T) {
	q := SearchCriteria{PageSize: 5}.Where("firstname", "like", "%ver 1+%").Encode()
	if !strings.Contains(q, "=%25ver%201%2B%25") {
		t.Errorf("like value badly encoded: %s", q)
	}
	if strings.Contains(q, "+") {
		t.Errorf("spaces must be %%20, not +: %s", q)
	}
	back, err := url.ParseQuery(q)
	if err != nil || back.Get("searchCriteria[filter_groups][0][filters][0][value]") != "%ver 1+%" {
		t.Errorf("round trip = %v %v", back, err)
	}
}

func TestEmptySearchCriteriaStillSendsTheParameter(t *testing.T) {
	v := SearchCriteria{}.Values()
	if v.Get("searchCriteria[currentPage]") != "1" || len(v) != 1 {
		t.Errorf("empty criteria = %v", v)
	}
}

func TestWhereDoesNotAliasGroups(t *testing.T) {
	base := SearchCriteria{Groups: make([][]Filter, 0, 4)}
	a := base.Where("a", "eq", "1")
	b := base.Where("b", "eq", "2")
	if a.Groups[0][0].Field != "a" || b.Groups[0][0].Field != "b" {
		t.Errorf("Where shares the backing array: %v %v", a.Groups, b.Groups)
	}
}
