package app

import (
	"context"
	"strconv"
	"testing"

	"github.com/magedesk/magedesk/connector"
	"github.com/magedesk/magedesk/connector/magentosim"
	"github.com/magedesk/magedesk/model"
)

// invoicedOrder finds a synced order Magento lets us refund (invoiced, not
// closed, nothing refunded yet).
func (s actShop) invoicedOrder(t *testing.T) (int64, model.Order) {
	t.Helper()
	ctx := context.Background()
	page, err := s.mag.Search(ctx, "orders", connector.SearchCriteria{PageSize: 100, CurrentPage: 1}.Where("state", "in", "processing,complete"))
	if err != nil {
		t.Fatal(err)
	}
	for _, raw := range page.Items {
		o, err := connector.MapOrder(raw)
		if err != nil || o.TotalInvoiced.Units <= 0 || o.TotalRefunded.Units > 0 || o.Payment == nil {
			continue
		}
		local, err := s.core.Store.LocalIDOf(ctx, model.EntityOrders, s.ch.ID, o.MagentoID)
		if err != nil || local == 0 {
			continue
		}
		return local, o
	}
	t.Fatal("no invoiced order to refund")
	return 0, model.Order{}
}

func (s actShop) creditMemosOf(t *testing.T, orderID int64) int64 {
	t.Helper()
	page, err := s.mag.Search(context.Background(), "creditmemos", connector.SearchCriteria{PageSize: 10, CurrentPage: 1}.
		Where("order_id", "eq", strconv.FormatInt(orderID, 10)))
	if err != nil {
		t.Fatal(err)
	}
	return page.TotalCount
}

func TestRefundCreatesOneCreditMemoEvenWhenTheAnswerIsLost(t *testing.T) {
	s := newActShop(t, false, false)
	ctx := context.Background()
	orderLocal, order := s.invoicedOrder(t)
	plan, err := s.core.PlanRefund(ctx, orderLocal)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Lines) == 0 || plan.PaidOnline || plan.Warning != "" {
		t.Fatalf("plan %+v", plan)
	}
	line := plan.Lines[0]

	_, err = s.core.Refund(ctx, plan, RefundInput{Qty: map[int64]float64{line.OrderItemID: line.MaxQty + 1}})
	wantField(t, err, "qty:"+strconv.FormatInt(line.OrderItemID, 10))
	_, err = s.core.Refund(ctx, plan, RefundInput{})
	wantField(t, err, "items")

	before := s.creditMemosOf(t, order.MagentoID)
	memosBefore := len(s.sim.Snapshot().IDs(magentosim.EntityCreditMemos))
	zero := 0.0
	s.sim.SetFaults(magentosim.Faults{DropWriteResponse: true, DropWritesN: 1})
	res, err := s.core.Refund(ctx, plan, RefundInput{Qty: map[int64]float64{line.OrderItemID: 1}, Shipping: &zero, Comment: "Phone refund"})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.creditMemosOf(t, order.MagentoID); got != before+1 {
		t.Fatalf("order has %d credit memos, had %d: want exactly one more", got, before)
	}
	if got := len(s.sim.Snapshot().IDs(magentosim.EntityCreditMemos)); got != memosBefore+1 {
		t.Fatalf("Magento has %d credit memos, had %d", got, memosBefore)
	}
	if res.LocalID == 0 || res.Memo.OrderID != order.MagentoID || len(res.Memo.Items) != 1 {
		t.Fatalf("stored credit memo %+v", res)
	}
	// One unit of the line at its price (tax aside): the memo's subtotal.
	if res.Memo.Subtotal.Units != line.Price.Units {
		t.Fatalf("memo subtotal %s, want the line price %s", res.Memo.Subtotal.Text, line.Price.Text)
	}
	after, err := s.mag.GetOrder(ctx, order.MagentoID)
	if err != nil {
		t.Fatal(err)
	}
	_, raw, err := s.core.Store.SyncedRecord(ctx, model.EntityOrders, orderLocal)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := connector.MapOrder(raw)
	if err != nil {
		t.Fatal(err)
	}
	if stored.TotalRefunded.Units != after.TotalRefunded.Units || stored.TotalRefunded.Units != res.Memo.GrandTotal.Units {
		t.Fatalf("stored order refunded %s, Magento %s, memo %s", stored.TotalRefunded.Text, after.TotalRefunded.Text, res.Memo.GrandTotal.Text)
	}
}

func TestRefundPlanWarnsWhenTheOrderWasPaidOnline(t *testing.T) {
	// The simulator only takes offline payments, so the plan is built from
	// an order as a card gateway leaves it.
	o := model.Order{MagentoID: 5, IncrementID: "000000005", State: "processing", TotalInvoiced: model.MustMoney("20.00"),
		Payment: &model.Payment{Method: "braintree"},
		Items: []model.OrderItem{{MagentoID: 9, SKU: "A", QtyInvoiced: "2", QtyRefunded: "1", Price: model.MustMoney("10.00")},
			{MagentoID: 10, ParentItemID: 9, SKU: "A-child", QtyInvoiced: "2"}}}
	plan, err := refundPlanOf(model.RecordRef{ChannelID: 1, LocalID: 3}, o)
	if err != nil {
		t.Fatal(err)
	}
	if !plan.PaidOnline || plan.Warning != OnlineRefundWarning {
		t.Fatalf("no online-payment warning: %+v", plan)
	}
	if len(plan.Lines) != 1 || plan.Lines[0].MaxQty != 1 {
		t.Fatalf("refundable lines %+v, want line 9 with 1 left", plan.Lines)
	}
	o.Payment.Method = "checkmo"
	if plan, _ := refundPlanOf(model.RecordRef{}, o); plan.PaidOnline {
		t.Fatal("offline payment flagged as online")
	}
	o.TotalInvoiced = model.Money{}
	if _, err := refundPlanOf(model.RecordRef{}, o); err == nil {
		t.Fatal("an order with nothing invoiced was offered for refund")
	}
}
