package model

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
)

// CreditMemoRow is one line of the credit memos list.
type CreditMemoRow struct {
	ID, ChannelID, MagentoID int64
	IncrementID              string
	OrderMagentoID           int64
	OrderIncrementID         string // "" when the order is not stored
	OrderLocalID             int64  // 0 when the order is not stored
	CreatedAt                string
	State                    int
	CustomerName, Email      string
	GrandTotal               Money
	BaseGrandTotal           Money
	Currency, BaseCurrency   string
}

func creditMemoSpec() *listSpec {
	return &listSpec{
		alias:   "t",
		from:    "credit_memos t LEFT JOIN orders o ON o.channel_id = t.channel_id AND o.magento_id = t.order_id",
		created: "t.created_at",
		fts:     "credit_memos_fts",
		website: "t.store_id IN (SELECT sv.magento_id FROM store_views sv WHERE sv.channel_id = t.channel_id AND sv.website_id = ?)",
		guest:   "coalesce(o.customer_id, 0) = 0",
		status: func(st string) (string, []any, error) {
			switch st {
			case "open", strconv.Itoa(CreditMemoOpen):
				return "t.state = ?", []any{CreditMemoOpen}, nil
			case "refunded", strconv.Itoa(CreditMemoRefunded):
				return "t.state = ?", []any{CreditMemoRefunded}, nil
			case "canceled", strconv.Itoa(CreditMemoCanceled):
				return "t.state = ?", []any{CreditMemoCanceled}, nil
			}
			return "", nil, fmt.Errorf("unknown credit memo state %q", st)
		},
		sorts: map[string]string{
			"created_at": "t.created_at", "increment_id": "t.increment_id", "grand_total": "t.base_grand_total_units",
			"order": "t.order_id", "state": "t.state", "id": "t.magento_id",
		},
		sortDef: "created_at", descDef: true,
	}
}

const creditMemoRowSelect = `t.id, t.channel_id, t.magento_id, t.increment_id, t.order_id, coalesce(o.increment_id, ''),
	coalesce(o.id, 0), t.created_at, t.state, coalesce(o.customer_firstname, ''), coalesce(o.customer_lastname, ''),
	coalesce(o.customer_email, ''), t.grand_total, t.grand_total_units, t.base_grand_total, t.base_grand_total_units,
	t.order_currency, t.base_currency`

func (s *Store) listCreditMemos(ctx context.Context, sp *listSpec, q ListQuery) ([]CreditMemoRow, error) {
	var out []CreditMemoRow
	err := s.list(ctx, "credit memos", sp, creditMemoRowSelect, q, func(rows *sql.Rows) error {
		var r CreditMemoRow
		var first, last string
		err := rows.Scan(&r.ID, &r.ChannelID, &r.MagentoID, &r.IncrementID, &r.OrderMagentoID, &r.OrderIncrementID,
			&r.OrderLocalID, &r.CreatedAt, &r.State, &first, &last, &r.Email, &r.GrandTotal.Text, &r.GrandTotal.Units,
			&r.BaseGrandTotal.Text, &r.BaseGrandTotal.Units, &r.Currency, &r.BaseCurrency)
		r.CustomerName = fullName(first, last)
		out = append(out, r)
		return err
	})
	return out, err
}

// ListCreditMemos returns one page of credit memos. Search: memo number,
// order number, customer name and email, SKUs. Status: open, refunded,
// canceled (or 1/2/3). Sort keys: created_at (default, newest first),
// increment_id, grand_total, order, state, id.
func (s *Store) ListCreditMemos(ctx context.Context, q ListQuery) ([]CreditMemoRow, error) {
	return s.listCreditMemos(ctx, creditMemoSpec(), q)
}

// CountCreditMemos counts the memos ListCreditMemos would page through.
func (s *Store) CountCreditMemos(ctx context.Context, q ListQuery) (int, error) {
	return s.count(ctx, "credit memos", creditMemoSpec(), q)
}

// IterateCreditMemos streams every credit memo matching q (with items).
func (s *Store) IterateCreditMemos(ctx context.Context, q ListQuery, fn func(CreditMemo) error) error {
	return iterate(ctx, creditMemoSpec(), q, func(tail string, args []any) ([]CreditMemo, error) {
		return s.loadCreditMemos(ctx, "LEFT JOIN orders o ON o.channel_id = t.channel_id AND o.magento_id = t.order_id "+tail, args, false)
	}, func(m *CreditMemo) int64 { return m.ID }, fn)
}

// CreditMemosOfOrder lists the credit memos of an order (local id).
func (s *Store) CreditMemosOfOrder(ctx context.Context, orderID int64) ([]CreditMemoRow, error) {
	var ch, mid int64
	if err := s.r.QueryRowContext(ctx, `SELECT channel_id, magento_id FROM orders WHERE id = ?`, orderID).Scan(&ch, &mid); err != nil {
		if isNoRows(err) {
			return nil, fmt.Errorf("order %d: %w", orderID, ErrNotFound)
		}
		return nil, err
	}
	sp := creditMemoSpec()
	sp.smallSet = true
	sp.extra, sp.extraArgs = "t.order_id = ?", []any{mid}
	return s.listCreditMemos(ctx, sp, ListQuery{ChannelID: ch, Limit: maxLimit})
}

// CreditMemosOfCustomer lists the credit memos of a customer's orders.
func (s *Store) CreditMemosOfCustomer(ctx context.Context, customerID int64) ([]CreditMemoRow, error) {
	ch, mid, err := s.customerKey(ctx, customerID)
	if err != nil {
		return nil, err
	}
	sp := creditMemoSpec()
	sp.smallSet = true
	// Driven from the customer's orders (customer index) into the memos'
	// order index, not by joining every memo of the channel to its order.
	sp.extra, sp.extraArgs = "t.order_id IN (SELECT o2.magento_id FROM orders o2 WHERE o2.channel_id = t.channel_id AND o2.customer_id = ?)", []any{mid}
	return s.listCreditMemos(ctx, sp, ListQuery{ChannelID: ch, Limit: maxLimit})
}
