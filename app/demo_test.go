package app

import (
	"context"
	"testing"
	"time"

	"github.com/magedesk/magedesk/connector/magentosim"
	"github.com/magedesk/magedesk/model"
)

func TestStartDemoCreatesLabelledChannelAndSyncsIt(t *testing.T) {
	c := newTestCore(t, Options{})
	events := collect(t, c)
	ch, err := c.StartDemo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !ch.IsDemo || ch.Name != DemoName {
		t.Fatalf("demo channel %+v not labelled", ch)
	}
	if !IsLoopbackURL(ch.BaseURL) {
		t.Fatalf("demo store not on loopback: %s", ch.BaseURL)
	}
	fin := waitEvent(t, events, 90*time.Second, finishedFor(ch.ID))
	if fin.Err != nil {
		t.Fatalf("demo sync failed: %v", fin.Err)
	}
	sim := c.DemoSimulator(ch.ID)
	if sim == nil {
		t.Fatal("no simulator for the demo channel")
	}
	n, err := storedCount(c.Store, ch.ID, model.EntityCustomers)
	if err != nil {
		t.Fatal(err)
	}
	if want := len(sim.Snapshot().IDs(magentosim.EntityCustomers)); n != want || n == 0 {
		t.Fatalf("demo customers %d, simulator %d", n, want)
	}
}

func TestDemoSimulatorComesBackOnNextStart(t *testing.T) {
	dir := t.TempDir()
	creds := NewMemoryCredentials()
	c := newTestCore(t, Options{DataDir: dir, Credentials: creds})
	events := collect(t, c)
	ch, err := c.StartDemo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	waitEvent(t, events, 90*time.Second, finishedFor(ch.ID))
	c.Close()

	c2 := newTestCore(t, Options{DataDir: dir, Credentials: creds})
	if err := c2.RestartDemos(context.Background()); err != nil {
		t.Fatal(err)
	}
	again, err := c2.Channel(context.Background(), ch.ID)
	if err != nil {
		t.Fatal(err)
	}
	if again.BaseURL == ch.BaseURL {
		t.Fatalf("demo URL not updated after restart: %s", again.BaseURL)
	}
	ev2 := collect(t, c2)
	c2.Scheduler.SyncNow(ch.ID)
	fin := waitEvent(t, ev2, 60*time.Second, finishedFor(ch.ID))
	if fin.Err != nil {
		t.Fatalf("sync against the restarted demo store failed: %v", fin.Err)
	}
	// Same seed, same data: the second run adds nothing.
	runs, _ := c2.Store.ListRuns(context.Background(), ch.ID, 1)
	if len(runs) == 0 {
		t.Fatal("no run recorded")
	}
	for e, cnt := range runs[0].Counters {
		if cnt.Added != 0 {
			t.Errorf("%s: %d added on the second run of an unchanged demo store", e, cnt.Added)
		}
	}
}

func TestDeletingDemoChannelStopsItsSimulator(t *testing.T) {
	c := newTestCore(t, Options{})
	events := collect(t, c)
	ch, err := c.StartDemo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	waitEvent(t, events, 90*time.Second, finishedFor(ch.ID))
	if err := c.DeleteChannel(context.Background(), ch.ID); err != nil {
		t.Fatal(err)
	}
	if c.DemoSimulator(ch.ID) != nil {
		t.Fatal("simulator still running after the demo channel was removed")
	}
	if has, _ := c.HasChannels(context.Background()); has {
		t.Fatal("channel still listed")
	}
	n, _ := storedCount(c.Store, ch.ID, model.EntityOrders)
	if n != 0 {
		t.Fatalf("%d orders of the removed channel remain", n)
	}
}
