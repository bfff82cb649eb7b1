package views

import (
	"context"
	"strconv"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/connector"
	"github.com/magedesk/magedesk/connector/magentosim"
	"github.com/magedesk/magedesk/model"
)

// actGUI is a synced channel on a small simulated store, the act windows
// on Fyne's test app, and a direct client for Magento's truth.
type actGUI struct {
	sim  *magentosim.Store
	core *app.Core
	ch   model.Channel
	mag  *connector.Client
	nav  *actNav
	w    *ActWindows
}

// actNav remembers which records the windows opened.
type actNav struct {
	mu     sync.Mutex
	opened []string
}

func (n *actNav) add(kind string, id int64) {
	n.mu.Lock()
	n.opened = append(n.opened, kind+":"+strconv.FormatInt(id, 10))
	n.mu.Unlock()
}
func (n *actNav) OpenCustomer(id int64)   { n.add("customer", id) }
func (n *actNav) OpenCart(id int64)       { n.add("cart", id) }
func (n *actNav) OpenOrder(id int64)      { n.add("order", id) }
func (n *actNav) OpenCreditMemo(id int64) { n.add("creditmemo", id) }
func (n *actNav) OpenSubscriber(id int64) { n.add("subscriber", id) }
func (n *actNav) last() string {
	n.mu.Lock()
	defer n.mu.Unlock()
	if len(n.opened) == 0 {
		return ""
	}
	return n.opened[len(n.opened)-1]
}

func newActGUI(t *testing.T, twoWay bool) *actGUI {
	t.Helper()
	sim, url := shellStartSim(t, magentosim.Options{Seed: 7, NewsletterModule: true})
	core := shellTestCore(t, app.Options{})
	ch := app.NewChannelDraft()
	ch.Name, ch.BaseURL, ch.SyncInterval, ch.TwoWay = "Act shop", url, 0, twoWay
	ch.Entities = append(ch.Entities, model.EntityProducts)
	ch, err := core.CreateChannel(context.Background(), ch, app.Secrets{Token: sim.Token()})
	if err != nil {
		t.Fatal(err)
	}
	core.Scheduler.SyncNow(ch.ID)
	core.Scheduler.Wait(ch.ID)
	mag, err := connector.NewClient(connector.Config{BaseURL: url, Auth: connector.Auth{Mode: "bearer", Token: sim.Token()}})
	if err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	nav := &actNav{}
	return &actGUI{sim: sim, core: core, ch: ch, mag: mag, nav: nav, w: NewActWindows(a, core, nav)}
}

// customer finds a synced customer with addresses and the wanted active-cart state.
func (g *actGUI) customer(t *testing.T, wantActive bool) (int64, model.Customer) {
	t.Helper()
	ctx := context.Background()
	for _, id := range g.sim.Snapshot().IDs(magentosim.EntityCustomers) {
		cu, err := g.mag.GetCustomer(ctx, id)
		if err != nil || len(cu.Addresses) == 0 {
			continue
		}
		if active, _ := g.mag.ActiveCartOf(ctx, id); (active != 0) != wantActive {
			continue
		}
		local, _ := g.core.Store.LocalIDOf(ctx, model.EntityCustomers, g.ch.ID, id)
		if local != 0 {
			return local, cu
		}
	}
	t.Fatal("no suitable customer")
	return 0, model.Customer{}
}

func (g *actGUI) qtyInMagento(t *testing.T, cartID int64) float64 {
	t.Helper()
	items, err := g.mag.CartItems(context.Background(), cartID)
	if err != nil {
		t.Fatal(err)
	}
	q := 0.0
	for _, it := range items {
		f, _ := strconv.ParseFloat(it.Qty, 64)
		q += f
	}
	return q
}

func (g *actGUI) count(entity string) int { return len(g.sim.Snapshot().IDs(entity)) }
