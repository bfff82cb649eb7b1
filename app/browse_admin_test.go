package app

import (
	"testing"

	"github.com/magedesk/magedesk/model"
)

func TestAdminRecordURLPerEntity(t *testing.T) {
	base := "https://shop.example.com/admin/"
	cases := map[string]string{
		model.EntityOrders:      "https://shop.example.com/admin/sales/order/view/order_id/7/",
		model.EntityCustomers:   "https://shop.example.com/admin/customer/index/edit/id/7/",
		model.EntityCreditMemos: "https://shop.example.com/admin/sales/creditmemo/view/creditmemo_id/7/",
		model.EntityCarts:       "https://shop.example.com/admin/customer/index/edit/id/7/",
		model.EntitySubscribers: "https://shop.example.com/admin/newsletter/subscriber/",
		model.EntityProducts:    "",
	}
	for entity, want := range cases {
		if got := AdminRecordURL(base, entity, 7); got != want {
			t.Errorf("%s: %q, want %q", entity, got, want)
		}
	}
	if AdminRecordURL("", model.EntityOrders, 7) != "" || AdminRecordURL(base, model.EntityOrders, 0) != "" {
		t.Error("unknown admin base or id should give no URL")
	}
}

func TestChangeAndRates(t *testing.T) {
	for _, c := range []struct {
		cur, prev int64
		want      string
	}{
		{110, 100, "+10.0%"}, {90, 100, "−10.0%"}, {1, 3, "−66.7%"}, {2, 3, "−33.3%"},
		{5, 0, "new"}, {0, 0, ""}, {100, 100, "+0.0%"}, {300000, 1000, "+29,900.0%"},
	} {
		if got := Change(c.cur, c.prev); got != c.want {
			t.Errorf("Change(%d, %d) = %q, want %q", c.cur, c.prev, got, c.want)
		}
	}
	if bp, ok := AbandonRate(1, 2); !ok || bp != 3333 || FormatRate(bp) != "33.3%" {
		t.Errorf("rate 1/3 = %d %v %s", bp, ok, FormatRate(bp))
	}
	if bp, _ := AbandonRate(2, 1); bp != 6667 || FormatRate(bp) != "66.7%" {
		t.Errorf("rate 2/3 = %d", bp)
	}
	if _, ok := AbandonRate(0, 0); ok {
		t.Error("rate with no carts should be undefined")
	}
	if averageUnits(10, 4) != 3 || averageUnits(10, 3) != 3 || averageUnits(-10, 4) != -3 || averageUnits(5, 0) != 0 {
		t.Error("averageUnits rounding")
	}
}
