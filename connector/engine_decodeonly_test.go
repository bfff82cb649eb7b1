package connector

import (
	"context"
	"sync"
	"testing"

	"github.com/magedesk/magedesk/model"
)

// rawWatchSink stores through the real store and counts the orders that
// reach it still carrying their JSON (not prepared by the fetchers).
type rawWatchSink struct {
	*model.Store
	mu              sync.Mutex
	withRaw, orders int
}

func (s *rawWatchSink) ApplyBatch(ctx context.Context, b model.Batch) (model.Counters, error) {
	s.mu.Lock()
	for _, o := range b.Orders {
		s.orders++
		if len(o.Raw) > 0 {
			s.withRaw++
		}
	}
	s.mu.Unlock()
	return s.Store.ApplyBatch(ctx, b)
}

// TestDecodeOnlySkipsStoragePreparation: normally the initial walk's
// fetchers prepare each record for storage (hash, compressed JSON, after
// which the record lets go of its JSON); with DecodeOnly (the bench's
// download pass) they only decode, and the store still gets every record
// right by preparing it itself.
func TestDecodeOnlySkipsStoragePreparation(t *testing.T) {
	for _, decodeOnly := range []bool{false, true} {
		env := newSimEnv(t, smallStore(3))
		sink := &rawWatchSink{Store: env.store}
		e := NewEngine(env.client, sink, env.ch, EngineOptions{PageSize: 40, Concurrency: 4, DecodeOnly: decodeOnly})
		if _, err := e.Run(context.Background(), RunIncremental); err != nil {
			t.Fatalf("decodeOnly=%v: sync: %v", decodeOnly, err)
		}
		env.assertInSync(model.EntityOrders, model.EntityCustomers, model.EntityCarts)
		if sink.orders == 0 {
			t.Fatalf("decodeOnly=%v: no orders reached the sink", decodeOnly)
		}
		want := 0
		if decodeOnly {
			want = sink.orders
		}
		if sink.withRaw != want {
			t.Errorf("decodeOnly=%v: %d of %d orders arrived with their JSON, want %d", decodeOnly, sink.withRaw, sink.orders, want)
		}
	}
}
