package magentosim

import (
	"errors"
	"strings"
)

// The route table: verb, path under /V1, ACL resource (magento-rest.md §3).
var routes []route

func init() {
	const (
		aclStore    = "Magento_Backend::store"
		aclCustomer = "Magento_Customer::customer"
		aclManage   = "Magento_Customer::manage"
		aclGroup    = "Magento_Customer::group"
		aclCart     = "Magento_Cart::manage"
		aclOrders   = "Magento_Sales::actions_view"
		aclMemos    = "Magento_Sales::sales_creditmemo"
		aclRefund   = "Magento_Sales::creditmemo"
		aclProducts = "Magento_Catalog::products"
		aclNews     = "Magento_Newsletter::subscriber"
	)
	r := func(method, path, acl string, h handlerFunc) route {
		return route{method: method, parts: strings.Split(path, "/"), acl: acl, h: h, write: method != "GET"}
	}
	list := func(path, acl, entity string, h handlerFunc) route {
		rt := r("GET", path, acl, h)
		rt.list = entity
		return rt
	}
	routes = []route{
		r("GET", "store/websites", aclStore, getWebsites),
		r("GET", "store/storeGroups", aclStore, getStoreGroups),
		r("GET", "store/storeViews", aclStore, getStoreViews),
		r("GET", "store/storeConfigs", aclStore, getStoreConfigs),
		r("GET", "directory/countries", "anonymous", getCountries),
		r("GET", "customerGroups/search", aclGroup, searchGroups),

		list("customers/search", aclCustomer, EntityCustomers, searchCustomers),
		r("POST", "customers", aclManage, createCustomer),
		r("GET", "customers/{id}", aclCustomer, getCustomer),
		r("PUT", "customers/{id}", aclManage, updateCustomer),
		r("POST", "customers/{id}/carts", aclCart, createCustomerCart),

		list("carts/search", aclCart, EntityCarts, searchCarts),
		r("POST", "carts", aclCart, createGuestCart),
		r("GET", "carts/{id}", aclCart, getCart),
		r("PUT", "carts/{id}", aclCart, assignCustomer),
		r("GET", "carts/{id}/items", aclCart, getCartItems),
		r("POST", "carts/{id}/items", aclCart, addCartItem),
		r("PUT", "carts/{id}/items/{itemId}", aclCart, updateCartItem),
		r("DELETE", "carts/{id}/items/{itemId}", aclCart, deleteCartItem),
		r("GET", "carts/{id}/totals", aclCart, getCartTotals),
		r("POST", "carts/{id}/billing-address", aclCart, setBillingAddress),
		r("GET", "carts/{id}/billing-address", aclCart, getBillingAddress),
		r("POST", "carts/{id}/estimate-shipping-methods", aclCart, estimateShipping),
		r("POST", "carts/{id}/estimate-shipping-methods-by-address-id", aclCart, estimateShippingByAddressID),
		r("POST", "carts/{id}/shipping-information", aclCart, setShippingInformation),
		r("GET", "carts/{id}/payment-methods", aclCart, getPaymentMethods),
		r("PUT", "carts/{id}/selected-payment-method", aclCart, setPaymentMethod),
		r("GET", "carts/{id}/selected-payment-method", aclCart, getSelectedPaymentMethod),
		r("PUT", "carts/{id}/order", aclCart, placeOrder),

		list("orders", aclOrders, EntityOrders, searchOrders),
		r("GET", "orders/{id}", aclOrders, getOrder),
		list("creditmemos", aclMemos, EntityCreditMemos, searchCreditMemos),
		r("GET", "creditmemo/{id}", aclMemos, getCreditMemo),
		r("POST", "order/{id}/refund", aclRefund, refundOrder),

		list("products", aclProducts, EntityProducts, searchProducts),
		r("GET", "products/{sku}", aclProducts, getProduct),

		list("newsletter/subscribers", aclNews, EntitySubscribers, searchSubscribers),
	}
}

// listResponse is Magento's SearchResults shape.
type listResponse struct {
	Items          []any          `json:"items"`
	SearchCriteria map[string]any `json:"search_criteria"`
	TotalCount     int            `json:"total_count"`
}

