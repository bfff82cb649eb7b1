package connector

import (
	"encoding/json"
	"fmt"

	"github.com/magedesk/magedesk/model"
)

// MapCart maps a quote as carts/search and GET /V1/carts/{id} send it.
// Guests come with customer {email:null,…}; their email, when checkout
// started, is on the billing address, which we fall back to. Inactive
// carts come without items. Status is set to open for active carts and
// left empty otherwise: purchased/expired needs the orders, which the
// sync engine decides. Totals are not on the cart (see MapCartTotals).
func MapCart(raw json.RawMessage) (model.Cart, error) {
	o, err := newRecord(raw)
	if err != nil {
		return model.Cart{}, err
	}
	defer o.release()
	cust := o.child("customer")
	bill := o.child("billing_address")
	cur := o.child("currency")
	c := model.Cart{
		MagentoID:         o.int("id"),
		StoreID:           o.int("store_id"),
		CreatedAt:         o.str("created_at"),
		UpdatedAt:         o.str("updated_at"),
		ConvertedAt:       o.str("converted_at"),
		IsActive:          o.bool("is_active"),
		IsVirtual:         o.bool("is_virtual"),
		CustomerIsGuest:   o.bool("customer_is_guest"),
		CustomerID:        cust.int("id"),
		CustomerEmail:     firstNonEmpty(cust.str("email"), o.str("customer_email"), bill.str("email")),
		CustomerFirstname: firstNonEmpty(cust.str("firstname"), o.str("customer_firstname"), bill.str("firstname")),
		CustomerLastname:  firstNonEmpty(cust.str("lastname"), o.str("customer_lastname"), bill.str("lastname")),
		ItemsCount:        o.int("items_count"),
		ItemsQty:          o.decimal("items_qty"),
		ReservedOrderID:   o.str("reserved_order_id"),
		OrigOrderID:       o.int("orig_order_id"),
		BaseCurrency:      cur.str("base_currency_code"),
		QuoteCurrency:     cur.str("quote_currency_code"),
		Raw:               keepRaw(raw),
	}
	if c.CustomerID == 0 && o.raw("customer_id") != nil {
		c.CustomerID = o.int("customer_id")
	}
	if c.IsActive {
		c.Status = model.CartOpen
	}
	for _, it := range o.children("items") {
		c.Items = append(c.Items, mapCartItem(it))
	}
	return c, o.result("cart", c.MagentoID)
}

func mapCartItem(it *obj) model.CartItem {
	return model.CartItem{
		MagentoID:   it.int("item_id"),
		SKU:         it.str("sku"),
		Name:        it.str("name"),
		Qty:         it.decimal("qty"),
		Price:       it.money("price"),
		ProductType: it.str("product_type"),
		Options:     it.jsonText("product_option"),
	}
}

// MapCartTotals fills c's totals from GET /V1/carts/{id}/totals. Note
// Magento's quirk: /totals grand_total excludes tax, base_grand_total
// includes it; both are kept as sent.
func MapCartTotals(raw json.RawMessage, c *model.Cart) error {
	o, err := newRecord(raw)
	if err != nil {
		return fmt.Errorf("cart %d totals: %w", c.MagentoID, err)
	}
	defer o.release()
	c.GrandTotal = o.money("grand_total")
	c.BaseGrandTotal = o.money("base_grand_total")
	c.Subtotal = o.money("subtotal")
	c.TaxAmount = o.money("tax_amount")
	c.DiscountAmount = o.money("discount_amount")
	c.ShippingAmount = o.money("shipping_amount")
	if c.BaseCurrency == "" {
		c.BaseCurrency = o.str("base_currency_code")
	}
	if c.QuoteCurrency == "" {
		c.QuoteCurrency = o.str("quote_currency_code")
	}
	return o.result("cart totals", c.MagentoID)
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
