package model

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"
)

// Small fixture factory: records shaped like the connector produces them.

func newTestStore(t testing.TB) *Store {
	t.Helper()
	s, err := OpenMemory()
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func newTestChannel(t testing.TB, s *Store) int64 {
	t.Helper()
	ch := Channel{Name: "Test shop", BaseURL: "https://shop.test", AuthMode: "bearer", AbandonAfter: 60, BaseCurrency: "USD"}
	if err := s.CreateChannel(context.Background(), &ch); err != nil {
		t.Fatalf("create channel: %v", err)
	}
	return ch.ID
}

// newTestRun starts an initial sync run on channel ch.
func newTestRun(t testing.TB, s *Store, ch int64) int64 {
	t.Helper()
	run, err := s.StartRun(context.Background(), ch, "initial")
	if err != nil {
		t.Fatalf("start run: %v", err)
	}
	return run
}

func apply(t testing.TB, s *Store, b Batch) Counters {
	t.Helper()
	withJSON(&b)
	c, err := s.ApplyBatch(context.Background(), b)
	if err != nil {
		t.Fatalf("apply batch: %v", err)
	}
	return c
}

func fxCustomer(id int64, email, first, last string) Customer {
	return Customer{
		MagentoID: id, WebsiteID: 1, StoreID: 1, GroupID: 1, Email: email, Firstname: first, Lastname: last,
		DOB: "1980-01-02", Taxvat: "DE123", CreatedAt: "2024-01-01 10:00:00", UpdatedAt: "2024-01-01 10:00:00",
		Addresses: []Address{{MagentoID: id * 10, Firstname: first, Lastname: last, Street: []string{"Main St 1", "Apt 2"},
			City: "Berlin", CountryID: "DE", Postcode: "10115", Telephone: "555", DefaultBilling: true}},
		Raw: []byte(fmt.Sprintf(`{"id":%d,"email":%q,"firstname":%q,"lastname":%q}`, id, email, first, last)),
	}
}

// fxOrder builds an order with two lines, addresses, payment and history.
func fxOrder(id int64, incr string, customerID int64, email, created, grand string) Order {
	g := MustMoney(grand)
	return Order{
		MagentoID: id, IncrementID: incr, QuoteID: id + 1000, StoreID: 1, CustomerID: customerID,
		CustomerIsGuest: customerID == 0, CustomerEmail: email, CustomerFirstname: "Ann", CustomerLastname: "Buyer",
		State: "processing", Status: "processing", CreatedAt: created, UpdatedAt: created,
		BaseCurrency: "USD", OrderCurrency: "USD", GrandTotal: g, BaseGrandTotal: g, Subtotal: g,
		TotalQtyOrdered: "2", TotalItemCount: 2,
		Items: []OrderItem{
			{MagentoID: id*10 + 1, SKU: "MH01-XS-Black", Name: "Chaz Kangeroo Hoodie", QtyOrdered: "1", Price: MustMoney("10"), RowTotal: MustMoney("10")},
			{MagentoID: id*10 + 2, SKU: "24-MB01", Name: "Joust Duffle Bag", QtyOrdered: "1", Price: MustMoney("34"), RowTotal: MustMoney("34")},
		},
		BillingAddress:  &OrderAddress{MagentoID: id*10 + 3, AddressType: "billing", Firstname: "Ann", Lastname: "Buyer", Street: []string{"Main St 1"}, City: "Berlin", CountryID: "DE", Email: email},
		ShippingAddress: &OrderAddress{MagentoID: id*10 + 4, AddressType: "shipping", Firstname: "Ann", Lastname: "Buyer", Street: []string{"Main St 1"}, City: "Berlin", CountryID: "DE"},
		Payment:         &Payment{Method: "checkmo", AmountOrdered: g, BaseAmountOrdered: g, AdditionalInfo: []string{"Check / Money order"}},
		StatusHistory:   []StatusHistory{{MagentoID: id*10 + 5, Comment: "placed", Status: "pending", CreatedAt: created}},
	}
}

func fxCart(id, customerID int64, email string, active bool, updated string) Cart {
	c := Cart{
		MagentoID: id, StoreID: 1, CreatedAt: updated, UpdatedAt: updated, IsActive: active,
		CustomerIsGuest: customerID == 0, CustomerID: customerID, CustomerEmail: email,
		CustomerFirstname: "Ann", CustomerLastname: "Buyer", ItemsCount: 1, ItemsQty: "1",
		BaseCurrency: "USD", QuoteCurrency: "USD",
	}
	if active {
		c.Items = []CartItem{{MagentoID: id * 10, SKU: "24-MB01", Name: "Joust Duffle Bag", Qty: "1", Price: MustMoney("34")}}
		c.GrandTotal, c.BaseGrandTotal, c.TotalsUpdatedAt = MustMoney("34"), MustMoney("34"), updated
	}
	return c
}

func fxMemo(id, orderID int64, incr, created, grand string) CreditMemo {
	g := MustMoney(grand)
	return CreditMemo{MagentoID: id, OrderID: orderID, IncrementID: incr, State: CreditMemoRefunded, StoreID: 1,
		CreatedAt: created, UpdatedAt: created, BaseCurrency: "USD", OrderCurrency: "USD", GrandTotal: g, BaseGrandTotal: g,
		Items: []CreditMemoItem{{MagentoID: id * 10, OrderItemID: orderID*10 + 1, SKU: "MH01-XS-Black", Qty: "1", Price: g, RowTotal: g}}}
}

func fixedClock(utc string) func() time.Time {
	t, err := time.ParseInLocation(TimeLayout, utc, time.UTC)
	if err != nil {
		panic(err)
	}
	return func() time.Time { return t }
}

// withJSON gives the batch's orders and credit memos without Raw a JSON
// rendering of themselves, as the connector's records always have one
// (their JSON is their content hash). The caller's slices are not changed,
// so a test can edit a fixture and apply it again.
func withJSON(b *Batch) {
	b.Orders = slices.Clone(b.Orders)
	for i := range b.Orders {
		if o := &b.Orders[i]; o.Raw == nil {
			o.Raw, _ = json.Marshal(o)
		}
	}
	b.CreditMemos = slices.Clone(b.CreditMemos)
	for i := range b.CreditMemos {
		if m := &b.CreditMemos[i]; m.Raw == nil {
			m.Raw, _ = json.Marshal(m)
		}
	}
}
