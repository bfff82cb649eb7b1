package magentosim

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// Magento's wire quirks (magento-rest.md §0, §2, §5, §7) with its exact bodies.

func assertBody(t *testing.T, ts *testServer, method, path, body string, wantStatus int, wantBody string) {
	t.Helper()
	st, b := ts.do(method, path, body)
	if st != wantStatus {
		t.Errorf("%s %s: status %d, want %d (body %s)", method, path, st, wantStatus, b)
		return
	}
	var got, want any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Errorf("%s %s: body %q is not JSON", method, path, b)
		return
	}
	_ = json.Unmarshal([]byte(wantBody), &want)
	gb, _ := json.Marshal(got)
	wb, _ := json.Marshal(want)
	if string(gb) != string(wb) {
		t.Errorf("%s %s: body %s, want %s", method, path, gb, wb)
	}
}

func TestMissingSearchCriteriaIs400Required(t *testing.T) {
	ts := startStore(t, smallOptions())
	for _, p := range []string{"/rest/V1/orders", "/rest/V1/customers/search", "/rest/V1/carts/search", "/rest/V1/creditmemos"} {
		assertBody(t, ts, "GET", p, "", 400,
			`{"message":"\"%fieldName\" is required. Enter and try again.","parameters":{"fieldName":"searchCriteria"}}`)
	}
}

func TestRoutingErrors(t *testing.T) {
	ts := startStore(t, smallOptions())
	route := `{"message":"Request does not match any route."}`
	assertBody(t, ts, "GET", "/rest/V1/nope", "", 404, route)
	assertBody(t, ts, "GET", "/rest/narnia/V1/orders/1", "", 404, route)
	assertBody(t, ts, "DELETE", "/rest/V1/orders/1", "", 404, route) // existing path, wrong verb
	assertBody(t, ts, "PATCH", "/rest/V1/orders/1", "", 405,
		`{"message":"The %1 HTTP method is not supported.","parameters":["PATCH"]}`)
	for _, p := range []string{"/rest/V1/orders/1", "/rest/default/V1/orders/1", "/rest/fr/V1/orders/1", "/rest/all/V1/orders/1"} {
		if st, b := ts.do("GET", p, ""); st != 200 {
			t.Errorf("GET %s: %d %s", p, st, b)
		}
	}
	assertBody(t, ts, "GET", "/rest/V1/orders/999999", "", 404,
		`{"message":"The entity that was requested doesn't exist. Verify the entity and try again."}`)
	assertBody(t, ts, "GET", "/rest/V1/customers/999999", "", 404,
		`{"message":"No such entity with %fieldName = %fieldValue","parameters":{"fieldName":"customerId","fieldValue":999999}}`)
}

func TestStoreRoutesIncludeAdminScope(t *testing.T) {
	ts := startStore(t, smallOptions())
	for _, p := range []string{"/rest/V1/store/websites", "/rest/V1/store/storeGroups", "/rest/V1/store/storeViews"} {
		rows := ts.getJSON(p).([]any)
		if obj(t, rows[0])["id"] != json.Number("0") || len(rows) < 3 {
			t.Errorf("%s: want the admin row id 0 first and 2+ real rows, got %v", p, rows)
		}
	}
	cfg := ts.getJSON("/rest/V1/store/storeConfigs").([]any)
	tz := map[string]bool{}
	for _, c := range cfg {
		tz[obj(t, c)["timezone"].(string)] = true
	}
	if !tz["America/Los_Angeles"] || !tz["Europe/Paris"] {
		t.Errorf("storeConfigs timezones %v", tz)
	}
	one := ts.getJSON("/rest/V1/store/storeConfigs?storeCodes[]=fr").([]any)
	if len(one) != 1 || obj(t, one[0])["base_currency_code"] != "EUR" {
		t.Errorf("storeCodes[]=fr: %v", one)
	}
	countries := ts.getJSON("/rest/V1/directory/countries").([]any)
	var us map[string]any
	for _, c := range countries {
		if obj(t, c)["id"] == "US" {
			us = obj(t, c)
		}
	}
	if us == nil || len(us["available_regions"].([]any)) < 5 {
		t.Errorf("US with regions missing from directory/countries")
	}
	groups := obj(t, ts.getJSON("/rest/V1/customerGroups/search?searchCriteria[pageSize]=10"+
		"&searchCriteria[sortOrders][0][field]=customer_group_id&searchCriteria[sortOrders][0][direction]=DESC"))
	if first := obj(t, firstItem(t, groups)); first["code"] != "Retailer" {
		t.Errorf("groups sorted by customer_group_id DESC start with %v", first["code"])
	}
	if groups["total_count"] != json.Number("4") {
		t.Errorf("customer groups total %v, want 4", groups["total_count"])
	}
}

