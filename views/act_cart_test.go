package views

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/magedesk/magedesk/connector"
	"github.com/magedesk/magedesk/connector/magentosim"
)

// pickSimple selects the first in-stock simple product of the results.
func pickSimple(t *testing.T, c *CartEditor) string {
	t.Helper()
	for i, p := range c.products {
		if p.TypeID == "simple" && p.InStock {
			if q, _ := strconv.ParseFloat(p.Qty, 64); q >= 10 {
				c.Results.Select(i)
				return p.SKU
			}
		}
	}
	t.Fatalf("no simple product in stock among %d results", len(c.products))
	return ""
}

func TestCartWindowBuildsTheCartInMagentoAndChecksOutOnce(t *testing.T) {
	g := newActGUI(t, false)
	local, _ := g.customer(t, false)
	c := g.w.NewCart(local)
	g.w.WaitIdle()
	if c.warningBox.Visible() || c.Create.Disabled() || c.StoreView.Selected == "" {
		t.Fatalf("fresh customer: warning %v, create disabled %v, store %q", c.warningBox.Visible(), c.Create.Disabled(), c.StoreView.Selected)
	}
	test.Tap(c.Create)
	g.w.WaitIdle()
	if !c.editor.Visible() || c.session.CartID == 0 || len(c.products) == 0 {
		t.Fatalf("cart not opened: editor %v, cart %d, %d products", c.editor.Visible(), c.session.CartID, len(c.products))
	}
	sku := pickSimple(t, c)
	c.Qty.SetText("0")
	test.Tap(c.Add)
	g.w.WaitIdle()
	if c.Errors.text("qty") == "" {
		t.Fatal("quantity 0 not refused at the quantity")
	}
	c.Qty.SetText("2")
	test.Tap(c.Add)
	g.w.WaitIdle()
	if len(c.Lines) != 1 || c.Lines[0].Item.SKU != sku || g.qtyInMagento(t, c.session.CartID) != 2 {
		t.Fatalf("lines %d, Magento qty %v", len(c.Lines), g.qtyInMagento(t, c.session.CartID))
	}
	if !strings.Contains(c.Totals.Text, "Subtotal") || c.Checkout.Disabled() {
		t.Fatalf("totals %q, checkout disabled %v", c.Totals.Text, c.Checkout.Disabled())
	}
	c.Lines[0].Qty.SetText("3")
	test.Tap(c.Lines[0].Update)
	g.w.WaitIdle()
	if g.qtyInMagento(t, c.session.CartID) != 3 || c.Lines[0].Qty.Text != "3" {
		t.Fatalf("after update Magento qty %v, shown %q", g.qtyInMagento(t, c.session.CartID), c.Lines[0].Qty.Text)
	}

	k := g.w.Checkout(c.session)
	g.w.WaitIdle()
	if k.Address.Selected == "" || k.Address.Selected == newAddressChoice {
		t.Fatalf("customer's address not offered: %q", k.Address.Selected)
	}
	test.Tap(k.Estimate)
	g.w.WaitIdle()
	if len(k.Methods.Options) == 0 || !k.methodStep.Visible() {
		t.Fatalf("no shipping methods shown (error %q)", k.Errors.text(""))
	}
	test.Tap(k.ToPayment)
	g.w.WaitIdle()
	if !k.paymentStep.Visible() || !strings.Contains(strings.Join(k.Payments.Options, ","), "Check / Money order") {
		t.Fatalf("payments %v (error %q)", k.Payments.Options, k.Errors.text(""))
	}
	if !strings.Contains(k.Review.Text, "Order total") {
		t.Fatalf("review %q", k.Review.Text)
	}
	k.Payments.SetSelected("Purchase Order")
	test.Tap(k.Place)
	g.w.WaitIdle()
	if k.Errors.text("po_number") == "" {
		t.Fatalf("missing PO number not shown at its field (general %q)", k.Errors.text(""))
	}
	test.Type(k.PONumber, "PO-42")
	orders := g.count(magentosim.EntityOrders)
	g.sim.SetFaults(magentosim.Faults{DropWriteResponse: true, DropWritesN: 1}) // the answer to Place order is lost
	test.Tap(k.Place)
	g.w.WaitIdle()
	if !strings.Contains(k.Result.Text, "placed in Magento") || k.placed.IncrementID == "" {
		t.Fatalf("result %q, error %q", k.Result.Text, k.Errors.text(""))
	}
	if g.count(magentosim.EntityOrders) != orders+1 {
		t.Fatalf("Magento orders %d, want exactly %d", g.count(magentosim.EntityOrders), orders+1)
	}
	test.Tap(k.OpenOrder)
	if g.nav.last() != "order:"+strconv.FormatInt(k.placed.LocalID, 10) {
		t.Fatalf("opened %q", g.nav.last())
	}
}

