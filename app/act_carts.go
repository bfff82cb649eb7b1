package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/magedesk/magedesk/connector"
	"github.com/magedesk/magedesk/model"
)

// Create a cart for a customer: every change is made in Magento first and
// the local cart follows with Magento's own lines and totals.

// CartSession is a cart being built for a customer.
type CartSession struct {
	ChannelID       int64
	CustomerID      int64 // Magento id
	CustomerLocalID int64
	CustomerName    string
	StoreView       model.StoreView
	CartID          int64 // Magento quote id; 0 until OpenCart
	// Existing: Magento handed back the customer's active cart, which is
	// also their live storefront cart; ExistingItems were in it already.
	Existing      bool
	ExistingItems []model.CartItem
}

// LiveCartWarning is what the app says when the customer already has an
// active cart.
func (s *CartSession) LiveCartWarning() string {
	if !s.Existing {
		return ""
	}
	return fmt.Sprintf("%s already has an open cart in the shop (cart %d, %d line(s)). It is also their live storefront cart: "+
		"whatever you add or change here, they see in their basket. Add to it, or stop and leave it as it is.",
		s.CustomerName, s.CartID, len(s.ExistingItems))
}

// customerOf reads a stored customer as Magento last sent it.
func (c *Core) customerOf(ctx context.Context, localID int64) (model.Customer, model.RecordRef, error) {
	ref, raw, err := c.Store.SyncedRecord(ctx, model.EntityCustomers, localID)
	if err != nil {
		return model.Customer{}, ref, err
	}
	if len(raw) == 0 {
		return model.Customer{}, ref, fmt.Errorf("customer %d was stored without its Magento record; refresh it from Magento", localID)
	}
	cu, err := connector.MapCustomer(json.RawMessage(raw))
	if err != nil && cu.MagentoID == 0 {
		return cu, ref, fmt.Errorf("read customer %d: %w", localID, err)
	}
	cu.ID, cu.ChannelID = ref.LocalID, ref.ChannelID
	return cu, ref, nil
}

// storeViewFor picks the store view by id (0 = the customer's own).
func (c *Core) storeViewFor(ctx context.Context, channelID, storeID int64) (model.StoreView, error) {
	views, err := c.Store.StoreViewsOf(ctx, channelID)
	if err != nil {
		return model.StoreView{}, err
	}
	for _, v := range views {
		if v.MagentoID == storeID {
			return v, nil
		}
	}
	if len(views) == 0 {
		return model.StoreView{}, fmt.Errorf("the channel's store views are not synced yet")
	}
	return model.StoreView{}, fieldErr("store", fmt.Sprintf("Store view %d is not known here; sync the channel first.", storeID))
}

// PrepareCart looks, without changing anything in Magento, whether the
// customer already has an active cart. When Existing is set the views
// show LiveCartWarning and let the owner go on (OpenCart) or stop.
func (c *Core) PrepareCart(ctx context.Context, customerLocalID, storeID int64) (*CartSession, error) {
	cu, ref, err := c.customerOf(ctx, customerLocalID)
	if err != nil {
		return nil, err
	}
	if storeID == 0 {
		storeID = cu.StoreID
	}
	view, err := c.storeViewFor(ctx, ref.ChannelID, storeID)
	if err != nil {
		return nil, err
	}
	s := &CartSession{ChannelID: ref.ChannelID, CustomerID: cu.MagentoID, CustomerLocalID: customerLocalID,
		CustomerName: cu.Firstname + " " + cu.Lastname, StoreView: view}
	client, _, err := c.actClient(ctx, ref.ChannelID, view.Code)
	if err != nil {
		return nil, err
	}
	active, err := client.ActiveCartOf(ctx, cu.MagentoID)
	if err != nil {
		return nil, explain(err)
	}
	if active != 0 {
		s.Existing, s.CartID = true, active
		items, err := client.CartItems(ctx, active)
		if err != nil {
			return nil, explain(err)
		}
		s.ExistingItems = items
	}
	return s, nil
}

// OpenCart creates the customer's cart in Magento (or takes the existing
// active one, which PrepareCart reported) and stores it.
func (c *Core) OpenCart(ctx context.Context, s *CartSession) (model.Cart, error) {
	client, err := c.cartClient(ctx, s)
	if err != nil {
		return model.Cart{}, err
	}
	id, err := client.CreateCustomerCart(ctx, s.CustomerID)
	if err != nil {
		return model.Cart{}, explain(err)
	}
	if s.CartID != 0 && id != s.CartID {
		// The active cart changed between PrepareCart and now (the customer
		// checked out in the shop meanwhile): report the cart we really got.
		s.Existing = false
		s.ExistingItems = nil
	}
	s.CartID = id
	return c.syncCart(ctx, client, s)
}

func (c *Core) cartClient(ctx context.Context, s *CartSession) (*connector.Client, error) {
	client, _, err := c.actClient(ctx, s.ChannelID, s.StoreView.Code)
	return client, err
}

// syncCart re-reads the cart (lines and Magento's totals) and stores it.
func (c *Core) syncCart(ctx context.Context, client *connector.Client, s *CartSession) (model.Cart, error) {
	cart, err := client.GetCart(ctx, s.CartID)
	if err != nil {
		return cart, explain(err)
	}
	if err := c.storeFetched(ctx, s.ChannelID, model.Batch{Entity: model.EntityCarts, Carts: []model.Cart{cart}}); err != nil {
		return cart, err
	}
	return cart, nil
}

