package connector

import (
	"context"
	"errors"
	"strconv"
	"testing"

	"github.com/magedesk/magedesk/connector/magentosim"
	"github.com/magedesk/magedesk/model"
)

type writeShop struct {
	sim *magentosim.Store
	c   *Client
}

func newWriteShop(t *testing.T) writeShop {
	t.Helper()
	sim, url := smallShop(t, magentosim.Options{NewsletterModule: true})
	c, err := NewClient(bearerConfig(url, sim.Token()))
	if err != nil {
		t.Fatal(err)
	}
	return writeShop{sim: sim, c: c}
}

func (w writeShop) customerWithAddress(t *testing.T) model.Customer {
	t.Helper()
	page, err := w.c.Search(context.Background(), "customers/search", SearchCriteria{PageSize: 20, CurrentPage: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, raw := range page.Items {
		cu, err := MapCustomer(raw)
		if err == nil && len(cu.Addresses) > 0 {
			return cu
		}
	}
	t.Fatal("no customer with an address")
	return model.Customer{}
}

func (w writeShop) simpleInStock(t *testing.T) model.Product {
	t.Helper()
	page, err := w.c.Search(context.Background(), "products", SearchCriteria{PageSize: 100}.Where("type_id", "eq", "simple"))
	if err != nil {
		t.Fatal(err)
	}
	for _, raw := range page.Items {
		p, err := MapProduct(raw)
		if err == nil && p.InStock && p.Status == 1 && model.MustMoney(p.Qty).Units >= 5*model.MoneyScale {
			return p
		}
	}
	t.Fatal("no simple product in stock")
	return model.Product{}
}

func quoteAddress(cu model.Customer) QuoteAddress {
	a := cu.Addresses[0]
	return QuoteAddress{Firstname: a.Firstname, Lastname: a.Lastname, Street: a.Street, City: a.City, Region: a.Region,
		RegionID: a.RegionID, RegionCode: a.RegionCode, Postcode: a.Postcode, CountryID: a.CountryID,
		Telephone: a.Telephone, Email: cu.Email}
}

// fillCart builds a ready-to-order cart for a customer and returns its id.
func (w writeShop) fillCart(t *testing.T) (int64, model.Customer) {
	t.Helper()
	ctx := context.Background()
	cu := w.customerWithAddress(t)
	p := w.simpleInStock(t)
	cartID, err := w.c.CreateCustomerCart(ctx, cu.MagentoID)
	if err != nil || cartID == 0 {
		t.Fatalf("create cart: %d %v", cartID, err)
	}
	again, err := w.c.CreateCustomerCart(ctx, cu.MagentoID)
	if err != nil || again != cartID {
		t.Errorf("second create gave %d (%v), want the active cart %d", again, err, cartID)
	}
	item, err := w.c.AddCartItem(ctx, cartID, CartItemInput{SKU: p.SKU, Qty: 1})
	if err != nil || item.SKU != p.SKU || item.MagentoID == 0 {
		t.Fatalf("add item: %+v %v", item, err)
	}
	if item, err = w.c.UpdateCartItem(ctx, cartID, item.MagentoID, 2); err != nil || item.Qty != "2" {
		t.Fatalf("update item: %+v %v", item, err)
	}
	items, err := w.c.CartItems(ctx, cartID)
	if err != nil || len(items) != 1 || items[0].Qty != "2" {
		t.Fatalf("items: %+v %v", items, err)
	}
	addr := quoteAddress(cu)
	methods, err := w.c.EstimateShipping(ctx, cartID, addr)
	if err != nil || len(methods) == 0 {
		t.Fatalf("estimate: %v %v", methods, err)
	}
	pay, totals, err := w.c.SetShippingInformation(ctx, cartID, ShippingInformation{ShippingAddress: addr, BillingAddress: addr,
		CarrierCode: methods[0].CarrierCode, MethodCode: methods[0].MethodCode})
	if err != nil || len(pay) == 0 || !totals.BaseGrandTotal.Valid() || totals.BaseGrandTotal.Units <= 0 {
		t.Fatalf("shipping info: %v %+v %v", pay, totals, err)
	}
	if pm, err := w.c.PaymentMethods(ctx, cartID); err != nil || len(pm) != len(pay) {
		t.Fatalf("payment methods: %v %v", pm, err)
	}
	if tot, err := w.c.CartTotals(ctx, cartID); err != nil || tot.BaseGrandTotal != totals.BaseGrandTotal {
		t.Fatalf("totals: %+v %v", tot, err)
	}
	return cartID, cu
}

func (w writeShop) ordersForQuote(t *testing.T, cartID int64) []model.Order {
	t.Helper()
	page, err := w.c.Search(context.Background(), "orders", SearchCriteria{PageSize: 10}.Where("quote_id", "eq", strconv.FormatInt(cartID, 10)))
	if err != nil {
		t.Fatal(err)
	}
	var out []model.Order
	for _, raw := range page.Items {
		o, _ := MapOrder(raw)
		out = append(out, o)
	}
	return out
}

func TestCartToOrderFlow(t *testing.T) {
	w := newWriteShop(t)
	cartID, cu := w.fillCart(t)
	orderID, err := w.c.PlaceOrder(context.Background(), cartID, "checkmo")
	if err != nil || orderID == 0 {
		t.Fatalf("place order: %d %v", orderID, err)
	}
	orders := w.ordersForQuote(t, cartID)
	if len(orders) != 1 || orders[0].MagentoID != orderID || orders[0].CustomerID != cu.MagentoID || orders[0].Payment.Method != "checkmo" {
		t.Fatalf("orders for quote = %+v", orders)
	}
	if _, err := w.c.AddCartItem(context.Background(), cartID, CartItemInput{SKU: "x", Qty: 1}); !errors.Is(err, ErrNotFound) {
		t.Errorf("adding to a converted cart: %v", err)
	}
}

func TestPlaceOrderWithLostAnswerFindsTheOrderInsteadOfPlacingTwice(t *testing.T) {
	w := newWriteShop(t)
	cartID, _ := w.fillCart(t)
	w.sim.SetFaults(magentosim.Faults{DropWriteResponse: true, DropWritesN: 1})
	orderID, err := w.c.PlaceOrder(context.Background(), cartID, "checkmo")
	if err != nil || orderID == 0 {
		t.Fatalf("place order: %d %v", orderID, err)
	}
	orders := w.ordersForQuote(t, cartID)
	if len(orders) != 1 || orders[0].MagentoID != orderID {
		t.Fatalf("want exactly one order %d for quote %d, got %+v", orderID, cartID, orders)
	}
}

func TestDeleteCartItem(t *testing.T) {
	w := newWriteShop(t)
	ctx := context.Background()
	cu := w.customerWithAddress(t)
	cartID, err := w.c.CreateCustomerCart(ctx, cu.MagentoID)
	if err != nil {
		t.Fatal(err)
	}
	item, err := w.c.AddCartItem(ctx, cartID, CartItemInput{SKU: w.simpleInStock(t).SKU, Qty: 1})
	if err != nil {
		t.Fatal(err)
	}
	w.sim.SetFaults(magentosim.Faults{DropWriteResponse: true, DropWritesN: 1})
	if err := w.c.DeleteCartItem(ctx, cartID, item.MagentoID); err != nil {
		t.Fatalf("delete with lost answer: %v", err)
	}
	if items, err := w.c.CartItems(ctx, cartID); err != nil || len(items) != 0 {
		t.Errorf("items after delete: %+v %v", items, err)
	}
}

func (w writeShop) refundableOrder(t *testing.T) model.Order {
	t.Helper()
	page, err := w.c.Search(context.Background(), "orders", SearchCriteria{PageSize: 100}.Where("state", "in", "processing,complete"))
	if err != nil {
		t.Fatal(err)
	}
	for _, raw := range page.Items {
		o, err := MapOrder(raw)
		if err != nil || o.TotalRefunded.Units != 0 || len(o.Items) == 0 {
			continue
		}
		return o
	}
	t.Skip("no invoiced, unrefunded order in the simulated store")
	return model.Order{}
}

func (w writeShop) memosOf(t *testing.T, orderID int64) int {
	t.Helper()
	ids, err := w.c.creditMemoIDs(context.Background(), orderID)
	if err != nil {
		t.Fatal(err)
	}
	return len(ids)
}

func TestRefundWithLostAnswerFindsTheCreditMemo(t *testing.T) {
	w := newWriteShop(t)
	o := w.refundableOrder(t)
	before := w.memosOf(t, o.MagentoID)
	w.sim.SetFaults(magentosim.Faults{DropWriteResponse: true, DropWritesN: 1})
	it := o.Items[0]
	id, err := w.c.RefundOrder(context.Background(), o.MagentoID, RefundRequest{Items: []RefundItem{{OrderItemID: it.MagentoID, Qty: 1}}, Comment: "test"})
	if err != nil || id == 0 {
		t.Fatalf("refund: %d %v (%s)", id, err, HumanMessage(err))
	}
	if after := w.memosOf(t, o.MagentoID); after != before+1 {
		t.Errorf("credit memos %d → %d, want exactly one more", before, after)
	}
	var raw []byte
	if err := w.c.GetJSON(context.Background(), "creditmemo/"+strconv.FormatInt(id, 10), (*jsonRaw)(&raw)); err != nil {
		t.Fatal(err)
	}
	m, err := MapCreditMemo(raw)
	if err != nil || m.OrderID != o.MagentoID || len(m.Items) == 0 {
		t.Errorf("credit memo = %+v %v", m, err)
	}
}

type jsonRaw []byte

func (j *jsonRaw) UnmarshalJSON(b []byte) error { *j = append((*j)[:0], b...); return nil }

func TestCustomerCreateAndUpdate(t *testing.T) {
	w := newWriteShop(t)
	ctx := context.Background()
	yes := true
	w.sim.SetFaults(magentosim.Faults{DropWriteResponse: true, DropWritesN: 1})
	cu, err := w.c.CreateCustomer(ctx, CustomerInput{Email: "new.person@example.com", Firstname: "New", Lastname: "Person", WebsiteID: 1, IsSubscribed: &yes}, "")
	if err != nil || cu.MagentoID == 0 || cu.Email != "new.person@example.com" {
		t.Fatalf("create with lost answer: %+v %v", cu, err)
	}
	up, err := w.c.UpdateCustomer(ctx, cu.MagentoID, CustomerInput{Lastname: "Renamed", Extra: map[string]any{"taxvat": "DE123"}})
	if err != nil || up.Lastname != "Renamed" || up.Firstname != "New" || up.Email != cu.Email || up.Taxvat != "DE123" {
		t.Fatalf("update: %+v %v", up, err)
	}
	if _, err := w.c.CreateCustomer(ctx, CustomerInput{Email: "new.person@example.com", Firstname: "A", Lastname: "B", WebsiteID: 1}, ""); !errors.Is(err, ErrRejected) {
		t.Errorf("duplicate email: %v", err)
	}
}

func TestCountries(t *testing.T) {
	w := newWriteShop(t)
	cs, err := w.c.Countries(context.Background())
	if err != nil || len(cs) == 0 || cs[0].ID == "" || cs[0].Name == "" {
		t.Fatalf("countries: %+v %v", cs, err)
	}
}
