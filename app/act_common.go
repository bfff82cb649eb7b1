package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/magedesk/magedesk/connector"
	"github.com/magedesk/magedesk/model"
)

// Shared plumbing of the "act on the store" services: a client for a
// channel (optionally on one store view), storing what Magento answered,
// and turning Magento's refusals into words next to the field concerned.

// actClient builds a client for the channel; storeCode "" keeps the
// channel's own store code. Carts take the store view of the URL, so cart
// calls use the customer's store view code.
func (c *Core) actClient(ctx context.Context, channelID int64, storeCode string) (*connector.Client, model.Channel, error) {
	ch, err := c.Channel(ctx, channelID)
	if err != nil {
		return nil, ch, err
	}
	secrets, err := c.Secrets(ch)
	if err != nil {
		return nil, ch, err
	}
	cfg := ClientConfig(ch, secrets)
	if storeCode != "" {
		cfg.StoreCode = storeCode
	}
	cfg.Logger = c.logger
	client, err := connector.NewClient(cfg)
	if err != nil {
		return nil, ch, fmt.Errorf("connect to %s: %w", ch.BaseURL, err)
	}
	return client, ch, nil
}

// storeFetched writes records Magento just returned, one entity per batch,
// and tells the views. Entities without records are skipped.
func (c *Core) storeFetched(ctx context.Context, channelID int64, batches ...model.Batch) error {
	for _, b := range batches {
		b.ChannelID = channelID
		if _, err := c.Store.ApplyBatch(ctx, b); err != nil {
			return fmt.Errorf("store %s from Magento: %w", b.Entity, err)
		}
	}
	for _, b := range batches {
		c.Events.Publish(Event{Kind: EvDataChanged, ChannelID: channelID, Entity: b.Entity})
	}
	return nil
}

// storeCustomer stores a customer Magento returned with its newsletter
// state: from the companion module's subscribers when the channel has it
// (the sync reads subscribers there, so a derived row would duplicate
// it), else derived from the customer's is_subscribed.
func (c *Core) storeCustomer(ctx context.Context, client *connector.Client, ch model.Channel, cu model.Customer) error {
	b := model.Batch{Entity: model.EntityCustomers, Customers: []model.Customer{cu}}
	batches := []model.Batch{b}
	if ch.HasNewsletterRoute {
		page, err := client.Search(ctx, "newsletter/subscribers", connector.SearchCriteria{PageSize: 20, CurrentPage: 1}.
			Where("customer_id", "eq", strconv.FormatInt(cu.MagentoID, 10)))
		if err != nil {
			c.logger.WarnContext(ctx, "read subscription after customer write", "customer", cu.MagentoID, "err", err)
		} else {
			sb := model.Batch{Entity: model.EntitySubscribers}
			for _, raw := range page.Items {
				if sub, err := connector.MapSubscriber(raw); err == nil || sub.MagentoID != 0 {
					sb.Subscribers = append(sb.Subscribers, sub)
				}
			}
			if len(sb.Subscribers) > 0 {
				batches = append(batches, sb)
			}
		}
	} else if sub, ok := connector.SubscriberFromCustomer(cu); ok {
		batches[0].Subscribers = []model.Subscriber{sub}
	}
	return c.storeFetched(ctx, ch.ID, batches...)
}

// FieldError is a refusal that belongs to one input of a form: the views
// show Message under that field. Field names are the form's keys
// ("email", "firstname", "shipping_method", "payment", "qty", …); "" means
// the whole form.
type FieldError struct {
	Field   string
	Message string
	Err     error
}

func (e *FieldError) Error() string {
	if e.Field == "" {
		return e.Message
	}
	return e.Field + ": " + e.Message
}

func (e *FieldError) Unwrap() error { return e.Err }

// fieldErr builds a FieldError without an underlying error (local checks).
func fieldErr(field, msg string) error { return &FieldError{Field: field, Message: msg} }

