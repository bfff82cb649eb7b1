package connector

import (
	"context"
	"testing"

	"github.com/magedesk/magedesk/model"
)

// TestInitialSyncLeavesCustomerFiguresEqualToTheirOrders: the initial walk
// defers the figures for customers, carts and orders and keeps them batch
// by batch for credit memos; after the sync every customer's stored
// figures equal those computed afresh from the synced orders and refunds.
func TestInitialSyncLeavesCustomerFiguresEqualToTheirOrders(t *testing.T) {
	env := newSimEnv(t, smallStore(7))
	env.run(EngineOptions{PageSize: 40, Concurrency: 4})
	ctx := context.Background()
	var checked, refunded int
	err := env.store.IterateCustomers(ctx, model.ListQuery{ChannelID: env.ch.ID}, func(c model.Customer) error {
		st, err := env.store.CustomerStats(ctx, c.ID)
		if err != nil {
			return err
		}
		if c.OrdersCount != st.OrdersCount || c.LifetimeUnits != st.LifetimeUnits ||
			c.FirstOrderAt != st.FirstOrderAt || c.LastOrderAt != st.LastOrderAt {
			t.Errorf("customer %d: stored %d orders, %d units, %q..%q; from its orders %d, %d, %q..%q", c.MagentoID,
				c.OrdersCount, c.LifetimeUnits, c.FirstOrderAt, c.LastOrderAt,
				st.OrdersCount, st.LifetimeUnits, st.FirstOrderAt, st.LastOrderAt)
		}
		checked++
		if st.RefundedUnits > 0 {
			refunded++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked == 0 || refunded == 0 {
		t.Fatalf("fixture too thin: %d customers, %d with a refund", checked, refunded)
	}
}