func TestCartWindowWarnsAboutTheCustomersLiveCart(t *testing.T) {
	g := newActGUI(t, false)
	local, cu := g.customer(t, true)
	active, _ := g.mag.ActiveCartOf(context.Background(), cu.MagentoID)
	c := g.w.NewCart(local)
	g.w.WaitIdle()
	if !c.warningBox.Visible() || !strings.Contains(c.Warning.Text, "live storefront cart") || !c.Create.Disabled() {
		t.Fatalf("no live-cart warning: %q (visible %v)", c.Warning.Text, c.warningBox.Visible())
	}
	test.Tap(c.Continue)
	g.w.WaitIdle()
	if c.session.CartID != active || !c.editor.Visible() {
		t.Fatalf("continued into cart %d, want the live cart %d", c.session.CartID, active)
	}
	items, _ := g.mag.CartItems(context.Background(), active)
	if len(c.Lines) != len(items) {
		t.Fatalf("shown %d lines, Magento has %d", len(c.Lines), len(items))
	}
}

func TestRefundWindowCreatesOneCreditMemo(t *testing.T) {
	g := newActGUI(t, false)
	ctx := context.Background()
	page, err := g.mag.Search(ctx, "orders", connector.SearchCriteria{PageSize: 100, CurrentPage: 1}.Where("state", "in", "processing,complete"))
	if err != nil {
		t.Fatal(err)
	}
	var orderLocal, orderID int64
	for _, raw := range page.Items {
		o, err := connector.MapOrder(raw)
		if err == nil && o.TotalInvoiced.Units > 0 && o.TotalRefunded.Units == 0 {
			orderLocal, _ = g.core.Store.LocalIDOf(ctx, "orders", g.ch.ID, o.MagentoID)
			orderID = o.MagentoID
			if orderLocal != 0 {
				break
			}
		}
	}
	if orderLocal == 0 {
		t.Fatal("no invoiced order")
	}
	f := g.w.Refund(orderLocal)
	g.w.WaitIdle()
	if len(f.Lines) == 0 || f.Submit.Disabled() {
		t.Fatalf("refund form: %d lines (error %q)", len(f.Lines), f.Errors.text(""))
	}
	row := f.Lines[0]
	key := "qty:" + strconv.FormatInt(row.Line.OrderItemID, 10)
	row.Qty.SetText(strconv.FormatFloat(row.Line.MaxQty+1, 'f', -1, 64))
	test.Tap(f.Submit)
	g.w.WaitIdle()
	if f.Errors.text(key) == "" {
		t.Fatalf("too many refunded not shown at the line (general %q)", f.Errors.text(""))
	}
	memos := g.count(magentosim.EntityCreditMemos)
	row.Qty.SetText("1")
	f.Shipping.SetText("0")
	g.sim.SetFaults(magentosim.Faults{DropWriteResponse: true, DropWritesN: 1})
	test.Tap(f.Submit)
	g.w.WaitIdle()
	if !strings.Contains(f.Result.Text, "refunded offline") {
		t.Fatalf("result %q, error %q", f.Result.Text, f.Errors.text(""))
	}
	if g.count(magentosim.EntityCreditMemos) != memos+1 || f.created.Memo.OrderID != orderID {
		t.Fatalf("Magento credit memos %d, want exactly %d", g.count(magentosim.EntityCreditMemos), memos+1)
	}
	test.Tap(f.OpenMemo)
	if !strings.HasPrefix(g.nav.last(), "creditmemo:") {
		t.Fatalf("opened %q", g.nav.last())
	}
}

func TestCartWindowAsksForTheOptionsOfAConfigurableProduct(t *testing.T) {
	g := newActGUI(t, false)
	local, _ := g.customer(t, false)
	c := g.w.NewCart(local)
	g.w.WaitIdle()
	test.Tap(c.Create)
	g.w.WaitIdle()
	conf := -1
	for i, p := range c.products {
		if p.TypeID == "configurable" {
			conf = i
			break
		}
	}
	if conf < 0 {
		t.Fatal("no configurable product offered")
	}
	c.Results.Select(conf)
	if len(c.Options) != 2 {
		t.Fatalf("%d option choices, want size and colour", len(c.Options))
	}
	test.Tap(c.Add)
	g.w.WaitIdle()
	if c.Errors.text("options") == "" || len(c.Lines) != 0 {
		t.Fatalf("added without options: error %q, %d lines", c.Errors.text("options"), len(c.Lines))
	}
	// Some combinations are out of stock: Magento refuses those at the product.
	for _, size := range c.Options[0].Options {
		for _, colour := range c.Options[1].Options {
			c.Options[0].SetSelected(size)
			c.Options[1].SetSelected(colour)
			test.Tap(c.Add)
			g.w.WaitIdle()
			if len(c.Lines) == 1 {
				if !strings.HasPrefix(c.Lines[0].Item.SKU, c.products[conf].SKU+"-") {
					t.Fatalf("line %s is not a child of %s", c.Lines[0].Item.SKU, c.products[conf].SKU)
				}
				return
			}
			if c.Errors.text("sku") == "" {
				t.Fatalf("refused combination not explained (general %q)", c.Errors.text(""))
			}
		}
	}
	t.Fatal("no combination could be added")
}
