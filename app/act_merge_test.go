package app

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
)

// The three-way merge of a customer, case by case. base is the customer as
// last synced; each case edits local and/or remote from it.

const mergeBase = `{"id":7,"email":"ann@example.com","firstname":"Ann","lastname":"Lee","group_id":1,
 "dob":"1980-01-02","website_id":1,"store_id":1,"default_billing":"11","default_shipping":"11",
 "extension_attributes":{"is_subscribed":false},
 "addresses":[
  {"id":11,"customer_id":7,"firstname":"Ann","lastname":"Lee","street":["1 Main St"],"city":"Austin","postcode":"73301","country_id":"US","telephone":"555-1","region_id":57,"region":{"region":"Texas","region_code":"TX","region_id":57},"default_billing":true,"default_shipping":true},
  {"id":12,"customer_id":7,"firstname":"Ann","lastname":"Lee","street":["9 Side Rd"],"city":"Dallas","postcode":"75001","country_id":"US","telephone":"555-2"}
 ]}`

func decodeMap(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("bad JSON in test: %v", err)
	}
	return m
}

// edit applies dotted-path changes to a copy of base: "lastname=Ng",
// "addresses[12].city=Plano", "-addresses[12]" (delete),
// "+addresses" (add a new address), "is_subscribed=true".
func edit(t *testing.T, base string, changes ...string) map[string]any {
	t.Helper()
	m := decodeMap(t, base)
	for _, ch := range changes {
		switch {
		case strings.HasPrefix(ch, "-addresses["):
			var id int64
			fmt.Sscanf(ch, "-addresses[%d]", &id)
			var keep []any
			for _, a := range m["addresses"].([]any) {
				if addressID(a.(map[string]any)) != id {
					keep = append(keep, a)
				}
			}
			m["addresses"] = keep
		case ch == "+addresses":
			m["addresses"] = append(m["addresses"].([]any), map[string]any{"firstname": "Ann", "lastname": "Lee",
				"street": []any{"5 New Ave"}, "city": "Houston", "postcode": "77001", "country_id": "US", "telephone": "555-3"})
		case ch == "+remote-address":
			m["addresses"] = append(m["addresses"].([]any), map[string]any{"id": 13.0, "firstname": "Ann", "lastname": "Lee",
				"street": []any{"7 Shop St"}, "city": "Waco", "postcode": "76701", "country_id": "US", "telephone": "555-4"})
		default:
			k, v, _ := strings.Cut(ch, "=")
			var val any = v
			if v == "true" || v == "false" {
				val = v == "true"
			}
			if strings.HasPrefix(k, "addresses[") {
				var id int64
				var field string
				fmt.Sscanf(k, "addresses[%d]", &id)
				field = k[strings.Index(k, ".")+1:]
				for _, a := range m["addresses"].([]any) {
					if am := a.(map[string]any); addressID(am) == id {
						am[field] = val
					}
				}
			} else if k == "is_subscribed" {
				m["extension_attributes"].(map[string]any)["is_subscribed"] = val
			} else {
				m[k] = val
			}
		}
	}
	return m
}

// summary reads the merged customer back as sorted "path=value" facts.
func summary(m map[string]any) map[string]string {
	out := map[string]string{}
	for _, f := range []string{"firstname", "lastname", "email", "dob"} {
		out[f] = fmt.Sprint(m[f])
	}
	out["is_subscribed"] = fmt.Sprint(subscribed(m))
	var ids []string
	for _, a := range addresses(m) {
		id := addressID(a)
		ids = append(ids, fmt.Sprint(id))
		for _, f := range []string{"city", "telephone"} {
			out[fmt.Sprintf("addresses[%d].%s", id, f)] = fmt.Sprint(a[f])
		}
	}
	sort.Strings(ids)
	out["address ids"] = strings.Join(ids, ",")
	return out
}

