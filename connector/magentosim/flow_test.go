package magentosim

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestCheckoutPlacesOrderLinkedToQuote(t *testing.T) {
	ts := startStore(t, smallOptions())
	us := obj(t, firstItem(t, ts.getJSON("/rest/V1/customers/search?searchCriteria[filter_groups][0][filters][0][field]=website_id"+
		"&searchCriteria[filter_groups][0][filters][0][value]=1&searchCriteria[pageSize]=1")))
	cid := us["id"].(json.Number).String()
	n, _ := id2int(cid)
	cartID, _ := checkoutCart(t, ts, n)
	// configurable line: parent sku + options
	st, b := ts.do("POST", "/rest/V1/carts/"+cartID+"/items", `{"cartItem":{"sku":"WS12","qty":1,"quote_id":"`+cartID+`",`+
		`"product_option":{"extension_attributes":{"configurable_item_options":[{"option_id":"144","option_value":168},{"option_id":"93","option_value":56}]}}}}`)
	if st != 200 || !strings.Contains(string(b), `"sku":"WS12-M-Orange"`) || !strings.Contains(string(b), `"quote_id":"`+cartID+`"`) {
		t.Fatalf("add configurable: %d %s", st, b)
	}
	again, _ := ts.do("POST", "/rest/V1/customers/"+cid+"/carts", "")
	if _, b := ts.do("POST", "/rest/V1/customers/"+cid+"/carts", ""); string(b) != cartID || again != 200 {
		t.Errorf("second cart for the customer: %s, want the active %s", b, cartID)
	}
	assertBody(t, ts, "PUT", "/rest/V1/carts/"+cartID+"/order", `{"paymentMethod":{"method":"bitcoin"}}`, 400,
		`{"message":"Enter a valid payment method and try again."}`)
	if st, b := ts.do("PUT", "/rest/V1/carts/"+cartID+"/selected-payment-method", `{"method":{"method":"checkmo"}}`); st != 200 {
		t.Fatalf("select payment: %d %s", st, b)
	}
	st, b = ts.do("PUT", "/rest/V1/carts/"+cartID+"/order", "")
	if st != 200 {
		t.Fatalf("place order: %d %s", st, b)
	}
	orderID := string(b)
	o := obj(t, ts.getJSON("/rest/V1/orders/"+orderID))
	if o["quote_id"] != json.Number(cartID) || o["state"] != "new" || o["status"] != "pending" || len(o["increment_id"].(string)) != 9 {
		t.Errorf("order quote_id %v state %v/%v increment %v", o["quote_id"], o["state"], o["status"], o["increment_id"])
	}
	lines := o["items"].([]any)
	if len(lines) != 3 { // simple + configurable parent + child
		t.Errorf("order has %d lines, want 3", len(lines))
	}
	// 2 x 16 + 1 x 22 = 54 subtotal, tablerate 5
	if o["subtotal"] != json.Number("54") || o["grand_total"] != json.Number("59") {
		t.Errorf("order totals subtotal %v grand %v", o["subtotal"], o["grand_total"])
	}
	cart := obj(t, ts.getJSON("/rest/V1/carts/"+cartID))
	if cart["is_active"] != false || cart["reserved_order_id"] != o["increment_id"] {
		t.Errorf("cart after order: active %v reserved %v", cart["is_active"], cart["reserved_order_id"])
	}
	if _, ok := cart["items"]; ok {
		t.Errorf("converted cart still lists items")
	}
	if st, _ := ts.do("GET", "/rest/V1/carts/"+cartID+"/totals", ""); st != 404 {
		t.Errorf("totals of a converted cart: %d, want 404", st)
	}
	byQuote := obj(t, ts.getJSON("/rest/V1/orders?searchCriteria[filter_groups][0][filters][0][field]=quote_id"+
		"&searchCriteria[filter_groups][0][filters][0][value]="+cartID))
	if byQuote["total_count"] != json.Number("1") {
		t.Errorf("orders by quote_id: %v", byQuote["total_count"])
	}
	// The new cart id is larger than every generated one and the customer gets a fresh cart.
	_, b = ts.do("POST", "/rest/V1/customers/"+cid+"/carts", "")
	if string(b) == cartID {
		t.Errorf("customer got the converted cart back")
	}
}