func TestAuthFailuresAre401WithResource(t *testing.T) {
	opts := smallOptions()
	ts := startStore(t, opts)
	ts.token = "wrong"
	assertBody(t, ts, "GET", "/rest/V1/orders/1", "", 401,
		`{"message":"The consumer isn't authorized to access %resources.","parameters":{"resources":"Magento_Sales::actions_view"}}`)
	ts.token = ts.store.Token()
	ts.store.SetFaults(Faults{ACL: []string{"Magento_Customer::customer"}})
	if st, _ := ts.do("GET", "/rest/V1/customers/1", ""); st != 200 {
		t.Errorf("granted resource refused: %d", st)
	}
	assertBody(t, ts, "GET", "/rest/V1/carts/search?searchCriteria[pageSize]=1", "", 401,
		`{"message":"The consumer isn't authorized to access %resources.","parameters":{"resources":"Magento_Cart::manage"}}`)
	if st, _ := ts.do("GET", "/rest/V1/directory/countries", ""); st != 200 {
		t.Errorf("anonymous route refused under a narrow ACL: %d", st)
	}

	ts.token = ts.store.OAuth().AccessToken // the integration's access token works as Bearer too
	ts.store.SetFaults(Faults{})
	if st, _ := ts.do("GET", "/rest/V1/customers/1", ""); st != 200 {
		t.Errorf("access token as Bearer refused: %d", st)
	}

	opts.DisableBearer = true
	off := startStore(t, opts)
	assertBody(t, off, "GET", "/rest/V1/customers/1", "", 401,
		`{"message":"The consumer isn't authorized to access %resources.","parameters":{"resources":"Magento_Customer::customer"}}`)
	off.store.SetBearerEnabled(true)
	if st, _ := off.do("GET", "/rest/V1/customers/1", ""); st != 200 {
		t.Errorf("bearer re-enabled but refused: %d", st)
	}
}

func TestPagingPastTheEnd(t *testing.T) {
	ts := startStore(t, smallOptions())
	past := "/rest/V1/customers/search?searchCriteria[pageSize]=50&searchCriteria[currentPage]=9"
	res := obj(t, ts.getJSON(past))
	if n := len(res["items"].([]any)); n != 0 {
		t.Errorf("2.4 page past the end: %d items, want none", n)
	}
	if res["total_count"] != json.Number("60") {
		t.Errorf("total_count %v, want 60 (whole filtered set)", res["total_count"])
	}
	if obj(t, res["search_criteria"])["current_page"] != json.Number("9") {
		t.Errorf("current_page echo %v, want what was sent", res["search_criteria"])
	}
	ts.store.SetFaults(Faults{LegacyPaging: true})
	legacy := obj(t, ts.getJSON(past))["items"].([]any)
	last := obj(t, ts.getJSON("/rest/V1/customers/search?searchCriteria[pageSize]=50&searchCriteria[currentPage]=2"))["items"].([]any)
	if len(legacy) != 10 || len(last) != 10 || obj(t, legacy[0])["id"] != obj(t, last[0])["id"] {
		t.Errorf("legacy paging must repeat the last page: got %d items, last page %d", len(legacy), len(last))
	}
}

func TestInputLimits(t *testing.T) {
	ts := startStore(t, smallOptions())
	ts.store.SetFaults(Faults{InputLimits: true})
	res := obj(t, ts.getJSON("/rest/V1/orders?searchCriteria[currentPage]=1"))
	if n := len(res["items"].([]any)); n != 20 {
		t.Errorf("default page size under input limits: %d items, want 20", n)
	}
	assertBody(t, ts, "GET", "/rest/V1/orders?searchCriteria[pageSize]=301", "", 400,
		`{"message":"Maximum SearchCriteria pageSize is %max","parameters":{"max":300}}`)
	if st, _ := ts.do("GET", "/rest/V1/orders?searchCriteria[pageSize]=300", ""); st != 200 {
		t.Errorf("pageSize 300 refused")
	}
}

func TestSearchCriteriaEcho(t *testing.T) {
	ts := startStore(t, smallOptions())
	res := obj(t, ts.getJSON("/rest/V1/orders?searchCriteria[filterGroups][0][filters][0][field]=state"+
		"&searchCriteria[filterGroups][0][filters][0][value]=complete"+
		"&searchCriteria[filter_groups][1][filters][0][field]=grand_total&searchCriteria[filter_groups][1][filters][0][value]=10"+
		"&searchCriteria[filter_groups][1][filters][0][conditionType]=gt"+
		"&searchCriteria[sortOrders][0][field]=grand_total&searchCriteria[sortOrders][0][direction]=DESC&searchCriteria[pageSize]=5"))
	echo, _ := json.Marshal(res["search_criteria"])
	want := `{"filter_groups":[{"filters":[{"field":"state","value":"complete"}]},` +
		`{"filters":[{"condition_type":"gt","field":"grand_total","value":"10"}]}],` +
		`"page_size":5,"sort_orders":[{"direction":"DESC","field":"grand_total"}]}`
	if string(echo) != want {
		t.Errorf("echo\n got %s\nwant %s", echo, want)
	}
	bare := obj(t, ts.getJSON("/rest/V1/orders?searchCriteria="))
	if e, _ := json.Marshal(bare["search_criteria"]); string(e) != `{"filter_groups":[]}` {
		t.Errorf("bare searchCriteria echo %s", e)
	}
}

