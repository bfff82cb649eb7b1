package model

import (
	"bytes"
	"compress/flate"
	"fmt"
	"io"

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
	enc := s2.Encode(nil, raw)
	out := make([]byte, 1+len(enc))
	out[0] = rawS2
	copy(out[1:], enc)
	return out, nil
}

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
