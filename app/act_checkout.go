package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/magedesk/magedesk/connector"
	"github.com/magedesk/magedesk/model"
)

// Convert a cart into an order: shipping address, shipping method
// (estimated by Magento), an offline payment method, review, place.

// offlineMethods are Magento's payment methods that need no gateway and
// can therefore be placed through the admin REST API.
var offlineMethods = map[string]bool{
	"checkmo": true, "banktransfer": true, "cashondelivery": true, "purchaseorder": true, "free": true,
}

// CardGatewayNote explains why card methods are not offered.
const CardGatewayNote = "Card and wallet gateways (PayPal, Braintree, Stripe…) need the buyer's card details in the storefront, " +
	"so they cannot be placed through Magento's admin API. Take the payment offline (check, bank transfer, cash on delivery, purchase order)."

// PaymentChoice is one payment method Magento offered for the cart.
type PaymentChoice struct {
	Code, Title string
	Placeable   bool   // an offline method the app can place
	Note        string // why not, when !Placeable
}

// IsOfflinePayment reports whether a method needs no online gateway.
func IsOfflinePayment(code string) bool { return offlineMethods[code] }

// CheckoutAddresses are the customer's saved addresses to ship to.
func (c *Core) CheckoutAddresses(ctx context.Context, s *CartSession) ([]model.Address, string, error) {
	cu, _, err := c.customerOf(ctx, s.CustomerLocalID)
	if err != nil {
		return nil, "", err
	}
	return cu.Addresses, cu.Email, nil
}

// QuoteAddressOf turns a customer address into a checkout address.
func QuoteAddressOf(a model.Address, email string) connector.QuoteAddress {
	return connector.QuoteAddress{Firstname: a.Firstname, Lastname: a.Lastname, Company: a.Company, Street: a.Street,
		City: a.City, Region: a.Region, RegionID: a.RegionID, RegionCode: a.RegionCode, Postcode: a.Postcode,
		CountryID: a.CountryID, Telephone: a.Telephone, Email: email, CustomerAddressID: a.MagentoID}
}

func validateQuoteAddress(a connector.QuoteAddress) error {
	return validateAddress(model.Address{Firstname: a.Firstname, Lastname: a.Lastname, Street: a.Street, City: a.City,
		Postcode: a.Postcode, CountryID: a.CountryID, Telephone: a.Telephone})
}

// EstimateShipping asks Magento which shipping methods it offers for the
// cart and address; unavailable ones are dropped.
func (c *Core) EstimateShipping(ctx context.Context, s *CartSession, addr connector.QuoteAddress) ([]connector.ShippingMethod, error) {
	if err := validateQuoteAddress(addr); err != nil {
		return nil, err
	}
	client, err := c.cartClient(ctx, s)
	if err != nil {
		return nil, err
	}
	methods, err := client.EstimateShipping(ctx, s.CartID, addr)
	if err != nil && len(methods) == 0 {
		return nil, explain(err)
	}
	out := methods[:0]
	for _, m := range methods {
		if m.Available {
			out = append(out, m)
		}
	}
	if len(out) == 0 {
		return nil, fieldErr("shipping_method", "Magento offers no shipping method for this cart and address.")
	}
	return out, nil
}

// Review is what the last step shows before Place order.
type Review struct {
	Payments []PaymentChoice
	Totals   connector.Totals
}

