package model

import (
	"errors"
	"strings"
)

var ordersTable = rowTable{name: "orders", raw: true, removed: true}

var orderChildTables = []string{"order_items", "order_addresses", "order_payments", "order_status_history"}

// writeOrder upserts an order with its items, addresses, payment and
// status history (children replaced), links the cart it was placed from
// (Purchased) and marks its customer or guest email for recomputation.
func (a *applier) writeOrder(o *Order, p prepared) error {
	if o.MagentoID <= 0 {
		return errors.New("magento id missing")
	}
	lc := strings.ToLower(o.CustomerEmail)
	var oldLC string
	var oldCustomer int64
	id, res, err := a.writeRow(ordersTable, rowWrite{key: keyOf(a.ch, o.MagentoID),
		data: append(orderCols(o), col{"email_lc", lc}), hash: p.hash, blob: p.blob,
		extra: cols{{"email_lc", &oldLC}, {"customer_id", &oldCustomer}}})
	if err != nil {
		return err
	}
	a.count(res)
	if res == resSkipped {
		return nil
	}
	for _, t := range orderChildTables {
		a.resetChildren(t, "order_id", id, res == resUpdated)
	}
	parts := []string{o.IncrementID, o.CustomerEmail, o.CustomerFirstname, o.CustomerLastname}
	for i := range o.Items {
		it := &o.Items[i]
		a.queueChild("order_items", "order_id", id, orderItemCols(it))
		parts = append(parts, it.SKU)
	}
	for _, ad := range []*OrderAddress{o.BillingAddress, o.ShippingAddress} {
		if ad == nil {
			continue
		}
		a.queueChild("order_addresses", "order_id", id, orderAddressCols(ad))
		if !strings.EqualFold(ad.Firstname, o.CustomerFirstname) || !strings.EqualFold(ad.Lastname, o.CustomerLastname) {
			parts = append(parts, ad.Firstname, ad.Lastname)
		}
	}
	if o.Payment != nil {
		a.queueChild("order_payments", "order_id", id, paymentCols(o.Payment))
	}
	for i := range o.StatusHistory {
		a.queueChild("order_status_history", "order_id", id, statusHistoryCols(&o.StatusHistory[i]))
	}
	a.queueSearch("orders", id, res == resAdded, parts...)
	a.queueCartLink(o.QuoteID, o.MagentoID)
	a.touchCustomer(o.CustomerID)
	a.touchGuest(o.CustomerID, lc)
	if res == resUpdated {
		a.touchCustomer(oldCustomer)
		a.touchGuest(oldCustomer, oldLC)
	}
	return nil
}
