package model

import (
	"bytes"
	"compress/flate"
	"context"
	"strings"
	"testing"
)

func TestApplyBatchCountsAddedUpdatedSkipped(t *testing.T) {
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	b := Batch{ChannelID: ch, Entity: EntityOrders, Orders: []Order{
		fxOrder(1, "000000001", 0, "guest@example.com", "2024-03-01 10:00:00", "44"),
		fxOrder(2, "000000002", 0, "guest@example.com", "2024-03-02 10:00:00", "20.5"),
	}}
	if c := apply(t, s, b); c.Added != 2 || c.Updated != 0 || c.Skipped != 0 {
		t.Fatalf("first apply: %+v, want 2 added", c)
	}
	if c := apply(t, s, b); c.Added != 0 || c.Updated != 0 || c.Skipped != 2 {
		t.Fatalf("same batch again: %+v, want 2 skipped", c)
	}
	var items int
	s.r.QueryRow(`SELECT count(*) FROM order_items`).Scan(&items)
	if items != 4 {
		t.Fatalf("order items after reapply = %d, want 4", items)
	}
	b.Orders[1].Status, b.Orders[1].UpdatedAt = "complete", "2024-03-05 10:00:00"
	b.Orders[1].Items = b.Orders[1].Items[:1]
	if c := apply(t, s, b); c.Added != 0 || c.Updated != 1 || c.Skipped != 1 {
		t.Fatalf("changed one: %+v, want 1 updated 1 skipped", c)
	}
	s.r.QueryRow(`SELECT count(*) FROM order_items`).Scan(&items)
	if items != 3 {
		t.Fatalf("order items after replacing children = %d, want 3", items)
	}
}

func TestApplyBatchFailureLeavesNeitherRowsNorState(t *testing.T) {
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	bad := fxOrder(0, "000000009", 0, "x@example.com", "2024-03-01 10:00:00", "1") // no Magento id
	b := Batch{ChannelID: ch, Entity: EntityOrders,
		Orders: []Order{fxOrder(1, "000000001", 0, "a@example.com", "2024-03-01 10:00:00", "44"), bad},
		State:  &SyncState{Watermark: "2024-03-01 10:00:00", WatermarkID: 1}}
	if _, err := s.ApplyBatch(context.Background(), b); err == nil || !strings.Contains(err.Error(), "magento id") {
		t.Fatalf("apply with invalid record: err = %v, want magento id error", err)
	}
	var n int
	s.r.QueryRow(`SELECT count(*) FROM orders`).Scan(&n)
	if n != 0 {
		t.Fatalf("orders after failed batch = %d, want 0", n)
	}
	st, err := s.SyncState(context.Background(), ch, EntityOrders)
	if err != nil || st.Watermark != "" {
		t.Fatalf("state after failed batch = %+v, %v; want empty", st, err)
	}
	b.Orders = b.Orders[:1]
	apply(t, s, b)
	st, _ = s.SyncState(context.Background(), ch, EntityOrders)
	if st.Watermark != "2024-03-01 10:00:00" || st.WatermarkID != 1 {
		t.Fatalf("state after good batch = %+v", st)
	}
}

func TestApplyBatchRunCountersAndErrors(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	ch := newTestChannel(t, s)
	run := newTestRun(t, s, ch)
	o := fxOrder(1, "000000001", 0, "a@example.com", "2024-03-01 10:00:00", "44")
	apply(t, s, Batch{ChannelID: ch, Entity: EntityOrders, Orders: []Order{o}, RunID: run,
		Counters: Counters{Read: 3, Failed: 2, Total: 3},
		Errors:   []SyncError{{MagentoID: 7, LastError: "bad json"}, {MagentoID: 8, LastError: "bad money"}}})
	apply(t, s, Batch{ChannelID: ch, Entity: EntityOrders, Orders: []Order{o}, RunID: run,
		Counters: Counters{Read: 2, Failed: 1}, Errors: []SyncError{{MagentoID: 7, LastError: "still bad"}}, Resolved: []int64{8}})
	if err := s.FinishRun(ctx, run, "ok", ""); err != nil {
		t.Fatal(err)
	}
	runs, err := s.ListRuns(ctx, ch, 10)
	if err != nil || len(runs) != 1 {
		t.Fatalf("runs = %v, %v", runs, err)
	}
	got := runs[0].Counters[EntityOrders]
	want := Counters{Read: 5, Added: 1, Skipped: 1, Failed: 3, Total: 3}
	if got != want || runs[0].Status != "ok" || runs[0].EndedAt == "" {
		t.Fatalf("run counters = %+v (status %q), want %+v", got, runs[0].Status, want)
	}
	errs, err := s.ListSyncErrors(ctx, ch)
	if err != nil || len(errs) != 1 || errs[0].MagentoID != 7 || errs[0].Attempts != 2 || errs[0].LastError != "still bad" {
		t.Fatalf("sync errors = %+v, %v", errs, err)
	}
	chn, _ := s.GetChannel(ctx, ch)
	if chn.LastSyncStatus != "ok" || chn.LastSyncAt == "" {
		t.Fatalf("channel after run: %+v", chn)
	}
}

