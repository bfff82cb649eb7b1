package model

import (
	"testing"
)

func TestProbePlans(t *testing.T) {
	s := newTestStore(t)
	for _, q := range []string{guestOrdersSQL, guestNameSQL, linkedCustomerSQL, refreshCustomerSQL,
		`SELECT count(*) FROM carts WHERE channel_id = ? AND email_lc = ? AND +customer_id = 0`,
		`SELECT magento_id FROM orders WHERE channel_id = ? AND quote_id = ? ORDER BY +magento_id LIMIT 1`} {
		rows, err := s.r.Query("EXPLAIN QUERY PLAN "+q, 1, "a", 1, "a", 1, 1, 1, 1)
		if err != nil {
			t.Log(err)
			continue
		}
		t.Log("----", firstLine(q))
		for rows.Next() {
			var a, b, c int
			var d string
			rows.Scan(&a, &b, &c, &d)
			t.Log(d)
		}
		rows.Close()
	}
}
