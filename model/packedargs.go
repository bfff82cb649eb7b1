package model

import (
	"database/sql/driver"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// packedArgs is a statement's arguments in the layout md_exec_packed reads
// (fastwrite.go): per argument a tag byte (0 NULL, 1 integer, 2 float,
// 3 text, 4 blob), then 8 bytes little-endian for a number, or a 4-byte
// length and the bytes for a text or blob. One buffer is reused for every
// statement of a transaction, so binding allocates nothing.
type packedArgs struct {
	buf []byte
	n   int
	err error // the first value that could not be packed
}

// Tags of packed values.
const (
	tagNull = iota
	tagInt
	tagFloat
	tagText
	tagBlob
)

func (p *packedArgs) reset() { p.buf, p.n, p.err = p.buf[:0], 0, nil }

func (p *packedArgs) null() {
	p.buf = append(p.buf, tagNull)
	p.n++
}

func (p *packedArgs) int(v int64) {
	p.buf = binary.LittleEndian.AppendUint64(append(p.buf, tagInt), uint64(v))
	p.n++
}

func (p *packedArgs) float(v float64) {
	p.buf = binary.LittleEndian.AppendUint64(append(p.buf, tagFloat), math.Float64bits(v))
	p.n++
}

func (p *packedArgs) text(s string) {
	if len(s) > math.MaxInt32 {
		p.fail(errors.New("a text of more than 2 GB"))
		return
	}
	p.buf = append(binary.LittleEndian.AppendUint32(append(p.buf, tagText), uint32(len(s))), s...)
	p.n++
}

func (p *packedArgs) blob(b []byte) {
	switch {
	case b == nil: // as database/sql and go-sqlite3 bind a nil []byte
		p.null()
	case len(b) > math.MaxInt32:
		p.fail(errors.New("a blob of more than 2 GB"))
	default:
		p.buf = append(binary.LittleEndian.AppendUint32(append(p.buf, tagBlob), uint32(len(b))), b...)
		p.n++
	}
}

// fail records the first value that could not be packed; the argument
// still counts, so the statement is refused rather than misaligned.
func (p *packedArgs) fail(err error) {
	if p.err == nil {
		p.err = fmt.Errorf("argument %d: %w", p.n+1, err)
	}
	p.buf = append(p.buf, tagNull)
	p.n++
}

// add packs one column value or pointer (what col.ptr holds) the way
// database/sql binds it. The types the writer binds all the time are
// packed directly; anything else (nil pointers, Valuers such as jsonList,
// floats, named types) goes through database/sql's own conversion.
func (p *packedArgs) add(v any) {
	switch x := v.(type) {
	case *string:
		if x != nil {
			p.text(*x)
			return
		}
	case string:
		p.text(x)
		return
	case *int64:
		if x != nil {
			p.int(*x)
			return
		}
	case int64:
		p.int(x)
		return
	case *int:
		if x != nil {
			p.int(int64(*x))
			return
		}
	case int:
		p.int(int64(x))
		return
	case *bool:
		if x != nil {
			p.int(boolInt64(*x))
			return
		}
	case bool:
		p.int(boolInt64(x))
		return
	case []byte:
		p.blob(x)
		return
	case nil:
		p.null()
		return
	}
	val, err := driver.DefaultParameterConverter.ConvertValue(v)
	if err != nil {
		p.fail(err)
		return
	}
	switch x := val.(type) {
	case nil:
		p.null()
	case int64:
		p.int(x)
	case float64:
		p.float(x)
	case bool:
		p.int(boolInt64(x))
	case string:
		p.text(x)
	case []byte:
		p.blob(x)
	default: // time.Time: no column of ours holds one
		p.fail(fmt.Errorf("cannot pack a %T", val))
	}
}

// addCols packs the values of a column list.
func (p *packedArgs) addCols(c cols) {
	for _, x := range c {
		p.add(x.ptr)
	}
}

// values unpacks the arguments for database/sql (the writer's fallback
// when the fast writer is not available).
func (p *packedArgs) values() []any {
	out := make([]any, 0, p.n)
	for b := p.buf; len(b) > 0; {
		tag := b[0]
		b = b[1:]
		switch tag {
		case tagNull:
			out = append(out, nil)
		case tagInt:
			out = append(out, int64(binary.LittleEndian.Uint64(b)))
			b = b[8:]
		case tagFloat:
			out = append(out, math.Float64frombits(binary.LittleEndian.Uint64(b)))
			b = b[8:]
		case tagText, tagBlob:
			n := binary.LittleEndian.Uint32(b)
			v := b[4 : 4+n]
			b = b[4+n:]
			if tag == tagText {
				out = append(out, string(v))
			} else {
				out = append(out, append([]byte{}, v...))
			}
		}
	}
	return out
}

func boolInt64(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