func TestRawJSONIsStoredCompressedAndReadBack(t *testing.T) {
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	o := fxOrder(1, "000000001", 0, "a@example.com", "2024-03-01 10:00:00", "44")
	o.Raw = []byte(`{"entity_id":1,"items":[` + strings.Repeat(`{"sku":"24-MB01","name":"Joust Duffle Bag"},`, 50) + `{}]}`)
	apply(t, s, Batch{ChannelID: ch, Entity: EntityOrders, Orders: []Order{o}})
	var blob []byte
	s.r.QueryRow(`SELECT raw FROM orders_raw`).Scan(&blob)
	if len(blob) == 0 || len(blob) >= len(o.Raw)/2 {
		t.Fatalf("stored raw is %d bytes for %d bytes of JSON, want compressed", len(blob), len(o.Raw))
	}
	back, err := decompressRaw(blob)
	if err != nil || string(back) != string(o.Raw) {
		t.Fatalf("decompressed raw differs: %v", err)
	}
}

func TestApplyBatchSameRecordTwiceInOneBatch(t *testing.T) {
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	first := fxOrder(1, "000000001", 0, "a@example.com", "2024-03-01 10:00:00", "44")
	again := first
	again.UpdatedAt, again.Status = "2024-03-01 11:00:00", "complete"
	again.Items = first.Items[:1]
	c := apply(t, s, Batch{ChannelID: ch, Orders: []Order{first, first, again},
		Carts: []Cart{fxCart(5, 0, "a@example.com", true, "2024-03-01 09:00:00"), fxCart(5, 0, "a@example.com", true, "2024-03-01 09:00:00")}})
	if c.Added != 2 || c.Skipped != 2 || c.Updated != 1 {
		t.Fatalf("counters %+v, want 2 added (order, cart), 2 skipped, 1 updated", c)
	}
	var items, fts, cartItems int
	s.r.QueryRow(`SELECT count(*) FROM order_items`).Scan(&items)
	s.r.QueryRow(`SELECT count(*) FROM orders_fts WHERE orders_fts MATCH '"000000001"'`).Scan(&fts)
	s.r.QueryRow(`SELECT count(*) FROM cart_items`).Scan(&cartItems)
	if items != 1 || fts != 1 || cartItems != 1 {
		t.Fatalf("order items %d, search rows %d, cart items %d; want 1 each", items, fts, cartItems)
	}
	o, _ := s.GetOrderByMagentoID(context.Background(), ch, 1)
	if o.Status != "complete" {
		t.Fatalf("status = %q, want the last delivery's", o.Status)
	}
}

// TestRawJSONReadsBothFormats: blobs written now (S2, marked) and blobs
// of databases written before (deflate) both read back to the JSON.
func TestRawJSONReadsBothFormats(t *testing.T) {
	raw := []byte(`{"entity_id":7,"items":[` + strings.Repeat(`{"sku":"24-MB01","qty_ordered":1},`, 200) + `{}]}`)
	blob, err := compressRaw(raw)
	if err != nil || blob[0] != rawS2 || len(blob) >= len(raw)/4 {
		t.Fatalf("compressRaw: %d bytes for %d, first byte %#x, err %v", len(blob), len(raw), blob[0], err)
	}
	var old bytes.Buffer
	fw, _ := flate.NewWriter(&old, flate.BestSpeed)
	fw.Write(raw)
	fw.Close()
	if old.Bytes()[0] == rawS2 {
		t.Fatalf("a deflate stream starts with the S2 marker")
	}
	for name, b := range map[string][]byte{"s2": blob, "deflate": old.Bytes()} {
		got, err := decompressRaw(b)
		if err != nil || !bytes.Equal(got, raw) {
			t.Fatalf("%s: read back %d bytes, err %v", name, len(got), err)
		}
	}
	if _, err := decompressRaw([]byte{rawS2, 1, 2, 3}); err == nil {
		t.Fatalf("a damaged blob read without error")
	}
}

// TestPreparedRecordsStoreTheSame: records prepared ahead (the engine's
// fetchers) are stored exactly as records ApplyBatch prepares itself, and
// a preparation that no longer matches its slot (the slice was edited
// after Add) is not used.
func TestPreparedRecordsStoreTheSame(t *testing.T) {
	s := newTestStore(t)
	ch := newTestChannel(t, s)
	var b Batch
	b.ChannelID = ch
	o1 := fxOrder(1, "000000001", 0, "a@example.com", "2024-03-01 10:00:00", "44")
	o2 := fxOrder(2, "000000002", 0, "b@example.com", "2024-03-02 10:00:00", "20")
	o1.Raw, o2.Raw = []byte(`{"entity_id":1}`), []byte(`{"entity_id":2}`)
	for _, o := range []Order{o1, o2} {
		p, err := PrepareRecord(o)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Add(o, p); err != nil {
			t.Fatal(err)
		}
	}
	b.Orders[0], b.Orders[1] = b.Orders[1], b.Orders[0] // edited after Add
	if c := apply(t, s, b); c.Added != 2 {
		t.Fatalf("counters %+v", c)
	}
	for _, o := range []Order{o1, o2} {
		got, err := s.GetOrderByMagentoID(context.Background(), ch, o.MagentoID)
		if err != nil || !bytes.Equal(got.Raw, o.Raw) {
			t.Fatalf("order %d raw %q, %v", o.MagentoID, got.Raw, err)
		}
	}
	// The same records again, unprepared: nothing changed.
	if c := apply(t, s, Batch{ChannelID: ch, Orders: []Order{o1, o2}}); c.Skipped != 2 {
		t.Fatalf("again: %+v, want 2 skipped", c)
	}
	if err := b.Add(struct{}{}, Prepared{}); err == nil {
		t.Fatal("Add took a record of no synced kind")
	}
}
