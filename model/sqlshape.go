package model

import "math/bits"

// Statement texts of a few fixed shapes. go-sqlite3 keeps prepared
// statements by their text (_stmt_cache_size), but a text that varies with
// the batch (an IN list of this page's ids, a multi-row INSERT of this
// page's order lines) missed that cache and was compiled afresh in every
// transaction, and the one-off texts pushed the reusable ones out of it:
// preparing was a sixth of the initial sync's writer time. So IN lists are
// padded to a power of two and multi-row INSERTs are cut into chunks whose
// sizes are powers of two: a query has at most a dozen texts.

// maxInList is the longest IN list (a power of two).
const maxInList = 512

// inShape is the length an IN list of n values is padded to: the next
// power of two, at most maxInList (callers chunk longer lists).
func inShape(n int) int {
	if n <= 1 {
		return 1
	}
	return min(maxInList, 1<<bits.Len(uint(n-1)))
}

// appendIDs appends ids to args padded to inShape(len(ids)) by repeating
// the last id (a value listed twice changes nothing in IN) and returns the
// placeholders for them. ids must not be empty.
func appendIDs(args []any, ids []int64) ([]any, string) {
	n := inShape(len(ids))
	for _, id := range ids {
		args = append(args, id)
	}
	for i := len(ids); i < n; i++ {
		args = append(args, ids[len(ids)-1])
	}
	return args, placeholders(n)
}

// eachIDChunk calls fn with ids in chunks of at most maxInList.
func eachIDChunk(ids []int64, fn func(chunk []int64) error) error {
	for start := 0; start < len(ids); start += maxInList {
		if err := fn(ids[start:min(start+maxInList, len(ids))]); err != nil {
			return err
		}
	}
	return nil
}

// rowChunks splits n rows into multi-row statement sizes: as many chunks
// of most (rounded down to a power of two) as fit, then the rest by its
// binary digits, largest first (e.g. 300 rows, most 64: 64 64 64 64 32 8 4).
func rowChunks(n, most int) []int {
	most = 1 << (bits.Len(uint(max(1, most))) - 1)
	var sizes []int
	for ; n >= most; n -= most {
		sizes = append(sizes, most)
	}
	for size := most >> 1; size > 0; size >>= 1 {
		if n&size != 0 {
			sizes = append(sizes, size)
		}
	}
	return sizes
}
