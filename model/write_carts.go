package model

import (
	"errors"
	"fmt"
	"strings"
)

var cartsTable = rowTable{name: "carts", raw: true, removed: true}

// writeCart upserts a cart and applies the cart status rules:
//   - Purchased once an order with quote_id = the cart's id is known; final.
//   - Lost (set by the user) is kept until purchased or reopened.
//   - otherwise Open while active, else Expired ("inactive, no order").
//
// Totals come from a separate Magento call; a cart delivered without them
// (TotalsUpdatedAt == "") keeps the stored totals. Inactive carts arrive
// without items; their stored items are kept.
func (a *applier) writeCart(c *Cart, p prepared) error {
	if c.MagentoID <= 0 {
		return errors.New("magento id missing")
	}
	var old Cart
	var oldLC string
	extra := cartExtra(&old, &oldLC)
	lc := strings.ToLower(c.CustomerEmail)
	data := joinCols(cartCols(c), cartTotalsCols(c), cartStatusCols(c), cols{{"email_lc", lc}})
	keepItems := false
	before := func(found bool) error {
		if found && c.TotalsUpdatedAt == "" {
			c.GrandTotal, c.BaseGrandTotal, c.Subtotal = old.GrandTotal, old.BaseGrandTotal, old.Subtotal
			c.TaxAmount, c.DiscountAmount, c.ShippingAmount = old.TaxAmount, old.DiscountAmount, old.ShippingAmount
			c.TotalsUpdatedAt = old.TotalsUpdatedAt
		}
		keepItems = found && !c.IsActive && len(c.Items) == 0
		a.cartStatus(c, found, &old)
		return nil
	}
	id, res, err := a.writeRow(cartsTable, rowWrite{key: keyOf(a.ch, c.MagentoID), data: data, hash: p.hash,
		blob: p.blob, extra: extra, before: before})
	if err != nil {
		return err
	}
	a.count(res)
	if res == resSkipped {
		return nil
	}
	skus := make([]string, 0, len(c.Items))
	if keepItems {
		var s string
		if err := a.queryRow(`SELECT coalesce(group_concat(sku, ' '), '') FROM cart_items WHERE cart_id = ?`, id).Scan(&s); err != nil {
			return err
		}
		skus = append(skus, s)
	} else {
		a.resetChildren("cart_items", "cart_id", id, res == resUpdated)
		for i := range c.Items {
			a.queueChild("cart_items", "cart_id", id, cartItemCols(&c.Items[i]))
			skus = append(skus, c.Items[i].SKU)
		}
	}
	parts := append([]string{c.CustomerEmail, c.CustomerFirstname, c.CustomerLastname, c.ReservedOrderID}, skus...)
	a.queueSearch("carts", id, res == resAdded, parts...)
	a.touchGuest(c.CustomerID, lc)
	if res == resUpdated {
		a.touchGuest(old.CustomerID, oldLC)
	}
	return nil
}

// cartStatus sets c.Status, StatusNote and OrderMagentoID from the stored
// row (old, when found) and the orders known for the cart's quote id.
func (a *applier) cartStatus(c *Cart, found bool, old *Cart) {
	if found && old.Status == CartPurchased {
		c.Status, c.StatusNote, c.OrderMagentoID = CartPurchased, "", old.OrderMagentoID
		return
	}
	orderID := a.quoteOrders[c.MagentoID] // loadQuoteOrders
	switch {
	case orderID != 0:
		c.Status, c.StatusNote, c.OrderMagentoID = CartPurchased, "", orderID
	case found && old.Status == CartLost:
		c.Status, c.StatusNote, c.OrderMagentoID = CartLost, old.StatusNote, 0
	case c.IsActive:
		c.Status, c.StatusNote, c.OrderMagentoID = CartOpen, "", 0
	default:
		c.Status, c.StatusNote, c.OrderMagentoID = CartExpired, "inactive, no order", 0
	}
}

// cartExtra are the stored cart columns writeCart needs before writing:
// its status (Purchased and Lost are sticky), its totals (kept when a
// delivery has none) and its guest key.
func cartExtra(old *Cart, oldLC *string) cols {
	return joinCols(cartStatusCols(old), cartTotalsCols(old), cols{{"email_lc", oldLC}, {"customer_id", &old.CustomerID}})
}

// loadQuoteOrders reads, for the carts of a batch, the first order placed
// from each (one query per 500 carts instead of one per cart).
func (a *applier) loadQuoteOrders(carts []Cart) error {
	if len(carts) == 0 {
		return nil
	}
	a.quoteOrders = make(map[int64]int64, len(carts))
	quotes := make([]int64, len(carts))
	for i := range carts {
		quotes[i] = carts[i].MagentoID
	}
	return eachIDChunk(quotes, func(chunk []int64) error {
		args, in := appendIDs([]any{a.ch}, chunk)
		rows, err := a.query(`SELECT quote_id, min(magento_id) FROM orders
			WHERE channel_id = ? AND quote_id IN (`+in+`) GROUP BY quote_id`, args...)
		if err != nil {
			return fmt.Errorf("orders of carts: %w", err)
		}
		for rows.Next() {
			var quote, order int64
			if err := rows.Scan(&quote, &order); err != nil {
				rows.Close()
				return fmt.Errorf("orders of carts: %w", err)
			}
			a.quoteOrders[quote] = order
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("orders of carts: %w", err)
		}
		return nil
	})
}
