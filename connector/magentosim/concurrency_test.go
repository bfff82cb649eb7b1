package magentosim

import (
	"fmt"
	"sync"
	"testing"
)

// TestConcurrentReadsWritesAndHelpers exercises the locks (run with -race on this package).
func TestConcurrentReadsWritesAndHelpers(t *testing.T) {
	ts := startStore(t, smallOptions())
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 15; i++ {
				switch (w + i) % 5 {
				case 0:
					ts.do("GET", "/rest/V1/orders?searchCriteria[pageSize]=20&searchCriteria[sortOrders][0][field]=updated_at", "")
				case 1:
					ts.do("POST", "/rest/V1/carts/", "")
				case 2:
					_ = ts.store.Touch(EntityCustomers, int64(1+i))
					ts.store.SetFaults(Faults{MutateWhilePaging: i%2 == 0})
				case 3:
					ts.do("GET", "/rest/V1/carts/search?searchCriteria[pageSize]=10&fields=items[id,updated_at]", "")
				case 4:
					ts.do("PUT", fmt.Sprintf("/rest/V1/customers/%d", 10+w), `{"customer":{"firstname":"Con","lastname":"Current","email":"c`+fmt.Sprint(w)+`@example.com"}}`)
					_ = ts.store.Snapshot()
				}
			}
		}(w)
	}
	wg.Wait()
	if n := len(ts.store.Snapshot().IDs(EntityCarts)); n < 80 {
		t.Errorf("carts %d after concurrent creation", n)
	}
}

func TestNewsletterRouteOnlyWithModule(t *testing.T) {
	opts := smallOptions()
	opts.NewsletterModule = false
	ts := startStore(t, opts)
	assertBody(t, ts, "GET", "/rest/V1/newsletter/subscribers?searchCriteria[pageSize]=1", "", 404, `{"message":"Request does not match any route."}`)
}

func TestDeletedCustomerOrdersLoseCustomerIDSilently(t *testing.T) {
	ts := startStore(t, smallOptions())
	res := obj(t, ts.getJSON("/rest/V1/orders?searchCriteria[filter_groups][0][filters][0][field]=customer_id"+
		"&searchCriteria[filter_groups][0][filters][0][condition_type]=notnull&searchCriteria[pageSize]=1"))
	o := obj(t, firstItem(t, res))
	cid, _ := id2int(fmt.Sprint(o["customer_id"]))
	oid := fmt.Sprint(o["entity_id"])
	if err := ts.store.DeleteCustomer(cid); err != nil {
		t.Fatal(err)
	}
	after := obj(t, ts.getJSON("/rest/V1/orders/"+oid))
	if _, ok := after["customer_id"]; ok || after["updated_at"] != o["updated_at"] || after["customer_email"] != o["customer_email"] {
		t.Errorf("order of a deleted customer: customer_id %v updated_at %v→%v", after["customer_id"], o["updated_at"], after["updated_at"])
	}
}
