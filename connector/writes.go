package connector

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/magedesk/magedesk/model"
)

// Write calls for "act on the store": carts and customers. Every call
// goes through DoWrite (sent once). Calls that are naturally idempotent
// (setting the same state again, or Magento returning the existing
// object) are repeated once when their answer was lost; the others
// (placing an order, refunding) first check whether the lost write
// happened — see writes_checkout.go.

// retryIdempotent runs an idempotent write and repeats it once if the
// answer was lost.
func (c *Client) retryIdempotent(ctx context.Context, method, route string, body, out any) error {
	err := c.DoWrite(ctx, method, route, body, out)
	if errors.Is(err, ErrOutcomeUnknown) {
		c.log.WarnContext(ctx, "magento write answer lost; repeating idempotent call", "method", method, "route", route)
		err = c.DoWrite(ctx, method, route, body, out)
	}
	return err
}

// CreateCustomerCart returns the id of the customer's active cart,
// creating one if needed (Magento returns the existing active cart, so
// repeating the call is safe). Use a client whose StoreCode is the
// customer's store view: the quote takes the URL's store.
func (c *Client) CreateCustomerCart(ctx context.Context, customerID int64) (int64, error) {
	var id flexID
	if err := c.retryIdempotent(ctx, http.MethodPost, fmt.Sprintf("customers/%d/carts", customerID), nil, &id); err != nil {
		return 0, fmt.Errorf("create cart for customer %d: %w", customerID, err)
	}
	return int64(id), nil
}

// CartItems lists the visible (parent) lines of an active cart.
func (c *Client) CartItems(ctx context.Context, cartID int64) ([]model.CartItem, error) {
	var raw []json.RawMessage
	if err := c.GetJSON(ctx, fmt.Sprintf("carts/%d/items", cartID), &raw); err != nil {
		return nil, fmt.Errorf("cart %d items: %w", cartID, err)
	}
	items := make([]model.CartItem, 0, len(raw))
	var errs []error
	for _, r := range raw {
		it, err := mapCartItemRaw(r)
		errs = append(errs, err)
		items = append(items, it)
	}
	return items, errors.Join(errs...)
}

// CartItemInput is one line to add. ConfigurableOptions picks the child
// of a configurable product (attribute id → option value id).
type CartItemInput struct {
	SKU                 string
	Qty                 float64
	ConfigurableOptions []ConfigurableOption
}

// ConfigurableOption is one configurable_item_options entry.
type ConfigurableOption struct {
	OptionID    string // attribute id, sent as a string as Magento declares it
	OptionValue int64
}

// cartItemBody is Magento's cartItem. quote_id is a string and required:
// the repository reads it, not the id in the path.
func cartItemBody(cartID int64, extra map[string]any) map[string]any {
	item := map[string]any{"quote_id": strconv.FormatInt(cartID, 10)}
	for k, v := range extra {
		item[k] = v
	}
	return map[string]any{"cartItem": item}
}

// AddCartItem adds a line and returns it as Magento saved it. Not
// repeated on a lost answer: adding twice would double the quantity;
// re-read CartItems instead.
func (c *Client) AddCartItem(ctx context.Context, cartID int64, in CartItemInput) (model.CartItem, error) {
	extra := map[string]any{"sku": in.SKU, "qty": in.Qty}
	if len(in.ConfigurableOptions) > 0 {
		opts := make([]map[string]any, len(in.ConfigurableOptions))
		for i, o := range in.ConfigurableOptions {
			opts[i] = map[string]any{"option_id": o.OptionID, "option_value": o.OptionValue}
		}
		extra["product_option"] = map[string]any{"extension_attributes": map[string]any{"configurable_item_options": opts}}
	}
	var raw json.RawMessage
	if err := c.DoWrite(ctx, http.MethodPost, fmt.Sprintf("carts/%d/items", cartID), cartItemBody(cartID, extra), &raw); err != nil {
		return model.CartItem{}, fmt.Errorf("add %s to cart %d: %w", in.SKU, cartID, err)
	}
	return mapCartItemRaw(raw)
}

// UpdateCartItem sets a line's quantity (idempotent).
func (c *Client) UpdateCartItem(ctx context.Context, cartID, itemID int64, qty float64) (model.CartItem, error) {
	var raw json.RawMessage
	body := cartItemBody(cartID, map[string]any{"item_id": itemID, "qty": qty})
	if err := c.retryIdempotent(ctx, http.MethodPut, fmt.Sprintf("carts/%d/items/%d", cartID, itemID), body, &raw); err != nil {
		return model.CartItem{}, fmt.Errorf("update item %d of cart %d: %w", itemID, cartID, err)
	}
	return mapCartItemRaw(raw)
}

// DeleteCartItem removes a line. A lost answer is resolved by repeating:
// the second call answers 404 if the first one worked, which counts as done.
func (c *Client) DeleteCartItem(ctx context.Context, cartID, itemID int64) error {
	route := fmt.Sprintf("carts/%d/items/%d", cartID, itemID)
	err := c.DoWrite(ctx, http.MethodDelete, route, nil, nil)
	if errors.Is(err, ErrOutcomeUnknown) {
		err = c.DoWrite(ctx, http.MethodDelete, route, nil, nil)
		if errors.Is(err, ErrNotFound) {
			return nil
		}
	}
	if err != nil {
		return fmt.Errorf("delete item %d of cart %d: %w", itemID, cartID, err)
	}
	return nil
}

