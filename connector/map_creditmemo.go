package connector

import (
	"encoding/json"

	"github.com/magedesk/magedesk/model"
)

// MapCreditMemo maps a credit memo as GET /V1/creditmemos and
// /V1/creditmemo/{id} send it.
func MapCreditMemo(raw json.RawMessage) (model.CreditMemo, error) {
	o, err := newRecord(raw)
	if err != nil {
		return model.CreditMemo{}, err
	}
	defer o.release()
	m := model.CreditMemo{
		MagentoID:          o.int("entity_id"),
		OrderID:            o.int("order_id"),
		InvoiceID:          o.int("invoice_id"),
		IncrementID:        o.str("increment_id"),
		State:              int(o.int("state")),
		StoreID:            o.int("store_id"),
		CreatedAt:          o.str("created_at"),
		UpdatedAt:          o.str("updated_at"),
		BaseCurrency:       o.str("base_currency_code"),
		OrderCurrency:      o.str("order_currency_code"),
		GrandTotal:         o.money("grand_total"),
		BaseGrandTotal:     o.money("base_grand_total"),
		Subtotal:           o.money("subtotal"),
		TaxAmount:          o.money("tax_amount"),
		ShippingAmount:     o.money("shipping_amount"),
		DiscountAmount:     o.money("discount_amount"),
		Adjustment:         o.money("adjustment"),
		AdjustmentPositive: o.money("adjustment_positive"),
		AdjustmentNegative: o.money("adjustment_negative"),
		Raw:                keepRaw(raw),
	}
	for _, it := range o.children("items") {
		m.Items = append(m.Items, model.CreditMemoItem{
			MagentoID:      it.int("entity_id"),
			OrderItemID:    it.int("order_item_id"),
			ProductID:      it.int("product_id"),
			SKU:            it.str("sku"),
			Name:           it.str("name"),
			Qty:            it.decimal("qty"),
			Price:          it.money("price"),
			RowTotal:       it.money("row_total"),
			TaxAmount:      it.money("tax_amount"),
			DiscountAmount: it.money("discount_amount"),
		})
	}
	for _, c := range o.children("comments") {
		if text := c.str("comment"); text != "" {
			m.Comments = append(m.Comments, text)
		}
	}
	return m, o.result("credit memo", m.MagentoID)
}
