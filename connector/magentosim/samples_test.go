package magentosim

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The simulator's payloads are held against the real Magento samples: every key of a
// sample must exist in our output of the same kind, with the same JSON type.

const samplesDir = "/work/shared/magento/samples"

func loadSample(t *testing.T, name string) any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(samplesDir, name))
	if err != nil {
		t.Skipf("sample %s not available: %v", name, err)
	}
	return decodeJSON(t, b)
}

func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "bool"
	case json.Number:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// sameShape reports every key of want missing from got or typed differently; arrays are
// compared through their first elements. Paths in skip are B2B/edition-specific blocks.
func sameShape(path string, want, got any, skip map[string]bool) []string {
	if skip[path] {
		return nil
	}
	wt, gt := jsonType(want), jsonType(got)
	if wt == "null" { // declared non-nullable fields Magento renders as null: must be present, any type
		return nil
	}
	if wt != gt {
		return []string{fmt.Sprintf("%s: sample %s, simulator %s", path, wt, gt)}
	}
	var out []string
	switch w := want.(type) {
	case map[string]any:
		g := got.(map[string]any)
		keys := make([]string, 0, len(w))
		for k := range w {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := path + "." + k
			if skip[p] {
				continue
			}
			gv, ok := g[k]
			if !ok {
				out = append(out, p+": missing")
				continue
			}
			out = append(out, sameShape(p, w[k], gv, skip)...)
		}
	case []any:
		g := got.([]any)
		if len(w) > 0 && len(g) > 0 {
			out = append(out, sameShape(path+"[0]", w[0], g[0], skip)...)
		} else if len(w) > 0 {
			out = append(out, path+": simulator array empty")
		}
	}
	return out
}

func assertShape(t *testing.T, name string, want, got any, skip ...string) {
	t.Helper()
	sk := map[string]bool{}
	for _, s := range skip {
		sk[s] = true
	}
	if diffs := sameShape("$", want, got, sk); len(diffs) > 0 {
		t.Errorf("%s differs from the Magento sample:\n  %s", name, strings.Join(diffs, "\n  "))
	}
}

func firstItem(t *testing.T, v any) any {
	t.Helper()
	items, _ := obj(t, v)["items"].([]any)
	if len(items) == 0 {
		t.Fatalf("search returned no items: %v", v)
	}
	return items[0]
}

func TestOrderMatchesSampleOrder(t *testing.T) {
	ts := startStore(t, smallOptions())
	// A registered customer's order with a coupon carries every optional key of the sample.
	got := firstItem(t, ts.getJSON("/rest/V1/orders?searchCriteria[filter_groups][0][filters][0][field]=customer_is_guest"+
		"&searchCriteria[filter_groups][0][filters][0][value]=0"+
		"&searchCriteria[filter_groups][1][filters][0][field]=coupon_code"+
		"&searchCriteria[filter_groups][1][filters][0][condition_type]=notnull&searchCriteria[pageSize]=1"))
	assertShape(t, "order", loadSample(t, "order.json"), got)
	o := obj(t, got)
	if id, ok := o["increment_id"].(string); !ok || len(id) != 9 {
		t.Errorf("increment_id %v: want a 9-digit string", o["increment_id"])
	}
	if h, ok := o["status_histories"].([]any); !ok || h == nil {
		t.Errorf("status_histories must be an array, got %v", o["status_histories"])
	}
}

func TestGuestOrderOmitsCustomerID(t *testing.T) {
	ts := startStore(t, smallOptions())
	got := obj(t, firstItem(t, ts.getJSON("/rest/V1/orders?searchCriteria[filter_groups][0][filters][0][field]=customer_is_guest"+
		"&searchCriteria[filter_groups][0][filters][0][value]=1&searchCriteria[pageSize]=1")))
	if _, ok := got["customer_id"]; ok {
		t.Errorf("guest order carries customer_id %v; Magento omits nulls", got["customer_id"])
	}
	if got["customer_is_guest"] != json.Number("1") {
		t.Errorf("customer_is_guest = %v, want int 1", got["customer_is_guest"])
	}
}

