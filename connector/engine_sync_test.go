package connector

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/magedesk/magedesk/connector/magentosim"
	"github.com/magedesk/magedesk/model"
)

// smallStore is big enough for many pages and several initial slices.
func smallStore(seed int64) magentosim.Options {
	return magentosim.Options{Seed: seed, Customers: 220, Carts: 260, Orders: 520, CreditMemos: 40, Subscribers: 120,
		Products: 30, NewsletterModule: true}
}

func TestFullSyncEqualsSimulator(t *testing.T) {
	env := newSimEnv(t, smallStore(1))
	var progress []Progress
	e := env.run(EngineOptions{PageSize: 40, Concurrency: 4, Progress: func(p Progress) { progress = append(progress, p) }})
	env.assertInSync(allEntities...)

	c := e.Counters()
	if c[model.EntityOrders].Added == 0 || c[model.EntityOrders].Read < c[model.EntityOrders].Added {
		t.Errorf("order counters look wrong: %+v", c[model.EntityOrders])
	}
	// The initial walk reports "N of total".
	sawTotal := false
	for _, p := range progress {
		if p.Entity == model.EntityOrders && p.Phase == "initial" && p.Total > 0 && p.Done > 0 {
			sawTotal = true
		}
	}
	if !sawTotal {
		t.Error("no initial progress with a total for orders")
	}
	// Every entity finished its initial walk and has a watermark.
	for _, ent := range allEntities {
		st, err := env.store.SyncState(context.Background(), env.ch.ID, ent)
		if err != nil {
			t.Fatal(err)
		}
		if !st.InitialDone || st.Watermark == "" || st.Progress != "" {
			t.Errorf("%s state after sync: %+v", ent, st)
		}
	}

	// A second run adds and changes nothing.
	e2 := env.run(EngineOptions{PageSize: 40})
	for ent, c := range e2.Counters() {
		if c.Added != 0 || c.Updated != 0 {
			t.Errorf("second run changed %s: %+v", ent, c)
		}
	}
}

func TestNothingNewMakesOneListRequestPerEntity(t *testing.T) {
	env := newSimEnv(t, smallStore(2))
	env.run(EngineOptions{PageSize: 40})
	env.proxy.reset()
	start := time.Now()
	env.run(EngineOptions{PageSize: 40})
	took := time.Since(start)
	got := env.proxy.snapshot()
	for _, route := range []string{"customers/search", "carts/search", "orders", "creditmemos"} {
		if got[route] != 1 {
			t.Errorf("%s: %d requests, want 1 (all: %v)", route, got[route], got)
		}
	}
	// The newsletter route: one probe during the dictionaries + one list.
	if got["newsletter/subscribers"] != 2 {
		t.Errorf("newsletter/subscribers: %d requests, want probe + 1 list (all: %v)", got["newsletter/subscribers"], got)
	}
	for route, n := range got {
		switch {
		case strings.HasPrefix(route, "store/"), route == "customerGroups/search",
			route == "customers/search", route == "carts/search", route == "orders", route == "creditmemos",
			route == "newsletter/subscribers":
		default:
			t.Errorf("unexpected %d requests to %s", n, route)
		}
	}
	if took > 2*time.Second {
		t.Errorf("nothing-new sync took %s", took)
	}
}

func TestFaultsAreRetriedAndSyncEndsEqual(t *testing.T) {
	opts := smallStore(3)
	opts.Faults = magentosim.Faults{Latency: 2 * time.Millisecond, ErrorRate: 0.06, HTMLRate: 0.04, ResetRate: 0.04, TruncateRate: 0.04}
	env := newSimEnv(t, opts)
	env.run(EngineOptions{PageSize: 40, Concurrency: 4})
	env.sim.SetFaults(magentosim.Faults{})
	env.assertInSync(allEntities...)
}

func TestInputLimitsAdaptPageSize(t *testing.T) {
	opts := smallStore(4)
	opts.Faults = magentosim.Faults{InputLimits: true}
	env := newSimEnv(t, opts)
	e := env.run(EngineOptions{PageSize: 500})
	if got := e.pageSize(); got != 300 {
		t.Errorf("page size after the input-limit answer: %d, want 300", got)
	}
	env.assertInSync(allEntities...)
}

func TestLegacyPagingRepeatingLastPage(t *testing.T) {
	opts := smallStore(5)
	opts.Faults = magentosim.Faults{LegacyPaging: true}
	env := newSimEnv(t, opts)
	env.run(EngineOptions{PageSize: 30})
	env.assertInSync(allEntities...)
}

func TestPagingWhileRecordsChangeEndsEqualAfterFollowUp(t *testing.T) {
	opts := smallStore(6)
	opts.Faults = magentosim.Faults{MutateWhilePaging: true}
	env := newSimEnv(t, opts)
	env.run(EngineOptions{PageSize: 25, Concurrency: 3})
	env.sim.SetFaults(magentosim.Faults{})
	env.run(EngineOptions{PageSize: 25})
	env.assertInSync(allEntities...)
}

