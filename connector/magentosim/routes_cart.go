package magentosim

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Cart write routes: the admin "create cart -> add items -> shipping -> order" sequence.

// activeCart loads a cart that must be active; inactive or missing -> 404 cartId.
func (s *Store) activeCart(rc *reqCtx) (*cart, *apiError) {
	id, _ := rc.id("id")
	c := s.carts.get(id)
	if c == nil || !c.IsActive {
		return nil, errNoSuchEntity("cartId", id)
	}
	return c, nil
}

func (s *Store) newCart(storeID int, customerID int64) *cart {
	if storeID == 0 {
		storeID = 1
	}
	w := websiteOf(storeID)
	now := s.now()
	c := &cart{ID: s.seq.next(&s.seq.cart), CreatedAt: now, UpdatedAt: now, IsActive: true,
		CustomerID: customerID, StoreID: storeID, Currency: w.currency, rate: currencyRates[w.currency]}
	s.carts.add(c)
	return c
}

func (s *Store) touchCart(c *cart) { s.carts.setKeyOf(c, s.now()) }

func createCustomerCart(s *Store, rc *reqCtx) (any, error) {
	cid, _ := rc.id("id")
	cu := s.customers.get(cid)
	if cu == nil {
		return nil, errNoSuchEntity("customerId", cid)
	}
	for _, c := range s.carts.idOrder { // one active quote per customer
		if c.CustomerID == cid && c.IsActive {
			return c.ID, nil
		}
	}
	store := rc.storeID
	if store == 0 || websiteOf(store).ID != cu.WebsiteID {
		store = cu.StoreID
	}
	c := s.newCart(store, cid)
	c.Email = cu.Email
	return c.ID, nil
}

func createGuestCart(s *Store, rc *reqCtx) (any, error) {
	return s.newCart(rc.storeID, 0).ID, nil
}

func getCartItems(s *Store, rc *reqCtx) (any, error) {
	c, err := s.activeCart(rc)
	if err != nil {
		return nil, err
	}
	if c.Items == nil {
		return []*CartItem{}, nil
	}
	return c.Items, nil
}

// flexible number from json.Number or string
func numberOf(v any) (float64, bool) {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case string:
		f, err := strconv.ParseFloat(x, 64)
		return f, err == nil
	case float64:
		return x, true
	}
	return 0, false
}

type cartItemBody struct {
	CartItem *struct {
		ItemID        any    `json:"item_id"`
		SKU           string `json:"sku"`
		Qty           any    `json:"qty"`
		QuoteID       any    `json:"quote_id"`
		ProductOption *struct {
			ExtensionAttributes *struct {
				ConfigurableItemOptions []struct {
					OptionID    any `json:"option_id"`
					OptionValue any `json:"option_value"`
				} `json:"configurable_item_options"`
			} `json:"extension_attributes"`
		} `json:"product_option"`
	} `json:"cartItem"`
}

var errProductMissing = apiErr(404, "The product that was requested doesn't exist. Verify the product and try again.", nil)

func addCartItem(s *Store, rc *reqCtx) (any, error) {
	var b cartItemBody
	if err := rc.decode(&b); err != nil {
		return nil, err
	}
	if b.CartItem == nil {
		return nil, errRequired("cartItem")
	}
	// CartItemRepository::save reads quote_id from the item, not the path.
	qid, ok := numberOf(b.CartItem.QuoteID)
	if !ok {
		return nil, errRequired("quoteId")
	}
	c := s.carts.get(int64(qid))
	if c == nil || !c.IsActive {
		return nil, errNoSuchEntity("cartId", int64(qid))
	}
	qty := 1.0
	if q, ok := numberOf(b.CartItem.Qty); ok {
		qty = q
	}
	if qty <= 0 {
		return nil, errBadRequest("The qty value is required to update quote item.", nil)
	}
	p := s.productsBySKU[strings.ToLower(b.CartItem.SKU)]
	if p == nil {
		return nil, errProductMissing
	}
	item := &CartItem{SKU: p.SKU, Name: p.Name, Price: p.Price, ProductType: p.TypeID, productID: p.ID}
	stockOf := p
	if p.TypeID == "configurable" {
		want := map[string]int{}
		if po := b.CartItem.ProductOption; po != nil && po.ExtensionAttributes != nil {
			for _, o := range po.ExtensionAttributes.ConfigurableItemOptions {
				v, _ := numberOf(o.OptionValue)
				want[fmt.Sprint(o.OptionID)] = int(v)
			}
		}
		var child *Product
		for _, chID := range p.children {
			ch := s.products.get(chID)
			if ch != nil && len(want) > 0 && matchesAttrs(ch.attrs, want) {
				child = ch
				break
			}
		}
		if child == nil {
			return nil, errBadRequest("You need to choose options for your item.", nil)
		}
		item.SKU = child.SKU
		item.ProductOption = configurableOption(child)
		stockOf = child
	}
	if st := stockOf.ExtensionAttributes.StockItem; st != nil {
		if !st.IsInStock {
			return nil, errBadRequest("Product that you are trying to add is not available.", nil)
		}
		if st.ManageStock && qty > st.Qty {
			return nil, errBadRequest("The requested qty is not available", nil)
		}
	}
	for _, it := range c.Items { // the same sku again raises the qty of the existing line
		if it.SKU == item.SKU {
			it.Qty += qty
			s.touchCart(c)
			return it, nil
		}
	}
	item.Qty = qty
	item.ItemID = s.seq.next(&s.seq.cartItem)
	if p.TypeID == "configurable" {
		s.seq.cartItem++ // hidden child row
	}
	item.QuoteID = strconv.FormatInt(c.ID, 10)
	c.Items = append(c.Items, item)
	s.touchCart(c)
	return item, nil
}