func TestMergeCustomerSettlesEachFieldAgainstTheBase(t *testing.T) {
	cases := []struct {
		name          string
		local, remote []string
		localWins     bool
		want          map[string]string // facts that must hold
		conflicts     []string          // fields reported as conflicts
	}{
		{name: "changed only here", local: []string{"lastname=Ng"},
			want: map[string]string{"lastname": "Ng", "firstname": "Ann"}},
		{name: "changed only in Magento", remote: []string{"lastname=Lee-Smith"},
			want: map[string]string{"lastname": "Lee-Smith"}},
		{name: "different fields on each side", local: []string{"firstname=Anne"}, remote: []string{"lastname=Ng"},
			want: map[string]string{"firstname": "Anne", "lastname": "Ng"}},
		{name: "same change on both sides", local: []string{"email=ann.lee@example.com"}, remote: []string{"email=ann.lee@example.com"},
			want: map[string]string{"email": "ann.lee@example.com"}},
		{name: "conflict, remote wins", local: []string{"lastname=Ng"}, remote: []string{"lastname=Smith"},
			want: map[string]string{"lastname": "Smith"}, conflicts: []string{"lastname"}},
		{name: "conflict, local wins", local: []string{"lastname=Ng"}, remote: []string{"lastname=Smith"}, localWins: true,
			want: map[string]string{"lastname": "Ng"}, conflicts: []string{"lastname"}},
		{name: "subscribe here", local: []string{"is_subscribed=true"},
			want: map[string]string{"is_subscribed": "true"}},
		{name: "subscribed in Magento, other change here", local: []string{"lastname=Ng"}, remote: []string{"is_subscribed=true"},
			want: map[string]string{"is_subscribed": "true", "lastname": "Ng"}},
		{name: "address added here", local: []string{"+addresses"},
			want: map[string]string{"address ids": "0,11,12", "addresses[0].city": "Houston"}},
		{name: "address added in Magento", remote: []string{"+remote-address"},
			want: map[string]string{"address ids": "11,12,13", "addresses[13].city": "Waco"}},
		{name: "address edited here and in Magento on different fields",
			local: []string{"addresses[11].city=Round Rock"}, remote: []string{"addresses[11].telephone=555-9"},
			want: map[string]string{"addresses[11].city": "Round Rock", "addresses[11].telephone": "555-9"}},
		{name: "address field conflict, remote wins", local: []string{"addresses[12].city=Plano"}, remote: []string{"addresses[12].city=Irving"},
			want: map[string]string{"addresses[12].city": "Irving"}, conflicts: []string{"addresses[12].city"}},
		{name: "address field conflict, local wins", local: []string{"addresses[12].city=Plano"}, remote: []string{"addresses[12].city=Irving"}, localWins: true,
			want: map[string]string{"addresses[12].city": "Plano"}, conflicts: []string{"addresses[12].city"}},
		{name: "address deleted here", local: []string{"-addresses[12]"},
			want: map[string]string{"address ids": "11"}},
		{name: "address deleted here but changed in Magento, remote wins", local: []string{"-addresses[12]"}, remote: []string{"addresses[12].city=Irving"},
			want: map[string]string{"address ids": "11,12", "addresses[12].city": "Irving"}, conflicts: []string{"addresses[12]"}},
		{name: "address deleted here but changed in Magento, local wins", local: []string{"-addresses[12]"}, remote: []string{"addresses[12].city=Irving"}, localWins: true,
			want: map[string]string{"address ids": "11"}, conflicts: []string{"addresses[12]"}},
		{name: "address deleted in Magento, untouched here", remote: []string{"-addresses[12]"},
			want: map[string]string{"address ids": "11"}},
		{name: "address deleted in Magento but edited here, local wins", local: []string{"addresses[12].city=Plano"}, remote: []string{"-addresses[12]"}, localWins: true,
			want: map[string]string{"address ids": "0,11", "addresses[0].city": "Plano"}, conflicts: []string{"addresses[12]"}},
		{name: "address deleted in Magento but edited here, remote wins", local: []string{"addresses[12].city=Plano"}, remote: []string{"-addresses[12]"},
			want: map[string]string{"address ids": "11"}, conflicts: []string{"addresses[12]"}},
		{name: "nothing changed", want: map[string]string{"lastname": "Lee", "address ids": "11,12", "is_subscribed": "false"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			base := decodeMap(t, mergeBase)
			local := edit(t, mergeBase, tc.local...)
			remote := edit(t, mergeBase, tc.remote...)
			merged, conflicts := MergeCustomer(base, local, remote, tc.localWins)
			got := summary(merged)
			for k, v := range tc.want {
				if got[k] != v {
					t.Errorf("%s = %q, want %q (merged %v)", k, got[k], v, got)
				}
			}
			var fields []string
			for _, c := range conflicts {
				fields = append(fields, c.Field)
				wantWinner := map[bool]string{true: "local", false: "remote"}[tc.localWins]
				if c.Winner != wantWinner {
					t.Errorf("conflict %s settled for %s, want %s", c.Field, c.Winner, wantWinner)
				}
			}
			if strings.Join(fields, ",") != strings.Join(tc.conflicts, ",") {
				t.Errorf("conflicts %v, want %v", fields, tc.conflicts)
			}
			if merged["id"] != remote["id"] || merged["website_id"] != remote["website_id"] {
				t.Errorf("fields the app does not edit must stay Magento's: %v", merged)
			}
			if _, ok := merged["default_billing"]; ok {
				t.Error("default_billing id kept beside the address flags")
			}
		})
	}
}

func TestMergeTreatsNumbersAndNumericStringsAlike(t *testing.T) {
	base := decodeMap(t, mergeBase)
	local := edit(t, mergeBase)
	local["group_id"] = int64(1) // the form sets an int; JSON decoding gives float64
	remote := edit(t, mergeBase, "group_id=3")
	merged, conflicts := MergeCustomer(base, local, remote, true)
	if len(conflicts) != 0 {
		t.Fatalf("unchanged group reported as conflict: %v", conflicts)
	}
	if fmt.Sprint(merged["group_id"]) != "3" {
		t.Fatalf("group_id %v, want Magento's 3", merged["group_id"])
	}
}
