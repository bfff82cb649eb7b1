package model

import (
	"errors"
	"strings"
)

var customersTable = rowTable{name: "customers", raw: true, removed: true}

// writeCustomer upserts a customer and replaces its addresses. Derived
// figures (lifetime, orders) are not part of the row's content: they are
// recomputed from orders in refreshDerived.
func (a *applier) writeCustomer(c *Customer, p prepared) error {
	if c.MagentoID <= 0 {
		return errors.New("magento id missing")
	}
	lc := strings.ToLower(c.Email)
	var oldLC string
	data := append(customerCols(c), col{"email_lc", lc}, col{"removed_in_magento_at", ""})
	id, res, err := a.writeRow(customersTable, rowWrite{key: keyOf(a.ch, c.MagentoID), data: data, hash: p.hash,
		blob: p.blob, extra: cols{{"email_lc", &oldLC}}})
	if err != nil {
		return err
	}
	a.count(res)
	if res == resSkipped {
		return nil
	}
	a.resetChildren("customer_addresses", "customer_id", id, res == resUpdated)
	for i := range c.Addresses {
		a.queueChild("customer_addresses", "customer_id", id, addressCols(&c.Addresses[i]))
	}
	a.queueSearch("customers", id, res == resAdded, c.Firstname, c.Middlename, c.Lastname, c.Email, c.Taxvat)
	// Orders may have arrived before the customer: compute its figures now.
	a.touchCustomer(c.MagentoID)
	// A registered customer with a guest's email links that guest group.
	a.links[lc] = struct{}{}
	if oldLC != lc {
		a.links[oldLC] = struct{}{}
	}
	return nil
}