func TestConfigurableOrderLinesHaveParentAndChild(t *testing.T) {
	ts := startStore(t, smallOptions())
	body := obj(t, ts.getJSON("/rest/V1/orders?searchCriteria[pageSize]=0"))
	for _, it := range body["items"].([]any) {
		for _, line := range obj(t, it)["items"].([]any) {
			l := obj(t, line)
			if l["parent_item_id"] == nil {
				continue
			}
			parent := obj(t, l["parent_item"])
			if parent["item_id"] != l["parent_item_id"] || parent["product_type"] != "configurable" {
				t.Fatalf("child line %v: parent_item %v does not match", l["item_id"], parent)
			}
			if parent["sku"] != l["sku"] {
				t.Errorf("configurable parent line sku %v, child %v: Magento puts the child's sku on both", parent["sku"], l["sku"])
			}
			return
		}
	}
	t.Fatal("no configurable order line generated")
}

func TestCustomerMatchesSamples(t *testing.T) {
	ts := startStore(t, smallOptions())
	res := ts.getJSON("/rest/V1/customers/search?searchCriteria[filter_groups][0][filters][0][field]=dob" +
		"&searchCriteria[filter_groups][0][filters][0][condition_type]=notnull" +
		"&searchCriteria[filter_groups][1][filters][0][field]=gender" +
		"&searchCriteria[filter_groups][1][filters][0][condition_type]=notnull" +
		"&searchCriteria[filter_groups][2][filters][0][field]=firstname" +
		"&searchCriteria[filter_groups][2][filters][0][value]=%25e%25" +
		"&searchCriteria[filter_groups][2][filters][0][condition_type]=like")
	sample := loadSample(t, "search-result-customers.json")
	assertShape(t, "customers/search", sample, res)
	assertShape(t, "customer", loadSample(t, "customer.json"), firstItem(t, res))
	c := obj(t, firstItem(t, res))
	if _, ok := c["default_billing"].(string); !ok {
		t.Errorf("default_billing %v must be a string id", c["default_billing"])
	}
	ext := obj(t, c["extension_attributes"])
	if _, ok := ext["is_subscribed"].(bool); !ok {
		t.Errorf("extension_attributes.is_subscribed missing or not bool: %v", ext)
	}
}

func TestCreditMemoMatchesSample(t *testing.T) {
	ts := startStore(t, smallOptions())
	got := firstItem(t, ts.getJSON("/rest/V1/creditmemos?searchCriteria[pageSize]=1"))
	assertShape(t, "creditmemo list item", loadSample(t, "creditmemo.json"), got)
	id := obj(t, got)["entity_id"].(json.Number)
	assertShape(t, "creditmemo", loadSample(t, "creditmemo.json"), ts.getJSON("/rest/V1/creditmemo/"+id.String()))
}

func TestProductMatchesSample(t *testing.T) {
	ts := startStore(t, smallOptions())
	got := ts.getJSON("/rest/V1/products/24-UG02")
	assertShape(t, "product", loadSample(t, "product.json"), got)
	conf := obj(t, ts.getJSON("/rest/V1/products/WS12"))
	ext := obj(t, conf["extension_attributes"])
	if conf["type_id"] != "configurable" || len(ext["configurable_product_options"].([]any)) != 2 ||
		len(ext["configurable_product_links"].([]any)) == 0 {
		t.Errorf("configurable product lacks options/links: %v", ext)
	}
	child := obj(t, ts.getJSON("/rest/V1/products/WS12-M-Orange"))
	if child["visibility"] != json.Number("1") {
		t.Errorf("child visibility %v, want 1 (not visible individually)", child["visibility"])
	}
}

// checkoutCart runs the admin cart flow up to shipping information for a customer.
func checkoutCart(t *testing.T, ts *testServer, customerID int64) (cartID string, shipInfo any) {
	t.Helper()
	st, b := ts.do("POST", fmt.Sprintf("/rest/default/V1/customers/%d/carts", customerID), "")
	if st != 200 {
		t.Fatalf("create cart: %d %s", st, b)
	}
	cartID = string(b)
	st, b = ts.do("POST", "/rest/default/V1/carts/"+cartID+"/items",
		`{"cartItem":{"sku":"24-UG02","qty":2,"quote_id":"`+cartID+`"}}`)
	if st != 200 {
		t.Fatalf("add item: %d %s", st, b)
	}
	req, _ := os.ReadFile(filepath.Join(samplesDir, "shipping-information-request.json"))
	body := string(req)
	if len(body) == 0 {
		body = `{"addressInformation":{"shipping_address":{"region":"New York","region_id":43,"region_code":"NY","country_id":"US","street":["123 Oak Ave"],"postcode":"10577","city":"Purchase","firstname":"Jane","lastname":"Doe","email":"jdoe@example.com","telephone":"512-555-1111"},"shipping_carrier_code":"tablerate","shipping_method_code":"bestway"}}`
	}
	st, b = ts.do("POST", "/rest/default/V1/carts/"+cartID+"/shipping-information", body)
	if st != 200 {
		t.Fatalf("shipping-information: %d %s", st, b)
	}
	return cartID, decodeJSON(t, b)
}

