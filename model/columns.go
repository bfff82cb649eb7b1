package model

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
)

// col binds one SQL column to a field of a struct. The same list serves
// INSERT/UPDATE (database/sql dereferences the pointers) and SELECT (Scan
// into the pointers), so a table's columns are written down once.
type col struct {
	name string
	ptr  any
}

type cols []col

func (c cols) names() []string {
	out := make([]string, len(c))
	for i, x := range c {
		out[i] = x.name
	}
	return out
}

func (c cols) ptrs() []any {
	out := make([]any, len(c))
	for i, x := range c {
		out[i] = x.ptr
	}
	return out
}

// args returns the column values as statement arguments. Common pointer
// types are dereferenced here: database/sql would otherwise do it by
// reflection, which showed up in ApplyBatch profiles.
func (c cols) args() []any {
	return c.appendArgs(make([]any, 0, len(c)))
}

// appendArgs appends the column values (as args) to dst.
func (c cols) appendArgs(dst []any) []any {
	for _, x := range c {
		dst = append(dst, argOf(x.ptr))
	}
	return dst
}

func argOf(p any) any {
	switch v := p.(type) {
	case *string:
		return *v
	case *int64:
		return *v
	case *bool:
		return *v
	case *int:
		return int64(*v)
	}
	return p
}

// selectList is "p.a, p.b, …" for the given table alias.
func (c cols) selectList(alias string) string {
	var b strings.Builder
	for i, x := range c {
		if i > 0 {
			b.WriteString(", ")
		}
		if alias != "" && isIdent(x.name) {
			b.WriteString(alias)
			b.WriteByte('.')
		}
		b.WriteString(x.name)
	}
	return b.String()
}

// money binds the two columns of a Money, <name> TEXT and <name>_units
// (colsOf expands it).
func money(name string, m *Money) col {
	return col{name, m}
}

// colsOf lists columns, expanding money pairs. Taking cols rather than
// ...any keeps the arguments off the heap (boxing each part was a
// gigabyte of garbage per Store L sync).
func colsOf(parts ...col) cols {
	n := len(parts)
	for _, p := range parts {
		if _, ok := p.ptr.(*Money); ok {
			n++
		}
	}
	out := make(cols, 0, n)
	for _, p := range parts {
		if m, ok := p.ptr.(*Money); ok {
			out = append(out, col{p.name, &m.Text}, col{unitsName(p.name), &m.Units})
			continue
		}
		out = append(out, p)
	}
	return out
}

// joinCols concatenates column lists.
func joinCols(parts ...cols) cols {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	out := make(cols, 0, n)
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// unitsName is name + "_units", built once per name.
func unitsName(name string) string {
	unitsNames.RLock()
	u, ok := unitsNames.m[name]
	unitsNames.RUnlock()
	if ok {
		return u
	}
	unitsNames.Lock()
	defer unitsNames.Unlock()
	if unitsNames.m == nil {
		unitsNames.m = map[string]string{}
	}
	u = name + "_units"
	unitsNames.m[name] = u
	return u
}

var unitsNames struct {
	sync.RWMutex
	m map[string]string
}

// jsonList stores a []string or []int64 as JSON text ("" when empty).
type jsonList[T any] struct{ p *[]T }

func (j jsonList[T]) Value() (driver.Value, error) {
	if j.p == nil || len(*j.p) == 0 {
		return "", nil
	}
	b, err := json.Marshal(*j.p)
	return string(b), err
}

func (j jsonList[T]) Scan(src any) error {
	*j.p = nil
	var s string
	switch v := src.(type) {
	case nil:
		return nil
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("list column: unexpected %T", src)
	}
	if s == "" {
		return nil
	}
	return json.Unmarshal([]byte(s), j.p)
}

// optBool stores a *bool as NULL/0/1.
type optBool struct{ p **bool }

func (o optBool) Value() (driver.Value, error) {
	if *o.p == nil {
		return nil, nil
	}
	return **o.p, nil
}

func (o optBool) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*o.p = nil
	case int64:
		b := v != 0
		*o.p = &b
	case bool:
		*o.p = &v
	default:
		return fmt.Errorf("bool column: unexpected %T", src)
	}
	return nil
}

// contentHash fingerprints a record as we would store it (v must have its
// local ids, sync times, derived fields and Raw cleared by the caller) plus
// the raw JSON, so an unchanged re-delivery is counted as skipped.
func contentHash(v any, raw []byte) (int64, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return 0, fmt.Errorf("hash record: %w", err)
	}
	return fingerprint(b, raw), nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// isIdent reports whether a column name is a plain column (expressions
// such as the derived cart "abandoned" flag are not alias-qualified).
func isIdent(s string) bool {
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}