func TestMoneyAndFlagEncoding(t *testing.T) {
	ts := startStore(t, smallOptions())
	_, raw := ts.do("GET", "/rest/V1/orders?searchCriteria[pageSize]=0", "")
	if m := regexp.MustCompile(`":-?\d+\.0[,}\]]`).Find(raw); m != nil {
		t.Errorf("number printed with a trailing .0: %s", m)
	}
	if !regexp.MustCompile(`"grand_total":\d+\.\d{1,2}[,}]`).Match(raw) || !regexp.MustCompile(`"grand_total":\d+[,}]`).Match(raw) {
		t.Errorf("expected both integral and decimal grand totals in %d bytes", len(raw))
	}
	if regexp.MustCompile(`"created_at":"\d{4}-\d\d-\d\dT`).Match(raw) || !regexp.MustCompile(`"created_at":"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"`).Match(raw) {
		t.Errorf("timestamps must be UTC \"YYYY-MM-DD HH:MM:SS\"")
	}
	if strings.Contains(string(raw), `":null,"customer_id`) {
		t.Errorf("null customer_id rendered")
	}
}

func TestInactiveCartHidesItemsAndTotals(t *testing.T) {
	ts := startStore(t, smallOptions())
	res := obj(t, ts.getJSON("/rest/V1/carts/search?searchCriteria[filter_groups][0][filters][0][field]=is_active"+
		"&searchCriteria[filter_groups][0][filters][0][value]=0&searchCriteria[pageSize]=0"))
	items := res["items"].([]any)
	if len(items) == 0 {
		t.Fatal("no inactive carts")
	}
	for _, it := range items {
		c := obj(t, it)
		if _, ok := c["items"]; ok {
			t.Fatalf("inactive cart %v lists items", c["id"])
		}
		if _, ok := c["extension_attributes"]; ok {
			t.Fatalf("inactive cart %v has extension_attributes", c["id"])
		}
		if c["is_active"] != false {
			t.Fatalf("filter is_active=0 returned %v", c["is_active"])
		}
	}
	id := obj(t, items[0])["id"].(json.Number)
	want := `{"message":"No such entity with %fieldName = %fieldValue","parameters":{"fieldName":"cartId","fieldValue":` + id.String() + `}}`
	assertBody(t, ts, "GET", "/rest/V1/carts/"+id.String()+"/totals", "", 404, want)
	assertBody(t, ts, "GET", "/rest/V1/carts/"+id.String()+"/items", "", 404, want)
	if st, _ := ts.do("GET", "/rest/V1/carts/"+id.String(), ""); st != 200 {
		t.Errorf("GET inactive cart itself must work, got %d", st)
	}
}

func TestTotalsGrandTotalExcludesTax(t *testing.T) {
	ts := startStore(t, smallOptions())
	// An EU customer (20% VAT) shows the quirk: grand_total = base_grand_total - tax.
	res := obj(t, ts.getJSON("/rest/V1/customers/search?searchCriteria[filter_groups][0][filters][0][field]=website_id"+
		"&searchCriteria[filter_groups][0][filters][0][value]=2&searchCriteria[pageSize]=1"))
	cid := obj(t, firstItem(t, res))["id"].(json.Number).String()
	_, b := ts.do("POST", "/rest/V1/customers/"+cid+"/carts", "")
	cart := string(b)
	if st, b := ts.do("POST", "/rest/V1/carts/"+cart+"/items", `{"cartItem":{"sku":"24-MB01","qty":1,"quote_id":"`+cart+`"}}`); st != 200 {
		t.Fatalf("add item: %d %s", st, b)
	}
	tot := obj(t, ts.getJSON("/rest/V1/carts/"+cart+"/totals"))
	gt, _ := tot["grand_total"].(json.Number).Float64()
	bgt, _ := tot["base_grand_total"].(json.Number).Float64()
	tax, _ := tot["tax_amount"].(json.Number).Float64()
	if tax <= 0 || gt != bgt-tax {
		t.Errorf("grand_total %v base_grand_total %v tax %v: want grand_total = base - tax with tax > 0", gt, bgt, tax)
	}
}
