package magentosim

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestFaultModes(t *testing.T) {
	ts := startStore(t, smallOptions())
	path := "/rest/V1/orders?searchCriteria[pageSize]=5"

	ts.store.SetFaults(Faults{ErrorRate: 1})
	st, b := ts.do("GET", path, "")
	var body map[string]string
	_ = json.Unmarshal(b, &body)
	if st != 500 || !strings.HasPrefix(body["message"], "Internal Error. Details are available in Magento log file. Report ID: webapi-") {
		t.Errorf("error fault: %d %s", st, b)
	}

	ts.store.SetFaults(Faults{HTMLRate: 1})
	resp, err := http.Get(ts.url + path)
	if err != nil {
		t.Fatal(err)
	}
	hb, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 503 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(hb), "<html>") {
		t.Errorf("html fault: %d %q %s", resp.StatusCode, resp.Header.Get("Content-Type"), hb)
	}

	ts.store.SetFaults(Faults{ResetRate: 1})
	if _, err := http.Get(ts.url + path); err == nil {
		t.Errorf("reset fault: request succeeded")
	}

	ts.store.SetFaults(Faults{TruncateRate: 1})
	st, b = ts.do("GET", path, "")
	if st != 200 || json.Valid(b) || len(b) == 0 {
		t.Errorf("truncate fault: status %d, valid JSON %v", st, json.Valid(b))
	}

	ts.store.SetFaults(Faults{Latency: 80 * time.Millisecond})
	began := time.Now()
	ts.do("GET", path, "")
	if d := time.Since(began); d < 80*time.Millisecond {
		t.Errorf("latency fault: answered in %s", d)
	}

	ts.store.SetFaults(Faults{})
	if st, _ := ts.do("GET", path, ""); st != 200 {
		t.Errorf("faults cleared but status %d", st)
	}
}

func TestDroppedWriteResponseStillCommits(t *testing.T) {
	ts := startStore(t, smallOptions())
	before := len(ts.store.Snapshot().IDs(EntityCarts))
	ts.store.SetFaults(Faults{DropWriteResponse: true, DropWritesN: 1})
	req, _ := http.NewRequest("POST", ts.url+"/rest/V1/carts/", nil)
	req.Header.Set("Authorization", "Bearer "+ts.token)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("dropped write answered %d", resp.StatusCode)
	}
	if after := len(ts.store.Snapshot().IDs(EntityCarts)); after != before+1 {
		t.Errorf("dropped write did not commit: %d carts, want %d", after, before+1)
	}
	// Reads are untouched and only N writes are dropped.
	if st, _ := ts.do("GET", "/rest/V1/carts/search?searchCriteria[pageSize]=1", ""); st != 200 {
		t.Errorf("read during drop-write fault: %d", st)
	}
	if st, b := ts.do("POST", "/rest/V1/carts/", ""); st != 200 {
		t.Errorf("second write still dropped: %d %s", st, b)
	}
}

func TestMutateWhilePagingMovesRecords(t *testing.T) {
	ts := startStore(t, smallOptions())
	before := ts.store.Snapshot()[EntityOrders]
	ts.store.SetFaults(Faults{MutateWhilePaging: true})
	ts.getJSON("/rest/V1/orders?searchCriteria[pageSize]=10")
	after := ts.store.Snapshot()[EntityOrders]
	moved := 0
	for id, u := range after.UpdatedAt {
		if before.UpdatedAt[id] != u {
			moved++
			if u != ts2(fixedNow) {
				t.Errorf("order %d moved to %s, want now", id, u)
			}
		}
	}
	if moved == 0 || moved > 3 {
		t.Errorf("%d orders moved, want 1..3", moved)
	}
	if ts.store.Snapshot()[EntityCustomers].checksum != ts.store.Snapshot()[EntityCustomers].checksum {
		t.Fatal("snapshot not stable")
	}
}

func ts2(t time.Time) string { return ts(t) }
