package magentosim

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Customer and refund write routes.

type customerBody struct {
	Customer map[string]json.RawMessage `json:"customer"`
	Password string                     `json:"password"`
}

var errDuplicateEmail = errBadRequest("A customer with the same email address already exists in an associated website.", nil)

// applyCustomer copies the writable keys of a customer payload onto c.
func (s *Store) applyCustomer(c *Customer, in map[string]json.RawMessage) (subscribe *bool, err *apiError) {
	str := func(k string, dst *string) {
		if raw, ok := in[k]; ok {
			var v string
			if json.Unmarshal(raw, &v) == nil {
				*dst = v
			}
		}
	}
	num := func(k string, dst *int) {
		if raw, ok := in[k]; ok {
			var v json.Number
			if json.Unmarshal(raw, &v) == nil {
				if n, e := v.Int64(); e == nil {
					*dst = int(n)
				}
			} else {
				var sv string
				if json.Unmarshal(raw, &sv) == nil {
					fmt.Sscan(sv, dst)
				}
			}
		}
	}
	str("email", &c.Email)
	str("firstname", &c.Firstname)
	str("lastname", &c.Lastname)
	str("middlename", &c.Middlename)
	str("prefix", &c.Prefix)
	str("dob", &c.Dob)
	str("taxvat", &c.Taxvat)
	num("group_id", &c.GroupID)
	num("gender", &c.Gender)
	num("store_id", &c.StoreID)
	num("website_id", &c.WebsiteID)
	num("disable_auto_group_change", &c.DisableAutoGroupChange)
	if len(c.Dob) > 10 {
		c.Dob = c.Dob[:10]
	}
	for _, f := range []struct{ name, v string }{{"email", c.Email}, {"firstname", c.Firstname}, {"lastname", c.Lastname}} {
		if strings.TrimSpace(f.v) == "" {
			return nil, errRequired(f.name)
		}
	}
	if !strings.Contains(c.Email, "@") {
		return nil, errBadRequest(`"%1" is not a valid email address.`, []any{c.Email})
	}
	if raw, ok := in["addresses"]; ok {
		var addrs []struct {
			ID              *int64   `json:"id"`
			Region          *Region  `json:"region"`
			RegionID        int      `json:"region_id"`
			CountryID       string   `json:"country_id"`
			Street          []string `json:"street"`
			Telephone       string   `json:"telephone"`
			Postcode        string   `json:"postcode"`
			City            string   `json:"city"`
			Firstname       string   `json:"firstname"`
			Lastname        string   `json:"lastname"`
			Company         string   `json:"company"`
			DefaultShipping bool     `json:"default_shipping"`
			DefaultBilling  bool     `json:"default_billing"`
		}
		if e := json.Unmarshal(raw, &addrs); e != nil {
			return nil, errBadRequest("Decoding error: %1", []any{e.Error()})
		}
		var invalid []*apiError
		for _, a := range addrs { // Magento's address validator (Address\Validator\General)
			for _, f := range []struct{ name, v string }{
				{"firstname", a.Firstname}, {"lastname", a.Lastname}, {"street", strings.Join(a.Street, "")},
				{"city", a.City}, {"telephone", a.Telephone}, {"postcode", a.Postcode}, {"countryId", a.CountryID},
			} {
				if strings.TrimSpace(f.v) == "" {
					invalid = append(invalid, errRequired(f.name))
				}
			}
		}
		if e := inputErrors(invalid); e != nil {
			return nil, e
		}
		c.Addresses = []CustomerAddress{}
		c.DefaultBilling, c.DefaultShipping = "", ""
		for _, a := range addrs {
			ca := CustomerAddress{CustomerID: c.ID, RegionID: a.RegionID, CountryID: a.CountryID, Street: a.Street,
				Telephone: a.Telephone, Postcode: a.Postcode, City: a.City, Firstname: a.Firstname, Lastname: a.Lastname,
				Company: a.Company, DefaultShipping: a.DefaultShipping, DefaultBilling: a.DefaultBilling}
			if a.ID != nil && *a.ID > 0 {
				ca.ID = *a.ID
			} else {
				ca.ID = s.seq.next(&s.seq.address)
			}
			if a.Region != nil {
				ca.Region = *a.Region
			}
			ca.Region.RegionID = ca.RegionID
			if ca.DefaultBilling {
				c.DefaultBilling = fmt.Sprint(ca.ID)
			}
			if ca.DefaultShipping {
				c.DefaultShipping = fmt.Sprint(ca.ID)
			}
			c.Addresses = append(c.Addresses, ca)
		}
	}
	if raw, ok := in["extension_attributes"]; ok {
		var ext struct {
			IsSubscribed *bool `json:"is_subscribed"`
		}
		if json.Unmarshal(raw, &ext) == nil {
			subscribe = ext.IsSubscribed
		}
	}
	return subscribe, nil
}

// setSubscription mirrors Magento's subscriber table when is_subscribed is written.
func (s *Store) setSubscription(c *Customer, on bool) {
	status := 3
	if on {
		status = 1
	}
	sub := s.subsByCustomer[c.ID]
	if sub == nil {
		if !on {
			return
		}
		sub = &Subscriber{SubscriberID: s.seq.next(&s.seq.subscriber), StoreID: c.StoreID, CustomerID: c.ID,
			SubscriberEmail: c.Email, SubscriberStatus: status, ChangeStatusAt: s.now()}
		s.subscribers.add(sub)
		s.subsByCustomer[c.ID] = sub
		return
	}
	if sub.SubscriberStatus != status {
		sub.SubscriberStatus = status
		s.subscribers.setKeyOf(sub, s.now())
	}
}

