package connector

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/magedesk/magedesk/connector/magentosim"
)

// pageAll reads every record of a list route, page by page.
func pageAll(t *testing.T, c *Client, route string, pageSize int) []json.RawMessage {
	t.Helper()
	var all []json.RawMessage
	for page := 1; ; page++ {
		sortField := "updated_at"
		if route == NewsletterRoute {
			sortField = "change_status_at"
		}
		res, err := c.Search(context.Background(), route, SearchCriteria{PageSize: pageSize, CurrentPage: page,
			Sort: []SortOrder{{Field: sortField}}})
		if err != nil {
			t.Fatalf("%s page %d: %v", route, page, err)
		}
		all = append(all, res.Items...)
		if len(res.Items) == 0 || int64(page*pageSize) >= res.TotalCount {
			if int64(len(all)) != res.TotalCount {
				t.Errorf("%s: read %d of total_count %d", route, len(all), res.TotalCount)
			}
			return all
		}
	}
}

// Every record the simulator serves maps without a field error: the
// mappers and the simulator agree on Magento's shapes.
func TestEverySimulatedRecordMapsCleanly(t *testing.T) {
	sim, url := smallShop(t, magentosim.Options{NewsletterModule: true})
	c, err := NewClient(bearerConfig(url, sim.Token()))
	if err != nil {
		t.Fatal(err)
	}
	mappers := map[string]func(json.RawMessage) (int64, error){
		"customers/search": func(r json.RawMessage) (int64, error) { x, err := MapCustomer(r); return x.MagentoID, err },
		"carts/search":     func(r json.RawMessage) (int64, error) { x, err := MapCart(r); return x.MagentoID, err },
		"orders":           func(r json.RawMessage) (int64, error) { x, err := MapOrder(r); return x.MagentoID, err },
		"creditmemos":      func(r json.RawMessage) (int64, error) { x, err := MapCreditMemo(r); return x.MagentoID, err },
		NewsletterRoute:    func(r json.RawMessage) (int64, error) { x, err := MapSubscriber(r); return x.MagentoID, err },
		"products":         func(r json.RawMessage) (int64, error) { x, err := MapProduct(r); return x.MagentoID, err },
	}
	for route, mapFn := range mappers {
		items := pageAll(t, c, route, 7)
		if len(items) == 0 {
			t.Errorf("%s: no records", route)
		}
		for _, raw := range items {
			id, err := mapFn(raw)
			if err != nil || id == 0 {
				t.Errorf("%s: id %d: %v", route, id, err)
			}
		}
	}
	var withItems, children int
	for _, raw := range pageAll(t, c, "orders", 50) {
		o, _ := MapOrder(raw)
		if o.BillingAddress == nil || o.Payment == nil || o.IncrementID == "" || !o.GrandTotal.Valid() {
			t.Errorf("order %d incomplete: %+v", o.MagentoID, o)
		}
		if len(o.Items) > 0 {
			withItems++
		}
		for _, it := range o.Items {
			if it.ParentItemID != 0 {
				children++
			}
		}
	}
	if withItems == 0 {
		t.Error("no order had items")
	}
	t.Logf("orders with items %d, child lines %d", withItems, children)

	// Customers carry is_subscribed (2.4 customers/search), so subscribers
	// can be derived when the companion module is missing.
	derived := 0
	for _, raw := range pageAll(t, c, "customers/search", 50) {
		cu, _ := MapCustomer(raw)
		if s, ok := SubscriberFromCustomer(cu); ok && s.CustomerID == cu.MagentoID {
			derived++
		}
	}
	if derived == 0 {
		t.Error("no customer carried extension_attributes.is_subscribed")
	}
}

// Reads survive a store that errors, resets, truncates and sends HTML on
// a good share of requests: nothing is lost, nothing is read twice.
func TestReadsSurviveAFlakyStore(t *testing.T) {
	sim, url := smallShop(t, magentosim.Options{Customers: 120, Carts: 10, Orders: 10, CreditMemos: -1, Subscribers: 5, Products: 12,
		Faults: magentosim.Faults{ErrorRate: 0.15, HTMLRate: 0.1, ResetRate: 0.1, TruncateRate: 0.1}})
	cfg := bearerConfig(url, sim.Token())
	cfg.MaxAttempts = 12
	c, err := NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	c.retryBase, c.retryCap = time.Millisecond, 10*time.Millisecond
	start := time.Now()
	items := pageAll(t, c, "customers/search", 10)
	seen := map[int64]bool{}
	for _, raw := range items {
		cu, err := MapCustomer(raw)
		if err != nil {
			t.Fatal(err)
		}
		if seen[cu.MagentoID] {
			t.Errorf("customer %d read twice", cu.MagentoID)
		}
		seen[cu.MagentoID] = true
	}
	if len(seen) != 120 {
		t.Errorf("read %d distinct customers, want 120", len(seen))
	}
	t.Logf("120 customers in 12 pages through ~45%% faults: %v", time.Since(start))
}
