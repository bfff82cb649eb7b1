package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/magedesk/magedesk/connector/magentosim"
	"github.com/magedesk/magedesk/model"
)

// cliSim serves a small simulated store. Customer groups are asked for
// sorted by customer_group_id, a column real Magento has and the
// simulator does not know yet; the handler maps it to id (reported).
func cliSim(t *testing.T) (*magentosim.Store, string) {
	t.Helper()
	sim := magentosim.New(magentosim.Options{Seed: 3, Customers: 60, Carts: 70, Orders: 120, CreditMemos: 10,
		Subscribers: 30, Products: 20, NewsletterModule: true})
	h := sim.Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/customerGroups/search") {
			r.URL.RawQuery = strings.ReplaceAll(r.URL.RawQuery, "customer_group_id", "id")
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return sim, srv.URL
}

func TestSyncCommandSyncsAndReusesTheChannel(t *testing.T) {
	sim, url := cliSim(t)
	db := filepath.Join(t.TempDir(), "cli.db")
	t.Setenv("MAGEDESK_TOKEN", sim.Token()) // secret from the environment, not a flag
	var out, errOut bytes.Buffer
	if err := runSync(context.Background(), []string{"--url", url, "--db", db, "--page-size", "25"}, &out, &errOut); err != nil {
		t.Fatalf("sync: %v\n%s\n%s", err, out.String(), errOut.String())
	}
	if !strings.Contains(out.String(), "orders") || !strings.Contains(out.String(), ": ok") {
		t.Errorf("summary missing:\n%s", out.String())
	}
	// Second run: same channel, nothing added.
	out.Reset()
	if err := runSync(context.Background(), []string{"--url", url + "/", "--db", db, "--quiet"}, &out, &errOut); err != nil {
		t.Fatalf("second sync: %v", err)
	}
	st, err := model.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	chans, err := st.ListChannels(context.Background())
	if err != nil || len(chans) != 1 {
		t.Fatalf("channels after two syncs: %d (%v)", len(chans), err)
	}
	if chans[0].CredentialKey != "" || strings.Contains(readFile(t, db), sim.Token()) {
		t.Error("the token reached the database")
	}
	snap := sim.Snapshot()
	for _, ent := range []string{model.EntityCustomers, model.EntityOrders, model.EntityCarts} {
		known, err := st.KnownIDs(context.Background(), chans[0].ID, ent)
		if err != nil {
			t.Fatal(err)
		}
		if len(known) != snap[ent].Count {
			t.Errorf("%s: stored %d, simulator %d", ent, len(known), snap[ent].Count)
		}
	}
}

func TestSyncCommandFailsWithOneLineReason(t *testing.T) {
	_, url := cliSim(t)
	db := filepath.Join(t.TempDir(), "cli.db")
	var out, errOut bytes.Buffer
	err := runSync(context.Background(), []string{"--url", url, "--db", db, "--token", "wrong"}, &out, &errOut)
	if err == nil {
		t.Fatal("sync with a wrong token succeeded")
	}
	if msg := err.Error(); strings.Contains(msg, "\n") || msg == "" {
		t.Errorf("reason is not one line: %q", msg)
	}
	if err := runSync(context.Background(), []string{"--url", url, "--db", db}, &out, &errOut); err == nil ||
		!strings.Contains(err.Error(), "credentials") {
		t.Errorf("missing token: %v", err)
	}
}

func TestExportStreamsRecordsWithMagentoKeys(t *testing.T) {
	sim, url := cliSim(t)
	db := filepath.Join(t.TempDir(), "cli.db")
	var out, errOut bytes.Buffer
	if err := runSync(context.Background(), []string{"--url", url, "--db", db, "--token", sim.Token(), "--quiet"}, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	snap := sim.Snapshot()

	out.Reset()
	if err := runExport(context.Background(), []string{"orders", "--db", db}, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	lines := 0
	sc := bufio.NewScanner(&out)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var o map[string]any
		if err := json.Unmarshal(sc.Bytes(), &o); err != nil {
			t.Fatalf("line %d: %v", lines+1, err)
		}
		for _, k := range []string{"entity_id", "increment_id", "quote_id", "customer_email", "status", "grand_total", "created_at", "updated_at"} {
			if _, ok := o[k]; !ok {
				t.Fatalf("order line without %s: %s", k, sc.Text())
			}
		}
		items, _ := o["items"].([]any)
		if len(items) == 0 {
			t.Fatalf("order without items: %s", sc.Text())
		}
		if it := items[0].(map[string]any); it["sku"] == "" || it["qty_ordered"] == nil || it["price"] == nil {
			t.Fatalf("order item lacks sku/qty_ordered/price: %v", it)
		}
		lines++
	}
	if lines != snap[model.EntityOrders].Count {
		t.Errorf("exported %d orders, simulator has %d", lines, snap[model.EntityOrders].Count)
	}

	out.Reset()
	if err := runExport(context.Background(), []string{"carts", "--db", db, "--format", "csv"}, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows)-1 != snap[model.EntityCarts].Count {
		t.Errorf("csv has %d carts, simulator %d", len(rows)-1, snap[model.EntityCarts].Count)
	}
	statusCol := -1
	for i, h := range rows[0] {
		if h == "status" {
			statusCol = i
		}
	}
	valid := map[string]bool{model.CartOpen: true, model.CartLost: true, model.CartExpired: true, model.CartPurchased: true}
	for _, r := range rows[1:] {
		if statusCol < 0 || !valid[r[statusCol]] {
			t.Fatalf("cart row with status %q (column %d)", r[max(statusCol, 0)], statusCol)
		}
	}

	if err := runExport(context.Background(), []string{"invoices", "--db", db}, &out, &errOut); err == nil {
		t.Error("unknown kind accepted")
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	wal, _ := os.ReadFile(path + "-wal")
	return string(b) + string(wal)
}