func createCustomer(s *Store, rc *reqCtx) (any, error) {
	var b customerBody
	if err := rc.decode(&b); err != nil {
		return nil, err
	}
	if b.Customer == nil {
		return nil, errRequired("customer")
	}
	store := rc.storeID
	if store == 0 {
		store = 1
	}
	c := &Customer{ID: s.seq.customer + 1, GroupID: 1, StoreID: store, WebsiteID: websiteOf(store).ID, Addresses: []CustomerAddress{}}
	sub, aerr := s.applyCustomer(c, b.Customer)
	if aerr != nil {
		return nil, aerr
	}
	if c.WebsiteID <= 0 || c.WebsiteID >= len(websites) {
		return nil, errBadRequest("Invalid value of \"%value\" provided for the %fieldName field.",
			map[string]any{"fieldName": "website_id", "value": c.WebsiteID})
	}
	if websiteOf(c.StoreID).ID != c.WebsiteID { // a website without a store: its default store view
		c.StoreID = storeGroups[websites[c.WebsiteID].DefaultGroupID].DefaultStoreID
	}
	if _, dup := s.emails[emailKey(c.WebsiteID, c.Email)]; dup {
		return nil, errDuplicateEmail
	}
	c.ID = s.seq.next(&s.seq.customer)
	for i := range c.Addresses {
		c.Addresses[i].CustomerID = c.ID
	}
	now := s.now()
	c.CreatedAt, c.UpdatedAt = now, now
	c.CreatedIn = storeViews[c.StoreID].Name
	s.customers.add(c)
	s.emails[emailKey(c.WebsiteID, c.Email)] = c.ID
	if sub != nil {
		s.setSubscription(c, *sub)
	}
	return s.customerView(c), nil
}

func updateCustomer(s *Store, rc *reqCtx) (any, error) {
	id, _ := rc.id("id")
	cur := s.customers.get(id)
	if cur == nil {
		return nil, errNoSuchEntity("customerId", id)
	}
	var b customerBody
	if err := rc.decode(&b); err != nil {
		return nil, err
	}
	if b.Customer == nil {
		return nil, errRequired("customer")
	}
	next := *cur
	next.Addresses = append([]CustomerAddress(nil), cur.Addresses...)
	sub, aerr := s.applyCustomer(&next, b.Customer)
	if aerr != nil {
		return nil, aerr
	}
	oldKey, newKey := emailKey(cur.WebsiteID, cur.Email), emailKey(next.WebsiteID, next.Email)
	if oldKey != newKey {
		if owner, dup := s.emails[newKey]; dup && owner != id {
			return nil, errDuplicateEmail
		}
		delete(s.emails, oldKey)
		s.emails[newKey] = id
	}
	updated := next.UpdatedAt
	*cur = next
	cur.UpdatedAt = updated
	s.customers.setKeyOf(cur, s.now())
	if sub != nil {
		s.setSubscription(cur, *sub)
	}
	return s.customerView(cur), nil
}

type refundBody struct {
	Items []struct {
		OrderItemID any `json:"order_item_id"`
		Qty         any `json:"qty"`
	} `json:"items"`
	Notify        bool `json:"notify"`
	AppendComment bool `json:"appendComment"`
	Comment       *struct {
		Comment string `json:"comment"`
	} `json:"comment"`
	Arguments *struct {
		ShippingAmount     any `json:"shipping_amount"`
		AdjustmentPositive any `json:"adjustment_positive"`
		AdjustmentNegative any `json:"adjustment_negative"`
	} `json:"arguments"`
}

func refundOrder(s *Store, rc *reqCtx) (any, error) {
	id, _ := rc.id("id")
	o := s.orders.get(id)
	if o == nil {
		return nil, errEntityMissing()
	}
	var b refundBody
	if len(strings.TrimSpace(string(rc.body))) > 0 {
		if err := rc.decode(&b); err != nil {
			return nil, err
		}
	}
	a := refundArgs{at: s.now()}
	for _, it := range b.Items {
		oid, ok1 := numberOf(it.OrderItemID)
		q, ok2 := numberOf(it.Qty)
		if !ok1 || !ok2 {
			return nil, errRequired("order_item_id")
		}
		a.lines = append(a.lines, refundLine{int64(oid), q})
	}
	if b.Arguments != nil {
		if v, ok := numberOf(b.Arguments.ShippingAmount); ok {
			a.shipping = &v
		}
		a.adjPositive, _ = numberOf(b.Arguments.AdjustmentPositive)
		a.adjNegative, _ = numberOf(b.Arguments.AdjustmentNegative)
	}
	if b.AppendComment && b.Comment != nil {
		a.comment = b.Comment.Comment
	}
	cm, err := s.refund(o, a)
	if err != nil {
		msg := err.Error()
		if errors.Is(err, errRefundQty) {
			msg = errRefundQty.Error()
			return nil, errBadRequest(msg, []any{formatMoney(o.GrandTotal, o.OrderCurrencyCode)})
		}
		return nil, errBadRequest(msg, nil)
	}
	s.creditmemos.add(cm)
	s.orders.setKeyOf(o, a.at)
	return cm.EntityID, nil
}
