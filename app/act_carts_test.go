package app

import (
	"context"
	"strings"
	"testing"

	"github.com/magedesk/magedesk/connector"
	"github.com/magedesk/magedesk/connector/magentosim"
	"github.com/magedesk/magedesk/model"
)

// storedCart reads the local cart (lines and totals columns) by its Magento id.
func (s actShop) storedCart(t *testing.T, cartID int64) model.Cart {
	t.Helper()
	cart, err := s.core.Store.GetCartByMagentoID(context.Background(), s.ch.ID, cartID)
	if err != nil {
		t.Fatalf("cart %d not stored: %v", cartID, err)
	}
	return cart
}

func TestCartLinesAreChangedInMagentoAndTheLocalCartFollows(t *testing.T) {
	s := newActShop(t, false, false)
	ctx := context.Background()
	customerID, _ := s.customer(t, false)
	p := s.product(t)

	sess, err := s.core.PrepareCart(ctx, customerID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if sess.Existing || sess.LiveCartWarning() != "" {
		t.Fatalf("customer without a cart reported an existing one: %+v", sess)
	}
	cart, err := s.core.OpenCart(ctx, sess)
	if err != nil {
		t.Fatal(err)
	}
	if sess.CartID == 0 || !cart.IsActive {
		t.Fatalf("cart not created: %+v", cart)
	}
	cart, err = s.core.AddCartLine(ctx, sess, connector.CartItemInput{SKU: p.SKU, Qty: 2})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.qtyInMagento(t, sess.CartID, p.SKU); got != 2 {
		t.Fatalf("Magento has qty %v, want 2", got)
	}
	if len(cart.Items) != 1 || cart.Items[0].Qty != "2" && decimal(cart.Items[0].Qty) != 2 {
		t.Fatalf("returned cart lines %+v", cart.Items)
	}
	// Magento's totals: /totals grand_total excludes tax; the subtotal is price × qty.
	wantSub := p.Price.Units * 2
	if cart.Subtotal.Units != wantSub {
		t.Fatalf("subtotal %s, want 2 × %s", cart.Subtotal.Text, p.Price.Text)
	}
	if stored := s.storedCart(t, sess.CartID); len(stored.Items) != 1 || stored.Subtotal.Units != wantSub {
		t.Fatalf("stored cart: %d lines, subtotal %s", len(stored.Items), stored.Subtotal.Text)
	}

	itemID := cart.Items[0].MagentoID
	if cart, err = s.core.SetCartLineQty(ctx, sess, itemID, 3); err != nil {
		t.Fatal(err)
	}
	if got := s.qtyInMagento(t, sess.CartID, p.SKU); got != 3 || cart.Subtotal.Units != p.Price.Units*3 {
		t.Fatalf("after update Magento qty %v, subtotal %s", got, cart.Subtotal.Text)
	}
	if cart, err = s.core.RemoveCartLine(ctx, sess, itemID); err != nil {
		t.Fatal(err)
	}
	if got := s.qtyInMagento(t, sess.CartID, p.SKU); got != 0 || len(cart.Items) != 0 {
		t.Fatalf("after remove Magento qty %v, lines %d", got, len(cart.Items))
	}
	if stored := s.storedCart(t, sess.CartID); len(stored.Items) != 0 {
		t.Fatalf("stored cart still has lines: %+v", stored.Items)
	}

	_, err = s.core.AddCartLine(ctx, sess, connector.CartItemInput{SKU: "NO-SUCH-SKU", Qty: 1})
	wantField(t, err, "sku")
	_, err = s.core.AddCartLine(ctx, sess, connector.CartItemInput{SKU: p.SKU, Qty: 1e6})
	wantField(t, err, "qty")
}

func TestExistingActiveCartIsReportedBeforeAnythingChanges(t *testing.T) {
	s := newActShop(t, false, false)
	ctx := context.Background()
	customerID, cu := s.customer(t, true)
	active, _ := s.mag.ActiveCartOf(ctx, cu.MagentoID)
	before := s.sim.Snapshot()[magentosim.EntityCarts].UpdatedAt[active]

	sess, err := s.core.PrepareCart(ctx, customerID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !sess.Existing || sess.CartID != active {
		t.Fatalf("existing cart %d not reported: %+v", active, sess)
	}
	if w := sess.LiveCartWarning(); !strings.Contains(w, "live storefront cart") {
		t.Fatalf("warning %q does not say it is their live cart", w)
	}
	if after := s.sim.Snapshot()[magentosim.EntityCarts].UpdatedAt[active]; after != before {
		t.Fatal("looking at the cart changed it in Magento")
	}
	if _, err := s.core.OpenCart(ctx, sess); err != nil {
		t.Fatal(err)
	}
	if sess.CartID != active {
		t.Fatalf("owner chose to add to the existing cart %d, got %d", active, sess.CartID)
	}
}

func TestLostAddItemAnswerNeverDoublesTheQuantity(t *testing.T) {
	s := newActShop(t, false, false)
	ctx := context.Background()
	customerID, _ := s.customer(t, false)
	p := s.product(t)
	sess, err := s.core.PrepareCart(ctx, customerID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.core.OpenCart(ctx, sess); err != nil {
		t.Fatal(err)
	}
	s.sim.SetFaults(magentosim.Faults{DropWriteResponse: true, DropWritesN: 1})
	cart, err := s.core.AddCartLine(ctx, sess, connector.CartItemInput{SKU: p.SKU, Qty: 2})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.qtyInMagento(t, sess.CartID, p.SKU); got != 2 {
		t.Fatalf("Magento has qty %v after a lost answer, want exactly 2", got)
	}
	if len(cart.Items) != 1 || decimal(cart.Items[0].Qty) != 2 {
		t.Fatalf("local cart lines %+v", cart.Items)
	}
	// A second add of the same product raises the line once more, even with a lost answer.
	s.sim.SetFaults(magentosim.Faults{DropWriteResponse: true, DropWritesN: 1})
	if _, err := s.core.AddCartLine(ctx, sess, connector.CartItemInput{SKU: p.SKU, Qty: 1}); err != nil {
		t.Fatal(err)
	}
	if got := s.qtyInMagento(t, sess.CartID, p.SKU); got != 3 {
		t.Fatalf("Magento has qty %v, want 3", got)
	}
}

func TestConfigurableProductIsAddedWithItsOptions(t *testing.T) {
	s := newActShop(t, false, false)
	ctx := context.Background()
	ps, err := s.core.PickProducts(ctx, s.ch.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	var conf model.Product
	for _, p := range ps {
		if p.Visibility == 1 { // the simulator's configurable children are "Not Visible Individually"
			t.Fatalf("hidden child %s offered in the picker", p.SKU)
		}
		if p.TypeID == "configurable" {
			conf = p
			break
		}
	}
	if conf.SKU == "" {
		t.Skip("no configurable product in this small catalogue")
	}
	opts, err := ConfigurableOptionsOf(conf)
	if err != nil || len(opts) == 0 {
		t.Fatalf("options of %s: %v %v", conf.SKU, opts, err)
	}
	customerID, _ := s.customer(t, false)
	sess, _ := s.core.PrepareCart(ctx, customerID, 0)
	if _, err := s.core.OpenCart(ctx, sess); err != nil {
		t.Fatal(err)
	}
	_, err = s.core.AddCartLine(ctx, sess, connector.CartItemInput{SKU: conf.SKU, Qty: 1})
	wantField(t, err, "options")
	// Every size × colour combination exists; some children are out of
	// stock, which Magento refuses at the product.
	var cart model.Cart
	for _, size := range opts[0].Values {
		for _, colour := range opts[1].Values {
			chosen := []connector.ConfigurableOption{{OptionID: opts[0].AttributeID, OptionValue: size},
				{OptionID: opts[1].AttributeID, OptionValue: colour}}
			cart, err = s.core.AddCartLine(ctx, sess, connector.CartItemInput{SKU: conf.SKU, Qty: 1, ConfigurableOptions: chosen})
			if err == nil {
				break
			}
			wantField(t, err, "sku")
		}
		if err == nil {
			break
		}
	}
	if err != nil {
		t.Fatalf("no combination of %s could be added: %v", conf.SKU, err)
	}
	if len(cart.Items) != 1 || !strings.HasPrefix(cart.Items[0].SKU, conf.SKU+"-") {
		t.Fatalf("configurable line %+v", cart.Items)
	}
}

func TestRefreshProductsReadsTheCatalogueOnDemand(t *testing.T) {
	sim, url := startSim(t, magentosim.Options{NewsletterModule: true})
	c := newTestCore(t, Options{})
	ch := simChannel(t, c, url, sim.Token()) // default entities: no products synced
	c.Scheduler.SyncNow(ch.ID)
	c.Scheduler.Wait(ch.ID)
	ctx := context.Background()
	if ps, err := c.PickProducts(ctx, ch.ID, ""); err != nil || len(ps) != 0 {
		t.Fatalf("products before refresh: %d (%v)", len(ps), err)
	}
	n, err := c.RefreshProducts(ctx, ch.ID, "")
	if err != nil || n != len(sim.Snapshot().IDs(magentosim.EntityProducts)) {
		t.Fatalf("refresh read %d products (%v), Magento has %d", n, err, len(sim.Snapshot().IDs(magentosim.EntityProducts)))
	}
	ps, err := c.PickProducts(ctx, ch.ID, "")
	if err != nil || len(ps) == 0 {
		t.Fatalf("picker after refresh: %d (%v)", len(ps), err)
	}
	word := strings.Fields(ps[0].Name)[0]
	found, err := c.PickProducts(ctx, ch.ID, strings.ToLower(word))
	if err != nil || len(found) == 0 {
		t.Fatalf("search %q found nothing (%v)", word, err)
	}
	for _, p := range found {
		if !strings.Contains(strings.ToLower(p.Name+" "+p.SKU), strings.ToLower(word)) {
			t.Fatalf("search %q returned %s %q", word, p.SKU, p.Name)
		}
	}
}
