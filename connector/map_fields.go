package connector

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/magedesk/magedesk/model"
)

// Tolerant field reading for the mappers. Magento's JSON is not uniform:
// ids arrive as numbers or strings ("2"), flags as true/false or 0/1,
// money as numbers or numeric strings, and third-party modules bend the
// rest. A record object is read field by field so that one odd field
// costs only that field: the mapper returns everything it could read
// plus a *MapError naming the fields it could not.

// MapError lists the fields of one record that could not be read.
type MapError struct {
	Entity string
	ID     int64 // Magento id when it could be read
	Fields []FieldError
}

// FieldError is one unreadable field ("items[1].qty_ordered").
type FieldError struct {
	Path string
	Err  error
}

func (e *MapError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Path + ": " + f.Err.Error()
	}
	return fmt.Sprintf("map %s %d: %s", e.Entity, e.ID, strings.Join(parts, "; "))
}

// obj reads fields of one JSON object and collects failures. Every
// reader is safe on a nil *obj (an absent nested object): it returns the
// zero value, because raw() checks for nil before anything else.
type obj struct {
	path string // "" for the record, "items[2]" for nested
	doc  *jsonDoc
	mem  []jsonNode // the object's members
	cur  int        // where the last lookup matched: mappers mostly read keys in order
	errs *[]FieldError
}

// newRecord parses a record (checking it is valid JSON), recording the
// members of every nested object and array, so readers never parse again. A record that
// is not a JSON object at all cannot be mapped and is returned as a hard
// error. Broken scalars are reported field by field by the readers.
// Callers that map many records release() the record when done.
func newRecord(raw json.RawMessage) (*obj, error) {
	d, err := parseJSON(raw, maxJSONDepth)
	if err != nil {
		return nil, fmt.Errorf("record is not a JSON object: %w", err)
	}
	root := d.root()
	if d.src[root.vs] != '{' {
		d.release()
		return nil, fmt.Errorf("record is not a JSON object: want object, got %s", jsonKind(raw))
	}
	return &obj{doc: d, mem: d.members(root), errs: new([]FieldError)}, nil
}

// release gives the record's parse back for reuse; o and every obj taken
// from it must not be read afterwards.
func (o *obj) release() {
	if o != nil && o.path == "" {
		o.doc.release()
		o.doc, o.mem = nil, nil
	}
}

// result builds the MapError (nil when every field read fine).
func (o *obj) result(entity string, id int64) error {
	if len(*o.errs) == 0 {
		return nil
	}
	return &MapError{Entity: entity, ID: id, Fields: *o.errs}
}

func (o *obj) fail(key string, err error) {
	p := key
	if o.path != "" {
		p = o.path + "." + key
	}
	*o.errs = append(*o.errs, FieldError{Path: p, Err: err})
}

// find returns the member named key, nil when absent. The search starts
// after the last match and wraps around.
func (o *obj) find(key string) *jsonNode {
	n := len(o.mem)
	i := o.cur
	for range n {
		if i >= n {
			i = 0
		}
		if o.doc.keyIs(&o.mem[i], key) {
			o.cur = i + 1
			return &o.mem[i]
		}
		i++
	}
	return nil
}

// node returns the member named key, nil when absent or null.
func (o *obj) node(key string) *jsonNode {
	if o == nil {
		return nil
	}
	m := o.find(key)
	if m == nil || o.doc.src[m.vs] == 'n' {
		return nil
	}
	return m
}

// raw returns the field's JSON, nil when absent or null.
func (o *obj) raw(key string) json.RawMessage {
	m := o.node(key)
	if m == nil {
		return nil
	}
	return o.doc.raw(m)
}

func isNull(r json.RawMessage) bool {
	t := bytes.TrimSpace(r)
	return len(t) == 0 || string(t) == "null"
}

func (o *obj) str(key string) string {
	r := o.raw(key)
	if r == nil {
		return ""
	}
	s, err := flexString(r)
	if err != nil {
		o.fail(key, err)
	}
	return s
}

func (o *obj) int(key string) int64 {
	r := o.raw(key)
	if r == nil {
		return 0
	}
	v, err := flexInt(r)
	if err != nil {
		o.fail(key, err)
	}
	return v
}

func (o *obj) bool(key string) bool {
	r := o.raw(key)
	if r == nil {
		return false
	}
	v, err := flexBool(r)
	if err != nil {
		o.fail(key, err)
	}
	return v
}

// optBool is nil when the field is absent or null.
func (o *obj) optBool(key string) *bool {
	r := o.raw(key)
	if r == nil {
		return nil
	}
	v, err := flexBool(r)
	if err != nil {
		o.fail(key, err)
		return nil
	}
	return &v
}

