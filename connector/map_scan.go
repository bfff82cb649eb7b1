package connector

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sync"
)

// A one-pass JSON parser for Magento's answers. It checks the whole text
// as strictly as encoding/json.Valid (so a cut-off or garbled body is
// caught and retried) and, in the same pass, records where every object
// member and array element sits in the input: a record of five nesting
// levels and ~300 keys is read once, with no maps, no copies and no key
// strings. The mappers look fields up in these nodes (obj in
// map_fields.go). Before this, json.Valid, a splitter that rescanned
// every nesting level and a map per object were half of a sync's CPU.

var errScan = errors.New("malformed JSON")

// maxJSONDepth bounds nesting (encoding/json allows 10000; Magento's
// deepest answers nest about six levels).
const maxJSONDepth = 1000

// jsonNode is one value: its span in the input, the member name's span
// when it is an object member, and for a recorded container the range of
// its members in jsonDoc.nodes (n < 0: not recorded).
type jsonNode struct {
	ks, ke   int32 // member name inside its quotes; ks < 0: jsonDoc.keys[-ks-1] (name had escapes)
	vs, ve   int32 // value
	first, n int32 // container members: nodes[first : first+n]
}

// jsonDoc is a parsed JSON text. Members of one container are
// contiguous in nodes; the root is the last node.
type jsonDoc struct {
	src   []byte
	nodes []jsonNode
	keys  []string
	stack []jsonNode // members of the containers still open
	keep  int
}

var docPool = sync.Pool{New: func() any { return new(jsonDoc) }}

// parseJSON parses src. Containers nested less than keep levels deep
// have their members recorded (keep 0 only validates; a search page
// needs 2: the envelope and the items array).
func parseJSON(src []byte, keep int) (*jsonDoc, error) {
	if len(src) > math.MaxInt32 {
		return nil, fmt.Errorf("JSON of %d bytes is too large", len(src))
	}
	d := docPool.Get().(*jsonDoc)
	d.src, d.keep = src, keep
	d.nodes, d.keys, d.stack = d.nodes[:0], d.keys[:0], d.stack[:0]
	root, i, err := d.value(skipWS(src, 0), 0)
	if err == nil {
		if i = skipWS(src, i); i < len(src) {
			err = fmt.Errorf("%w: data after the value at offset %d", errScan, i)
		}
	}
	if err != nil {
		d.release()
		return nil, err
	}
	d.nodes = append(d.nodes, root)
	return d, nil
}

// release returns the doc to the pool; nothing may use it afterwards
// (values already read from it are copies or slices of src).
func (d *jsonDoc) release() {
	if d == nil {
		return
	}
	d.src = nil
	clear(d.keys)
	if cap(d.nodes) > 1<<16 { // do not keep a huge page's nodes around
		d.nodes, d.stack = nil, nil
	}
	docPool.Put(d)
}

func (d *jsonDoc) root() *jsonNode { return &d.nodes[len(d.nodes)-1] }

// members returns a recorded container's members.
func (d *jsonDoc) members(n *jsonNode) []jsonNode {
	if n.n <= 0 {
		return nil
	}
	return d.nodes[n.first : n.first+n.n]
}

func (d *jsonDoc) raw(n *jsonNode) json.RawMessage {
	return d.src[n.vs:n.ve:n.ve]
}

// keyIs reports whether the member's name is key (no allocation).
func (d *jsonDoc) keyIs(n *jsonNode, key string) bool {
	if n.ks < 0 {
		return d.keys[-n.ks-1] == key
	}
	return int(n.ke-n.ks) == len(key) && string(d.src[n.ks:n.ke]) == key
}

func (d *jsonDoc) value(i, depth int) (jsonNode, int, error) {
	b := d.src
	if i >= len(b) {
		return jsonNode{}, 0, fmt.Errorf("%w: unexpected end", errScan)
	}
	switch c := b[i]; {
	case c == '{' || c == '[':
		if depth >= maxJSONDepth {
			return jsonNode{}, 0, fmt.Errorf("%w: nested deeper than %d", errScan, maxJSONDepth)
		}
		return d.container(i, depth)
	case c == '"':
		end, _, err := scanString(b, i)
		return jsonNode{vs: int32(i), ve: int32(end), n: -1}, end, err
	case c == '-' || (c >= '0' && c <= '9'):
		end, err := scanNumber(b, i)
		return jsonNode{vs: int32(i), ve: int32(end), n: -1}, end, err
	case c == 't':
		return d.literal(i, "true")
	case c == 'f':
		return d.literal(i, "false")
	case c == 'n':
		return d.literal(i, "null")
	}
	return jsonNode{}, 0, fmt.Errorf("%w: unexpected %q at offset %d", errScan, b[i], i)
}

