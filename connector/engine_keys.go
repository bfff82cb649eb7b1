package connector

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"

	"github.com/magedesk/magedesk/model"
)

// ListKeys lists every id of an entity with its replication timestamp
// (updated_at, change_status_at for subscribers), using the same
// ids-only listing as the reconciliation sweep. Tests and the benchmark
// compare it with Sink.KnownIDs.
func ListKeys(ctx context.Context, client *Client, entity string) (map[int64]string, error) {
	e := NewEngine(client, nil, model.Channel{}, EngineOptions{})
	st := e.streamFor(entity)
	if st == nil {
		return nil, fmt.Errorf("unknown entity %q", entity)
	}
	out := map[int64]string{}
	fields := "items[" + st.idField + "," + st.timeField + "],total_count"
	err := e.listByID(ctx, st, fields, func(items []json.RawMessage) error {
		for _, raw := range items {
			id, ts := rowKeys(raw, st)
			out[id] = ts
		}
		return nil
	})
	return out, err
}

// KeysChecksum is a short digest of (id, timestamp) pairs, independent of
// map order.
func KeysChecksum(keys map[int64]string) string {
	ids := make([]int64, 0, len(keys))
	for id := range keys {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	h := sha256.New()
	for _, id := range ids {
		h.Write([]byte(strconv.FormatInt(id, 10)))
		h.Write([]byte{'\t'})
		h.Write([]byte(keys[id]))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}