// AddCartLine adds a product (with its configurable options) to the cart
// in Magento; a lost answer is checked against the cart before any retry,
// so the quantity never doubles. It returns the cart as Magento has it now.
func (c *Core) AddCartLine(ctx context.Context, s *CartSession, in connector.CartItemInput) (model.Cart, error) {
	if in.SKU == "" {
		return model.Cart{}, fieldErr("sku", "Choose a product.")
	}
	if in.Qty <= 0 {
		return model.Cart{}, fieldErr("qty", "Enter a quantity above zero.")
	}
	client, err := c.cartClient(ctx, s)
	if err != nil {
		return model.Cart{}, err
	}
	if _, err := client.AddCartItemChecked(ctx, s.CartID, in); err != nil {
		return model.Cart{}, explain(err)
	}
	return c.syncCart(ctx, client, s)
}

// SetCartLineQty changes a line's quantity in Magento.
func (c *Core) SetCartLineQty(ctx context.Context, s *CartSession, itemID int64, qty float64) (model.Cart, error) {
	if qty <= 0 {
		return model.Cart{}, fieldErr("qty", "Enter a quantity above zero (or remove the line).")
	}
	client, err := c.cartClient(ctx, s)
	if err != nil {
		return model.Cart{}, err
	}
	if _, err := client.UpdateCartItem(ctx, s.CartID, itemID, qty); err != nil {
		return model.Cart{}, explain(err)
	}
	return c.syncCart(ctx, client, s)
}

// RemoveCartLine deletes a line in Magento.
func (c *Core) RemoveCartLine(ctx context.Context, s *CartSession, itemID int64) (model.Cart, error) {
	client, err := c.cartClient(ctx, s)
	if err != nil {
		return model.Cart{}, err
	}
	if err := client.DeleteCartItem(ctx, s.CartID, itemID); err != nil {
		return model.Cart{}, explain(err)
	}
	return c.syncCart(ctx, client, s)
}

// PickProducts searches the synced catalogue by name or SKU.
func (c *Core) PickProducts(ctx context.Context, channelID int64, text string) ([]model.Product, error) {
	return c.Store.PickProducts(ctx, channelID, text, 50)
}

// RefreshProducts reads the products matching text from Magento
// (GET /V1/products) and stores them, for a catalogue that changed since
// the last sync or a channel that does not sync products. It returns how
// many were read.
func (c *Core) RefreshProducts(ctx context.Context, channelID int64, text string) (int, error) {
	client, _, err := c.actClient(ctx, channelID, "")
	if err != nil {
		return 0, err
	}
	const pageSize = 100
	read := 0
	for page := 1; ; page++ {
		products, total, err := client.SearchProducts(ctx, text, pageSize, page)
		if err != nil && len(products) == 0 {
			return read, explain(err)
		}
		if len(products) > 0 {
			if err := c.storeFetched(ctx, channelID, model.Batch{Entity: model.EntityProducts, Products: products}); err != nil {
				return read, err
			}
		}
		read += len(products)
		if len(products) < pageSize || read >= total || page >= 50 {
			return read, nil
		}
	}
}

// ProductOption is one configurable attribute to choose (size, colour).
type ProductOption struct {
	AttributeID string
	Label       string
	Values      []int64 // Magento's option value ids
}

// ConfigurableOptionsOf reads a configurable product's attributes from its
// stored configurable_product_options.
func ConfigurableOptionsOf(p model.Product) ([]ProductOption, error) {
	if p.ConfigurableOptions == "" {
		return nil, nil
	}
	var raw []struct {
		AttributeID json.RawMessage `json:"attribute_id"`
		Label       string          `json:"label"`
		Values      []struct {
			ValueIndex json.Number `json:"value_index"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(p.ConfigurableOptions), &raw); err != nil {
		return nil, fmt.Errorf("options of %s: %w", p.SKU, err)
	}
	out := make([]ProductOption, 0, len(raw))
	for _, r := range raw {
		o := ProductOption{AttributeID: unquote(r.AttributeID), Label: r.Label}
		for _, v := range r.Values {
			if n, err := v.ValueIndex.Int64(); err == nil {
				o.Values = append(o.Values, n)
			}
		}
		out = append(out, o)
	}
	return out, nil
}

func unquote(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return string(raw)
}

// ParseQty reads a quantity typed by the owner ("2", "1.5").
func ParseQty(s string) (float64, error) {
	q, err := strconv.ParseFloat(s, 64)
	if err != nil || q <= 0 {
		return 0, fieldErr("qty", "Enter a quantity above zero.")
	}
	return q, nil
}

// FindCustomer is the local id of the customer with this email, for
// starting a cart from the Carts list. A guest (orders without an
// account) is reported as such so the owner can register them first.
func (c *Core) FindCustomer(ctx context.Context, channelID int64, email string) (int64, error) {
	email = strings.TrimSpace(email)
	if email == "" {
		return 0, fieldErr("email", "Enter the customer's email address.")
	}
	id, err := c.Store.CustomerIDByEmail(ctx, channelID, email)
	if err != nil || id != 0 {
		return id, err
	}
	if g, _, gerr := c.Store.GuestByEmail(ctx, channelID, email); gerr == nil && g.LinkedCustomerID == 0 {
		return 0, &FieldError{Field: "email", Message: "This email belongs to a guest (orders without an account). Register the guest as a customer first.", Err: ErrGuestOnly}
	}
	return 0, fieldErr("email", "No customer with this email in this channel. Create the customer first.")
}

// ErrGuestOnly: the email is known only from guest orders.
var ErrGuestOnly = errors.New("only a guest has this email")
