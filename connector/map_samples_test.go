package connector

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/magedesk/magedesk/model"
)

// The samples are real Magento payloads copied from Adobe's documentation
// (see testdata/magento-samples/README.md).
func sample(t *testing.T, name string) json.RawMessage {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "magento-samples", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func money(s string) model.Money { return model.MustMoney(s) }

func TestMapOrderSampleKeepsEveryPart(t *testing.T) {
	raw := sample(t, "order.json")
	o, err := MapOrder(raw)
	if err != nil {
		t.Fatalf("MapOrder: %v", err)
	}
	if !bytes.Equal(o.Raw, raw) {
		t.Error("Raw is not the exact bytes Magento sent")
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"entity_id", o.MagentoID, int64(3)},
		{"increment_id", o.IncrementID, "000000003"},
		{"quote_id", o.QuoteID, int64(4)},
		{"grand_total", o.GrandTotal, money("165")},
		{"base_grand_total units", o.BaseGrandTotal.Units, int64(165 * model.MoneyScale)},
		{"subtotal", o.Subtotal, money("160")},
		{"shipping_amount", o.ShippingAmount, money("5")},
		{"total_due", o.TotalDue, money("165")},
		{"total_paid absent", o.TotalPaid.Valid(), false},
		{"customer_id", o.CustomerID, int64(3)},
		{"customer_is_guest 0", o.CustomerIsGuest, false},
		{"customer_email", o.CustomerEmail, "jdoe@example.com"},
		{"state", o.State, "new"},
		{"status", o.Status, "pending"},
		{"store_name", o.StoreName, "Main Website\nMain Website Store\n"},
		{"created_at", o.CreatedAt, "2017-08-21 22:22:19"},
		{"updated_at", o.UpdatedAt, "2017-08-21 22:22:20"},
		{"total_qty_ordered", o.TotalQtyOrdered, "4"},
		{"total_item_count", o.TotalItemCount, int64(7)},
		{"shipping method", o.ShippingMethod, "tablerate_bestway"},
		{"shipping description", o.ShippingDesc, "Best Way - Table Rate"},
		{"currency", o.OrderCurrency, "USD"},
		{"items", len(o.Items), 1},
		{"history", len(o.StatusHistory), 0},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %#v, want %#v", c.name, c.got, c.want)
		}
	}
	it := o.Items[0]
	if it.SKU != "WS12-M-Orange" || it.MagentoID != 3 || it.QuoteItemID != 6 || it.ProductID != 1553 ||
		it.QtyOrdered != "1" || it.Price != money("22") || it.RowTotal != money("22") || it.ParentItemID != 0 {
		t.Errorf("item = %+v", it)
	}
	if o.BillingAddress == nil || o.BillingAddress.City != "Purchase" || o.BillingAddress.Postcode != "10577" ||
		o.BillingAddress.RegionCode != "NY" || o.BillingAddress.RegionID != 43 || o.BillingAddress.AddressType != "billing" ||
		!reflect.DeepEqual(o.BillingAddress.Street, []string{"123 Oak Ave"}) {
		t.Errorf("billing = %+v", o.BillingAddress)
	}
	if o.ShippingAddress == nil || o.ShippingAddress.City != "Purchase" || o.ShippingAddress.MagentoID != 5 ||
		o.ShippingAddress.AddressType != "shipping" || o.ShippingAddress.Email != "jdoe@example.com" {
		t.Errorf("shipping = %+v", o.ShippingAddress)
	}
	p := o.Payment
	if p == nil || p.Method != "banktransfer" || p.AmountOrdered != money("165") || p.MethodTitle != "Bank Transfer Payment" ||
		!reflect.DeepEqual(p.AdditionalInfo, []string{"Bank Transfer Payment", ""}) || p.CcLast4 != "" || p.AccountStatus != "" {
		t.Errorf("payment = %+v", p)
	}
}

