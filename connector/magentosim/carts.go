package magentosim

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Cart (quote) rendering: inactive quotes lose items and extension_attributes
// (Magento's LoadHandler returns early for them), guests get a customer block of nulls.

type cartExt struct {
	ShippingAssignments []cartAssignment `json:"shipping_assignments"`
}

type cartAssignment struct {
	Shipping cartShipping `json:"shipping"`
	Items    []*CartItem  `json:"items"`
}

type cartShipping struct {
	Address *QuoteAddress `json:"address"`
	Method  *string       `json:"method"`
}

type guestCustomer struct {
	Email     *string `json:"email"`
	Firstname *string `json:"firstname"`
	Lastname  *string `json:"lastname"`
}

type cartView struct {
	ID                  int64         `json:"id"`
	CreatedAt           string        `json:"created_at"`
	UpdatedAt           string        `json:"updated_at"`
	IsActive            bool          `json:"is_active"`
	IsVirtual           bool          `json:"is_virtual"`
	Items               *[]*CartItem  `json:"items,omitempty"`
	ItemsCount          int           `json:"items_count"`
	ItemsQty            float64       `json:"items_qty"`
	Customer            any           `json:"customer"`
	BillingAddress      *QuoteAddress `json:"billing_address,omitempty"`
	ReservedOrderID     string        `json:"reserved_order_id,omitempty"`
	OrigOrderID         int           `json:"orig_order_id"`
	Currency            CartCurrency  `json:"currency"`
	CustomerIsGuest     bool          `json:"customer_is_guest"`
	CustomerNoteNotify  bool          `json:"customer_note_notify"`
	CustomerTaxClassID  int           `json:"customer_tax_class_id"`
	StoreID             int           `json:"store_id"`
	ExtensionAttributes *cartExt      `json:"extension_attributes,omitempty"`
}

func (c *cart) itemsQty() float64 {
	q := 0.0
	for _, it := range c.Items {
		q += it.Qty
	}
	return q
}

// view renders the cart; the caller holds s.mu.
func (s *Store) cartView(c *cart) cartView {
	v := cartView{
		ID: c.ID, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt, IsActive: c.IsActive, IsVirtual: c.IsVirtual,
		ItemsCount: len(c.Items), ItemsQty: c.itemsQty(), ReservedOrderID: c.ReservedOrderID,
		BillingAddress: c.BillingAddress, CustomerIsGuest: c.CustomerID == 0, CustomerNoteNotify: true,
		CustomerTaxClassID: 3, StoreID: c.StoreID,
		Currency: CartCurrency{GlobalCurrencyCode: "USD", BaseCurrencyCode: c.Currency, StoreCurrencyCode: c.Currency,
			QuoteCurrencyCode: c.Currency, BaseToGlobalRate: c.rate, BaseToQuoteRate: 1},
	}
	if cu := s.customers.get(c.CustomerID); cu != nil {
		v.Customer = s.customerView(cu)
	} else if c.CustomerID == 0 && !c.IsActive && c.Email != "" && c.BillingAddress != nil {
		// placed guest quotes carry the checkout identity
		v.Customer = guestCustomer{Email: &c.Email, Firstname: &c.BillingAddress.Firstname, Lastname: &c.BillingAddress.Lastname}
	} else {
		v.Customer = guestCustomer{}
	}
	if c.IsActive {
		items := c.Items
		if items == nil {
			items = []*CartItem{}
		}
		v.Items = &items
		if !c.IsVirtual {
			addr := c.ShippingAddress
			if addr == nil {
				addr = &QuoteAddress{}
			}
			var m *string
			if c.ShippingMethod != "" {
				mm := c.ShippingMethod
				m = &mm
			}
			v.ExtensionAttributes = &cartExt{ShippingAssignments: []cartAssignment{{
				Shipping: cartShipping{Address: addr, Method: m}, Items: items,
			}}}
		}
	}
	return v
}

// customerView adds extension_attributes.is_subscribed from the newsletter table.
func (s *Store) customerView(c *Customer) *Customer {
	cp := *c
	sub := s.subsByCustomer[c.ID]
	cp.ExtensionAttributes = &CustomerExt{IsSubscribed: sub != nil && sub.SubscriberStatus == 1}
	return &cp
}