func (d *jsonDoc) literal(i int, word string) (jsonNode, int, error) {
	end := i + len(word)
	if end > len(d.src) || string(d.src[i:end]) != word {
		return jsonNode{}, 0, fmt.Errorf("%w: bad literal at offset %d", errScan, i)
	}
	return jsonNode{vs: int32(i), ve: int32(end), n: -1}, end, nil
}

// container parses an object or array at b[i].
func (d *jsonDoc) container(i, depth int) (jsonNode, int, error) {
	b := d.src
	open, isObj := b[i], b[i] == '{'
	close := byte(']')
	if isObj {
		close = '}'
	}
	record := depth < d.keep
	mark := len(d.stack)
	node := jsonNode{vs: int32(i), n: -1}
	j := skipWS(b, i+1)
	if j < len(b) && b[j] == close {
		j++
	} else {
		for {
			var ks, ke int32
			if isObj {
				if j >= len(b) || b[j] != '"' {
					return node, 0, fmt.Errorf("%w: want a member name at offset %d", errScan, j)
				}
				kend, esc, err := scanString(b, j)
				if err != nil {
					return node, 0, err
				}
				ks, ke = int32(j+1), int32(kend-1)
				if esc && record {
					var k string
					if err := json.Unmarshal(b[j:kend], &k); err != nil {
						return node, 0, err
					}
					d.keys = append(d.keys, k)
					ks = -int32(len(d.keys))
				}
				if j = skipWS(b, kend); j >= len(b) || b[j] != ':' {
					return node, 0, fmt.Errorf("%w: want ':' at offset %d", errScan, j)
				}
				j = skipWS(b, j+1)
			}
			child, end, err := d.value(j, depth+1)
			if err != nil {
				return node, 0, err
			}
			if record {
				child.ks, child.ke = ks, ke
				d.stack = append(d.stack, child)
			}
			if j = skipWS(b, end); j >= len(b) {
				return node, 0, fmt.Errorf("%w: unexpected end inside %c", errScan, open)
			}
			if b[j] == close {
				j++
				break
			}
			if b[j] != ',' {
				return node, 0, fmt.Errorf("%w: unexpected %q at offset %d", errScan, b[j], j)
			}
			j = skipWS(b, j+1)
		}
	}
	node.ve = int32(j)
	if record {
		node.first, node.n = int32(len(d.nodes)), int32(len(d.stack)-mark)
		d.nodes = append(d.nodes, d.stack[mark:]...)
		d.stack = d.stack[:mark]
	}
	return node, j, nil
}

func skipWS(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\t' || b[i] == '\r') {
		i++
	}
	return i
}

// scanString checks the string at b[i] and returns the index after its
// closing quote and whether it holds escapes.
func scanString(b []byte, i int) (int, bool, error) {
	esc := false
	for j := i + 1; j < len(b); j++ {
		c := b[j]
		switch {
		case c == '"':
			return j + 1, esc, nil
		case c == '\\':
			esc = true
			if j+1 >= len(b) {
				return 0, esc, fmt.Errorf("%w: unterminated string", errScan)
			}
			switch b[j+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				j++
			case 'u':
				if j+5 >= len(b) || !isHex(b[j+2]) || !isHex(b[j+3]) || !isHex(b[j+4]) || !isHex(b[j+5]) {
					return 0, esc, fmt.Errorf("%w: bad \\u escape at offset %d", errScan, j)
				}
				j += 5
			default:
				return 0, esc, fmt.Errorf("%w: bad escape at offset %d", errScan, j)
			}
		case c < 0x20:
			return 0, esc, fmt.Errorf("%w: control character in string at offset %d", errScan, j)
		}
	}
	return 0, esc, fmt.Errorf("%w: unterminated string", errScan)
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

// scanNumber checks -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? at b[i].
func scanNumber(b []byte, i int) (int, error) {
	j := i
	if b[j] == '-' {
		j++
	}
	switch {
	case j < len(b) && b[j] == '0':
		j++
	case j < len(b) && b[j] >= '1' && b[j] <= '9':
		j = digits(b, j)
	default:
		return 0, fmt.Errorf("%w: bad number at offset %d", errScan, i)
	}
	if j < len(b) && b[j] == '.' {
		k := digits(b, j+1)
		if k == j+1 {
			return 0, fmt.Errorf("%w: bad number at offset %d", errScan, i)
		}
		j = k
	}
	if j < len(b) && (b[j] == 'e' || b[j] == 'E') {
		j++
		if j < len(b) && (b[j] == '+' || b[j] == '-') {
			j++
		}
		k := digits(b, j)
		if k == j {
			return 0, fmt.Errorf("%w: bad number at offset %d", errScan, i)
		}
		j = k
	}
	return j, nil
}

func digits(b []byte, j int) int {
	for j < len(b) && b[j] >= '0' && b[j] <= '9' {
		j++
	}
	return j
}

// validJSON reports whether b is one valid JSON value (json.Valid, faster).
func validJSON(b []byte) bool {
	d, err := parseJSON(b, 0)
	d.release()
	return err == nil
}