func TestMapOrderKeepsParentAndChildLines(t *testing.T) {
	raw := json.RawMessage(`{"entity_id":9,"increment_id":"000000009","customer_is_guest":1,
	 "items":[{"item_id":10,"sku":"MH01","product_type":"configurable","qty_ordered":2,"price":"52.0000"},
	          {"item_id":11,"parent_item_id":10,"sku":"MH01-S-Gray","product_type":"simple","qty_ordered":2,"price":0,
	           "parent_item":{"item_id":10}}],
	 "status_histories":[{"entity_id":4,"comment":"Captured","status":"processing","is_customer_notified":null,"is_visible_on_front":0,"created_at":"2024-01-02 03:04:05"}]}`)
	o, err := MapOrder(raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Items) != 2 || o.Items[1].ParentItemID != 10 || o.Items[0].ParentItemID != 0 || o.Items[1].SKU != "MH01-S-Gray" {
		t.Fatalf("items = %+v", o.Items)
	}
	if o.Items[0].Price.Text != "52.0000" || o.Items[0].Price.Units != 520000 {
		t.Errorf("string money = %+v", o.Items[0].Price)
	}
	if !o.CustomerIsGuest || o.CustomerID != 0 {
		t.Errorf("guest flag/id = %v/%d", o.CustomerIsGuest, o.CustomerID)
	}
	if len(o.StatusHistory) != 1 || o.StatusHistory[0].Comment != "Captured" || o.StatusHistory[0].IsCustomerNotified {
		t.Errorf("history = %+v", o.StatusHistory)
	}
	if o.ShippingAddress != nil || o.BillingAddress != nil || o.Payment != nil {
		t.Error("absent parts must stay nil")
	}
}

func TestMapCartSampleReadsCustomerItemsAndCurrency(t *testing.T) {
	raw := sample(t, "cart.json")
	c, err := MapCart(raw)
	if err != nil {
		t.Fatalf("MapCart: %v", err)
	}
	if c.MagentoID != 5 || !c.IsActive || c.IsVirtual || c.CustomerIsGuest || c.StoreID != 1 {
		t.Errorf("flags/ids = %+v", c)
	}
	if c.CustomerID != 2 || c.CustomerEmail != "mshaw@example.com" || c.CustomerFirstname != "Melanie" || c.CustomerLastname != "Shaw" {
		t.Errorf("customer = %d %s %s %s", c.CustomerID, c.CustomerEmail, c.CustomerFirstname, c.CustomerLastname)
	}
	if c.ItemsCount != 2 || c.ItemsQty != "25" || c.BaseCurrency != "USD" || c.QuoteCurrency != "USD" || c.Status != model.CartOpen {
		t.Errorf("counts/currency/status = %d %q %q %q %q", c.ItemsCount, c.ItemsQty, c.BaseCurrency, c.QuoteCurrency, c.Status)
	}
	want := []model.CartItem{
		{MagentoID: 12, SKU: "24-UG02", Name: "Pursuit Lumaflex&trade; Tone Band", Qty: "15", Price: money("16"), ProductType: "simple"},
		{MagentoID: 13, SKU: "24-UG03", Name: "Harmony Lumaflex&trade; Strength Band Kit ", Qty: "10", Price: money("22"), ProductType: "simple"},
	}
	if !reflect.DeepEqual(c.Items, want) {
		t.Errorf("items = %+v", c.Items)
	}
	if c.CreatedAt != "2017-09-14 21:14:15" || c.UpdatedAt != "2017-09-15 16:15:54" || !bytes.Equal(c.Raw, raw) {
		t.Error("times or raw wrong")
	}
}

func TestMapCartGuestAndInactive(t *testing.T) {
	guest := json.RawMessage(`{"id":44,"is_active":false,"customer_is_guest":true,"store_id":2,
	  "customer":{"email":null,"firstname":null,"lastname":null},
	  "billing_address":{"email":"guest@example.com","firstname":"Gus","lastname":"Guest","region":"Texas"},
	  "items_count":1,"items_qty":"1.0000","reserved_order_id":"000000120"}`)
	c, err := MapCart(guest)
	if err != nil {
		t.Fatal(err)
	}
	if c.CustomerID != 0 || !c.CustomerIsGuest || c.CustomerEmail != "guest@example.com" || c.CustomerFirstname != "Gus" {
		t.Errorf("guest = %+v", c)
	}
	if c.IsActive || c.Status != "" || len(c.Items) != 0 || c.ItemsQty != "1.0000" || c.ReservedOrderID != "000000120" {
		t.Errorf("inactive = %+v", c)
	}
}

