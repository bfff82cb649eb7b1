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

// Checkout and refund calls: totals, shipping, payment, order placement
// and offline refunds. Placement and refunds are not idempotent; when
// their answer is lost we look for what they would have created before
// deciding anything.

// Totals is GET /V1/carts/{id}/totals (active carts only). GrandTotal
// excludes tax there (Magento's quirk); BaseGrandTotal includes it.
type Totals struct {
	GrandTotal, BaseGrandTotal  model.Money
	Subtotal, SubtotalInclTax   model.Money
	DiscountAmount              model.Money
	ShippingAmount, TaxAmount   model.Money
	BaseCurrency, QuoteCurrency string
	ItemsQty                    string
	Segments                    []TotalSegment
}

// TotalSegment is one line of the totals box ("subtotal", "shipping",
// "tax", "grand_total").
type TotalSegment struct {
	Code, Title string
	Value       model.Money
}

func mapTotals(raw json.RawMessage) (Totals, error) {
	o, err := newRecord(raw)
	if err != nil {
		return Totals{}, err
	}
	t := Totals{
		GrandTotal: o.money("grand_total"), BaseGrandTotal: o.money("base_grand_total"),
		Subtotal: o.money("subtotal"), SubtotalInclTax: o.money("subtotal_incl_tax"),
		DiscountAmount: o.money("discount_amount"), ShippingAmount: o.money("shipping_amount"), TaxAmount: o.money("tax_amount"),
		BaseCurrency: o.str("base_currency_code"), QuoteCurrency: o.str("quote_currency_code"), ItemsQty: o.decimal("items_qty"),
	}
	for _, s := range o.children("total_segments") {
		t.Segments = append(t.Segments, TotalSegment{Code: s.str("code"), Title: s.str("title"), Value: s.money("value")})
	}
	return t, o.result("totals", 0)
}

// CartTotals reads an active cart's totals.
func (c *Client) CartTotals(ctx context.Context, cartID int64) (Totals, error) {
	var raw json.RawMessage
	if err := c.GetJSON(ctx, fmt.Sprintf("carts/%d/totals", cartID), &raw); err != nil {
		return Totals{}, fmt.Errorf("cart %d totals: %w", cartID, err)
	}
	return mapTotals(raw)
}

// QuoteAddress is a checkout address (Magento's quote address). Region,
// RegionID, RegionCode, CountryID, Street, Telephone, Postcode, City,
// Firstname, Lastname and Email are required for placing an order.
type QuoteAddress struct {
	Firstname         string   `json:"firstname"`
	Lastname          string   `json:"lastname"`
	Company           string   `json:"company,omitempty"`
	Street            []string `json:"street"`
	City              string   `json:"city"`
	Region            string   `json:"region,omitempty"`
	RegionID          int64    `json:"region_id,omitempty"`
	RegionCode        string   `json:"region_code,omitempty"`
	Postcode          string   `json:"postcode"`
	CountryID         string   `json:"country_id"`
	Telephone         string   `json:"telephone"`
	Email             string   `json:"email,omitempty"`
	CustomerAddressID int64    `json:"customer_address_id,omitempty"`
	SameAsBilling     int      `json:"same_as_billing,omitempty"`
}

// ShippingMethod is one estimate from estimate-shipping-methods.
type ShippingMethod struct {
	CarrierCode, MethodCode    string
	CarrierTitle, MethodTitle  string
	Amount, BaseAmount         model.Money
	PriceExclTax, PriceInclTax model.Money
	Available                  bool
	ErrorMessage               string
}

// EstimateShipping lists the shipping methods for an address. It
// changes nothing, so a lost answer is simply asked again.
func (c *Client) EstimateShipping(ctx context.Context, cartID int64, addr QuoteAddress) ([]ShippingMethod, error) {
	var raw []json.RawMessage
	route := fmt.Sprintf("carts/%d/estimate-shipping-methods", cartID)
	if err := c.retryIdempotent(ctx, http.MethodPost, route, map[string]any{"address": addr}, &raw); err != nil {
		return nil, fmt.Errorf("estimate shipping for cart %d: %w", cartID, err)
	}
	return mapShippingMethods(raw)
}

