package model

import (
	"database/sql/driver"
	"encoding/binary"
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
}

func (p *packedArgs) reset() { p.buf, p.n = p.buf[:0], 0 }

func (p *packedArgs) null() {
	p.buf = append(p.buf, 0)
	p.n++
}

func (p *packedArgs) int(v int64) {
	p.buf = binary.LittleEndian.AppendUint64(append(p.buf, 1), uint64(v))
	p.n++
}

func (p *packedArgs) float(v float64) {
	p.buf = binary.LittleEndian.AppendUint64(append(p.buf, 2), math.Float64bits(v))
	p.n++
}

func (p *packedArgs) text(s string) {
	p.buf = append(binary.LittleEndian.AppendUint32(append(p.buf, 3), uint32(len(s))), s...)
	p.n++
}

func (p *packedArgs) blob(b []byte) {
	if b == nil { // as database/sql and go-sqlite3 bind a nil []byte
		p.null()
		return
	}
	p.buf = append(binary.LittleEndian.AppendUint32(append(p.buf, 4), uint32(len(b))), b...)
	p.n++
}

// add packs one column value or pointer (what col.ptr holds) the way
// database/sql would bind it (a nil pointer is NULL). It reports false for a type it does not
// know (or a value over 2 GB); the caller then binds through database/sql.
func (p *packedArgs) add(v any) bool {
	switch x := v.(type) {
	case *string:
		if x == nil {
			p.null()
			return true
		}
		return p.addText(*x)
	case string:
		return p.addText(x)
	case *int64:
		if x == nil {
			p.null()
		} else {
			p.int(*x)
		}
	case int64:
		p.int(x)
	case *int:
		if x == nil {
			p.null()
		} else {
			p.int(int64(*x))
		}
	case int:
		p.int(int64(x))
	case *bool:
		if x == nil {
			p.null()
		} else {
			p.int(boolInt64(*x))
		}
	case bool:
		p.int(boolInt64(x))
	case *float64:
		if x == nil {
			p.null()
		} else {
			p.float(*x)
		}
	case float64:
		p.float(x)
	case []byte:
		if len(x) > math.MaxInt32 {
			return false
		}
		p.blob(x)
	case nil:
		p.null()
	case driver.Valuer:
		val, err := x.Value()
		if err != nil {
			return false
		}
		if _, again := val.(driver.Valuer); again {
			return false
		}
		return p.add(val)
	default:
		return false
	}
	return true
}

func (p *packedArgs) addText(s string) bool {
	if len(s) > math.MaxInt32 {
		return false
	}
	p.text(s)
	return true
}

// addCols packs the values of a column list.
func (p *packedArgs) addCols(c cols) bool {
	for _, x := range c {
		if !p.add(x.ptr) {
			return false
		}
	}
	return true
}

func boolInt64(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
