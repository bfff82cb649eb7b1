package model

import (
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"sync"

	"github.com/klauspost/compress/s2"
)

// Raw JSON is stored compressed with S2 (Snappy's successor): on Magento
// orders it runs ~6x faster than deflate at its fastest level for about
// the same size (ratio 0.16 vs 0.15), and compression was a tenth of the
// initial sync's CPU. A stored blob is rawS2 followed by an S2 block.
// Databases written before kept deflate streams; those are still read.
// 0xFF cannot start a deflate stream (its block type bits would be 11,
// reserved), so the first byte tells the two apart.
const rawS2 = 0xFF

func compressRaw(raw []byte) ([]byte, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	// Encode into a reused scratch buffer (S2 needs room for the worst
	// case, ~1.2x the input) and keep only an exact-size copy.
	scratch := s2Scratch.Get().(*[]byte)
	defer s2Scratch.Put(scratch)
	if n := s2.MaxEncodedLen(len(raw)); n > cap(*scratch) {
		if n < 0 {
			return nil, fmt.Errorf("compress raw json: %d bytes is too large", len(raw))
		}
		*scratch = make([]byte, n)
	}
	enc := s2.Encode((*scratch)[:cap(*scratch)], raw)
	out := make([]byte, 1+len(enc))
	out[0] = rawS2
	copy(out[1:], enc)
	if cap(*scratch) > 4<<20 { // do not keep a rare huge buffer
		*scratch = nil
	}
	return out, nil
}

var s2Scratch = sync.Pool{New: func() any { return new([]byte) }}

func decompressRaw(b []byte) ([]byte, error) {
	if len(b) == 0 {
		return nil, nil
	}
	if b[0] == rawS2 {
		out, err := s2.Decode(nil, b[1:])
		if err != nil {
			return nil, fmt.Errorf("decompress raw json: %w", err)
		}
		return out, nil
	}
	r := flate.NewReader(bytes.NewReader(b))
	defer r.Close()
	out, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("decompress raw json: %w", err)
	}
	return out, nil
}
