package model

import (
	"errors"
	"strconv"
)

var creditMemosTable = rowTable{name: "credit_memos", raw: true, removed: true}

// writeCreditMemo upserts a credit memo with its items. Its order may not
// be stored (yet); the memo keeps Magento's order id either way.
func (a *applier) writeCreditMemo(m *CreditMemo, p prepared) error {
	if m.MagentoID <= 0 {
		return errors.New("magento id missing")
	}
	id, res, err := a.writeRow(creditMemosTable, rowWrite{key: keyOf(a.ch, m.MagentoID),
		data: creditMemoCols(m), hash: p.hash, blob: p.blob})
	if err != nil {
		return err
	}
	a.count(res)
	if res == resSkipped {
		return nil
	}
	a.resetChildren("credit_memo_items", "credit_memo_id", id, res == resUpdated)
	parts := []string{m.IncrementID}
	for i := range m.Items {
		a.queueChild("credit_memo_items", "credit_memo_id", id, creditMemoItemCols(&m.Items[i]))
		parts = append(parts, m.Items[i].SKU)
	}
	// The order's number and customer make the memo findable and tell
	// whose lifetime value the refund lowers.
	var incr, email, first, last string
	var customerID int64
	err = a.queryRow(`SELECT increment_id, customer_email, customer_firstname, customer_lastname, customer_id
		FROM orders WHERE channel_id = ? AND magento_id = ?`, a.ch, m.OrderID).Scan(&incr, &email, &first, &last, &customerID)
	switch {
	case err == nil:
		parts = append(parts, incr, email, first, last)
		a.touchCustomer(customerID)
		a.touchGuest(customerID, email)
	case isNoRows(err):
		parts = append(parts, strconv.FormatInt(m.OrderID, 10))
	default:
		return err
	}
	a.queueSearch("credit_memos", id, res == resAdded, parts...)
	return nil
}
