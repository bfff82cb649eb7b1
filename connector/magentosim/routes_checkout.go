package magentosim

import (
	"strconv"
	"strings"
)

// Checkout routes: addresses, shipping estimates and information, payment, placing the
// order (QuoteManagement::submitQuote).

// addressBody is the quote address input (snake or camel keys are both accepted by Magento;
// the samples use snake_case).
type addressBody struct {
	Region     any      `json:"region"`
	RegionID   any      `json:"region_id"`
	RegionCode string   `json:"region_code"`
	CountryID  string   `json:"country_id"`
	Street     []string `json:"street"`
	Telephone  string   `json:"telephone"`
	Postcode   string   `json:"postcode"`
	City       string   `json:"city"`
	Firstname  string   `json:"firstname"`
	Lastname   string   `json:"lastname"`
	Email      string   `json:"email"`
	CustomerID any      `json:"customer_id"`
	SameAsBill any      `json:"same_as_billing"`
	AddressID  any      `json:"customer_address_id"`
}

// toQuote validates required fields in Magento's order and converts the address.
func (a *addressBody) toQuote() (*QuoteAddress, *apiError) {
	if a == nil {
		return nil, errRequired("address")
	}
	for _, f := range []struct{ name, v string }{
		{"firstname", a.Firstname}, {"lastname", a.Lastname}, {"street", strings.Join(a.Street, "")},
		{"city", a.City}, {"telephone", a.Telephone}, {"postcode", a.Postcode}, {"countryId", a.CountryID},
	} {
		if strings.TrimSpace(f.v) == "" {
			return nil, errRequired(f.name)
		}
	}
	q := &QuoteAddress{RegionCode: a.RegionCode, CountryID: a.CountryID, Street: a.Street, Telephone: a.Telephone,
		Postcode: a.Postcode, City: a.City, Firstname: a.Firstname, Lastname: a.Lastname, Email: a.Email}
	switch r := a.Region.(type) {
	case string:
		q.Region = r
	case map[string]any:
		q.Region, _ = r["region"].(string)
		if q.RegionCode == "" {
			q.RegionCode, _ = r["region_code"].(string)
		}
		if id, ok := numberOf(r["region_id"]); ok {
			q.RegionID = int(id)
		}
	}
	if id, ok := numberOf(a.RegionID); ok {
		q.RegionID = int(id)
	}
	if id, ok := numberOf(a.CustomerID); ok {
		q.CustomerID = int64(id)
	}
	if id, ok := numberOf(a.AddressID); ok {
		q.CustomerAddressID = int64(id)
	}
	return q, nil
}

func setBillingAddress(s *Store, rc *reqCtx) (any, error) {
	c, err := s.activeCart(rc)
	if err != nil {
		return nil, err
	}
	var b struct {
		Address        *addressBody `json:"address"`
		UseForShipping bool         `json:"useForShipping"`
	}
	if err := rc.decode(&b); err != nil {
		return nil, err
	}
	addr, aerr := b.Address.toQuote()
	if aerr != nil {
		return nil, aerr
	}
	addr.ID = s.seq.next(&s.seq.address)
	if c.CustomerID != 0 {
		addr.CustomerID = c.CustomerID
	}
	c.BillingAddress = addr
	if b.UseForShipping {
		sh := *addr
		sh.ID = s.seq.next(&s.seq.address)
		sh.SameAsBilling = 1
		c.ShippingAddress = &sh
	}
	if c.CustomerID == 0 && addr.Email != "" {
		c.Email = addr.Email
	}
	s.touchCart(c)
	return addr.ID, nil
}

func getBillingAddress(s *Store, rc *reqCtx) (any, error) {
	c, err := s.activeCart(rc)
	if err != nil {
		return nil, err
	}
	if c.BillingAddress == nil {
		return &QuoteAddress{}, nil
	}
	return c.BillingAddress, nil
}

// ShippingMethod is an estimate-shipping-methods entry.
type ShippingMethod struct {
	CarrierCode  string  `json:"carrier_code"`
	MethodCode   string  `json:"method_code"`
	CarrierTitle string  `json:"carrier_title"`
	MethodTitle  string  `json:"method_title"`
	Amount       float64 `json:"amount"`
	BaseAmount   float64 `json:"base_amount"`
	Available    bool    `json:"available"`
	ErrorMessage string  `json:"error_message"`
	PriceExclTax float64 `json:"price_excl_tax"`
	PriceInclTax float64 `json:"price_incl_tax"`
}

