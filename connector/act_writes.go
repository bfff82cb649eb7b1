package connector

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/magedesk/magedesk/model"
)

// Write helpers for "act on the store" that the base write calls
// (writes.go, writes_checkout.go) leave to the caller: finding a
// customer's live cart before touching it, adding an item without ever
// doubling it after a lost answer, and placing an order with a payment
// that needs extra data (a purchase order number).

// ActiveCartOf returns the id of the customer's active cart (their live
// storefront cart), 0 when they have none. It only reads, so the app can
// warn the owner before POST customers/{id}/carts hands that cart back.
func (c *Client) ActiveCartOf(ctx context.Context, customerID int64) (int64, error) {
	sc := SearchCriteria{PageSize: 1, CurrentPage: 1, Fields: "items[id],total_count"}.
		Where("customer_id", "eq", strconv.FormatInt(customerID, 10)).
		Where("is_active", "eq", "1")
	page, err := c.Search(ctx, "carts/search", sc)
	if err != nil {
		return 0, fmt.Errorf("find active cart of customer %d: %w", customerID, err)
	}
	if len(page.Items) == 0 {
		return 0, nil
	}
	var v struct {
		ID flexID `json:"id"`
	}
	if err := json.Unmarshal(page.Items[0], &v); err != nil {
		return 0, fmt.Errorf("find active cart of customer %d: %w", customerID, err)
	}
	return int64(v.ID), nil
}

// GetCart reads one cart (and, while it is active, its totals) mapped like the sync engine maps it.
func (c *Client) GetCart(ctx context.Context, cartID int64) (model.Cart, error) {
	var raw json.RawMessage
	if err := c.GetJSON(ctx, fmt.Sprintf("carts/%d", cartID), &raw); err != nil {
		return model.Cart{}, fmt.Errorf("read cart %d: %w", cartID, err)
	}
	cart, err := MapCart(raw)
	if err != nil {
		return cart, fmt.Errorf("read cart %d: %w", cartID, err)
	}
	if cart.IsActive {
		var totals json.RawMessage
		if err := c.GetJSON(ctx, fmt.Sprintf("carts/%d/totals", cartID), &totals); err != nil {
			return cart, fmt.Errorf("read cart %d totals: %w", cartID, err)
		}
		if err := MapCartTotals(totals, &cart); err != nil {
			return cart, fmt.Errorf("read cart %d totals: %w", cartID, err)
		}
		// The store keeps earlier totals unless told these are fresh (as the engine does).
		cart.TotalsUpdatedAt = cart.UpdatedAt
	}
	return cart, nil
}

// AddCartItemChecked adds a line like AddCartItem, but when the answer is
// lost it re-reads the cart and compares it with the lines from before
// the call: if the quantity went up by in.Qty the add happened and that
// line is returned; otherwise it is sent once more. The quantity therefore
// never doubles, whatever the network does.
func (c *Client) AddCartItemChecked(ctx context.Context, cartID int64, in CartItemInput) (model.CartItem, error) {
	before, err := c.CartItems(ctx, cartID)
	if err != nil {
		return model.CartItem{}, fmt.Errorf("add %s to cart %d: read lines first: %w", in.SKU, cartID, err)
	}
	for attempt := 1; ; attempt++ {
		item, err := c.AddCartItem(ctx, cartID, in)
		if err == nil || !errors.Is(err, ErrOutcomeUnknown) {
			return item, err
		}
		c.log.WarnContext(ctx, "add item answer lost; checking the cart before any retry", "cart", cartID, "sku", in.SKU)
		after, lerr := c.CartItems(ctx, cartID)
		if lerr != nil {
			return model.CartItem{}, fmt.Errorf("%w (and reading the cart to check failed: %v)", err, lerr)
		}
		if line, ok := AddedLine(before, after, in.Qty); ok {
			return line, nil
		}
		if attempt == 2 {
			return model.CartItem{}, err
		}
	}
}

// AddedLine finds the line an "add item" of qty created or raised,
// comparing the cart's lines before and after.
func AddedLine(before, after []model.CartItem, qty float64) (model.CartItem, bool) {
	old := make(map[int64]float64, len(before))
	for _, it := range before {
		old[it.MagentoID] = qtyOf(it.Qty)
	}
	for _, it := range after {
		prev, existed := old[it.MagentoID]
		grew := qtyOf(it.Qty) - prev
		if (!existed && qtyOf(it.Qty) > 0) || (existed && grew > 0 && approxEqual(grew, qty)) {
			return it, true
		}
	}
	return model.CartItem{}, false
}

