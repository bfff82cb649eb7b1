package app

import (
	"context"
	"strings"
	"testing"

	"github.com/magedesk/magedesk/connector"
	"github.com/magedesk/magedesk/connector/magentosim"
	"github.com/magedesk/magedesk/model"
)

// filledCart opens a cart for a customer without one and adds a product.
func (s actShop) filledCart(t *testing.T) (*CartSession, model.Product) {
	t.Helper()
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
	if _, err := s.core.AddCartLine(ctx, sess, connector.CartItemInput{SKU: p.SKU, Qty: 2}); err != nil {
		t.Fatal(err)
	}
	return sess, p
}

// shipTo sets the customer's first address and the first method offered.
func (s actShop) shipTo(t *testing.T, sess *CartSession) (Review, connector.ShippingMethod) {
	t.Helper()
	ctx := context.Background()
	addrs, email, err := s.core.CheckoutAddresses(ctx, sess)
	if err != nil || len(addrs) == 0 {
		t.Fatalf("addresses %v %v", addrs, err)
	}
	addr := QuoteAddressOf(addrs[0], email)
	methods, err := s.core.EstimateShipping(ctx, sess, addr)
	if err != nil || len(methods) == 0 {
		t.Fatalf("shipping methods %v %v", methods, err)
	}
	review, err := s.core.SetShipping(ctx, sess, addr, nil, methods[0])
	if err != nil {
		t.Fatal(err)
	}
	return review, methods[0]
}

func TestCartBecomesOneOrderEvenWhenThePlaceOrderAnswerIsLost(t *testing.T) {
	s := newActShop(t, false, false)
	ctx := context.Background()
	sess, p := s.filledCart(t)
	review, method := s.shipTo(t, sess)

	placeable := map[string]bool{}
	for _, pc := range review.Payments {
		placeable[pc.Code] = pc.Placeable
	}
	if !placeable["checkmo"] || !placeable["banktransfer"] {
		t.Fatalf("offline methods not offered as placeable: %+v", review.Payments)
	}
	wantShip := method.Amount.Units
	if review.Totals.ShippingAmount.Units != wantShip || review.Totals.Subtotal.Units != p.Price.Units*2 {
		t.Fatalf("review totals %+v, shipping %s", review.Totals, method.Amount.Text)
	}

	notes := &recordingNotifier{}
	s.core.SetNotifier(notes)
	ordersBefore := len(s.sim.Snapshot().IDs(magentosim.EntityOrders))
	s.sim.SetFaults(magentosim.Faults{DropWriteResponse: true, DropWritesN: 1})
	placed, err := s.core.PlaceOrder(ctx, sess, connector.PaymentInput{Method: "checkmo"})
	if err != nil {
		t.Fatal(err)
	}
	if n := s.ordersOfQuote(t, sess.CartID); n != 1 {
		t.Fatalf("Magento has %d orders for cart %d, want exactly 1", n, sess.CartID)
	}
	if got := len(s.sim.Snapshot().IDs(magentosim.EntityOrders)); got != ordersBefore+1 {
		t.Fatalf("Magento has %d orders, had %d", got, ordersBefore)
	}
	if placed.LocalID == 0 || placed.IncrementID == "" || placed.Order.QuoteID != sess.CartID {
		t.Fatalf("placed order %+v", placed)
	}
	if len(notes.notes) != 1 || !strings.Contains(notes.notes[0], "#"+placed.IncrementID) {
		t.Fatalf("notifications after placing: %q, want one naming #%s", notes.notes, placed.IncrementID)
	}
	// Pressing Place order again (say after an unconfirmed attempt) gives
	// the same order and creates none.
	again, err := s.core.PlaceOrder(ctx, sess, connector.PaymentInput{Method: "checkmo"})
	if err != nil || again.OrderID != placed.OrderID {
		t.Fatalf("second Place order: %+v %v, want order %d again", again, err, placed.OrderID)
	}
	if n := s.ordersOfQuote(t, sess.CartID); n != 1 {
		t.Fatalf("Magento has %d orders for the cart after a second Place order", n)
	}
	if len(notes.notes) != 1 {
		t.Fatalf("the second Place order placed nothing but notified: %q", notes.notes)
	}
	stored := s.storedCart(t, sess.CartID)
	if stored.IsActive {
		t.Fatal("stored cart still active after the order")
	}
	status, orderID, err := s.core.Store.CartStatusOf(ctx, s.ch.ID, sess.CartID)
	if err != nil {
		t.Fatal(err)
	}
	if status != model.CartPurchased || orderID != placed.OrderID {
		t.Fatalf("cart status %q linked to order %d, want purchased → %d", status, orderID, placed.OrderID)
	}
}

func TestPlaceOrderRefusalsAreShownAtTheirField(t *testing.T) {
	s := newActShop(t, false, false)
	ctx := context.Background()
	sess, _ := s.filledCart(t)
	// Magento refuses an order without shipping method: shown at the shipping method.
	_, err := s.core.PlaceOrder(ctx, sess, connector.PaymentInput{Method: "checkmo"})
	wantField(t, err, "shipping_method")
	if n := s.ordersOfQuote(t, sess.CartID); n != 0 {
		t.Fatalf("refused placement created %d orders", n)
	}
	s.shipTo(t, sess)
	_, err = s.core.PlaceOrder(ctx, sess, connector.PaymentInput{Method: "purchaseorder"})
	wantField(t, err, "po_number")
	_, err = s.core.PlaceOrder(ctx, sess, connector.PaymentInput{Method: "braintree"})
	wantField(t, err, "payment")
	// An address without a phone number is caught at the phone field.
	addrs, email, _ := s.core.CheckoutAddresses(ctx, sess)
	bad := QuoteAddressOf(addrs[0], email)
	bad.Telephone = ""
	_, err = s.core.EstimateShipping(ctx, sess, bad)
	wantField(t, err, "telephone")

	placed, err := s.core.PlaceOrder(ctx, sess, connector.PaymentInput{Method: "purchaseorder", PONumber: "PO-778"})
	if err != nil {
		t.Fatal(err)
	}
	if placed.Order.Payment == nil || placed.Order.Payment.Method != "purchaseorder" {
		t.Fatalf("payment %+v", placed.Order.Payment)
	}
}
