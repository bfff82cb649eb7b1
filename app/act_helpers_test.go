package app

import (
	"context"
	"strconv"
	"testing"

	"github.com/magedesk/magedesk/connector"
	"github.com/magedesk/magedesk/connector/magentosim"
	"github.com/magedesk/magedesk/model"
)

// actShop is a synced channel on a small simulated store, with a direct
// client to read Magento's truth independently of the app.
type actShop struct {
	sim  *magentosim.Store
	core *Core
	ch   model.Channel
	mag  *connector.Client
}

func newActShop(t *testing.T, twoWay, localWins bool) actShop {
	t.Helper()
	sim, url := startSim(t, magentosim.Options{NewsletterModule: true})
	c := newTestCore(t, Options{})
	ch := NewChannelDraft()
	ch.Name = "Act shop"
	ch.BaseURL = url
	ch.SyncInterval = 0
	ch.TwoWay, ch.LocalWins = twoWay, localWins
	ch.Entities = append(ch.Entities, model.EntityProducts)
	ch, err := c.CreateChannel(context.Background(), ch, Secrets{Token: sim.Token()})
	if err != nil {
		t.Fatal(err)
	}
	if ok, msg := c.Scheduler.SyncNow(ch.ID); !ok {
		t.Fatalf("sync did not start: %s", msg)
	}
	c.Scheduler.Wait(ch.ID)
	mag, err := connector.NewClient(connector.Config{BaseURL: url, Auth: connector.Auth{Mode: "bearer", Token: sim.Token()}})
	if err != nil {
		t.Fatal(err)
	}
	return actShop{sim: sim, core: c, ch: ch, mag: mag}
}

// customer finds a synced customer with addresses whose active-cart state
// is wantActive, returning its local id and Magento record.
func (s actShop) customer(t *testing.T, wantActive bool) (int64, model.Customer) {
	t.Helper()
	ctx := context.Background()
	for _, id := range s.sim.Snapshot().IDs(magentosim.EntityCustomers) {
		cu, err := s.mag.GetCustomer(ctx, id)
		if err != nil || len(cu.Addresses) == 0 {
			continue
		}
		active, err := s.mag.ActiveCartOf(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if (active != 0) != wantActive {
			continue
		}
		local, err := s.core.Store.LocalIDOf(ctx, model.EntityCustomers, s.ch.ID, id)
		if err != nil || local == 0 {
			t.Fatalf("customer %d not synced (%v)", id, err)
		}
		return local, cu
	}
	t.Fatalf("no customer with addresses and active cart=%v", wantActive)
	return 0, model.Customer{}
}

// product finds an enabled simple product with stock through the app's picker.
func (s actShop) product(t *testing.T) model.Product {
	t.Helper()
	ps, err := s.core.PickProducts(context.Background(), s.ch.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.TypeID == "simple" && p.InStock && decimal(p.Qty) >= 10 {
			return p
		}
	}
	t.Fatalf("no simple product in stock among %d", len(ps))
	return model.Product{}
}

// ordersOfQuote counts Magento's orders placed from a cart.
func (s actShop) ordersOfQuote(t *testing.T, cartID int64) int64 {
	t.Helper()
	page, err := s.mag.Search(context.Background(), "orders", connector.SearchCriteria{PageSize: 10, CurrentPage: 1}.
		Where("quote_id", "eq", strconv.FormatInt(cartID, 10)))
	if err != nil {
		t.Fatal(err)
	}
	return page.TotalCount
}

// qtyInMagento is the cart's quantity of sku as Magento holds it.
func (s actShop) qtyInMagento(t *testing.T, cartID int64, sku string) float64 {
	t.Helper()
	items, err := s.mag.CartItems(context.Background(), cartID)
	if err != nil {
		t.Fatal(err)
	}
	q := 0.0
	for _, it := range items {
		if it.SKU == sku {
			q += decimal(it.Qty)
		}
	}
	return q
}

func wantField(t *testing.T, err error, field string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one at field %q", field)
	}
	got, msg := ErrorField(err)
	if got != field {
		t.Fatalf("error shown at %q (%s), want at %q; error: %v", got, msg, field, err)
	}
	if msg == "" {
		t.Fatalf("error at %q has no words for the owner", field)
	}
}