func TestCheckoutErrors(t *testing.T) {
	ts := startStore(t, smallOptions())
	_, b := ts.do("POST", "/rest/V1/carts/", "")
	cart := string(b)
	assertBody(t, ts, "POST", "/rest/V1/carts/"+cart+"/items", `{"cartItem":{"sku":"24-UG02","qty":1}}`, 400,
		`{"message":"\"%fieldName\" is required. Enter and try again.","parameters":{"fieldName":"quoteId"}}`)
	assertBody(t, ts, "POST", "/rest/V1/carts/"+cart+"/items", `{"cartItem":{"sku":"NOPE","qty":1,"quote_id":"`+cart+`"}}`, 404,
		`{"message":"The product that was requested doesn't exist. Verify the product and try again."}`)
	assertBody(t, ts, "POST", "/rest/V1/carts/"+cart+"/items", `{"cartItem":{"sku":"WS12","qty":1,"quote_id":"`+cart+`"}}`, 400,
		`{"message":"You need to choose options for your item."}`)
	var oos string
	for _, p := range ts.store.products.idOrder {
		if st := p.ExtensionAttributes.StockItem; p.TypeID == "simple" && !st.IsInStock {
			oos = p.SKU
			break
		}
	}
	if oos == "" {
		t.Fatal("no out-of-stock product generated")
	}
	assertBody(t, ts, "POST", "/rest/V1/carts/"+cart+"/items", `{"cartItem":{"sku":"`+oos+`","qty":1,"quote_id":"`+cart+`"}}`, 400,
		`{"message":"Product that you are trying to add is not available."}`)
	st, b := ts.do("POST", "/rest/V1/carts/"+cart+"/items", `{"cartItem":{"sku":"24-UG02","qty":1,"quote_id":"`+cart+`"}}`)
	if st != 200 {
		t.Fatalf("add: %d %s", st, b)
	}
	assertBody(t, ts, "PUT", "/rest/V1/carts/"+cart+"/order", `{"paymentMethod":{"method":"checkmo"}}`, 400,
		`{"message":"The shipping method is missing. Select the shipping method and try again."}`)
	var item CartItem
	_ = json.Unmarshal(b, &item)
	if st, b := ts.do("PUT", fmt.Sprintf("/rest/V1/carts/%s/items/%d", cart, item.ItemID), `{"cartItem":{"qty":4,"quote_id":"`+cart+`"}}`); st != 200 || !strings.Contains(string(b), `"qty":4`) {
		t.Errorf("update item: %d %s", st, b)
	}
	if st, b := ts.do("DELETE", fmt.Sprintf("/rest/V1/carts/%s/items/%d", cart, item.ItemID), ""); st != 200 || string(b) != "true" {
		t.Errorf("delete item: %d %s", st, b)
	}
	assertBody(t, ts, "DELETE", fmt.Sprintf("/rest/V1/carts/%s/items/%d", cart, item.ItemID), "", 404,
		fmt.Sprintf(`{"message":"The %%1 Cart doesn't contain the %%2 item.","parameters":["%s","%d"]}`, cart, item.ItemID))
	if got := ts.getJSON("/rest/V1/carts/" + cart + "/items").([]any); len(got) != 0 {
		t.Errorf("items after delete: %v", got)
	}
	pm := ts.getJSON("/rest/V1/carts/" + cart + "/payment-methods").([]any)
	if len(pm) != 4 {
		t.Errorf("payment methods: %v", pm)
	}
}