func (s *Store) shippingMethodsFor(c *cart) []ShippingMethod {
	out := []ShippingMethod{}
	if len(c.Items) == 0 || c.IsVirtual {
		return out
	}
	t := s.cartTotals(c)
	sub := toCents(t.Subtotal)
	for _, m := range []struct{ code, carrier, method, ctitle, mtitle string }{
		{"flatrate_flatrate", "flatrate", "flatrate", "Flat Rate", "Fixed"},
		{"tablerate_bestway", "tablerate", "bestway", "Best Way", "Table Rate"},
		{"freeshipping_freeshipping", "freeshipping", "freeshipping", "Free Shipping", "Free"},
	} {
		amt, ok := shippingCents(m.code, sub, c.itemsQty())
		if !ok {
			continue
		}
		out = append(out, ShippingMethod{CarrierCode: m.carrier, MethodCode: m.method, CarrierTitle: m.ctitle,
			MethodTitle: m.mtitle, Amount: money(amt), BaseAmount: money(amt), Available: true,
			PriceExclTax: money(amt), PriceInclTax: money(amt)})
	}
	return out
}

func estimateShipping(s *Store, rc *reqCtx) (any, error) {
	c, err := s.activeCart(rc)
	if err != nil {
		return nil, err
	}
	var b struct {
		Address *addressBody `json:"address"`
	}
	if err := rc.decode(&b); err != nil {
		return nil, err
	}
	if b.Address == nil {
		return nil, errRequired("address")
	}
	return s.shippingMethodsFor(c), nil
}

func estimateShippingByAddressID(s *Store, rc *reqCtx) (any, error) {
	c, err := s.activeCart(rc)
	if err != nil {
		return nil, err
	}
	var b struct {
		AddressID any `json:"addressId"`
	}
	if err := rc.decode(&b); err != nil {
		return nil, err
	}
	id, ok := numberOf(b.AddressID)
	if !ok {
		return nil, errRequired("addressId")
	}
	if cu := s.customers.get(c.CustomerID); cu != nil {
		for _, a := range cu.Addresses {
			if a.ID == int64(id) {
				return s.shippingMethodsFor(c), nil
			}
		}
	}
	return nil, errNoSuchEntity("addressId", int64(id))
}

// paymentList is the order Magento's sample lists the offline methods in.
var paymentList = []map[string]string{
	{"code": "cashondelivery", "title": "Cash On Delivery"},
	{"code": "banktransfer", "title": "Bank Transfer Payment"},
	{"code": "purchaseorder", "title": "Purchase Order"},
	{"code": "checkmo", "title": "Check / Money order"},
}

func setShippingInformation(s *Store, rc *reqCtx) (any, error) {
	c, err := s.activeCart(rc)
	if err != nil {
		return nil, err
	}
	var b struct {
		AddressInformation *struct {
			ShippingAddress     *addressBody `json:"shipping_address"`
			BillingAddress      *addressBody `json:"billing_address"`
			ShippingCarrierCode string       `json:"shipping_carrier_code"`
			ShippingMethodCode  string       `json:"shipping_method_code"`
		} `json:"addressInformation"`
	}
	if err := rc.decode(&b); err != nil {
		return nil, err
	}
	ai := b.AddressInformation
	if ai == nil {
		return nil, errRequired("addressInformation")
	}
	if len(c.Items) == 0 {
		return nil, errBadRequest("The shipping method can't be set for an empty cart. Add an item to cart and try again.", nil)
	}
	if ai.ShippingCarrierCode == "" || ai.ShippingMethodCode == "" {
		return nil, errBadRequest("The shipping method is missing. Select the shipping method and try again.", nil)
	}
	code := ai.ShippingCarrierCode + "_" + ai.ShippingMethodCode
	if _, ok := shippingCents(code, toCents(s.cartTotals(c).Subtotal), c.itemsQty()); !ok {
		return nil, errBadRequest("Carrier with such method not found: %1, %2", []any{ai.ShippingCarrierCode, ai.ShippingMethodCode})
	}
	ship, aerr := ai.ShippingAddress.toQuote()
	if aerr != nil {
		return nil, aerr
	}
	ship.ID = s.seq.next(&s.seq.address)
	c.ShippingAddress = ship
	if ai.BillingAddress != nil {
		bill, aerr := ai.BillingAddress.toQuote()
		if aerr != nil {
			return nil, aerr
		}
		bill.ID = s.seq.next(&s.seq.address)
		c.BillingAddress = bill
	} else if c.BillingAddress == nil {
		bill := *ship
		bill.ID = s.seq.next(&s.seq.address)
		c.BillingAddress = &bill
	}
	if cu := s.customers.get(c.CustomerID); cu != nil { // customer quotes: addresses carry the account
		for _, a := range []*QuoteAddress{c.ShippingAddress, c.BillingAddress} {
			a.CustomerID = cu.ID
			if a.Email == "" {
				a.Email = cu.Email
			}
		}
	} else if c.BillingAddress.Email != "" {
		c.Email = c.BillingAddress.Email
	}
	c.ShippingMethod = code
	s.touchCart(c)
	return map[string]any{"payment_methods": paymentList, "totals": s.cartTotals(c)}, nil
}

func getPaymentMethods(s *Store, rc *reqCtx) (any, error) {
	if _, err := s.activeCart(rc); err != nil {
		return nil, err
	}
	return paymentList, nil
}

