package connector

import (
	"context"
	"testing"

	"github.com/magedesk/magedesk/connector/magentosim"
	"github.com/magedesk/magedesk/model"
)

func TestAddedLineFindsTheLineAnAddCreatedOrRaised(t *testing.T) {
	before := []model.CartItem{{MagentoID: 1, SKU: "A", Qty: "2"}, {MagentoID: 2, SKU: "B", Qty: "1"}}
	cases := []struct {
		name  string
		after []model.CartItem
		qty   float64
		want  int64 // 0 = not added
	}{
		{"new line", append(before[:2:2], model.CartItem{MagentoID: 3, SKU: "C", Qty: "1"}), 1, 3},
		{"existing line raised", []model.CartItem{{MagentoID: 1, SKU: "A", Qty: "2"}, {MagentoID: 2, SKU: "B", Qty: "3.0000"}}, 2, 2},
		{"nothing changed", before, 1, 0},
		{"raised by another amount (someone else's change)", []model.CartItem{{MagentoID: 1, SKU: "A", Qty: "5"}, before[1]}, 1, 0},
	}
	for _, tc := range cases {
		line, ok := AddedLine(before, tc.after, tc.qty)
		if got := map[bool]int64{true: line.MagentoID, false: 0}[ok]; got != tc.want {
			t.Errorf("%s: found line %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestAddCartItemCheckedAddsOnceWhenTheAnswerIsLost(t *testing.T) {
	w := newWriteShop(t)
	ctx := context.Background()
	cu := w.customerWithAddress(t)
	p := w.simpleInStock(t)
	cartID, err := w.c.CreateCustomerCart(ctx, cu.MagentoID)
	if err != nil {
		t.Fatal(err)
	}
	w.sim.SetFaults(magentosim.Faults{DropWriteResponse: true, DropWritesN: 1})
	line, err := w.c.AddCartItemChecked(ctx, cartID, CartItemInput{SKU: p.SKU, Qty: 3})
	if err != nil || line.SKU != p.SKU {
		t.Fatalf("add with a lost answer: %+v %v", line, err)
	}
	items, err := w.c.CartItems(ctx, cartID)
	if err != nil || len(items) != 1 || qtyOf(items[0].Qty) != 3 {
		t.Fatalf("cart lines after a lost answer: %+v %v (want one line of 3)", items, err)
	}
}

func TestPlaceOrderWithPONumberFindsTheOrderAfterALostAnswer(t *testing.T) {
	w := newWriteShop(t)
	ctx := context.Background()
	cartID, _ := w.fillCart(t)
	if _, err := w.c.PlaceOrderWith(ctx, cartID, PaymentInput{Method: "purchaseorder"}); err == nil {
		t.Fatal("purchase order without a number was placed")
	}
	w.sim.SetFaults(magentosim.Faults{DropWriteResponse: true, DropWritesN: 1})
	id, err := w.c.PlaceOrderWith(ctx, cartID, PaymentInput{Method: "purchaseorder", PONumber: "PO-9"})
	if err != nil || id == 0 {
		t.Fatalf("place with a lost answer: %d %v", id, err)
	}
	orders := w.ordersForQuote(t, cartID)
	if len(orders) != 1 || orders[0].MagentoID != id {
		t.Fatalf("orders for the cart: %d, want exactly the one returned (%d)", len(orders), id)
	}
	if found, ok, err := w.c.OrderForQuote(ctx, cartID); err != nil || !ok || found != id {
		t.Fatalf("OrderForQuote: %d %v %v", found, ok, err)
	}
	if o, err := w.c.GetOrder(ctx, id); err != nil || o.Payment == nil || o.Payment.Method != "purchaseorder" {
		t.Fatalf("order payment: %+v %v", o.Payment, err)
	}
}
