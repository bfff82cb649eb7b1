package magentosim

import (
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// table holds one entity's records in two orders: by id (Magento's default order when
// no sortOrders are sent) and by (key, id), where key is updated_at (change_status_at
// for subscribers). The second order lets the incremental-sync query
// "updated_at >= X ORDER BY updated_at, entity_id" be answered with a binary search
// instead of a scan, which keeps 100k-row tables fast.
type table[T any] struct {
	byID    map[int64]*T
	idOrder []*T // ascending id
	keyed   []*T // ascending (key, id)

	id      func(*T) int64
	key     func(*T) string
	setKey  func(*T, string)
	keyName string
	fields  fieldSet[T]
}

func newTable[T any](keyName string, id func(*T) int64, key func(*T) string, setKey func(*T, string)) *table[T] {
	return &table[T]{
		byID:    map[int64]*T{},
		id:      id,
		key:     key,
		setKey:  setKey,
		keyName: keyName,
		fields:  reflectFields[T](),
	}
}

func (t *table[T]) len() int { return len(t.idOrder) }

func (t *table[T]) get(id int64) *T { return t.byID[id] }

// loadSorted replaces the content with recs (any order) and builds both indexes.
func (t *table[T]) loadSorted(recs []*T) {
	t.byID = make(map[int64]*T, len(recs))
	t.idOrder = append([]*T(nil), recs...)
	sort.Slice(t.idOrder, func(i, j int) bool { return t.id(t.idOrder[i]) < t.id(t.idOrder[j]) })
	for _, r := range recs {
		t.byID[t.id(r)] = r
	}
	t.keyed = append([]*T(nil), recs...)
	sort.Slice(t.keyed, func(i, j int) bool { return t.less(t.keyed[i], t.keyed[j]) })
}

func (t *table[T]) less(a, b *T) bool {
	ka, kb := t.key(a), t.key(b)
	if ka != kb {
		return ka < kb
	}
	return t.id(a) < t.id(b)
}

// keyedIndex finds rec's position in keyed by binary search.
func (t *table[T]) keyedIndex(rec *T) int {
	k, id := t.key(rec), t.id(rec)
	i := sort.Search(len(t.keyed), func(i int) bool {
		ki := t.key(t.keyed[i])
		return ki > k || (ki == k && t.id(t.keyed[i]) >= id)
	})
	if i < len(t.keyed) && t.keyed[i] == rec {
		return i
	}
	for j, r := range t.keyed { // index out of sync should not happen; stay correct anyway
		if r == rec {
			return j
		}
	}
	return -1
}

func (t *table[T]) insertKeyed(rec *T) {
	i := sort.Search(len(t.keyed), func(i int) bool { return t.less(rec, t.keyed[i]) })
	t.keyed = append(t.keyed, nil)
	copy(t.keyed[i+1:], t.keyed[i:])
	t.keyed[i] = rec
}

// add inserts a new record (ids are expected to grow, as auto-increment ids do).
func (t *table[T]) add(rec *T) {
	id := t.id(rec)
	t.byID[id] = rec
	i := sort.Search(len(t.idOrder), func(i int) bool { return t.id(t.idOrder[i]) >= id })
	t.idOrder = append(t.idOrder, nil)
	copy(t.idOrder[i+1:], t.idOrder[i:])
	t.idOrder[i] = rec
	t.insertKeyed(rec)
}

// remove deletes a record from all indexes.
func (t *table[T]) remove(id int64) bool {
	rec := t.byID[id]
	if rec == nil {
		return false
	}
	delete(t.byID, id)
	i := sort.Search(len(t.idOrder), func(i int) bool { return t.id(t.idOrder[i]) >= id })
	if i < len(t.idOrder) && t.idOrder[i] == rec {
		t.idOrder = append(t.idOrder[:i], t.idOrder[i+1:]...)
	}
	if k := t.keyedIndex(rec); k >= 0 {
		t.keyed = append(t.keyed[:k], t.keyed[k+1:]...)
	}
	return true
}

// setKeyOf changes a record's key (updated_at) and keeps the keyed index sorted.
func (t *table[T]) setKeyOf(rec *T, key string) {
	if k := t.keyedIndex(rec); k >= 0 {
		t.keyed = append(t.keyed[:k], t.keyed[k+1:]...)
	}
	t.setKey(rec, key)
	t.insertKeyed(rec)
}

// fval is a column value as searchCriteria sees it: NULL, a string or a number.
type fval struct {
	null  bool
	isNum bool
	s     string
	n     float64
}

func strVal(s string) fval {
	if s == "" {
		return fval{null: true}
	}
	return fval{s: s}
}

func numVal(n float64) fval { return fval{isNum: true, n: n, s: strconv.FormatFloat(n, 'f', -1, 64)} }

// fieldSet maps column names to getters: every scalar top-level JSON field of T found by
// reflection, plus virtual columns (DB columns that are not in the Data interface).
type fieldSet[T any] map[string]func(*T) fval

func reflectFields[T any]() fieldSet[T] {
	fs := fieldSet[T]{}
	rt := reflect.TypeFor[T]()
	for i := 0; i < rt.NumField(); i++ {
		f := rt.Field(i)
		tag := f.Tag.Get("json")
		if tag == "" || tag == "-" || !f.IsExported() {
			continue
		}
		parts := strings.Split(tag, ",")
		name := parts[0]
		omitEmpty := len(parts) > 1 && parts[1] == "omitempty"
		idx := i
		ft := f.Type
		ptr := false
		if ft.Kind() == reflect.Pointer {
			ptr = true
			ft = ft.Elem()
		}
		var conv func(reflect.Value) fval
		switch ft.Kind() {
		case reflect.String:
			conv = func(v reflect.Value) fval { return strVal(v.String()) }
		case reflect.Int, reflect.Int64, reflect.Int32:
			conv = func(v reflect.Value) fval { return numVal(float64(v.Int())) }
		case reflect.Float64:
			conv = func(v reflect.Value) fval { return numVal(v.Float()) }
		case reflect.Bool:
			conv = func(v reflect.Value) fval {
				if v.Bool() {
					return numVal(1)
				}
				return numVal(0)
			}
		default:
			continue
		}
		fs[name] = func(rec *T) fval {
			v := reflect.ValueOf(rec).Elem().Field(idx)
			if ptr {
				if v.IsNil() {
					return fval{null: true}
				}
				v = v.Elem()
			} else if omitEmpty && v.IsZero() {
				return fval{null: true} // omitted from the JSON = NULL in Magento's table
			}
			return conv(v)
		}
	}
	return fs
}
