package connector

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/magedesk/magedesk/model"
)

func TestFlexIntAcceptsNumbersAndNumericStrings(t *testing.T) {
	cases := map[string]int64{`2`: 2, `"2"`: 2, `" 7 "`: 7, `3.0000`: 3, `"3.0"`: 3, `true`: 1, `false`: 0, `null`: 0, `""`: 0, `-4`: -4}
	for in, want := range cases {
		got, err := flexInt(json.RawMessage(in))
		if err != nil || got != want {
			t.Errorf("flexInt(%s) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{`"abc"`, `2.5`, `{}`, `[1]`} {
		if _, err := flexInt(json.RawMessage(bad)); err == nil {
			t.Errorf("flexInt(%s) accepted", bad)
		}
	}
}

func TestFlexBoolAcceptsZeroOneAndWords(t *testing.T) {
	cases := map[string]bool{`true`: true, `false`: false, `1`: true, `0`: false, `"1"`: true, `"0"`: false, `"true"`: true, `null`: false}
	for in, want := range cases {
		got, err := flexBool(json.RawMessage(in))
		if err != nil || got != want {
			t.Errorf("flexBool(%s) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := flexBool(json.RawMessage(`2`)); err == nil {
		t.Error("flexBool(2) accepted")
	}
}

func TestOddFieldKeepsRestOfRecordAndNamesField(t *testing.T) {
	raw := json.RawMessage(`{"entity_id":"77","increment_id":"000000077","grand_total":"12.5",
	  "customer_is_guest":"1","total_due":{"oops":1},
	  "items":[{"item_id":1,"sku":"A","qty_ordered":"x"},"not-an-object",{"item_id":2,"sku":"B","qty_ordered":1}]}`)
	o, err := MapOrder(raw)
	var me *MapError
	if !errors.As(err, &me) {
		t.Fatalf("want *MapError, got %v", err)
	}
	if me.ID != 77 || me.Entity != "order" {
		t.Errorf("MapError id/entity = %d %s", me.ID, me.Entity)
	}
	paths := map[string]bool{}
	for _, f := range me.Fields {
		paths[f.Path] = true
	}
	for _, p := range []string{"total_due", "items[0].qty_ordered", "items[1]"} {
		if !paths[p] {
			t.Errorf("error does not name %s: %v", p, err)
		}
	}
	if !strings.Contains(err.Error(), "total_due") {
		t.Errorf("message %q lacks the field", err)
	}
	// Everything else was read.
	if o.MagentoID != 77 || o.IncrementID != "000000077" || o.GrandTotal != model.MustMoney("12.5") || !o.CustomerIsGuest {
		t.Errorf("order = %+v", o)
	}
	if len(o.Items) != 2 || o.Items[0].SKU != "A" || o.Items[1].SKU != "B" || o.Items[1].QtyOrdered != "1" {
		t.Errorf("items = %+v", o.Items)
	}
}

func TestNotAnObjectIsAHardError(t *testing.T) {
	if _, err := MapCustomer(json.RawMessage(`[1,2]`)); err == nil || IsMapError(err) {
		t.Errorf("want a hard error, got %v", err)
	}
}

func TestSubscriberFromCustomerStatuses(t *testing.T) {
	yes, no := true, false
	c := model.Customer{MagentoID: 5, StoreID: 2, Email: "a@b.c", UpdatedAt: "2024-05-01 10:00:00", IsSubscribed: &yes}
	s, ok := SubscriberFromCustomer(c)
	if !ok || s.Status != model.SubscriberSubscribed || s.CustomerID != 5 || s.MagentoID != 5 || s.Source != model.SubscriberFromCustomer ||
		s.ChangeStatusAt != c.UpdatedAt || s.StoreID != 2 || s.Email != "a@b.c" {
		t.Errorf("subscribed = %+v %v", s, ok)
	}
	c.IsSubscribed = &no
	if s, ok := SubscriberFromCustomer(c); !ok || s.Status != model.SubscriberUnsubscribe {
		t.Errorf("unsubscribed = %+v %v", s, ok)
	}
}

func TestMapCustomerReadsIsSubscribedAndStringIDs(t *testing.T) {
	c, err := MapCustomer(json.RawMessage(`{"id":"12","group_id":"2","website_id":1,"gender":"2","dob":"1980-02-03 00:00:00",
	  "extension_attributes":{"is_subscribed":1},"addresses":[{"id":3,"region":"Bavaria","region_id":"81","default_billing":"1"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if c.MagentoID != 12 || c.GroupID != 2 || c.Gender != 2 || c.DOB != "1980-02-03" || c.IsSubscribed == nil || !*c.IsSubscribed {
		t.Errorf("customer = %+v", c)
	}
	if a := c.Addresses[0]; a.Region != "Bavaria" || a.RegionID != 81 || !a.DefaultBilling || a.DefaultShipping {
		t.Errorf("address = %+v", a)
	}
}

func TestMapSubscriberCompanionItem(t *testing.T) {
	s, err := MapSubscriber(json.RawMessage(`{"subscriber_id":9,"store_id":1,"customer_id":0,"subscriber_email":"g@x.io","subscriber_status":"4","change_status_at":"2024-01-01 00:00:00"}`))
	if err != nil {
		t.Fatal(err)
	}
	if s.MagentoID != 9 || s.Email != "g@x.io" || s.Status != model.SubscriberUnconfirmed || s.CustomerID != 0 || s.Source != model.SubscriberFromModule {
		t.Errorf("subscriber = %+v", s)
	}
}