func TestRefundCreatesCreditMemoAndUpdatesOrder(t *testing.T) {
	ts := startStore(t, smallOptions())
	res := obj(t, ts.getJSON("/rest/V1/orders?searchCriteria[filter_groups][0][filters][0][field]=state"+
		"&searchCriteria[filter_groups][0][filters][0][value]=processing&searchCriteria[pageSize]=1"))
	o := obj(t, firstItem(t, res))
	id := o["entity_id"].(json.Number).String()
	line := obj(t, o["items"].([]any)[0])
	price, _ := line["price"].(json.Number).Float64()
	before := ts.store.Snapshot()[EntityOrders].UpdatedAt
	body := fmt.Sprintf(`{"items":[{"order_item_id":%s,"qty":1}],"notify":true,"arguments":{"shipping_amount":0,"adjustment_positive":0,"adjustment_negative":0}}`,
		line["item_id"].(json.Number))
	st, b := ts.do("POST", "/rest/V1/order/"+id+"/refund", body)
	if st != 200 {
		t.Fatalf("refund: %d %s", st, b)
	}
	memo := obj(t, ts.getJSON("/rest/V1/creditmemo/"+string(b)))
	if memo["order_id"] != json.Number(id) || len(memo["items"].([]any)) != 1 {
		t.Errorf("credit memo: %v", memo)
	}
	gt, _ := memo["grand_total"].(json.Number).Float64()
	after := obj(t, ts.getJSON("/rest/V1/orders/"+id))
	refunded, _ := after["total_refunded"].(json.Number).Float64()
	if gt < price || refunded != gt {
		t.Errorf("refund of one unit at %v: memo %v, order total_refunded %v", price, gt, refunded)
	}
	n, _ := id2int(id)
	if after["updated_at"] == before[n] || after["updated_at"] != ts2(fixedNow) {
		t.Errorf("order updated_at %v not moved to now", after["updated_at"])
	}
	pending := obj(t, firstItem(t, ts.getJSON("/rest/V1/orders?searchCriteria[filter_groups][0][filters][0][field]=state"+
		"&searchCriteria[filter_groups][0][filters][0][value]=new&searchCriteria[pageSize]=1")))
	if st, b := ts.do("POST", "/rest/V1/order/"+pending["entity_id"].(json.Number).String()+"/refund", `{"items":[]}`); st != 400 {
		t.Errorf("refund of an uninvoiced order: %d %s", st, b)
	}
}

func id2int(s string) (int64, error) {
	var n int64
	_, err := fmt.Sscan(s, &n)
	return n, err
}

func TestCustomerWrites(t *testing.T) {
	ts := startStore(t, smallOptions())
	c := obj(t, ts.getJSON("/rest/V1/customers/3"))
	email := c["email"].(string)
	website := c["website_id"].(json.Number)
	assertBody(t, ts, "POST", "/rest/V1/customers",
		fmt.Sprintf(`{"customer":{"email":%q,"firstname":"A","lastname":"B","website_id":%s}}`, email, website), 400,
		`{"message":"A customer with the same email address already exists in an associated website."}`)
	st, b := ts.do("POST", "/rest/V1/customers", `{"customer":{"email":"new.person@example.com","firstname":"New","lastname":"Person"},"password":"Secret123!"}`)
	if st != 200 || !strings.Contains(string(b), `"created_at":"2026-11-20 12:00:00"`) {
		t.Fatalf("create customer: %d %s", st, b)
	}
	sub := ts.store.subsByCustomer[3]
	want := !(sub != nil && sub.SubscriberStatus == 1)
	st, b = ts.do("PUT", "/rest/V1/customers/3", fmt.Sprintf(`{"customer":{"id":3,"email":%q,"firstname":"Renamed","lastname":%q,"extension_attributes":{"is_subscribed":%t}}}`,
		email, c["lastname"], want))
	if st != 200 {
		t.Fatalf("update customer: %d %s", st, b)
	}
	got := obj(t, ts.getJSON("/rest/V1/customers/3"))
	if got["firstname"] != "Renamed" || obj(t, got["extension_attributes"])["is_subscribed"] != want {
		t.Errorf("after PUT: firstname %v is_subscribed %v (want %v)", got["firstname"], got["extension_attributes"], want)
	}
	if got["updated_at"] != ts2(fixedNow) {
		t.Errorf("PUT did not move updated_at: %v", got["updated_at"])
	}
}

