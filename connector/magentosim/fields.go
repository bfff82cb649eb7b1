package magentosim

import (
	"encoding/json"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Partial responses: ?fields=items[id,updated_at],total_count keeps only the named
// keys (nested with brackets). Projection works on the Go values by reflection, before
// marshalling, so a 100k-row reconciliation sweep never renders full records.

type fieldTree map[string]fieldTree // nil subtree = whole value

func parseFields(spec string) fieldTree {
	t, _ := parseFieldList(spec, 0)
	return t
}

func parseFieldList(s string, i int) (fieldTree, int) {
	t := fieldTree{}
	name := strings.Builder{}
	flush := func(sub fieldTree) {
		n := strings.TrimSpace(name.String())
		if n != "" {
			t[n] = sub
		}
		name.Reset()
	}
	for i < len(s) {
		switch c := s[i]; c {
		case ',':
			flush(nil)
			i++
		case '[':
			sub, j := parseFieldList(s, i+1)
			flush(sub)
			i = j
			for i < len(s) && s[i] == ',' {
				i++
			}
		case ']':
			flush(nil)
			return t, i + 1
		default:
			name.WriteByte(c)
			i++
		}
	}
	flush(nil)
	return t, i
}

func applyFields(v any, spec string) any {
	if strings.TrimSpace(spec) == "" {
		return v
	}
	return project(reflect.ValueOf(v), parseFields(spec))
}

type jsonField struct {
	index     int
	omitEmpty bool
}

var jsonFieldCache sync.Map // reflect.Type -> map[string]jsonField

func jsonFields(t reflect.Type) map[string]jsonField {
	if m, ok := jsonFieldCache.Load(t); ok {
		return m.(map[string]jsonField)
	}
	m := map[string]jsonField{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if !f.IsExported() || tag == "-" || tag == "" {
			continue
		}
		parts := strings.Split(tag, ",")
		m[parts[0]] = jsonField{index: i, omitEmpty: len(parts) > 1 && parts[1] == "omitempty"}
	}
	jsonFieldCache.Store(t, m)
	return m
}

func project(v reflect.Value, tree fieldTree) any {
	for v.IsValid() && (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if !v.IsValid() {
		return nil
	}
	if tree == nil {
		return v.Interface()
	}
	switch v.Kind() {
	case reflect.Struct:
		fs := jsonFields(v.Type())
		if raw, ok := projectScalars(v, fs, tree); ok {
			return raw
		}
		out := make(map[string]any, len(tree))
		for name, sub := range tree {
			jf, ok := fs[name]
			if !ok {
				continue
			}
			fv := v.Field(jf.index)
			if jf.omitEmpty && fv.IsZero() {
				continue
			}
			out[name] = project(fv, sub)
		}
		return out
	case reflect.Slice, reflect.Array:
		if raw, ok := projectSlice(v, tree); ok {
			return raw
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = project(v.Index(i), tree)
		}
		return out
	case reflect.Map:
		out := map[string]any{}
		for name, sub := range tree {
			mv := v.MapIndex(reflect.ValueOf(name))
			if mv.IsValid() {
				out[name] = project(mv, sub)
			}
		}
		return out
	}
	return v.Interface()
}

// projectScalars renders a struct projection directly when every requested key is a
// scalar field: the reconciliation sweep's items[entity_id,updated_at] over 100k rows.
func projectScalars(v reflect.Value, fs map[string]jsonField, tree fieldTree) (json.RawMessage, bool) {
	names, ok := scalarNames(v.Type(), fs, tree)
	if !ok {
		return nil, false
	}
	return appendScalars(make([]byte, 0, 64), v, fs, names), true
}

// scalarNames lists the requested keys in order, or ok=false when one is not a scalar.
func scalarNames(t reflect.Type, fs map[string]jsonField, tree fieldTree) ([]string, bool) {
	names := make([]string, 0, len(tree))
	for name, sub := range tree {
		if sub != nil {
			return nil, false
		}
		jf, ok := fs[name]
		if !ok {
			continue
		}
		ft := t.Field(jf.index).Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		switch ft.Kind() {
		case reflect.String, reflect.Int, reflect.Int64, reflect.Int32, reflect.Float64, reflect.Bool:
		default:
			return nil, false
		}
		names = append(names, name)
	}
	sort.Strings(names)
	return names, true
}

func appendScalars(b []byte, v reflect.Value, fs map[string]jsonField, names []string) []byte {
	b = append(b, '{')
	first := true
	for _, name := range names {
		jf := fs[name]
		fv := v.Field(jf.index)
		isNil := false
		if fv.Kind() == reflect.Pointer {
			if isNil = fv.IsNil(); !isNil {
				fv = fv.Elem()
			}
		}
		if jf.omitEmpty && (isNil || fv.IsZero()) {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, '"')
		b = append(b, name...)
		b = append(b, '"', ':')
		if isNil {
			b = append(b, "null"...)
			continue
		}
		switch fv.Kind() {
		case reflect.String:
			b = appendJSONString(b, fv.String())
		case reflect.Int, reflect.Int64, reflect.Int32:
			b = strconv.AppendInt(b, fv.Int(), 10)
		case reflect.Float64:
			b = strconv.AppendFloat(b, fv.Float(), 'f', -1, 64)
		case reflect.Bool:
			b = strconv.AppendBool(b, fv.Bool())
		}
	}
	return append(b, '}')
}

// projectSlice renders a whole slice of structs in one buffer when the projection is
// scalar-only; ok=false sends the caller down the generic path.
func projectSlice(v reflect.Value, tree fieldTree) (json.RawMessage, bool) {
	et := v.Type().Elem()
	ptr := false
	if et.Kind() == reflect.Interface && v.Len() > 0 {
		first := v.Index(0).Elem()
		et = first.Type()
	}
	if et.Kind() == reflect.Pointer {
		ptr, et = true, et.Elem()
	}
	if et.Kind() != reflect.Struct {
		return nil, false
	}
	fs := jsonFields(et)
	names, ok := scalarNames(et, fs, tree)
	if !ok {
		return nil, false
	}
	b := make([]byte, 0, 16+v.Len()*24*(len(names)+1))
	b = append(b, '[')
	for i := 0; i < v.Len(); i++ {
		ev := v.Index(i)
		if ev.Kind() == reflect.Interface {
			ev = ev.Elem()
		}
		if ev.Type() != et && !(ptr && ev.Kind() == reflect.Pointer && ev.Type().Elem() == et) {
			return nil, false
		}
		if ev.Kind() == reflect.Pointer {
			if ev.IsNil() {
				return nil, false
			}
			ev = ev.Elem()
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = appendScalars(b, ev, fs, names)
	}
	return append(b, ']'), true
}

func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
