package connector

import (
	"encoding/json"

	"github.com/magedesk/magedesk/model"
)

// MapOrder maps an order as GET /V1/orders and /V1/orders/{id} send it.
// Items keep parent AND child lines (configurable/bundle children have
// parent_item_id). The shipping address and method live only in
// extension_attributes.shipping_assignments[0].shipping.
func MapOrder(raw json.RawMessage) (model.Order, error) {
	o, err := newRecord(raw)
	if err != nil {
		return model.Order{}, err
	}
	defer o.release()
	ord := model.Order{
		MagentoID:         o.int("entity_id"),
		IncrementID:       o.str("increment_id"),
		QuoteID:           o.int("quote_id"),
		StoreID:           o.int("store_id"),
		StoreName:         o.str("store_name"),
		CustomerID:        o.int("customer_id"),
		CustomerIsGuest:   o.bool("customer_is_guest"),
		CustomerGroupID:   o.int("customer_group_id"),
		CustomerEmail:     o.str("customer_email"),
		CustomerFirstname: o.str("customer_firstname"),
		CustomerLastname:  o.str("customer_lastname"),
		State:             o.str("state"),
		Status:            o.str("status"),
		CreatedAt:         o.str("created_at"),
		UpdatedAt:         o.str("updated_at"),
		BaseCurrency:      o.str("base_currency_code"),
		OrderCurrency:     o.str("order_currency_code"),
		GrandTotal:        o.money("grand_total"),
		BaseGrandTotal:    o.money("base_grand_total"),
		Subtotal:          o.money("subtotal"),
		TaxAmount:         o.money("tax_amount"),
		ShippingAmount:    o.money("shipping_amount"),
		DiscountAmount:    o.money("discount_amount"),
		TotalPaid:         o.money("total_paid"),
		TotalInvoiced:     o.money("total_invoiced"),
		TotalRefunded:     o.money("total_refunded"),
		BaseTotalRefunded: o.money("base_total_refunded"),
		TotalDue:          o.money("total_due"),
		TotalQtyOrdered:   o.decimal("total_qty_ordered"),
		TotalItemCount:    o.int("total_item_count"),
		ShippingDesc:      o.str("shipping_description"),
		RemoteIP:          o.str("remote_ip"),
		Raw:               keepRaw(raw),
	}
	for _, it := range o.children("items") {
		ord.Items = append(ord.Items, mapOrderItem(it))
	}
	if b := o.child("billing_address"); b != nil {
		a := mapOrderAddress(b, "billing")
		ord.BillingAddress = &a
	}
	if sa := o.child("extension_attributes").children("shipping_assignments"); len(sa) > 0 {
		ship := sa[0].child("shipping")
		ord.ShippingMethod = ship.str("method")
		if addr := ship.child("address"); addr != nil {
			a := mapOrderAddress(addr, "shipping")
			ord.ShippingAddress = &a
		}
	}
	if ord.ShippingMethod == "" {
		ord.ShippingMethod = o.str("shipping_method") // pre-2.1 / some modules
	}
	if p := o.child("payment"); p != nil {
		pay := mapPayment(p)
		ord.Payment = &pay
	}
	for _, h := range o.children("status_histories") {
		ord.StatusHistory = append(ord.StatusHistory, model.StatusHistory{
			MagentoID:          h.int("entity_id"),
			Comment:            h.str("comment"),
			Status:             h.str("status"),
			EntityName:         h.str("entity_name"),
			CreatedAt:          h.str("created_at"),
			IsCustomerNotified: h.bool("is_customer_notified"),
			IsVisibleOnFront:   h.bool("is_visible_on_front"),
		})
	}
	return ord, o.result("order", ord.MagentoID)
}

func mapOrderItem(it *obj) model.OrderItem {
	return model.OrderItem{
		MagentoID:      it.int("item_id"),
		ParentItemID:   it.int("parent_item_id"),
		QuoteItemID:    it.int("quote_item_id"),
		ProductID:      it.int("product_id"),
		ProductType:    it.str("product_type"),
		SKU:            it.str("sku"),
		Name:           it.str("name"),
		QtyOrdered:     it.decimal("qty_ordered"),
		QtyInvoiced:    it.decimal("qty_invoiced"),
		QtyShipped:     it.decimal("qty_shipped"),
		QtyRefunded:    it.decimal("qty_refunded"),
		QtyCanceled:    it.decimal("qty_canceled"),
		Price:          it.money("price"),
		BasePrice:      it.money("base_price"),
		OriginalPrice:  it.money("original_price"),
		RowTotal:       it.money("row_total"),
		BaseRowTotal:   it.money("base_row_total"),
		TaxAmount:      it.money("tax_amount"),
		DiscountAmount: it.money("discount_amount"),
		AmountRefunded: it.money("amount_refunded"),
		ProductOption:  it.jsonText("product_option"),
	}
}

func mapOrderAddress(a *obj, defaultType string) model.OrderAddress {
	r := readRegion(a)
	t := a.str("address_type")
	if t == "" {
		t = defaultType
	}
	return model.OrderAddress{
		MagentoID:   a.int("entity_id"),
		AddressType: t,
		Firstname:   a.str("firstname"),
		Lastname:    a.str("lastname"),
		Company:     a.str("company"),
		Street:      a.strings("street"),
		City:        a.str("city"),
		Region:      r.name,
		RegionCode:  r.code,
		RegionID:    r.id,
		Postcode:    a.str("postcode"),
		CountryID:   a.str("country_id"),
		Telephone:   a.str("telephone"),
		Email:       a.str("email"),
	}
}

func mapPayment(p *obj) model.Payment {
	pay := model.Payment{
		Method:             p.str("method"),
		AmountOrdered:      p.money("amount_ordered"),
		BaseAmountOrdered:  p.money("base_amount_ordered"),
		AmountPaid:         p.money("amount_paid"),
		AdditionalInfo:     p.strings("additional_information"),
		CcLast4:            p.str("cc_last4"),
		LastTransactionID:  p.str("last_trans_id"),
		AccountStatus:      p.str("account_status"),
		AmountRefunded:     p.money("amount_refunded"),
		BaseAmountRefunded: p.money("base_amount_refunded"),
	}
	// Offline methods put their title first (e.g. "Bank Transfer Payment").
	if len(pay.AdditionalInfo) > 0 {
		pay.MethodTitle = pay.AdditionalInfo[0]
	}
	return pay
}