// SetShipping sets the addresses and the chosen method on the cart; Magento
// answers with the payment methods and the totals including shipping.
// billing nil = same as shipping.
func (c *Core) SetShipping(ctx context.Context, s *CartSession, ship connector.QuoteAddress, billing *connector.QuoteAddress,
	method connector.ShippingMethod) (Review, error) {
	if err := validateQuoteAddress(ship); err != nil {
		return Review{}, err
	}
	if method.CarrierCode == "" || method.MethodCode == "" {
		return Review{}, fieldErr("shipping_method", "Choose a shipping method.")
	}
	bill := ship
	if billing != nil {
		bill = *billing
	}
	client, err := c.cartClient(ctx, s)
	if err != nil {
		return Review{}, err
	}
	methods, totals, err := client.SetShippingInformation(ctx, s.CartID, connector.ShippingInformation{
		ShippingAddress: ship, BillingAddress: bill, CarrierCode: method.CarrierCode, MethodCode: method.MethodCode})
	if err != nil {
		return Review{}, explain(err)
	}
	r := Review{Totals: totals}
	for _, m := range methods {
		pc := PaymentChoice{Code: m.Code, Title: m.Title, Placeable: offlineMethods[m.Code]}
		if !pc.Placeable {
			pc.Note = CardGatewayNote
		}
		r.Payments = append(r.Payments, pc)
	}
	if _, err := c.syncCart(ctx, client, s); err != nil {
		c.logger.WarnContext(ctx, "store cart after shipping information", "cart", s.CartID, "err", err)
	}
	return r, nil
}

// PlacedOrder is the result of Place order.
type PlacedOrder struct {
	OrderID     int64 // Magento entity_id
	LocalID     int64
	IncrementID string
	Order       model.Order
}

// PlaceOrder places the order in Magento (PUT carts/{id}/order). Placing
// is not idempotent: after a lost answer the connector looks the order up
// by quote_id before trying again, so a retry never creates a second one.
// Then the order is fetched and stored and the cart becomes Purchased.
func (c *Core) PlaceOrder(ctx context.Context, s *CartSession, pay connector.PaymentInput) (PlacedOrder, error) {
	pay.PONumber = strings.TrimSpace(pay.PONumber)
	switch {
	case pay.Method == "":
		return PlacedOrder{}, fieldErr("payment", "Choose a payment method.")
	case !offlineMethods[pay.Method]:
		return PlacedOrder{}, fieldErr("payment", CardGatewayNote)
	case pay.Method == "purchaseorder" && pay.PONumber == "":
		return PlacedOrder{}, fieldErr("po_number", "Enter the purchase order number.")
	}
	client, err := c.cartClient(ctx, s)
	if err != nil {
		return PlacedOrder{}, err
	}
	// An order may already exist for this cart: the owner pressing Place
	// order again after an unconfirmed attempt. Take it instead of asking
	// Magento to convert an inactive cart (or, worse, a second one).
	orderID, found, err := client.OrderForQuote(ctx, s.CartID)
	if err != nil {
		return PlacedOrder{}, explain(err)
	}
	if !found {
		if orderID, err = client.PlaceOrderWith(ctx, s.CartID, pay); err != nil {
			return PlacedOrder{}, explain(err)
		}
	}
	res := PlacedOrder{OrderID: orderID}
	order, err := client.GetOrder(ctx, orderID)
	if err != nil && order.MagentoID == 0 {
		c.notify("Order placed", fmt.Sprintf("Magento order id %d was placed; the next sync brings its details.", orderID))
		return res, fmt.Errorf("order %d was placed but could not be read back (the next sync brings it): %w", orderID, err)
	}
	res.Order, res.IncrementID = order, order.IncrementID
	if !found {
		c.notify("Order placed", fmt.Sprintf("Order #%s for %s was placed in Magento.", order.IncrementID, order.CustomerEmail))
	}
	cart, cerr := client.GetCart(ctx, s.CartID)
	batches := []model.Batch{{Entity: model.EntityOrders, Orders: []model.Order{order}}}
	if cerr == nil {
		batches = append(batches, model.Batch{Entity: model.EntityCarts, Carts: []model.Cart{cart}})
	}
	if err := c.storeFetched(ctx, s.ChannelID, batches...); err != nil {
		return res, err
	}
	res.LocalID, err = c.Store.LocalIDOf(ctx, model.EntityOrders, s.ChannelID, orderID)
	return res, err
}