func TestWebsitesFilterSyncsOnlyChosenWebsites(t *testing.T) {
	env := newSimEnv(t, smallStore(7))
	ctx := context.Background()
	views, err := env.client.StoreViews(ctx)
	if err != nil {
		t.Fatal(err)
	}
	websites := map[int64]bool{}
	for _, v := range views {
		websites[v.WebsiteID] = true
	}
	if len(websites) < 2 {
		t.Skip("simulator has one website")
	}
	var chosen int64 = 1
	env.ch.WebsiteIDs = []int64{chosen}
	env.run(EngineOptions{PageSize: 40})

	var storeIDs []int64
	for _, v := range views {
		if v.WebsiteID == chosen {
			storeIDs = append(storeIDs, v.MagentoID)
		}
	}
	check := func(entity, route, field, values string) {
		sc := SearchCriteria{PageSize: 1, CurrentPage: 1}.Where(field, "in", values)
		res, err := env.client.Search(ctx, route, sc)
		if err != nil {
			t.Fatal(err)
		}
		all, err := ListKeys(ctx, env.client, entity)
		if err != nil {
			t.Fatal(err)
		}
		local, err := env.store.KnownIDs(ctx, env.ch.ID, entity)
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(local)) != res.TotalCount || res.TotalCount == 0 || len(all) == len(local) {
			t.Errorf("%s: stored %d, website %d has %d, store has %d in all", entity, len(local), chosen, res.TotalCount, len(all))
		}
	}
	check(model.EntityCustomers, "customers/search", "website_id", "1")
	check(model.EntityOrders, "orders", "store_id", joinIDs(storeIDs))
	check(model.EntityCarts, "carts/search", "store_id", joinIDs(storeIDs))
}

func TestBadRecordIsRecordedAndRunGoesOn(t *testing.T) {
	env := newSimEnv(t, smallStore(8))
	ctx := context.Background()
	keys, err := ListKeys(ctx, env.client, model.EntityOrders)
	if err != nil {
		t.Fatal(err)
	}
	var bad int64
	for id := range keys {
		bad = max(bad, id)
	}
	// Break one order's grand_total in every answer that carries it.
	env.proxy.setRewrite(func(route string, body []byte) []byte {
		if route != "orders" {
			return body
		}
		var page map[string]any
		if json.Unmarshal(body, &page) != nil {
			return body
		}
		items, _ := page["items"].([]any)
		for _, it := range items {
			if m, ok := it.(map[string]any); ok && int64(m["entity_id"].(float64)) == bad {
				m["grand_total"] = map[string]any{"oops": true}
			}
		}
		out, _ := json.Marshal(page)
		return out
	})
	e := env.run(EngineOptions{PageSize: 40})
	if c := e.Counters()[model.EntityOrders]; c.Failed != 1 {
		t.Errorf("orders failed = %d, want 1 (%+v)", c.Failed, c)
	}
	errs, err := env.store.ListSyncErrors(ctx, env.ch.ID)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, se := range errs {
		if se.Entity == model.EntityOrders && se.MagentoID == bad && strings.Contains(se.LastError, "grand_total") {
			found = true
		}
	}
	if !found {
		t.Errorf("no sync error naming grand_total for order %d: %+v", bad, errs)
	}
	// Everything else arrived.
	local, _ := env.store.KnownIDs(ctx, env.ch.ID, model.EntityOrders)
	for id := range keys {
		if _, ok := local[id]; !ok && id != bad {
			t.Fatalf("order %d missing after a bad record elsewhere", id)
		}
	}
}

func TestPauseHoldsRequestsUntilResume(t *testing.T) {
	env := newSimEnv(t, smallStore(9))
	gate := &PauseGate{}
	gate.Pause()
	e := env.engine(EngineOptions{PageSize: 40, Gate: gate})
	done := make(chan error, 1)
	go func() { _, err := e.Run(context.Background(), RunIncremental); done <- err }()
	time.Sleep(300 * time.Millisecond)
	if n := len(env.proxy.snapshot()); n != 0 {
		t.Fatalf("requests made while paused: %v", env.proxy.snapshot())
	}
	gate.Resume()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("sync did not finish after Resume")
	}
	env.assertInSync(allEntities...)
}

func TestCanceledRunResumesToEqual(t *testing.T) {
	env := newSimEnv(t, smallStore(10))
	ctx, cancel := context.WithCancel(context.Background())
	pages := 0
	e := env.engine(EngineOptions{PageSize: 20, Concurrency: 2, Progress: func(p Progress) {
		if p.Entity == model.EntityOrders && p.Phase == "initial" && p.Done > 0 {
			if pages++; pages == 3 {
				cancel() // mid-way through the orders' initial walk
			}
		}
	}})
	runID, err := e.Run(ctx, RunIncremental)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("canceled run returned %v", err)
	}
	st, _ := env.store.SyncState(context.Background(), env.ch.ID, model.EntityOrders)
	if st.InitialDone || st.Progress == "" {
		t.Fatalf("orders state after cancel should hold an unfinished plan: %+v", st)
	}
	runs, err := env.store.ListRuns(context.Background(), env.ch.ID, 1)
	if err != nil || len(runs) != 1 || runs[0].ID != runID || runs[0].Status != "canceled" {
		t.Fatalf("run after cancel: %+v (%v)", runs, err)
	}
	env.run(EngineOptions{PageSize: 20})
	env.assertInSync(allEntities...)
}