func TestCustomerAddressValidationAndBearerSwitch(t *testing.T) {
	ts := startStore(t, smallOptions())
	c := obj(t, ts.getJSON("/rest/V1/customers/4"))
	email := c["email"].(string)
	one := fmt.Sprintf(`{"customer":{"email":%q,"firstname":"A","lastname":"B","addresses":[`+
		`{"firstname":"A","lastname":"B","street":["1 Main St"],"city":"Austin","postcode":"78701","country_id":"US"}]}}`, email)
	assertBody(t, ts, "PUT", "/rest/V1/customers/4", one, 400,
		`{"message":"\"%fieldName\" is required. Enter and try again.","parameters":{"fieldName":"telephone"}}`)
	two := fmt.Sprintf(`{"customer":{"email":%q,"firstname":"A","lastname":"B","addresses":[`+
		`{"firstname":"A","lastname":"B","street":["1 Main St"],"postcode":"78701","country_id":"US"}]}}`, email)
	assertBody(t, ts, "PUT", "/rest/V1/customers/4", two, 400,
		`{"message":"One or more input exceptions have occurred.","errors":[`+
			`{"message":"\"%fieldName\" is required. Enter and try again.","parameters":{"fieldName":"city"}},`+
			`{"message":"\"%fieldName\" is required. Enter and try again.","parameters":{"fieldName":"telephone"}}]}`)
	if got := obj(t, ts.getJSON("/rest/V1/customers/4")); got["firstname"] != c["firstname"] {
		t.Errorf("refused PUT changed the customer: %v", got["firstname"])
	}
	ts.store.SetBearerEnabled(false)
	if st, _ := ts.do("PUT", "/rest/V1/customers/4", `{"customer":{"firstname":"X","lastname":"Y","email":"x@example.com"}}`); st != 401 {
		t.Errorf("write with bearer switched off: %d, want 401", st)
	}
}

func TestAssignGuestCartToCustomer(t *testing.T) {
	ts := startStore(t, smallOptions())
	_, b := ts.do("POST", "/rest/V1/carts/", "")
	cart := string(b)
	var free int64
	busy := map[int64]bool{}
	for _, c := range ts.store.carts.idOrder {
		if c.IsActive && c.CustomerID != 0 {
			busy[c.CustomerID] = true
		}
	}
	for _, id := range ts.store.Snapshot().IDs(EntityCustomers) {
		if !busy[id] {
			free = id
			break
		}
	}
	if st, b := ts.do("PUT", "/rest/V1/carts/"+cart, fmt.Sprintf(`{"customerId":%d,"storeId":1}`, free)); st != 200 || string(b) != "true" {
		t.Fatalf("assign: %d %s", st, b)
	}
	got := obj(t, ts.getJSON("/rest/V1/carts/"+cart))
	if got["customer_is_guest"] != false || obj(t, got["customer"])["id"] != json.Number(fmt.Sprint(free)) {
		t.Errorf("assigned cart: guest %v customer %v", got["customer_is_guest"], got["customer"])
	}
	_, b = ts.do("POST", "/rest/V1/carts/", "")
	assertBody(t, ts, "PUT", "/rest/V1/carts/"+string(b), fmt.Sprintf(`{"customerId":%d,"storeId":1}`, free), 400,
		`{"message":"The customer can't be assigned to the cart because the customer already has an active cart."}`)
}
