package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"testing"

	"github.com/magedesk/magedesk/model"
)

func exportRecords(t *testing.T, export func(*bytes.Buffer) error) [][]string {
	t.Helper()
	var buf bytes.Buffer
	if err := export(&buf); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestExportCartsCreditMemosAndSubscribersFollowTheFilter(t *testing.T) {
	b, f := newFixture(t)
	ctx := context.Background()
	ch := f.Channel.ID

	recs := exportRecords(t, func(w *bytes.Buffer) error {
		return b.ExportCartsCSV(ctx, Filter{ChannelID: ch, Status: CartFilterAbandoned}, SortUpdated, true, w)
	})
	if len(recs) != 8 || recs[0][0] != "cart_id" {
		t.Fatalf("abandoned carts export: %d records, header %v", len(recs), recs[0])
	}
	byID := map[string][]string{}
	for _, r := range recs[1:] {
		byID[r[0]] = r
	}
	c := f.Carts[5] // cart 106
	if r := byID["106"]; r == nil || r[4] != "true" || r[6] != c.CustomerEmail || r[9] != c.GrandTotal.Fixed() || r[10] != "USD" {
		t.Errorf("cart 106 exported as %v", byID["106"])
	}

	recs = exportRecords(t, func(w *bytes.Buffer) error {
		return b.ExportCreditMemosCSV(ctx, Filter{ChannelID: ch, Status: "2"}, SortCreated, true, w)
	})
	refunded := 0
	for _, m := range f.CreditMemos {
		if m.State == model.CreditMemoRefunded {
			refunded++
		}
	}
	if len(recs) != refunded+1 {
		t.Fatalf("refunded memos export: %d records, want %d", len(recs)-1, refunded)
	}
	for _, r := range recs[1:] {
		if r[3] != "refunded" {
			t.Errorf("memo %s exported with state %s", r[0], r[3])
		}
	}

	recs = exportRecords(t, func(w *bytes.Buffer) error {
		return b.ExportSubscribersCSV(ctx, Filter{ChannelID: ch, Search: f.Customers[0].Email}, SortEmail, false, w)
	})
	if len(recs) != 2 || recs[1][0] != f.Customers[0].Email || recs[1][1] != "subscribed" || recs[1][3] != "Default Store View" {
		t.Errorf("subscriber export: %v", recs)
	}
}