func (o *obj) money(key string) model.Money {
	r := o.raw(key)
	if r == nil {
		return model.Money{}
	}
	m, err := moneyFromRaw(r)
	if err != nil {
		o.fail(key, err)
	}
	return m
}

// decimal returns a quantity as Magento printed it ("1", "2.5").
func (o *obj) decimal(key string) string {
	r := o.raw(key)
	if r == nil {
		return ""
	}
	s, err := flexDecimal(r)
	if err != nil {
		o.fail(key, err)
	}
	return s
}

func (o *obj) strings(key string) []string {
	m := o.node(key)
	if m == nil {
		return nil
	}
	if o.doc.src[m.vs] != '[' {
		// Some modules send a single string where an array is declared.
		if s, err := flexString(o.doc.raw(m)); err == nil {
			return []string{s}
		}
		o.fail(key, fmt.Errorf("want array of strings, got %s", jsonKind(o.doc.raw(m))))
		return nil
	}
	items := o.doc.members(m)
	out := make([]string, 0, len(items))
	for i := range items {
		it := o.doc.raw(&items[i])
		if isNull(it) {
			out = append(out, "")
			continue
		}
		s, err := flexString(it)
		if err != nil {
			o.fail(fmt.Sprintf("%s[%d]", key, i), err)
		}
		out = append(out, s)
	}
	return out
}

func (o *obj) ints(key string) []int64 {
	m := o.node(key)
	if m == nil {
		return nil
	}
	if o.doc.src[m.vs] != '[' {
		o.fail(key, fmt.Errorf("want array, got %s", jsonKind(o.doc.raw(m))))
		return nil
	}
	items := o.doc.members(m)
	out := make([]int64, 0, len(items))
	for i := range items {
		v, err := flexInt(o.doc.raw(&items[i]))
		if err != nil {
			o.fail(fmt.Sprintf("%s[%d]", key, i), err)
			continue
		}
		out = append(out, v)
	}
	return out
}

// child returns the nested object, or nil when absent/null (reads on a
// nil *obj return zero values). A non-object is reported.
func (o *obj) child(key string) *obj {
	m := o.node(key)
	if m == nil {
		return nil
	}
	if o.doc.src[m.vs] != '{' {
		o.fail(key, fmt.Errorf("want object, got %s", jsonKind(o.doc.raw(m))))
		return nil
	}
	return &obj{path: o.sub(key), doc: o.doc, mem: o.doc.members(m), errs: o.errs}
}

// children returns the nested objects of an array field; elements that
// are not objects are reported and skipped.
func (o *obj) children(key string) []*obj {
	m := o.node(key)
	if m == nil {
		return nil
	}
	if o.doc.src[m.vs] != '[' {
		o.fail(key, fmt.Errorf("want array, got %s", jsonKind(o.doc.raw(m))))
		return nil
	}
	items := o.doc.members(m)
	out := make([]*obj, 0, len(items))
	for i := range items {
		it := &items[i]
		if o.doc.src[it.vs] != '{' {
			o.fail(fmt.Sprintf("%s[%d]", key, i), fmt.Errorf("want object, got %s", jsonKind(o.doc.raw(it))))
			continue
		}
		out = append(out, &obj{path: fmt.Sprintf("%s[%d]", o.sub(key), i), doc: o.doc, mem: o.doc.members(it), errs: o.errs})
	}
	return out
}

func (o *obj) sub(key string) string {
	if o.path == "" {
		return key
	}
	return o.path + "." + key
}

// jsonText returns the field's JSON (compacted) as text, "" when absent.
func (o *obj) jsonText(key string) string {
	r := o.raw(key)
	if r == nil {
		return ""
	}
	var b bytes.Buffer
	if err := json.Compact(&b, r); err != nil {
		o.fail(key, err)
		return ""
	}
	return b.String()
}

// flexString accepts a JSON string, number or bool and returns its text.
func flexString(r json.RawMessage) (string, error) {
	t := bytes.TrimSpace(r)
	if len(t) == 0 {
		return "", nil
	}
	switch t[0] {
	case '"':
		return unquote(t)
	case 't', 'f':
		return string(t), nil
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return string(t), nil
	case 'n':
		return "", nil
	}
	return "", fmt.Errorf("want string, got %s", jsonKind(t))
}

