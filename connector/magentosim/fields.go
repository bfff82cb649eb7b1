package magentosim

import (
	"reflect"
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