func TestCartPayloadsMatchSamples(t *testing.T) {
	ts := startStore(t, smallOptions())
	cartID, info := checkoutCart(t, ts, 1)
	assertShape(t, "shipping-information response", loadSample(t, "shipping-information-response.json"), info)
	cart := ts.getJSON("/rest/V1/carts/" + cartID)
	assertShape(t, "cart", loadSample(t, "cart.json"), cart,
		"$.customer.extension_attributes.company_attributes", "$.extension_attributes.negotiable_quote")
	items := ts.getJSON("/rest/V1/carts/" + cartID + "/items").([]any)
	assertShape(t, "cart item", loadSample(t, "cart-item.json"), items[0])
	st, b := ts.do("POST", "/rest/V1/carts/"+cartID+"/estimate-shipping-methods",
		`{"address":{"country_id":"US","postcode":"10577","region_id":43}}`)
	if st != 200 {
		t.Fatalf("estimate: %d %s", st, b)
	}
	assertShape(t, "estimate-shipping-methods", loadSample(t, "estimate-shipping-methods-response.json"), decodeJSON(t, b))
	c := obj(t, cart)
	if c["is_active"] != true || c["customer_is_guest"] != false {
		t.Errorf("cart flags must be JSON bools: is_active %v customer_is_guest %v", c["is_active"], c["customer_is_guest"])
	}
}

func TestErrorBodiesMatchSamples(t *testing.T) {
	ts := startStore(t, smallOptions())
	ts.token = ""
	st, b := ts.do("GET", "/rest/V1/orders/1", "")
	if st != 401 {
		t.Fatalf("no auth: status %d", st)
	}
	assertShape(t, "401 ACL", loadSample(t, "error-401-acl.json"), decodeJSON(t, b))
}

// The sample request bodies are accepted as they are (ids swapped for ours).
func TestSampleRequestsAreAccepted(t *testing.T) {
	ts := startStore(t, smallOptions())
	_, b := ts.do("POST", "/rest/V1/carts/", "")
	cart := string(b)
	raw, err := os.ReadFile(filepath.Join(samplesDir, "cart-item-add-request.json"))
	if err != nil {
		t.Skip(err)
	}
	body := strings.Replace(string(raw), `"quote_id": "4"`, `"quote_id": "`+cart+`"`, 1)
	st, b := ts.do("POST", "/rest/V1/carts/"+cart+"/items", body)
	if st != 200 {
		t.Fatalf("cart-item-add-request.json: %d %s", st, b)
	}
	assertShape(t, "add item response", loadSample(t, "cart-item.json"), decodeJSON(t, b))

	o := obj(t, firstItem(t, ts.getJSON("/rest/V1/orders?searchCriteria[filter_groups][0][filters][0][field]=state"+
		"&searchCriteria[filter_groups][0][filters][0][value]=complete&searchCriteria[pageSize]=1")))
	item := obj(t, o["items"].([]any)[0])["item_id"].(json.Number).String()
	raw, _ = os.ReadFile(filepath.Join(samplesDir, "refund-order-request.json"))
	body = strings.ReplaceAll(string(raw), `"order_item_id": 3`, `"order_item_id": `+item)
	body = strings.ReplaceAll(body, "[\n        3\n      ]", "["+item+"]")
	st, b = ts.do("POST", "/rest/V1/order/"+o["entity_id"].(json.Number).String()+"/refund", body)
	if st != 200 {
		t.Fatalf("refund-order-request.json: %d %s", st, b)
	}
	if _, err := id2int(string(b)); err != nil {
		t.Errorf("refund answered %s, want a bare credit memo id", b)
	}
}

func TestPositionalErrorMatchesSample(t *testing.T) {
	ts := startStore(t, smallOptions())
	st, b := ts.do("PUT", "/rest/V1/customers/1", `{"customer": {`)
	if st != 400 {
		t.Fatalf("malformed body: %d %s", st, b)
	}
	assertShape(t, "400 positional error", loadSample(t, "error-400.json"), decodeJSON(t, b))
}
