//go:build linux && cgo

package model

/*
#include <malloc.h>
*/
import "C"

// SQLite allocates its page caches with malloc on whichever OS thread ran
// the cgo call, and glibc gives each busy thread an arena of its own (up to
// eight per core); memory freed in one arena is not reused by another. Two
// arenas kept a Store L sync about 20 MB smaller. (MALLOC_ARENA_MAX would do
// the same but must be set before the process starts.)
func init() { C.mallopt(C.M_ARENA_MAX, 2) }