func mapShippingMethods(raw []json.RawMessage) ([]ShippingMethod, error) {
	out := make([]ShippingMethod, 0, len(raw))
	var errs []error
	for _, r := range raw {
		o, err := newRecord(r)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, ShippingMethod{
			CarrierCode: o.str("carrier_code"), MethodCode: o.str("method_code"),
			CarrierTitle: o.str("carrier_title"), MethodTitle: o.str("method_title"),
			Amount: o.money("amount"), BaseAmount: o.money("base_amount"),
			PriceExclTax: o.money("price_excl_tax"), PriceInclTax: o.money("price_incl_tax"),
			Available: o.bool("available"), ErrorMessage: o.str("error_message"),
		})
		errs = append(errs, o.result("shipping method", 0))
	}
	return out, errors.Join(errs...)
}

// ShippingInformation is the body of shipping-information.
type ShippingInformation struct {
	ShippingAddress QuoteAddress
	BillingAddress  QuoteAddress
	CarrierCode     string
	MethodCode      string
}

// PaymentMethod is an available payment method.
type PaymentMethod struct{ Code, Title string }

// SetShippingInformation sets both addresses and the shipping method;
// Magento answers with the payment methods and the new totals. Setting
// the same information twice is harmless, so a lost answer is repeated.
func (c *Client) SetShippingInformation(ctx context.Context, cartID int64, info ShippingInformation) ([]PaymentMethod, Totals, error) {
	body := shippingInformationBody(info)
	var resp struct {
		PaymentMethods []struct{ Code, Title string } `json:"payment_methods"`
		Totals         json.RawMessage                `json:"totals"`
	}
	if err := c.retryIdempotent(ctx, http.MethodPost, fmt.Sprintf("carts/%d/shipping-information", cartID), body, &resp); err != nil {
		return nil, Totals{}, fmt.Errorf("set shipping information on cart %d: %w", cartID, err)
	}
	methods := make([]PaymentMethod, len(resp.PaymentMethods))
	for i, m := range resp.PaymentMethods {
		methods[i] = PaymentMethod(m)
	}
	totals, err := mapTotals(resp.Totals)
	return methods, totals, err
}

func shippingInformationBody(info ShippingInformation) map[string]any {
	return map[string]any{"addressInformation": map[string]any{
		"shipping_address":      info.ShippingAddress,
		"billing_address":       info.BillingAddress,
		"shipping_carrier_code": info.CarrierCode,
		"shipping_method_code":  info.MethodCode,
	}}
}

// PaymentMethods lists the payment methods available for a cart.
func (c *Client) PaymentMethods(ctx context.Context, cartID int64) ([]PaymentMethod, error) {
	var resp []struct{ Code, Title string }
	if err := c.GetJSON(ctx, fmt.Sprintf("carts/%d/payment-methods", cartID), &resp); err != nil {
		return nil, fmt.Errorf("payment methods of cart %d: %w", cartID, err)
	}
	out := make([]PaymentMethod, len(resp))
	for i, m := range resp {
		out[i] = PaymentMethod(m)
	}
	return out, nil
}

// PlaceOrder turns the cart into an order paid with paymentMethod
// ("checkmo", …) and returns the order's entity_id. If the answer is
// lost, the order is looked up by quote_id: found → its id; not found
// and the cart still active → placement did not happen and is tried once
// more; otherwise the error wraps ErrOutcomeUnknown.
func (c *Client) PlaceOrder(ctx context.Context, cartID int64, paymentMethod string) (int64, error) {
	route := fmt.Sprintf("carts/%d/order", cartID)
	body := map[string]any{"paymentMethod": map[string]any{"method": paymentMethod}}
	var id flexID
	err := c.DoWrite(ctx, http.MethodPut, route, body, &id)
	if err == nil {
		return int64(id), nil
	}
	if !errors.Is(err, ErrOutcomeUnknown) {
		return 0, fmt.Errorf("place order for cart %d: %w", cartID, err)
	}
	c.log.WarnContext(ctx, "order placement answer lost; looking the order up by quote_id", "cart", cartID)
	if orderID, found, lerr := c.orderForQuote(ctx, cartID); lerr == nil && found {
		return orderID, nil
	} else if lerr != nil {
		return 0, fmt.Errorf("place order for cart %d: %w (and the check failed: %v)", cartID, err, lerr)
	}
	active, aerr := c.cartActive(ctx, cartID)
	if aerr != nil || !active {
		return 0, fmt.Errorf("place order for cart %d: no order found but the cart is no longer open: %w", cartID, err)
	}
	if err := c.DoWrite(ctx, http.MethodPut, route, body, &id); err != nil {
		if errors.Is(err, ErrOutcomeUnknown) {
			if orderID, found, _ := c.orderForQuote(ctx, cartID); found {
				return orderID, nil
			}
		}
		return 0, fmt.Errorf("place order for cart %d (second try after a lost answer): %w", cartID, err)
	}
	return int64(id), nil
}

