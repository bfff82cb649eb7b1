package magentosim

import "testing"

func TestSmoke(t *testing.T) {
	ts := startStore(t, smallOptions())
	for _, p := range []string{"/rest/V1/orders?searchCriteria[pageSize]=1", "/rest/V1/carts/search?searchCriteria[pageSize]=2",
		"/rest/V1/customers/search?searchCriteria[pageSize]=1", "/rest/V1/creditmemos?searchCriteria[pageSize]=1",
		"/rest/V1/products?searchCriteria[pageSize]=1", "/rest/V1/newsletter/subscribers?searchCriteria[pageSize]=2"} {
		st, b := ts.do("GET", p, "")
		t.Logf("%s %d %s", p, st, truncate(string(b), 1500))
	}
}