func TestMapCartTotalsFillsMoney(t *testing.T) {
	var resp struct {
		Totals json.RawMessage `json:"totals"`
	}
	if err := json.Unmarshal(sample(t, "shipping-information-response.json"), &resp); err != nil {
		t.Fatal(err)
	}
	c := model.Cart{MagentoID: 4}
	if err := MapCartTotals(resp.Totals, &c); err != nil {
		t.Fatal(err)
	}
	if c.GrandTotal != money("165") || c.BaseGrandTotal != money("165") || c.Subtotal != money("160") ||
		c.ShippingAmount != money("5") || c.TaxAmount != money("0") || c.DiscountAmount != money("0") || c.BaseCurrency != "USD" {
		t.Errorf("totals = %+v", c)
	}
}

func TestMapCreditMemoSample(t *testing.T) {
	m, err := MapCreditMemo(sample(t, "creditmemo.json"))
	if err != nil {
		t.Fatal(err)
	}
	if m.MagentoID != 1 || m.OrderID != 1 || m.IncrementID != "000000001" || m.State != model.CreditMemoRefunded || m.StoreID != 1 {
		t.Errorf("ids = %+v", m)
	}
	if m.GrandTotal != money("105") || m.BaseGrandTotal != money("105") || m.Subtotal != money("100") ||
		m.ShippingAmount != money("5") || m.Adjustment != money("0") || m.AdjustmentPositive != money("0") {
		t.Errorf("totals = %+v", m)
	}
	want := []model.CreditMemoItem{{MagentoID: 1, OrderItemID: 1, ProductID: 1, SKU: "simple_1", Name: "simple_1", Qty: "1",
		Price: money("100"), RowTotal: money("100"), TaxAmount: money("0")}} // no discount_amount on the item: absent stays zero
	if !reflect.DeepEqual(m.Items, want) {
		t.Errorf("items = %+v", m.Items)
	}
	if m.CreatedAt != "2021-04-05 23:43:45" || m.BaseCurrency != "USD" || len(m.Comments) != 0 {
		t.Errorf("misc = %+v", m)
	}
}

func TestMapCustomerSampleAddresses(t *testing.T) {
	c, err := MapCustomer(sample(t, "customer.json"))
	if err != nil {
		t.Fatal(err)
	}
	if c.MagentoID != 2 || c.GroupID != 1 || c.WebsiteID != 1 || c.StoreID != 1 || c.Email != "jdoe@example.com" ||
		c.Firstname != "Jane" || c.Lastname != "Doe" || c.DefaultBilling != "2" || c.CreatedIn != "Default Store View" {
		t.Errorf("customer = %+v", c)
	}
	if c.IsSubscribed != nil {
		t.Error("is_subscribed absent must stay nil")
	}
	want := []model.Address{{MagentoID: 2, Firstname: "Jane", Lastname: "Doe", Street: []string{"123 Oak Ave"}, City: "Purchase",
		Region: "New York", RegionCode: "NY", RegionID: 43, Postcode: "10755", CountryID: "US", Telephone: "512-555-1111",
		DefaultBilling: true, DefaultShipping: true}}
	if !reflect.DeepEqual(c.Addresses, want) {
		t.Errorf("addresses = %+v", c.Addresses)
	}
	if _, ok := SubscriberFromCustomer(c); ok {
		t.Error("no is_subscribed → no derived subscriber")
	}
}

func TestMapProductSample(t *testing.T) {
	p, err := MapProduct(sample(t, "product.json"))
	if err != nil {
		t.Fatal(err)
	}
	if p.MagentoID != 16 || p.SKU != "RAM-12GB" || p.Name != "RAM 12GB" || p.TypeID != "simple" || p.Price != money("25") ||
		p.Status != 1 || p.Visibility != 4 || !reflect.DeepEqual(p.WebsiteIDs, []int64{1}) || p.Qty != "10" || !p.InStock ||
		p.CreatedAt != "2022-04-08 21:57:34" {
		t.Errorf("product = %+v", p)
	}
}

func TestMapCartItemSample(t *testing.T) {
	o, err := newRecord(sample(t, "cart-item.json"))
	if err != nil {
		t.Fatal(err)
	}
	it := mapCartItem(o)
	if it.MagentoID != 7 || it.SKU != "WS12-M-Orange" || it.Qty != "1" || it.Price != money("19.99") || it.Price.Units != 199900 {
		t.Errorf("cart item = %+v", it)
	}
}
