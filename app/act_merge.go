package app

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// Three-way merge of a customer for two-way sync. base is Magento's
// customer as last synced when the owner began editing, local the edited
// customer, remote what Magento has now. Each field is settled alone:
//
//	changed only here        → ours
//	changed only in Magento  → Magento's
//	same change on both      → that value
//	different changes        → a conflict, settled by the channel's
//	                           priority (Local wins / Remote wins)
//
// Addresses are matched by id and merged field by field the same way; an
// address added here (no id) is added, one deleted here is deleted unless
// Magento changed it meanwhile (then priority decides), one deleted in
// Magento stays deleted unless we changed it (then priority decides).

// mergedFields are the customer keys the app edits. Everything else is
// Magento's current value untouched.
var mergedFields = []string{"firstname", "lastname", "email", "group_id", "dob", "gender", "taxvat", "middlename", "prefix", "suffix"}

// Conflict is one field both sides changed differently.
type Conflict struct {
	Field  string // "lastname", "addresses[12].city", "addresses[12]", "is_subscribed"
	Local  any
	Remote any
	Winner string // "local" or "remote"
}

func (c Conflict) String() string {
	return fmt.Sprintf("%s: here %v, in Magento %v → kept %s", c.Field, show(c.Local), show(c.Remote), c.Winner)
}

