package connector

import (
	"context"
	"database/sql"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/magedesk/magedesk/connector/magentosim"
	"github.com/magedesk/magedesk/model"
)

// Crash safety: a sync process killed with SIGKILL at random moments
// (many of them inside a write transaction, since most of a run is spent
// storing pages) must leave a database the next run completes to exactly
// the simulator's data, without duplicates. The child process is this
// test binary re-run with TestCrashChild selected.

const crashChildEnv = "MAGEDESK_CRASH_CHILD"

// TestCrashChild is the sync process of TestSyncSurvivesSIGKILL; it does
// nothing in a normal test run.
func TestCrashChild(t *testing.T) {
	if os.Getenv(crashChildEnv) != "1" {
		t.Skip("helper process for TestSyncSurvivesSIGKILL")
	}
	ctx := context.Background()
	st, err := model.Open(os.Getenv("MAGEDESK_CRASH_DB"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	url := os.Getenv("MAGEDESK_CRASH_URL")
	chans, err := st.ListChannels(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ch model.Channel
	if len(chans) > 0 {
		ch = chans[0]
	} else {
		ch = model.Channel{Name: "crash", BaseURL: url}
		if err := st.CreateChannel(ctx, &ch); err != nil {
			t.Fatal(err)
		}
	}
	client, err := NewClient(Config{BaseURL: url, Auth: Auth{Mode: "bearer", Token: os.Getenv("MAGEDESK_CRASH_TOKEN")}})
	if err != nil {
		t.Fatal(err)
	}
	e := NewEngine(client, st, ch, EngineOptions{PageSize: 20, Concurrency: 3})
	if _, err := e.Run(ctx, RunIncremental); err != nil {
		t.Fatal(err)
	}
}

func TestSyncSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	opts := magentosim.Options{Seed: 11, Customers: 300, Carts: 320, Orders: 700, CreditMemos: 50, Subscribers: 150,
		Products: 30, NewsletterModule: true, Faults: magentosim.Faults{Latency: time.Millisecond}}
	env := newSimEnv(t, opts)
	db := filepath.Join(t.TempDir(), "crash.db")
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	child := func() *exec.Cmd {
		cmd := exec.Command(exe, "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashChildEnv+"=1", "MAGEDESK_CRASH_DB="+db,
			"MAGEDESK_CRASH_URL="+env.url, "MAGEDESK_CRASH_TOKEN="+env.sim.Token())
		return cmd
	}
	rng := rand.New(rand.NewPCG(42, 7))
	kills, completed := 0, 0
	for i := 0; kills < 24 && i < 150; i++ {
		cmd := child()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		// Random point: early runs die during the initial walk, later
		// ones during incremental passes over a store that keeps moving.
		wait := time.Duration(30+rng.IntN(1200)) * time.Millisecond
		if completed > 0 {
			wait = time.Duration(5+rng.IntN(150)) * time.Millisecond // incremental runs are short
		}
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("child sync failed on its own: %v", err)
			}
			completed++
		case <-time.After(wait):
			_ = cmd.Process.Signal(syscall.SIGKILL)
			<-done
			kills++
		}
		if completed > 0 {
			// Keep changing the store so resumed runs have new work.
			touchSome(t, env.sim, rng)
		}
	}
	if kills < 20 {
		t.Fatalf("only %d kills (%d runs completed); the test did not exercise crashes", kills, completed)
	}
	// Resume to the end.
	out, err := child().CombinedOutput()
	if err != nil {
		t.Fatalf("final sync: %v\n%s", err, out)
	}
	t.Logf("%d kills, %d runs completed before the final one", kills, completed)

	st, err := model.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	chans, _ := st.ListChannels(context.Background())
	env.store, env.ch = st, chans[0]
	env.assertInSync(allEntities...)
	assertNoDuplicates(t, db)
}

// touchSome changes a few records through the simulator's helpers.
func touchSome(t *testing.T, sim *magentosim.Store, rng *rand.Rand) {
	t.Helper()
	snap := sim.Snapshot()
	for _, ent := range []string{magentosim.EntityCustomers, magentosim.EntityOrders, magentosim.EntityCarts} {
		ids := snap.IDs(ent)
		for k := 0; k < 40 && len(ids) > 0; k++ {
			if err := sim.Touch(ent, ids[rng.IntN(len(ids))]); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// assertNoDuplicates checks child tables hold each Magento line once.
func assertNoDuplicates(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		"SELECT count(*) FROM (SELECT 1 FROM order_items GROUP BY order_id, magento_id HAVING count(*) > 1)",
		"SELECT count(*) FROM (SELECT 1 FROM cart_items GROUP BY cart_id, magento_id HAVING count(*) > 1)",
		"SELECT count(*) FROM (SELECT 1 FROM credit_memo_items GROUP BY credit_memo_id, magento_id HAVING count(*) > 1)",
		"SELECT count(*) FROM (SELECT 1 FROM orders GROUP BY channel_id, magento_id HAVING count(*) > 1)",
	} {
		var n int
		if err := db.QueryRow(q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if n != 0 {
			t.Errorf("%d duplicated groups: %s", n, q)
		}
	}
	var orphans int
	if err := db.QueryRow("SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id)").Scan(&orphans); err != nil {
		t.Fatal(err)
	}
	if orphans != 0 {
		t.Errorf("%d orders without items (a write torn apart?)", orphans)
	}
}