// OrderForQuote finds the order placed from a cart (quote_id), if any.
func (c *Client) orderForQuote(ctx context.Context, cartID int64) (int64, bool, error) {
	page, err := c.Search(ctx, "orders", SearchCriteria{PageSize: 1, Fields: "items[entity_id],total_count"}.
		Where("quote_id", "eq", strconv.FormatInt(cartID, 10)))
	if err != nil {
		return 0, false, err
	}
	if len(page.Items) == 0 {
		return 0, false, nil
	}
	var o struct {
		EntityID flexID `json:"entity_id"`
	}
	if err := json.Unmarshal(page.Items[0], &o); err != nil {
		return 0, false, fmt.Errorf("order for quote %d: %w", cartID, err)
	}
	return int64(o.EntityID), true, nil
}

func (c *Client) cartActive(ctx context.Context, cartID int64) (bool, error) {
	var raw json.RawMessage
	if err := c.GetJSON(ctx, fmt.Sprintf("carts/%d", cartID), &raw); err != nil {
		return false, err
	}
	cart, err := MapCart(raw)
	return cart.IsActive, err
}

// RefundItem is one order line to refund.
type RefundItem struct {
	OrderItemID int64   `json:"order_item_id"`
	Qty         float64 `json:"qty"`
}

// RefundRequest is the body of POST /V1/order/{id}/refund (offline).
type RefundRequest struct {
	Items              []RefundItem
	Notify             bool
	Comment            string
	CommentVisible     bool
	ShippingAmount     *float64 // nil = Magento's default (the refundable shipping)
	AdjustmentPositive float64
	AdjustmentNegative float64
	ReturnToStockItems []int64
}

func (r RefundRequest) body() map[string]any {
	args := map[string]any{"adjustment_positive": r.AdjustmentPositive, "adjustment_negative": r.AdjustmentNegative}
	if r.ShippingAmount != nil {
		args["shipping_amount"] = *r.ShippingAmount
	}
	if len(r.ReturnToStockItems) > 0 {
		args["extension_attributes"] = map[string]any{"return_to_stock_items": r.ReturnToStockItems}
	}
	b := map[string]any{"items": r.Items, "notify": r.Notify, "arguments": args}
	if r.Comment != "" {
		vis := 0
		if r.CommentVisible {
			vis = 1
		}
		b["appendComment"] = true
		b["comment"] = map[string]any{"comment": r.Comment, "is_visible_on_front": vis}
	}
	return b
}

// RefundOrder creates an offline credit memo for an invoiced order and
// returns its id. If the answer is lost, the order's credit memos are
// compared with those that existed before: a new one is the answer; none
// means the refund did not happen and it is tried once more.
func (c *Client) RefundOrder(ctx context.Context, orderID int64, req RefundRequest) (int64, error) {
	before, err := c.creditMemoIDs(ctx, orderID)
	if err != nil {
		return 0, fmt.Errorf("refund order %d: list existing credit memos: %w", orderID, err)
	}
	route := fmt.Sprintf("order/%d/refund", orderID)
	for attempt := 1; ; attempt++ {
		var id flexID
		err := c.DoWrite(ctx, http.MethodPost, route, req.body(), &id)
		if err == nil {
			return int64(id), nil
		}
		if !errors.Is(err, ErrOutcomeUnknown) {
			return 0, fmt.Errorf("refund order %d: %w", orderID, err)
		}
		c.log.WarnContext(ctx, "refund answer lost; checking the order's credit memos", "order", orderID)
		after, lerr := c.creditMemoIDs(ctx, orderID)
		if lerr != nil {
			return 0, fmt.Errorf("refund order %d: %w (and the check failed: %v)", orderID, err, lerr)
		}
		for id := range after {
			if !before[id] {
				return id, nil
			}
		}
		if attempt == 2 {
			return 0, fmt.Errorf("refund order %d: %w", orderID, err)
		}
	}
}

func (c *Client) creditMemoIDs(ctx context.Context, orderID int64) (map[int64]bool, error) {
	page, err := c.Search(ctx, "creditmemos", SearchCriteria{PageSize: 300, Fields: "items[entity_id],total_count"}.
		Where("order_id", "eq", strconv.FormatInt(orderID, 10)))
	if err != nil {
		return nil, err
	}
	ids := make(map[int64]bool, len(page.Items))
	for _, raw := range page.Items {
		var m struct {
			EntityID flexID `json:"entity_id"`
		}
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, err
		}
		ids[int64(m.EntityID)] = true
	}
	return ids, nil
}