func show(v any) string {
	if v == nil {
		return "(none)"
	}
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// MergeCustomer returns the customer to PUT (Magento's current record with
// the merged fields) and the conflicts that the priority settled.
func MergeCustomer(base, local, remote map[string]any, localWins bool) (map[string]any, []Conflict) {
	out := cloneMap(remote)
	var conflicts []Conflict
	winner := "remote"
	if localWins {
		winner = "local"
	}
	pick := func(field string, b, l, r any, present func(v any, ok bool)) {
		bv, lv, rv := norm(b), norm(l), norm(r)
		switch {
		case same(lv, bv):
			present(r, r != nil)
		case same(rv, bv), same(lv, rv):
			present(l, l != nil)
		default:
			conflicts = append(conflicts, Conflict{Field: field, Local: l, Remote: r, Winner: winner})
			if localWins {
				present(l, l != nil)
			} else {
				present(r, r != nil)
			}
		}
	}
	for _, f := range mergedFields {
		pick(f, base[f], local[f], remote[f], func(v any, ok bool) {
			if ok {
				out[f] = v
			} else {
				delete(out, f)
			}
		})
	}
	// The newsletter subscription lives in extension_attributes.
	bs, ls, rs := subscribed(base), subscribed(local), subscribed(remote)
	pick("is_subscribed", bs, ls, rs, func(v any, ok bool) {
		if !ok {
			return
		}
		ext, _ := out["extension_attributes"].(map[string]any)
		ext = cloneMap(ext)
		ext["is_subscribed"] = v
		out["extension_attributes"] = ext
	})
	addrs, ac := mergeAddresses(addresses(base), addresses(local), addresses(remote), localWins)
	conflicts = append(conflicts, ac...)
	out["addresses"] = addrs
	// default_billing/default_shipping follow the addresses' own flags;
	// an id here could point at an address the merge removed.
	delete(out, "default_billing")
	delete(out, "default_shipping")
	return out, conflicts
}

func subscribed(m map[string]any) any {
	ext, _ := m["extension_attributes"].(map[string]any)
	if ext == nil {
		return nil
	}
	return ext["is_subscribed"]
}

func addresses(m map[string]any) []map[string]any {
	list, _ := m["addresses"].([]any)
	out := make([]map[string]any, 0, len(list))
	for _, a := range list {
		if am, ok := a.(map[string]any); ok {
			out = append(out, am)
		}
	}
	return out
}

func addressID(a map[string]any) int64 {
	switch v := a["id"].(type) {
	case float64:
		return int64(v)
	case json.Number:
		n, _ := v.Int64()
		return n
	case int64:
		return v
	case int:
		return int64(v)
	case string:
		var n int64
		fmt.Sscan(v, &n)
		return n
	}
	return 0
}

// addressFields are compared one by one; keys outside this list keep
// Magento's value.
var addressFields = []string{"firstname", "lastname", "company", "street", "city", "postcode", "country_id",
	"region", "region_id", "telephone", "vat_id", "default_billing", "default_shipping"}

func mergeAddresses(base, local, remote []map[string]any, localWins bool) ([]any, []Conflict) {
	byID := func(list []map[string]any) map[int64]map[string]any {
		m := map[int64]map[string]any{}
		for _, a := range list {
			if id := addressID(a); id != 0 {
				m[id] = a
			}
		}
		return m
	}
	b, l, r := byID(base), byID(local), byID(remote)
	winner := "remote"
	if localWins {
		winner = "local"
	}
	var out []any
	var conflicts []Conflict
	// Magento's addresses in Magento's order, merged with ours.
	for _, ra := range remote {
		id := addressID(ra)
		ba, inBase := b[id]
		la, inLocal := l[id]
		switch {
		case !inBase:
			out = append(out, ra) // added in Magento
		case !inLocal: // deleted here
			if same(norm(pickFields(ra)), norm(pickFields(ba))) {
				continue
			}
			conflicts = append(conflicts, Conflict{Field: fmt.Sprintf("addresses[%d]", id), Local: "deleted", Remote: "changed", Winner: winner})
			if !localWins {
				out = append(out, ra)
			}
		default:
			merged, c := mergeAddress(id, ba, la, ra, localWins)
			conflicts = append(conflicts, c...)
			out = append(out, merged)
		}
	}
	// Ours that Magento no longer has: deleted there.
	for _, la := range local {
		id := addressID(la)
		if id == 0 {
			continue
		}
		if _, inRemote := r[id]; inRemote {
			continue
		}
		ba, inBase := b[id]
		if !inBase || same(norm(pickFields(la)), norm(pickFields(ba))) {
			continue // unchanged here: Magento's delete stands
		}
		conflicts = append(conflicts, Conflict{Field: fmt.Sprintf("addresses[%d]", id), Local: "changed", Remote: "deleted", Winner: winner})
		if localWins {
			re := cloneMap(la)
			delete(re, "id") // the old id is gone: add it again as a new address
			out = append(out, re)
		}
	}
	// Added here.
	for _, la := range local {
		if addressID(la) == 0 {
			out = append(out, la)
		}
	}
	if out == nil {
		out = []any{}
	}
	return out, conflicts
}

func mergeAddress(id int64, b, l, r map[string]any, localWins bool) (map[string]any, []Conflict) {
	out := cloneMap(r)
	var conflicts []Conflict
	winner := "remote"
	if localWins {
		winner = "local"
	}
	for _, f := range addressFields {
		bv, lv, rv := norm(b[f]), norm(l[f]), norm(r[f])
		var v any
		switch {
		case same(lv, bv):
			v = r[f]
		case same(rv, bv), same(lv, rv):
			v = l[f]
		default:
			conflicts = append(conflicts, Conflict{Field: fmt.Sprintf("addresses[%d].%s", id, f), Local: l[f], Remote: r[f], Winner: winner})
			v = r[f]
			if localWins {
				v = l[f]
			}
		}
		if v == nil {
			delete(out, f)
		} else {
			out[f] = v
		}
	}
	return out, conflicts
}

func pickFields(a map[string]any) map[string]any {
	m := make(map[string]any, len(addressFields))
	for _, f := range addressFields {
		if v, ok := a[f]; ok {
			m[f] = v
		}
	}
	return m
}

// norm makes JSON values comparable: numbers as float64 whatever they
// were decoded as, "" and false-like absences kept distinct from values,
// region objects reduced to their content.
func norm(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return v
	}
	var out any
	if json.Unmarshal(b, &out) != nil {
		return v
	}
	return canonical(out)
}

func canonical(v any) any {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		m := make(map[string]any, len(x))
		for _, k := range keys {
			if c := canonical(x[k]); c != nil {
				m[k] = c
			}
		}
		return m
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = canonical(e)
		}
		return out
	case string:
		// Magento sends group_id 1 and "1" in different places; numbers
		// typed into a form arrive as strings.
		var f float64
		if _, err := fmt.Sscan(x, &f); err == nil && strings.TrimSpace(x) == fmt.Sprint(f) {
			return f
		}
		return x
	case bool:
		return x
	}
	return v
}

func same(a, b any) bool {
	if a == nil && b == nil {
		return true
	}
	if s, ok := a.(string); ok && s == "" && b == nil {
		return true
	}
	if s, ok := b.(string); ok && s == "" && a == nil {
		return true
	}
	return reflect.DeepEqual(a, b)
}

func cloneMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
