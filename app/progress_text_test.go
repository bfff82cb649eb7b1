package app

import (
	"testing"
	"time"

	"github.com/magedesk/magedesk/connector"
	"github.com/magedesk/magedesk/model"
)

func TestProgressTextReadsLikeTheSyncBar(t *testing.T) {
	p := connector.Progress{Entity: model.EntityOrders, Done: 1200, Total: 100000, ETA: 2*time.Minute + 10*time.Second}
	if got, want := ProgressText(p), "Orders: 1,200 of 100,000 — about 2 min left"; got != want {
		t.Fatalf("ProgressText = %q, want %q", got, want)
	}
	if f := ProgressFraction(p); f != 0.012 {
		t.Fatalf("fraction %v", f)
	}
	if got := ProgressText(connector.Progress{Message: "reading websites and store views"}); got != "Reading websites and store views" {
		t.Fatalf("run step: %q", got)
	}
	if got := ProgressText(connector.Progress{Entity: model.EntityCarts, Phase: "totals"}); got != "Shopping carts: totals" {
		t.Fatalf("phase only: %q", got)
	}
}

func TestETAText(t *testing.T) {
	cases := map[time.Duration]string{
		3 * time.Second:  "almost done",
		42 * time.Second: "about 40 s left",
		10 * time.Minute: "about 10 min left",
		3 * time.Hour:    "about 3.0 h left",
	}
	for d, want := range cases {
		if got := ETAText(d); got != want {
			t.Errorf("ETAText(%s) = %q, want %q", d, got, want)
		}
	}
}

func TestSummarizeRunAddsUpEntities(t *testing.T) {
	run := model.SyncRun{Counters: map[string]model.Counters{
		model.EntityOrders:    {Added: 1200, Updated: 2},
		model.EntityCustomers: {Added: 5, Failed: 1},
	}}
	if got, want := SummarizeRun(run), "1,205 added, 2 updated, 1 failed"; got != want {
		t.Fatalf("%q, want %q", got, want)
	}
}