func mapCartItemRaw(raw json.RawMessage) (model.CartItem, error) {
	o, err := newRecord(raw)
	if err != nil {
		return model.CartItem{}, err
	}
	it := mapCartItem(o)
	return it, o.result("cart item", it.MagentoID)
}

// CustomerInput is a customer to create or the fields to change. Only
// non-zero fields are sent on create; on update they are merged into the
// customer as Magento has it now (PUT replaces the whole customer).
type CustomerInput struct {
	Email, Firstname, Lastname string
	WebsiteID, StoreID         int64
	GroupID                    int64
	DOB                        string
	Gender                     int
	Taxvat                     string
	IsSubscribed               *bool
	// Extra holds any other customer keys (snake_case) to set.
	Extra map[string]any
}

func (in CustomerInput) fields() map[string]any {
	m := map[string]any{}
	set := func(k string, v any, ok bool) {
		if ok {
			m[k] = v
		}
	}
	set("email", in.Email, in.Email != "")
	set("firstname", in.Firstname, in.Firstname != "")
	set("lastname", in.Lastname, in.Lastname != "")
	set("website_id", in.WebsiteID, in.WebsiteID != 0)
	set("store_id", in.StoreID, in.StoreID != 0)
	set("group_id", in.GroupID, in.GroupID != 0)
	set("dob", in.DOB, in.DOB != "")
	set("gender", in.Gender, in.Gender != 0)
	set("taxvat", in.Taxvat, in.Taxvat != "")
	for k, v := range in.Extra {
		m[k] = v
	}
	return m
}

// UpdateCustomer re-reads the customer, merges in's fields and PUTs the
// whole record back (Magento's PUT replaces; sending only some fields
// would blank the others). Idempotent, so a lost answer is repeated once.
func (c *Client) UpdateCustomer(ctx context.Context, customerID int64, in CustomerInput) (model.Customer, error) {
	route := fmt.Sprintf("customers/%d", customerID)
	var current map[string]any
	if err := c.GetJSON(ctx, route, &current); err != nil {
		return model.Customer{}, fmt.Errorf("update customer %d: read current: %w", customerID, err)
	}
	for k, v := range in.fields() {
		current[k] = v
	}
	if in.IsSubscribed != nil {
		ext, _ := current["extension_attributes"].(map[string]any)
		if ext == nil {
			ext = map[string]any{}
		}
		ext["is_subscribed"] = *in.IsSubscribed
		current["extension_attributes"] = ext
	}
	var raw json.RawMessage
	if err := c.retryIdempotent(ctx, http.MethodPut, route, map[string]any{"customer": current}, &raw); err != nil {
		return model.Customer{}, fmt.Errorf("update customer %d: %w", customerID, err)
	}
	return MapCustomer(raw)
}

// CreateCustomer creates a customer (password optional: without one
// Magento sends no welcome password). If the answer is lost, the
// customer is looked up by email in the website before reporting
// ErrOutcomeUnknown — creating twice would fail on the duplicate email.
func (c *Client) CreateCustomer(ctx context.Context, in CustomerInput, password string) (model.Customer, error) {
	body := map[string]any{"customer": in.fields()}
	if in.IsSubscribed != nil {
		body["customer"].(map[string]any)["extension_attributes"] = map[string]any{"is_subscribed": *in.IsSubscribed}
	}
	if password != "" {
		body["password"] = password
	}
	var raw json.RawMessage
	err := c.DoWrite(ctx, http.MethodPost, "customers", body, &raw)
	if errors.Is(err, ErrOutcomeUnknown) {
		sc := SearchCriteria{PageSize: 1}.Where("email", "eq", in.Email)
		if in.WebsiteID != 0 {
			sc = sc.Where("website_id", "eq", strconv.FormatInt(in.WebsiteID, 10))
		}
		page, lerr := c.Search(ctx, "customers/search", sc)
		if lerr == nil && len(page.Items) > 0 {
			return MapCustomer(page.Items[0])
		}
	}
	if err != nil {
		return model.Customer{}, fmt.Errorf("create customer %s: %w", in.Email, err)
	}
	return MapCustomer(raw)
}

// Country is one entry of GET /V1/directory/countries.
type Country struct {
	ID      string // ISO-2, e.g. "US"
	Name    string // English name
	Regions []Region
}

// Region is a country's state/province.
type Region struct {
	ID   int64
	Code string
	Name string
}

// Countries lists the store's allowed countries with their regions.
func (c *Client) Countries(ctx context.Context) ([]Country, error) {
	items, err := c.getArray(ctx, "directory/countries")
	if err != nil {
		return nil, fmt.Errorf("read countries: %w", err)
	}
	out := make([]Country, 0, len(items))
	var errs []error
	for _, raw := range items {
		o, err := newRecord(raw)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ct := Country{ID: firstStr(o, "id", "two_letter_abbreviation"), Name: firstStr(o, "full_name_english", "full_name_locale")}
		for _, r := range o.children("available_regions") {
			ct.Regions = append(ct.Regions, Region{ID: r.int("id"), Code: r.str("code"), Name: r.str("name")})
		}
		errs = append(errs, o.result("country", 0))
		out = append(out, ct)
	}
	return out, errors.Join(errs...)
}

// flexID decodes a bare JSON number or numeric string (Magento answers
// ids of created objects as bare values).
type flexID int64

func (f *flexID) UnmarshalJSON(b []byte) error {
	v, err := flexInt(b)
	*f = flexID(v)
	return err
}