func qtyOf(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

func approxEqual(a, b float64) bool {
	d := a - b
	return d < 1e-6 && d > -1e-6
}

// PaymentInput is the payment method of a placement; PONumber is required
// by Magento's "purchaseorder" method.
type PaymentInput struct {
	Method   string
	PONumber string
}

func (p PaymentInput) body() map[string]any {
	m := map[string]any{"method": p.Method}
	if p.PONumber != "" {
		m["po_number"] = p.PONumber
	}
	return map[string]any{"paymentMethod": m}
}

// PlaceOrderWith places the order like PlaceOrder (same lost-answer rule:
// look the order up by quote_id before sending again) with a payment that
// may carry a purchase order number.
func (c *Client) PlaceOrderWith(ctx context.Context, cartID int64, pay PaymentInput) (int64, error) {
	if pay.PONumber == "" {
		return c.PlaceOrder(ctx, cartID, pay.Method)
	}
	route := fmt.Sprintf("carts/%d/order", cartID)
	for attempt := 1; ; attempt++ {
		var id flexID
		err := c.DoWrite(ctx, http.MethodPut, route, pay.body(), &id)
		if err == nil {
			return int64(id), nil
		}
		if !errors.Is(err, ErrOutcomeUnknown) {
			return 0, fmt.Errorf("place order for cart %d: %w", cartID, err)
		}
		orderID, found, lerr := c.orderForQuote(ctx, cartID)
		if lerr != nil {
			return 0, fmt.Errorf("place order for cart %d: %w (and the check failed: %v)", cartID, err, lerr)
		}
		if found {
			return orderID, nil
		}
		if active, aerr := c.cartActive(ctx, cartID); attempt == 2 || aerr != nil || !active {
			return 0, fmt.Errorf("place order for cart %d: %w", cartID, err)
		}
	}
}

// OrderForQuote finds the order placed from a cart (quote_id), if any.
func (c *Client) OrderForQuote(ctx context.Context, cartID int64) (int64, bool, error) {
	return c.orderForQuote(ctx, cartID)
}

// GetOrder reads one order by entity_id.
func (c *Client) GetOrder(ctx context.Context, orderID int64) (model.Order, error) {
	var raw json.RawMessage
	if err := c.GetJSON(ctx, fmt.Sprintf("orders/%d", orderID), &raw); err != nil {
		return model.Order{}, fmt.Errorf("read order %d: %w", orderID, err)
	}
	return MapOrder(raw)
}

// GetCreditMemo reads one credit memo (the route is singular in Magento).
func (c *Client) GetCreditMemo(ctx context.Context, id int64) (model.CreditMemo, error) {
	var raw json.RawMessage
	if err := c.GetJSON(ctx, fmt.Sprintf("creditmemo/%d", id), &raw); err != nil {
		return model.CreditMemo{}, fmt.Errorf("read credit memo %d: %w", id, err)
	}
	return MapCreditMemo(raw)
}

// GetCustomer reads one customer.
func (c *Client) GetCustomer(ctx context.Context, id int64) (model.Customer, error) {
	var raw json.RawMessage
	if err := c.GetJSON(ctx, fmt.Sprintf("customers/%d", id), &raw); err != nil {
		return model.Customer{}, fmt.Errorf("read customer %d: %w", id, err)
	}
	return MapCustomer(raw)
}

// PutCustomer replaces the customer with body (a whole Magento customer
// object, as the two-way merge builds it). Idempotent: a lost answer is
// sent once more.
func (c *Client) PutCustomer(ctx context.Context, id int64, customer map[string]any) (model.Customer, error) {
	var raw json.RawMessage
	route := fmt.Sprintf("customers/%d", id)
	if err := c.retryIdempotent(ctx, http.MethodPut, route, map[string]any{"customer": customer}, &raw); err != nil {
		return model.Customer{}, fmt.Errorf("update customer %d: %w", id, err)
	}
	return MapCustomer(raw)
}

// SearchProducts reads one page of the catalogue whose name or SKU
// contains text ("" = every product), for refreshing the product picker.
func (c *Client) SearchProducts(ctx context.Context, text string, pageSize, page int) ([]model.Product, int, error) {
	sc := SearchCriteria{PageSize: pageSize, CurrentPage: page}
	if text != "" {
		like := "%" + text + "%"
		sc.Groups = append(sc.Groups, []Filter{{Field: "name", Value: like, Condition: "like"}, {Field: "sku", Value: like, Condition: "like"}})
	}
	res, err := c.Search(ctx, "products", sc)
	if err != nil {
		return nil, 0, fmt.Errorf("search products %q: %w", text, err)
	}
	out := make([]model.Product, 0, len(res.Items))
	var errs []error
	for _, raw := range res.Items {
		p, err := MapProduct(raw)
		if err != nil {
			errs = append(errs, err)
		}
		if p.MagentoID != 0 {
			out = append(out, p)
		}
	}
	return out, int(res.TotalCount), errors.Join(errs...)
}