// magentoRefusals maps Magento's message templates (as sent, before the
// parameters are filled in) to the field and the words a shop owner
// understands.
var magentoRefusals = []struct {
	template, field, words string
}{
	{"The shipping method is missing", "shipping_method", "Choose a shipping method (Magento has none set for this cart)."},
	{"Carrier with such method not found", "shipping_method", "This shipping method is not offered for this cart any more; estimate again and choose another."},
	{"The shipping method can't be set for an empty cart", "items", "The cart is empty: add a product first."},
	{"A customer with the same email address already exists", "email", "Another customer of this website already uses this email address."},
	{"is not a valid email address", "email", "This is not a valid email address."},
	{"The requested qty is not available", "qty", "Not enough stock for this quantity."},
	{"Product that you are trying to add is not available", "sku", "This product is out of stock."},
	{"You need to choose options for your item", "options", "Choose the product's options (for example size and colour)."},
	{"The product that was requested doesn't exist", "sku", "This product no longer exists in Magento; refresh the catalogue."},
	{"Enter a valid payment method", "payment", "Choose one of the payment methods Magento offers for this cart."},
	{"The requested Payment Method is not available", "payment", "Choose one of the payment methods Magento offers for this cart."},
	{"Purchase order number is a required field", "po_number", "Enter the purchase order number."},
	{"The cart doesn't contain any items", "items", "The cart is empty: add a product first."},
	{"The most money available to refund is", "items", "That is more than is left to refund on this order"},
	{"Maximum shipping amount allowed to refund", "shipping_amount", "That is more shipping than is left to refund"},
	{"The order does not allow a creditmemo", "", "This order cannot be refunded: it is not invoiced yet, canceled or already fully refunded."},
	{"You can't create a creditmemo without products", "items", "Choose at least one line and quantity to refund."},
	{"The qty value is required", "qty", "Enter a quantity above zero."},
}

// requiredFieldNames maps Magento's %fieldName values to form keys.
var requiredFieldNames = map[string]string{
	"countryId": "country_id", "country_id": "country_id", "regionId": "region", "region_id": "region",
	"postcode": "postcode", "telephone": "telephone", "street": "street", "city": "city",
	"firstname": "firstname", "lastname": "lastname", "email": "email",
}

// explain turns a write error into a FieldError when Magento refused a
// particular input; other errors get the connector's plain explanation.
// The original error stays reachable with errors.Is/As.
func explain(err error) error {
	if err == nil {
		return nil
	}
	var fe *FieldError
	if errors.As(err, &fe) {
		return err
	}
	var ae *connector.APIError
	if errors.As(err, &ae) && !errors.Is(err, connector.ErrOutcomeUnknown) {
		for _, r := range magentoRefusals {
			if strings.Contains(ae.Template, r.template) || strings.Contains(ae.Message, r.template) {
				words := r.words
				if strings.HasSuffix(words, "order") || strings.HasSuffix(words, "refund") {
					words += " (Magento: " + ae.Message + ")."
				}
				return &FieldError{Field: r.field, Message: words, Err: err}
			}
		}
		if strings.Contains(ae.Template, "is required. Enter and try again") {
			name := paramName(ae.Parameters)
			field := requiredFieldNames[name]
			if field == "" {
				field = name
			}
			return &FieldError{Field: field, Message: "Magento needs this field.", Err: err}
		}
	}
	return &FieldError{Message: connector.HumanMessage(err), Err: err}
}

// paramName reads fieldName from Magento's parameters (named or first positional).
func paramName(params any) string {
	switch p := params.(type) {
	case map[string]any:
		if v, ok := p["fieldName"].(string); ok {
			return v
		}
	case []any:
		if len(p) > 0 {
			if v, ok := p[0].(string); ok {
				return v
			}
		}
	}
	return ""
}

// ErrorField reports the form field an error belongs to ("" = the whole
// form) and the words to show there.
func ErrorField(err error) (field, message string) {
	if err == nil {
		return "", ""
	}
	var fe *FieldError
	if errors.As(explain(err), &fe) {
		return fe.Field, fe.Message
	}
	return "", connector.HumanMessage(err)
}

// Connector types the act forms fill in, named here so the views speak
// only to the app layer.
type (
	Country            = connector.Country
	Region             = connector.Region
	CartItemInput      = connector.CartItemInput
	ConfigurableOption = connector.ConfigurableOption
	QuoteAddress       = connector.QuoteAddress
	ShippingMethod     = connector.ShippingMethod
	PaymentInput       = connector.PaymentInput
	Totals             = connector.Totals
)