// list runs a searchCriteria query against a table and renders the page.
func list[T any](s *Store, rc *reqCtx, t *table[T], render func(*T) any) (any, error) {
	c, ok := parseCriteria(rc.q)
	if !ok {
		return nil, errRequired("searchCriteria")
	}
	if s.currentFaults().InputLimits {
		if !c.pageSizeSet || c.pageSize <= 0 {
			c.pageSize, c.pageSizeSet = 20, true
		}
		if c.pageSize > 300 {
			return nil, errBadRequest("Maximum SearchCriteria pageSize is %max", map[string]any{"max": 300})
		}
	}
	res, err := t.search(c, s.currentFaults().LegacyPaging)
	if err != nil {
		var uf errUnknownField
		if errors.As(err, &uf) {
			return nil, err // rendered as the 500 Report ID body, like Magento's SQL error
		}
		return nil, err
	}
	items := make([]any, len(res.items))
	for i, rec := range res.items {
		items[i] = render(rec)
	}
	return listResponse{Items: items, SearchCriteria: c.echo(), TotalCount: res.total}, nil
}

func getWebsites(s *Store, rc *reqCtx) (any, error)    { return websites, nil }
func getStoreGroups(s *Store, rc *reqCtx) (any, error) { return storeGroups, nil }
func getStoreViews(s *Store, rc *reqCtx) (any, error)  { return storeViews, nil }
func getCountries(s *Store, rc *reqCtx) (any, error)   { return countries, nil }

func getStoreConfigs(s *Store, rc *reqCtx) (any, error) {
	scheme := "http"
	if rc.r.TLS != nil {
		scheme = "https"
	}
	all := storeConfigs(scheme + "://" + rc.r.Host)
	codes := rc.q["storeCodes[]"]
	if len(codes) == 0 {
		codes = rc.q["storeCodes"]
	}
	if len(codes) == 0 {
		return all, nil
	}
	var out []StoreConfig
	for _, c := range all {
		for _, code := range codes {
			if c.Code == code {
				out = append(out, c)
			}
		}
	}
	if out == nil {
		out = []StoreConfig{}
	}
	return out, nil
}

func searchGroups(s *Store, rc *reqCtx) (any, error) {
	return list(s, rc, s.groups, func(g *CustomerGroup) any { return g })
}

func searchCustomers(s *Store, rc *reqCtx) (any, error) {
	return list(s, rc, s.customers, func(c *Customer) any { return s.customerView(c) })
}

func getCustomer(s *Store, rc *reqCtx) (any, error) {
	id, _ := rc.id("id")
	c := s.customers.get(id)
	if c == nil {
		return nil, errNoSuchEntity("customerId", id)
	}
	return s.customerView(c), nil
}

func searchCarts(s *Store, rc *reqCtx) (any, error) {
	return list(s, rc, s.carts, func(c *cart) any { return s.cartView(c) })
}

func getCart(s *Store, rc *reqCtx) (any, error) {
	id, _ := rc.id("id")
	c := s.carts.get(id)
	if c == nil {
		return nil, errNoSuchEntity("cartId", id)
	}
	return s.cartView(c), nil
}

func searchOrders(s *Store, rc *reqCtx) (any, error) {
	return list(s, rc, s.orders, func(o *Order) any { return o })
}

func getOrder(s *Store, rc *reqCtx) (any, error) {
	id, _ := rc.id("id")
	o := s.orders.get(id)
	if o == nil {
		return nil, errEntityMissing()
	}
	return o, nil
}

func searchCreditMemos(s *Store, rc *reqCtx) (any, error) {
	return list(s, rc, s.creditmemos, func(c *CreditMemo) any { return c })
}

func getCreditMemo(s *Store, rc *reqCtx) (any, error) {
	id, _ := rc.id("id")
	c := s.creditmemos.get(id)
	if c == nil {
		return nil, errEntityMissing()
	}
	return c, nil
}

func searchProducts(s *Store, rc *reqCtx) (any, error) {
	return list(s, rc, s.products, func(p *Product) any { return p })
}

func getProduct(s *Store, rc *reqCtx) (any, error) {
	p := s.productsBySKU[strings.ToLower(rc.params["sku"])]
	if p == nil {
		return nil, errBadRequest("The product that was requested doesn't exist. Verify the product and try again.", nil).with(404)
	}
	return p, nil
}

func searchSubscribers(s *Store, rc *reqCtx) (any, error) {
	return list(s, rc, s.subscribers, func(sub *Subscriber) any { return sub })
}

func (e *apiError) with(status int) *apiError { e.status = status; return e }