// addCartFields declares the quote table columns searchCriteria can use.
func addCartFields(s *Store) {
	f := s.carts.fields
	f["id"] = func(c *cart) fval { return numVal(float64(c.ID)) }
	f["entity_id"] = f["id"]
	f["created_at"] = func(c *cart) fval { return strVal(c.CreatedAt) }
	f["updated_at"] = func(c *cart) fval { return strVal(c.UpdatedAt) }
	b := func(v bool) fval {
		if v {
			return numVal(1)
		}
		return numVal(0)
	}
	f["is_active"] = func(c *cart) fval { return b(c.IsActive) }
	f["is_virtual"] = func(c *cart) fval { return b(c.IsVirtual) }
	f["customer_is_guest"] = func(c *cart) fval { return b(c.CustomerID == 0) }
	f["customer_id"] = func(c *cart) fval {
		if c.CustomerID == 0 {
			return fval{null: true}
		}
		return numVal(float64(c.CustomerID))
	}
	f["customer_email"] = func(c *cart) fval { return strVal(c.Email) }
	f["store_id"] = func(c *cart) fval { return numVal(float64(c.StoreID)) }
	f["items_count"] = func(c *cart) fval { return numVal(float64(len(c.Items))) }
	f["items_qty"] = func(c *cart) fval { return numVal(c.itemsQty()) }
	f["reserved_order_id"] = func(c *cart) fval { return strVal(c.ReservedOrderID) }
	f["orig_order_id"] = func(c *cart) fval { return numVal(0) }
	f["grand_total"] = func(c *cart) fval { return numVal(s.cartTotals(c).BaseGrandTotal) }
	f["subtotal"] = func(c *cart) fval { return numVal(s.cartTotals(c).Subtotal) }
}

// TotalsItem is an item of GET /V1/carts/{id}/totals.
type TotalsItem struct {
	ItemID               int64    `json:"item_id"`
	Price                float64  `json:"price"`
	BasePrice            float64  `json:"base_price"`
	Qty                  float64  `json:"qty"`
	RowTotal             float64  `json:"row_total"`
	BaseRowTotal         float64  `json:"base_row_total"`
	RowTotalWithDiscount float64  `json:"row_total_with_discount"`
	TaxAmount            float64  `json:"tax_amount"`
	BaseTaxAmount        float64  `json:"base_tax_amount"`
	TaxPercent           float64  `json:"tax_percent"`
	DiscountAmount       float64  `json:"discount_amount"`
	BaseDiscountAmount   float64  `json:"base_discount_amount"`
	DiscountPercent      float64  `json:"discount_percent"`
	PriceInclTax         float64  `json:"price_incl_tax"`
	BasePriceInclTax     float64  `json:"base_price_incl_tax"`
	RowTotalInclTax      float64  `json:"row_total_incl_tax"`
	BaseRowTotalInclTax  float64  `json:"base_row_total_incl_tax"`
	Options              string   `json:"options"`
	WeeeTaxAppliedAmount *float64 `json:"weee_tax_applied_amount"`
	WeeeTaxApplied       *string  `json:"weee_tax_applied"`
	Name                 string   `json:"name"`
}

// TotalSegment is a total_segments entry.
type TotalSegment struct {
	Code                string         `json:"code"`
	Title               string         `json:"title,omitempty"`
	Value               float64        `json:"value"`
	Area                string         `json:"area,omitempty"`
	ExtensionAttributes map[string]any `json:"extension_attributes,omitempty"`
}

// Totals is GET /V1/carts/{id}/totals.
type Totals struct {
	GrandTotal                 float64        `json:"grand_total"`
	BaseGrandTotal             float64        `json:"base_grand_total"`
	Subtotal                   float64        `json:"subtotal"`
	BaseSubtotal               float64        `json:"base_subtotal"`
	DiscountAmount             float64        `json:"discount_amount"`
	BaseDiscountAmount         float64        `json:"base_discount_amount"`
	SubtotalWithDiscount       float64        `json:"subtotal_with_discount"`
	BaseSubtotalWithDiscount   float64        `json:"base_subtotal_with_discount"`
	ShippingAmount             float64        `json:"shipping_amount"`
	BaseShippingAmount         float64        `json:"base_shipping_amount"`
	ShippingDiscountAmount     float64        `json:"shipping_discount_amount"`
	BaseShippingDiscountAmount float64        `json:"base_shipping_discount_amount"`
	TaxAmount                  float64        `json:"tax_amount"`
	BaseTaxAmount              float64        `json:"base_tax_amount"`
	WeeeTaxAppliedAmount       *float64       `json:"weee_tax_applied_amount"`
	ShippingTaxAmount          float64        `json:"shipping_tax_amount"`
	BaseShippingTaxAmount      float64        `json:"base_shipping_tax_amount"`
	SubtotalInclTax            float64        `json:"subtotal_incl_tax"`
	ShippingInclTax            float64        `json:"shipping_incl_tax"`
	BaseShippingInclTax        float64        `json:"base_shipping_incl_tax"`
	BaseCurrencyCode           string         `json:"base_currency_code"`
	QuoteCurrencyCode          string         `json:"quote_currency_code"`
	ItemsQty                   float64        `json:"items_qty"`
	Items                      []TotalsItem   `json:"items"`
	TotalSegments              []TotalSegment `json:"total_segments"`
}

