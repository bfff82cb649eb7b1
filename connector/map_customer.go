package connector

import (
	"encoding/json"
	"strings"

	"github.com/magedesk/magedesk/model"
)

// MapCustomer maps a Customer as GET /V1/customers/{id} or
// customers/search items send it. On a partial failure the customer is
// returned with every readable field and a *MapError.
func MapCustomer(raw json.RawMessage) (model.Customer, error) {
	o, err := newRecord(raw)
	if err != nil {
		return model.Customer{}, err
	}
	defer o.release()
	c := model.Customer{
		MagentoID:       o.int("id"),
		WebsiteID:       o.int("website_id"),
		StoreID:         o.int("store_id"),
		GroupID:         o.int("group_id"),
		Email:           o.str("email"),
		Prefix:          o.str("prefix"),
		Firstname:       o.str("firstname"),
		Middlename:      o.str("middlename"),
		Lastname:        o.str("lastname"),
		Suffix:          o.str("suffix"),
		DOB:             o.str("dob"),
		Gender:          int(o.int("gender")),
		Taxvat:          o.str("taxvat"),
		CreatedIn:       o.str("created_in"),
		CreatedAt:       o.str("created_at"),
		UpdatedAt:       o.str("updated_at"),
		DefaultBilling:  o.str("default_billing"),
		DefaultShipping: o.str("default_shipping"),
		IsSubscribed:    o.child("extension_attributes").optBool("is_subscribed"),
		Raw:             keepRaw(raw),
	}
	for _, a := range o.children("addresses") {
		c.Addresses = append(c.Addresses, mapAddress(a))
	}
	// Some Magento versions send dob as "1973-12-15 00:00:00".
	if len(c.DOB) > 10 && c.DOB[10] == ' ' {
		c.DOB = c.DOB[:10]
	}
	return c, o.result("customer", c.MagentoID)
}

// mapAddress reads a customer address. Customer addresses carry region as
// an object {region_code, region, region_id}; quote and order addresses
// carry region as a string beside region_code/region_id. Both are read.
func mapAddress(a *obj) model.Address {
	r := readRegion(a)
	return model.Address{
		MagentoID:       a.int("id"),
		Prefix:          a.str("prefix"),
		Firstname:       a.str("firstname"),
		Middlename:      a.str("middlename"),
		Lastname:        a.str("lastname"),
		Suffix:          a.str("suffix"),
		Company:         a.str("company"),
		Street:          a.strings("street"),
		City:            a.str("city"),
		Region:          r.name,
		RegionCode:      r.code,
		RegionID:        r.id,
		Postcode:        a.str("postcode"),
		CountryID:       a.str("country_id"),
		Telephone:       a.str("telephone"),
		VatID:           a.str("vat_id"),
		DefaultBilling:  a.bool("default_billing"),
		DefaultShipping: a.bool("default_shipping"),
	}
}

type region struct {
	name, code string
	id         int64
}

func readRegion(a *obj) region {
	var r region
	if raw := a.raw("region"); raw != nil && strings.HasPrefix(strings.TrimSpace(string(raw)), "{") {
		ro := a.child("region")
		r = region{name: ro.str("region"), code: ro.str("region_code"), id: ro.int("region_id")}
	} else {
		r.name = a.str("region")
	}
	if c := a.str("region_code"); c != "" {
		r.code = c
	}
	if id := a.int("region_id"); id != 0 {
		r.id = id
	}
	return r
}

// SubscriberFromCustomer derives a newsletter subscriber from a customer's
// extension_attributes.is_subscribed, for stores without the companion
// subscribers route. It returns false when Magento did not say (nil).
// is_subscribed=false gives status 3 (unsubscribed), not "no row": REST
// cannot tell "never subscribed" from "unsubscribed", and the row must be
// able to turn an earlier "subscribed" into "unsubscribed" on upsert.
// MagentoID is the customer id; ChangeStatusAt is the customer's
// updated_at, the closest time REST offers.
func SubscriberFromCustomer(c model.Customer) (model.Subscriber, bool) {
	if c.IsSubscribed == nil || c.MagentoID == 0 {
		return model.Subscriber{}, false
	}
	status := model.SubscriberUnsubscribe
	if *c.IsSubscribed {
		status = model.SubscriberSubscribed
	}
	return model.Subscriber{
		ChannelID:      c.ChannelID,
		MagentoID:      c.MagentoID,
		Source:         model.SubscriberFromCustomer,
		StoreID:        c.StoreID,
		CustomerID:     c.MagentoID,
		Email:          c.Email,
		Status:         status,
		ChangeStatusAt: c.UpdatedAt,
	}, true
}

// MapSubscriber maps one item of the companion module's
// GET /V1/newsletter/subscribers (columns of newsletter_subscriber:
// subscriber_id, store_id, customer_id, subscriber_email,
// subscriber_status, change_status_at; short aliases accepted).
func MapSubscriber(raw json.RawMessage) (model.Subscriber, error) {
	o, err := newRecord(raw)
	if err != nil {
		return model.Subscriber{}, err
	}
	defer o.release()
	s := model.Subscriber{
		MagentoID:      firstInt(o, "subscriber_id", "id"),
		Source:         model.SubscriberFromModule,
		StoreID:        o.int("store_id"),
		CustomerID:     o.int("customer_id"),
		Email:          firstStr(o, "subscriber_email", "email"),
		Status:         int(firstInt(o, "subscriber_status", "status")),
		ChangeStatusAt: o.str("change_status_at"),
	}
	return s, o.result("subscriber", s.MagentoID)
}

func firstInt(o *obj, keys ...string) int64 {
	for _, k := range keys {
		if o.raw(k) != nil {
			return o.int(k)
		}
	}
	return 0
}

func firstStr(o *obj, keys ...string) string {
	for _, k := range keys {
		if v := o.str(k); v != "" {
			return v
		}
	}
	return ""
}

// keepRaw is the record's JSON for model.Record.Raw: a slice of the
// page it came from, not a copy (a sync prepares and drops it right after
// mapping; copying every record was 1.6 GB of garbage on Store L). Its
// capacity is capped so nothing can append into the page.
func keepRaw(raw json.RawMessage) []byte {
	return raw[:len(raw):len(raw)]
}