func matchesAttrs(have, want map[string]int) bool {
	for k, v := range want {
		if have[k] != v {
			return false
		}
	}
	return true
}

func findItem(c *cart, rc *reqCtx) (int, *apiError) {
	itemID, _ := rc.id("itemId")
	for i, it := range c.Items {
		if it.ItemID == itemID {
			return i, nil
		}
	}
	return -1, apiErr(404, "The %1 Cart doesn't contain the %2 item.", []any{strconv.FormatInt(c.ID, 10), strconv.FormatInt(itemID, 10)})
}

func updateCartItem(s *Store, rc *reqCtx) (any, error) {
	c, err := s.activeCart(rc)
	if err != nil {
		return nil, err
	}
	var b cartItemBody
	if err := rc.decode(&b); err != nil {
		return nil, err
	}
	if b.CartItem == nil {
		return nil, errRequired("cartItem")
	}
	i, aerr := findItem(c, rc)
	if aerr != nil {
		return nil, aerr
	}
	qty, ok := numberOf(b.CartItem.Qty)
	if !ok || qty <= 0 {
		return nil, errBadRequest("The qty value is required to update quote item.", nil)
	}
	c.Items[i].Qty = qty
	s.touchCart(c)
	return c.Items[i], nil
}

func deleteCartItem(s *Store, rc *reqCtx) (any, error) {
	c, err := s.activeCart(rc)
	if err != nil {
		return nil, err
	}
	i, aerr := findItem(c, rc)
	if aerr != nil {
		return nil, aerr
	}
	c.Items = append(c.Items[:i], c.Items[i+1:]...)
	s.touchCart(c)
	return true, nil
}

func getCartTotals(s *Store, rc *reqCtx) (any, error) {
	c, err := s.activeCart(rc)
	if err != nil {
		return nil, err
	}
	return s.cartTotals(c), nil
}

// assignCustomer is PUT /V1/carts/{id} {"customerId","storeId"}: a guest quote becomes
// the customer's, unless the customer already has an active one.
func assignCustomer(s *Store, rc *reqCtx) (any, error) {
	c, err := s.activeCart(rc)
	if err != nil {
		return nil, err
	}
	var b struct {
		CustomerID any `json:"customerId"`
		StoreID    any `json:"storeId"`
	}
	if err := rc.decode(&b); err != nil {
		return nil, err
	}
	cid, ok := numberOf(b.CustomerID)
	if !ok {
		return nil, errRequired("customerId")
	}
	cu := s.customers.get(int64(cid))
	if cu == nil {
		return nil, errNoSuchEntity("customerId", int64(cid))
	}
	if c.CustomerID != 0 {
		return nil, errBadRequest("The cart isn't anonymous and can't be assigned to a customer.", nil)
	}
	for _, q := range s.carts.idOrder {
		if q.CustomerID == cu.ID && q.IsActive {
			return nil, errBadRequest("The customer can't be assigned to the cart because the customer already has an active cart.", nil)
		}
	}
	c.CustomerID, c.Email = cu.ID, cu.Email
	s.touchCart(c)
	return true, nil
}