// cartTotals computes totals. Quirk kept on purpose: grand_total excludes tax
// (CartTotalRepository subtracts it), base_grand_total does not.
func (s *Store) cartTotals(c *cart) Totals {
	w := websiteOf(c.StoreID)
	pct := taxPercent(w.ID)
	t := Totals{BaseCurrencyCode: c.Currency, QuoteCurrencyCode: c.Currency, ItemsQty: c.itemsQty(), Items: []TotalsItem{}}
	var sub, tax int64
	for _, it := range c.Items {
		p := toCents(it.Price)
		row := int64(float64(p) * it.Qty)
		tx := int64(float64(row)*pct/100 + 0.5)
		sub += row
		tax += tx
		opts := "[]"
		if it.ProductOption != nil && it.ProductOption.ExtensionAttributes != nil {
			if pr := s.productsBySKU[strings.ToLower(it.SKU)]; pr != nil {
				var labels []map[string]string
				for _, a := range []struct{ code, label string }{{attrColor, "Color"}, {attrSize, "Size"}} {
					if v, ok := pr.attrs[a.code]; ok {
						labels = append(labels, map[string]string{"value": optionLabel(v), "label": a.label})
					}
				}
				b, _ := json.Marshal(labels)
				opts = string(b)
			}
		}
		pit := p + int64(float64(p)*pct/100+0.5)
		t.Items = append(t.Items, TotalsItem{
			ItemID: it.ItemID, Price: money(p), BasePrice: money(p), Qty: it.Qty, RowTotal: money(row), BaseRowTotal: money(row),
			TaxAmount: money(tx), BaseTaxAmount: money(tx), TaxPercent: pct, PriceInclTax: money(pit), BasePriceInclTax: money(pit),
			RowTotalInclTax: money(row + tx), BaseRowTotalInclTax: money(row + tx), Options: opts, Name: it.Name,
		})
	}
	var ship int64
	if c.ShippingMethod != "" {
		ship, _ = shippingCents(c.ShippingMethod, sub, c.itemsQty())
	}
	t.Subtotal, t.BaseSubtotal = money(sub), money(sub)
	t.SubtotalWithDiscount, t.BaseSubtotalWithDiscount = money(sub), money(sub)
	t.ShippingAmount, t.BaseShippingAmount = money(ship), money(ship)
	t.ShippingInclTax, t.BaseShippingInclTax = money(ship), money(ship)
	t.TaxAmount, t.BaseTaxAmount = money(tax), money(tax)
	t.SubtotalInclTax = money(sub + tax)
	t.BaseGrandTotal = money(sub + ship + tax)
	t.GrandTotal = money(sub + ship) // grand total minus tax: Magento's quirk
	t.TotalSegments = []TotalSegment{{Code: "subtotal", Title: "Subtotal", Value: money(sub)}}
	if c.ShippingMethod != "" {
		t.TotalSegments = append(t.TotalSegments, TotalSegment{Code: "shipping",
			Title: fmt.Sprintf("Shipping & Handling (%s)", shippingMethods[c.ShippingMethod]), Value: money(ship)})
	}
	t.TotalSegments = append(t.TotalSegments,
		TotalSegment{Code: "tax", Title: "Tax", Value: money(tax), ExtensionAttributes: map[string]any{"tax_grandtotal_details": []any{}}},
		TotalSegment{Code: "grand_total", Title: "Grand Total", Value: money(sub + ship + tax), Area: "footer"})
	return t
}

func optionLabel(index int) string {
	for _, s := range sizes {
		if s.index == index {
			return s.label
		}
	}
	for _, c := range colors {
		if c.index == index {
			return c.label
		}
	}
	return fmt.Sprint(index)
}