// flexInt accepts 3, 3.0, "3", " 3 ", true/false (1/0).
func flexInt(r json.RawMessage) (int64, error) {
	t := bytes.TrimSpace(r)
	if len(t) == 0 || string(t) == "null" {
		return 0, nil
	}
	s := string(t)
	switch t[0] {
	case '"':
		var err error
		if s, err = unquote(t); err != nil {
			return 0, err
		}
		s = strings.TrimSpace(s)
		if s == "" {
			return 0, nil
		}
	case 't':
		return 1, nil
	case 'f':
		return 0, nil
	case '{', '[':
		return 0, fmt.Errorf("want integer, got %s", jsonKind(t))
	}
	if v, err := strconv.ParseInt(s, 10, 64); err == nil {
		return v, nil
	}
	// "3.0000" (decimal columns printed by some modules) is still an integer.
	if rat, ok := new(big.Rat).SetString(s); ok && rat.IsInt() && rat.Num().IsInt64() {
		return rat.Num().Int64(), nil
	}
	return 0, fmt.Errorf("want integer, got %s", truncate(s, 40))
}

// flexBool accepts true/false, 0/1 (numbers or strings), "true"/"false".
func flexBool(r json.RawMessage) (bool, error) {
	t := bytes.TrimSpace(r)
	if len(t) == 0 || string(t) == "null" {
		return false, nil
	}
	s := string(t)
	if t[0] == '"' {
		var err error
		if s, err = unquote(t); err != nil {
			return false, err
		}
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "1":
		return true, nil
	case "false", "0", "":
		return false, nil
	}
	return false, fmt.Errorf("want boolean, got %s", truncate(s, 40))
}

// flexDecimal accepts a JSON number or numeric string and returns the
// number's text as sent.
func flexDecimal(r json.RawMessage) (string, error) {
	t := bytes.TrimSpace(r)
	s := string(t)
	if len(t) > 0 && t[0] == '"' {
		var err error
		if s, err = unquote(t); err != nil {
			return "", err
		}
		s = strings.TrimSpace(s)
	}
	if s == "" || s == "null" {
		return "", nil
	}
	if _, ok := new(big.Rat).SetString(s); !ok {
		return "", fmt.Errorf("want number, got %s", truncate(s, 40))
	}
	return s, nil
}

// unquote decodes a JSON string literal; the common case (no escapes)
// is a plain slice conversion.
func unquote(t []byte) (string, error) {
	if len(t) >= 2 && t[0] == '"' && t[len(t)-1] == '"' && bytes.IndexByte(t, '\\') < 0 {
		return string(t[1 : len(t)-1]), nil
	}
	var s string
	err := json.Unmarshal(t, &s)
	return s, err
}

// moneyFromRaw is model.MoneyFromJSON with a fast path for the usual
// shapes ("165", "19.99", "-5.5", at most 4 decimals): same Text, same
// Units, no big.Rat. Anything else goes through model.ParseMoney.
func moneyFromRaw(r json.RawMessage) (model.Money, error) {
	t := bytes.TrimSpace(r)
	if len(t) == 0 || string(t) == "null" {
		return model.Money{}, nil
	}
	s := string(t)
	if t[0] == '"' {
		var err error
		if s, err = unquote(t); err != nil {
			return model.Money{}, err
		}
		s = strings.TrimSpace(s)
		if s == "" {
			return model.Money{}, nil
		}
	}
	if u, ok := fastUnits(s); ok {
		return model.Money{Text: s, Units: u}, nil
	}
	return model.ParseMoney(s)
}

// fastUnits parses [-]digits[.d{0,4}] into ten-thousandths.
func fastUnits(s string) (int64, bool) {
	i, neg := 0, false
	if i < len(s) && s[i] == '-' {
		neg, i = true, 1
	}
	var whole, frac int64
	digits, fracDigits, seenDot := 0, 0, false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.' && !seenDot:
			seenDot = true
		case c >= '0' && c <= '9':
			if seenDot {
				if fracDigits == 4 {
					return 0, false
				}
				frac = frac*10 + int64(c-'0')
				fracDigits++
			} else {
				if digits == 14 {
					return 0, false
				}
				whole = whole*10 + int64(c-'0')
				digits++
			}
		default:
			return 0, false
		}
	}
	if digits == 0 || (seenDot && fracDigits == 0) {
		return 0, false
	}
	for ; fracDigits < 4; fracDigits++ {
		frac *= 10
	}
	u := whole*model.MoneyScale + frac
	if neg {
		u = -u
	}
	return u, true
}

func jsonKind(t []byte) string {
	if len(t) == 0 {
		return "nothing"
	}
	switch t[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// IsMapError reports whether err is a partial-record mapping error (the
// record was still returned with what could be read).
func IsMapError(err error) bool {
	var me *MapError
	return errors.As(err, &me)
}
