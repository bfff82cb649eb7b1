package connector

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// A small splitter for JSON that is already known to be valid: it cuts
// an object into member values (or an array into elements) as sub-slices
// of the input, without copying or re-validating. encoding/json would
// validate and copy every nesting level again; an order holds five
// levels and ~300 keys, which made mapping the dominant sync cost.
// Callers validate once (json.Valid) at the top.

var errScan = errors.New("malformed JSON")

// splitObject returns the members of the JSON object in b.
func splitObject(b []byte) (map[string]json.RawMessage, error) {
	i := skipWS(b, 0)
	if i >= len(b) || b[i] != '{' {
		return nil, fmt.Errorf("want object, got %s", jsonKind(bytes.TrimSpace(b)))
	}
	m := make(map[string]json.RawMessage, 24)
	i = skipWS(b, i+1)
	if i < len(b) && b[i] == '}' {
		return m, nil
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return nil, errScan
		}
		end, err := skipString(b, i)
		if err != nil {
			return nil, err
		}
		key := string(b[i+1 : end-1])
		if bytes.IndexByte(b[i:end], '\\') >= 0 {
			if err := json.Unmarshal(b[i:end], &key); err != nil {
				return nil, err
			}
		}
		i = skipWS(b, end)
		if i >= len(b) || b[i] != ':' {
			return nil, errScan
		}
		i = skipWS(b, i+1)
		vend, err := skipValue(b, i)
		if err != nil {
			return nil, err
		}
		m[key] = b[i:vend:vend]
		i = skipWS(b, vend)
		if i >= len(b) {
			return nil, errScan
		}
		switch b[i] {
		case ',':
			i = skipWS(b, i+1)
		case '}':
			return m, nil
		default:
			return nil, errScan
		}
	}
}

// splitArray returns the elements of the JSON array in b.
func splitArray(b []byte) ([]json.RawMessage, error) {
	i := skipWS(b, 0)
	if i >= len(b) || b[i] != '[' {
		return nil, fmt.Errorf("want array, got %s", jsonKind(bytes.TrimSpace(b)))
	}
	var out []json.RawMessage
	i = skipWS(b, i+1)
	if i < len(b) && b[i] == ']' {
		return out, nil
	}
	for {
		vend, err := skipValue(b, i)
		if err != nil {
			return nil, err
		}
		out = append(out, b[i:vend:vend])
		i = skipWS(b, vend)
		if i >= len(b) {
			return nil, errScan
		}
		switch b[i] {
		case ',':
			i = skipWS(b, i+1)
		case ']':
			return out, nil
		default:
			return nil, errScan
		}
	}
}

func skipWS(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\t' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index after the closing quote of the string at b[i].
func skipString(b []byte, i int) (int, error) {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1, nil
		}
	}
	return 0, errScan
}

// skipValue returns the index after the value starting at b[i].
func skipValue(b []byte, i int) (int, error) {
	if i >= len(b) {
		return 0, errScan
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				end, err := skipString(b, j)
				if err != nil {
					return 0, err
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, nil
				}
			}
		}
		return 0, errScan
	}
	j := i
	for j < len(b) {
		switch b[j] {
		case ',', '}', ']', ' ', '\n', '\t', '\r':
			return j, nil
		}
		j++
	}
	return j, nil
}
