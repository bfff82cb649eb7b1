package connector

import (
	"context"
	"testing"

	"github.com/magedesk/magedesk/connector/magentosim"
)

// BenchmarkSearchAndMapOrders reads pages of 100 orders from the
// simulator over loopback HTTP and maps them: the client's share of a
// sync (no storage).
func BenchmarkSearchAndMapOrders(b *testing.B) {
	sim := magentosim.New(magentosim.Options{Seed: 1, Customers: 300, Carts: 50, Orders: 2000, CreditMemos: 10, Subscribers: 10, Products: 60})
	srv, err := sim.Start("127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	c, err := NewClient(bearerConfig(srv.URL, sim.Token()))
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	orders := 0
	page := 0
	for b.Loop() {
		page = page%20 + 1
		res, err := c.Search(ctx, "orders", SearchCriteria{PageSize: 100, CurrentPage: page, Sort: []SortOrder{{Field: "entity_id"}}})
		if err != nil {
			b.Fatal(err)
		}
		for _, raw := range res.Items {
			if _, err := MapOrder(raw); err != nil {
				b.Fatal(err)
			}
			orders++
		}
	}
	b.ReportMetric(float64(orders)/b.Elapsed().Seconds(), "orders/s")
}
