package app

import (
	"context"
	"fmt"
	"strconv"

	"github.com/magedesk/magedesk/connector"
	"github.com/magedesk/magedesk/model"
)

// Refund from an order: choose lines and quantities, shipping and
// adjustments, create an offline credit memo, store it with the order.

// RefundLine is one order line that can still be refunded.
type RefundLine struct {
	OrderItemID int64
	SKU, Name   string
	Price       model.Money
	MaxQty      float64 // invoiced minus refunded
}

// RefundPlan is what the refund dialog starts from.
type RefundPlan struct {
	ChannelID  int64
	OrderID    int64 // Magento entity_id
	OrderLocal int64
	Number     string
	Currency   string
	Lines      []RefundLine
	// PaidOnline: the payment went through an online gateway; an offline
	// credit memo records the refund but returns no money to the buyer.
	PaidOnline bool
	Warning    string
}

// OnlineRefundWarning is shown when the order was paid online.
const OnlineRefundWarning = "This order was paid online. An offline refund only records the credit memo in Magento: " +
	"it returns no money to the buyer. Refund the payment in the payment provider (or create the credit memo from the invoice in the Magento admin)."

func decimal(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

// PlanRefund re-reads the order from Magento (refunds must start from its
// current quantities), stores it and lists the refundable lines. An order
// that is not invoiced cannot be refunded and says so.
func (c *Core) PlanRefund(ctx context.Context, orderLocalID int64) (RefundPlan, error) {
	ref, _, err := c.Store.SyncedRecord(ctx, model.EntityOrders, orderLocalID)
	if err != nil {
		return RefundPlan{}, err
	}
	client, _, err := c.actClient(ctx, ref.ChannelID, "")
	if err != nil {
		return RefundPlan{}, err
	}
	o, err := client.GetOrder(ctx, ref.MagentoID)
	if err != nil && o.MagentoID == 0 {
		return RefundPlan{}, explain(err)
	}
	if err := c.storeFetched(ctx, ref.ChannelID, model.Batch{Entity: model.EntityOrders, Orders: []model.Order{o}}); err != nil {
		return RefundPlan{}, err
	}
	return refundPlanOf(ref, o)
}

func refundPlanOf(ref model.RecordRef, o model.Order) (RefundPlan, error) {
	p := RefundPlan{ChannelID: ref.ChannelID, OrderID: o.MagentoID, OrderLocal: ref.LocalID, Number: o.IncrementID,
		Currency: o.OrderCurrency}
	if o.TotalInvoiced.Units <= 0 || o.State == "canceled" || o.State == "closed" {
		return p, fieldErr("", fmt.Sprintf("Order %s cannot be refunded: it is %s and has nothing invoiced left to refund.", o.IncrementID, o.State))
	}
	for _, it := range o.Items {
		if it.ParentItemID != 0 {
			continue // configurable children are refunded through their parent line
		}
		left := decimal(it.QtyInvoiced) - decimal(it.QtyRefunded)
		if left > 0 {
			p.Lines = append(p.Lines, RefundLine{OrderItemID: it.MagentoID, SKU: it.SKU, Name: it.Name, Price: it.Price, MaxQty: left})
		}
	}
	if o.Payment != nil && !offlineMethods[o.Payment.Method] {
		p.PaidOnline, p.Warning = true, OnlineRefundWarning
	}
	return p, nil
}

// RefundInput is the refund dialog: quantities per order line, shipping to
// refund (nil = Magento's default), adjustments, comment.
type RefundInput struct {
	Qty                map[int64]float64 // order item id → qty
	Shipping           *float64
	AdjustmentPositive float64 // "adjustment refund": extra money back
	AdjustmentNegative float64 // "adjustment fee": kept back
	Comment            string
	ReturnToStock      bool
}

// CreatedRefund is the credit memo Magento created.
type CreatedRefund struct {
	CreditMemoID int64
	LocalID      int64
	Memo         model.CreditMemo
}

// Refund creates an offline credit memo (POST order/{id}/refund). A lost
// answer is checked against the order's credit memos before any retry, so
// the refund happens once. The credit memo and the updated order are
// stored, so both show on the order and the customer at once.
func (c *Core) Refund(ctx context.Context, plan RefundPlan, in RefundInput) (CreatedRefund, error) {
	req := connector.RefundRequest{Comment: in.Comment, AdjustmentPositive: in.AdjustmentPositive,
		AdjustmentNegative: in.AdjustmentNegative, ShippingAmount: in.Shipping}
	maxQty := map[int64]float64{}
	for _, l := range plan.Lines {
		maxQty[l.OrderItemID] = l.MaxQty
	}
	for id, q := range in.Qty {
		if q <= 0 {
			continue
		}
		max, ok := maxQty[id]
		if !ok {
			return CreatedRefund{}, fieldErr("items", fmt.Sprintf("Line %d cannot be refunded.", id))
		}
		if q > max+1e-9 {
			return CreatedRefund{}, &FieldError{Field: "qty:" + strconv.FormatInt(id, 10),
				Message: fmt.Sprintf("At most %s can be refunded on this line.", strconv.FormatFloat(max, 'f', -1, 64))}
		}
		req.Items = append(req.Items, connector.RefundItem{OrderItemID: id, Qty: q})
		if in.ReturnToStock {
			req.ReturnToStockItems = append(req.ReturnToStockItems, id)
		}
	}
	if len(req.Items) == 0 {
		return CreatedRefund{}, fieldErr("items", "Choose at least one line and quantity to refund.")
	}
	if in.AdjustmentPositive < 0 || in.AdjustmentNegative < 0 || (in.Shipping != nil && *in.Shipping < 0) {
		return CreatedRefund{}, fieldErr("adjustments", "Amounts cannot be negative.")
	}
	client, _, err := c.actClient(ctx, plan.ChannelID, "")
	if err != nil {
		return CreatedRefund{}, err
	}
	id, err := client.RefundOrder(ctx, plan.OrderID, req)
	if err != nil {
		return CreatedRefund{}, explain(err)
	}
	res := CreatedRefund{CreditMemoID: id}
	memo, err := client.GetCreditMemo(ctx, id)
	if err != nil && memo.MagentoID == 0 {
		return res, fmt.Errorf("credit memo %d was created but could not be read back (the next sync brings it): %w", id, err)
	}
	res.Memo = memo
	batches := []model.Batch{}
	if o, err := client.GetOrder(ctx, plan.OrderID); err == nil || o.MagentoID != 0 {
		batches = append(batches, model.Batch{Entity: model.EntityOrders, Orders: []model.Order{o}})
	}
	batches = append(batches, model.Batch{Entity: model.EntityCreditMemos, CreditMemos: []model.CreditMemo{memo}})
	if err := c.storeFetched(ctx, plan.ChannelID, batches...); err != nil {
		return res, err
	}
	res.LocalID, err = c.Store.LocalIDOf(ctx, model.EntityCreditMemos, plan.ChannelID, id)
	return res, err
}