type paymentBody struct {
	Method   string `json:"method"`
	PoNumber string `json:"po_number"`
}

func validPayment(p *paymentBody) *apiError {
	if p == nil || paymentTitle(p.Method) == "" {
		return errBadRequest("The requested Payment Method is not available.", nil)
	}
	if p.Method == "purchaseorder" && p.PoNumber == "" {
		return errBadRequest("Purchase order number is a required field.", nil)
	}
	return nil
}

func setPaymentMethod(s *Store, rc *reqCtx) (any, error) {
	c, err := s.activeCart(rc)
	if err != nil {
		return nil, err
	}
	var b struct {
		Method *paymentBody `json:"method"`
	}
	if err := rc.decode(&b); err != nil {
		return nil, err
	}
	if aerr := validPayment(b.Method); aerr != nil {
		return nil, aerr
	}
	c.PaymentMethod = b.Method.Method
	s.touchCart(c)
	return strconv.FormatInt(c.ID, 10), nil // the quote payment id
}

func getSelectedPaymentMethod(s *Store, rc *reqCtx) (any, error) {
	c, err := s.activeCart(rc)
	if err != nil {
		return nil, err
	}
	if c.PaymentMethod == "" {
		return map[string]any{}, nil
	}
	return map[string]any{"method": c.PaymentMethod}, nil
}

// placeOrder converts the quote like QuoteManagement::submitQuote: reserve the
// increment id, create the order with quote_id, deactivate the quote.
func placeOrder(s *Store, rc *reqCtx) (any, error) {
	c, err := s.activeCart(rc)
	if err != nil {
		return nil, err
	}
	var b struct {
		PaymentMethod *paymentBody `json:"paymentMethod"`
	}
	if len(strings.TrimSpace(string(rc.body))) > 0 {
		if err := rc.decode(&b); err != nil {
			return nil, err
		}
	}
	if b.PaymentMethod != nil {
		if aerr := validPayment(b.PaymentMethod); aerr != nil {
			return nil, errBadRequest("Enter a valid payment method and try again.", nil)
		}
		c.PaymentMethod = b.PaymentMethod.Method
	}
	if len(c.Items) == 0 {
		return nil, errBadRequest("The cart doesn't contain any items. Add items to the cart and try again.", nil)
	}
	if !c.IsVirtual && (c.ShippingMethod == "" || c.ShippingAddress == nil) {
		return nil, errBadRequest("The shipping method is missing. Select the shipping method and try again.", nil)
	}
	if c.BillingAddress == nil {
		return nil, errBadRequest("Please check the billing address information. %1", []any{`"firstname" is required. Enter and try again.`})
	}
	if c.PaymentMethod == "" {
		return nil, errBadRequest("Enter a valid payment method and try again.", nil)
	}
	cu := s.customers.get(c.CustomerID)
	email := c.Email
	if cu != nil {
		email = cu.Email
	} else if c.BillingAddress.Email != "" {
		email = c.BillingAddress.Email
	}
	if email == "" {
		return nil, errBadRequest(`"%fieldName" is required. Enter and try again.`, map[string]any{"fieldName": "email"})
	}
	toSpec := func(a *QuoteAddress) addrSpec {
		return addrSpec{first: a.Firstname, last: a.Lastname, email: email, phone: a.Telephone, street: a.Street,
			customerAddressID: a.CustomerAddressID,
			pl:                place{country: a.CountryID, city: a.City, postcode: a.Postcode, regionCode: a.RegionCode, region: a.Region, regionID: a.RegionID}}
	}
	sp := orderSpec{storeID: c.StoreID, created: s.now(), customer: cu, email: email,
		first: c.BillingAddress.Firstname, last: c.BillingAddress.Lastname, billing: toSpec(c.BillingAddress),
		shipMethod: c.ShippingMethod, payMethod: c.PaymentMethod, quoteID: c.ID, remoteIP: "127.0.0.1"}
	if cu != nil {
		sp.first, sp.last = cu.Firstname, cu.Lastname
	}
	if c.ShippingAddress != nil {
		sp.shipping = toSpec(c.ShippingAddress)
	} else {
		sp.shipping = sp.billing
	}
	for _, it := range c.Items {
		l := lineSpec{qty: it.Qty, quoteItemID: it.ItemID}
		p := s.productsBySKU[strings.ToLower(it.SKU)]
		if p == nil {
			return nil, errProductMissing
		}
		if p.parentID != 0 && it.ProductType == "configurable" {
			l.child, l.product = p, s.products.get(p.parentID)
		} else {
			l.product = p
		}
		sp.lines = append(sp.lines, l)
	}
	o := s.buildOrder(sp)
	c.ReservedOrderID = o.IncrementID
	c.IsActive = false
	s.touchCart(c)
	s.orders.add(o)
	return o.EntityID, nil
}
