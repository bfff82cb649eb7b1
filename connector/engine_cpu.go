package connector

import (
	"context"
	"runtime"
)

// cpuShare divides the cores between the initial walk's fetchers and its
// single writer. Each page is decoded and prepared (hash, compression) by
// the fetcher that downloaded it, and with four fetchers decoding, Go's
// scheduler gave the writer one turn in five: on a two-core machine it
// spent more time waiting for a core than writing, and the writer is the
// one thing that cannot run in parallel. Decoding a page and committing a
// group of pages each hold one token; there are as many tokens as Go may
// run threads, so the writer always gets a core within one page's decode,
// and when it has nothing to write the fetchers use every core. Requests
// themselves are not limited: network waits still overlap.
type cpuShare chan struct{}

func newCPUShare() cpuShare { return make(cpuShare, max(1, runtime.GOMAXPROCS(0))) }

// acquire takes a token (a nil share never blocks).
func (c cpuShare) acquire(ctx context.Context) error {
	if c == nil {
		return nil
	}
	select {
	case c <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c cpuShare) release() {
	if c != nil {
		<-c
	}
}
