package magentosim

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

func TestSameSeedSameStore(t *testing.T) {
	later := smallOptions()
	later.Now = func() time.Time { return fixedNow.Add(7 * time.Hour) } // same day, later
	a, b := New(smallOptions()).Snapshot(), New(later).Snapshot()
	other := smallOptions()
	other.Seed = 8
	c := New(other).Snapshot()
	for _, e := range []string{EntityCustomers, EntityCarts, EntityOrders, EntityCreditMemos, EntitySubscribers, EntityProducts} {
		if a.Checksum(e) != b.Checksum(e) || a.Checksum(e) == "" {
			t.Errorf("%s: same seed, different checksum", e)
		}
		if e != EntityProducts && a.Checksum(e) == c.Checksum(e) {
			t.Errorf("%s: different seeds, same checksum", e)
		}
	}
	if n := len(a.IDs(EntityOrders)); n != 150 {
		t.Errorf("orders %d, want 150", n)
	}
	if n := len(a.IDs(EntityCustomers)); n != 60 {
		t.Errorf("customers %d, want 60", n)
	}
}

func TestGeneratedDataShape(t *testing.T) {
	s := New(Options{Seed: 5, Customers: 400, Carts: 500, Orders: 900, CreditMemos: 60, Subscribers: 200, Products: 60, Now: clock})
	now := ts2(fixedNow)
	active, converted, guestsWithEmail, reservedOnly := 0, 0, 0, 0
	orderByQuote := map[int64]*Order{}
	for _, o := range s.orders.idOrder {
		orderByQuote[o.QuoteID] = o
		if o.UpdatedAt >= now || o.CreatedAt < "2019-01-01" {
			t.Fatalf("order %d dated %s..%s outside history", o.EntityID, o.CreatedAt, o.UpdatedAt)
		}
	}
	activePerCustomer := map[int64]int{}
	for _, c := range s.carts.idOrder {
		if c.IsActive {
			active++
			if c.CustomerID != 0 {
				activePerCustomer[c.CustomerID]++
			} else if c.Email != "" {
				guestsWithEmail++
			}
			continue
		}
		if o := orderByQuote[c.ID]; o == nil && c.ReservedOrderID != "" {
			reservedOnly++
		}
		if o := orderByQuote[c.ID]; o != nil {
			converted++
			if o.IncrementID != c.ReservedOrderID {
				t.Errorf("cart %d reserved %s, order %s", c.ID, c.ReservedOrderID, o.IncrementID)
			}
		}
	}
	if share := float64(active) / 500; share < 0.15 || share > 0.25 {
		t.Errorf("active share %.2f, want ~0.2", share)
	}
	if converted == 0 || converted == 400 || guestsWithEmail == 0 || reservedOnly == 0 {
		t.Errorf("converted %d, guest carts with email %d, reserved without order %d", converted, guestsWithEmail, reservedOnly)
	}
	for cid, n := range activePerCustomer {
		if n > 1 {
			t.Errorf("customer %d has %d active quotes", cid, n)
		}
	}
	states := map[string]int{}
	for _, o := range s.orders.idOrder {
		states[o.State]++
	}
	for _, st := range []string{"new", "processing", "complete", "canceled", "closed", "holded"} {
		if states[st] == 0 {
			t.Errorf("no %s orders in %v", st, states)
		}
	}
	statuses := map[int]int{}
	guestsSubs := 0
	for _, sub := range s.subscribers.idOrder {
		statuses[sub.SubscriberStatus]++
		if sub.CustomerID == 0 {
			guestsSubs++
		}
	}
	if len(statuses) != 4 || guestsSubs == 0 {
		t.Errorf("subscriber statuses %v, guests %d", statuses, guestsSubs)
	}
	partial, full := 0, 0
	for _, cm := range s.creditmemos.idOrder {
		o := s.orders.get(cm.OrderID)
		if o.State == "closed" {
			full++
		} else {
			partial++
		}
	}
	if partial == 0 || full == 0 {
		t.Errorf("credit memos: %d partial, %d full", partial, full)
	}
	websites := map[int]int{}
	for _, c := range s.customers.idOrder {
		websites[c.WebsiteID]++
	}
	if len(websites) < 2 {
		t.Errorf("customers on websites %v", websites)
	}
}

func TestHelpersChangeTheTruth(t *testing.T) {
	ts := startStore(t, smallOptions())
	s := ts.store
	snap := s.Snapshot()
	cid := snap.IDs(EntityCustomers)[4]
	if err := s.Touch(EntityOrders, 7); err != nil {
		t.Fatal(err)
	}
	if got := s.Snapshot()[EntityOrders].UpdatedAt[7]; got != ts2(fixedNow) {
		t.Errorf("touched order updated_at %s", got)
	}
	// the touched order is now the last one of an incremental walk
	res := obj(t, ts.getJSON("/rest/V1/orders?searchCriteria[sortOrders][0][field]=updated_at&searchCriteria[sortOrders][0][direction]=DESC&searchCriteria[pageSize]=1"))
	if obj(t, firstItem(t, res))["entity_id"] != json.Number("7") {
		t.Errorf("touched order not newest")
	}

	before := snap[EntityCustomers].UpdatedAt[cid]
	if err := s.SetSubscriberStatus(cid, 1); err != nil {
		t.Fatal(err)
	}
	c := obj(t, ts.getJSON(fmt.Sprintf("/rest/V1/customers/%d", cid)))
	if c["updated_at"] != before || obj(t, c["extension_attributes"])["is_subscribed"] != true {
		t.Errorf("SetSubscriberStatus: updated_at %v (was %s), ext %v", c["updated_at"], before, c["extension_attributes"])
	}

	if err := s.DeleteCustomer(cid); err != nil {
		t.Fatal(err)
	}
	if st, _ := ts.do("GET", fmt.Sprintf("/rest/V1/customers/%d", cid), ""); st != 404 {
		t.Errorf("deleted customer: %d", st)
	}
	if err := s.DeleteCustomer(cid); err == nil {
		t.Errorf("deleting twice succeeded")
	}
	cart := snap.IDs(EntityCarts)[0]
	if err := s.PurgeCart(cart); err != nil {
		t.Fatal(err)
	}
	if st, _ := ts.do("GET", fmt.Sprintf("/rest/V1/carts/%d", cart), ""); st != 404 {
		t.Errorf("purged cart: %d", st)
	}

	if n := s.ForceSameTimestamp(EntityOrders, 30, "2024-05-05 05:05:05"); n != 30 {
		t.Fatalf("forced %d", n)
	}
	same := obj(t, ts.getJSON("/rest/V1/orders?searchCriteria[filter_groups][0][filters][0][field]=updated_at"+
		"&searchCriteria[filter_groups][0][filters][0][value]=2024-05-05%2005:05:05&searchCriteria[pageSize]=10&fields=total_count"))
	if same["total_count"] != json.Number("30") {
		t.Errorf("orders sharing the forced timestamp: %v", same["total_count"])
	}
}
