package views

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/model"
)

// CartEditor builds a cart for a customer in Magento: choose the store
// view, search products (synced catalogue, refreshable from Magento), pick
// options, add lines, change or remove them, then check out. Every change
// is made in Magento first; the window shows Magento's lines and totals.
type CartEditor struct {
	w          *ActWindows
	win        fyne.Window
	customerID int64 // local id

	StoreView      *widget.Select
	Create         *widget.Button // create (or take) the cart in Magento
	Warning        *widget.Label  // the customer's live cart notice
	Continue, Stop *widget.Button // add to the live cart, or leave it alone

	Search                *widget.Entry
	SearchButton, Refresh *widget.Button
	Results               *widget.List
	Options               []*widget.Select
	Qty                   *widget.Entry
	Add                   *widget.Button
	Lines                 []*CartLineRow
	Totals                *widget.Label
	Checkout              *widget.Button
	Errors                *fieldErrors
	Status                *widget.Label

	session  *app.CartSession
	views    []model.StoreView
	products []model.Product
	picked   *model.Product
	options  []app.ProductOption
	cart     model.Cart

	warningBox, editor *fyne.Container
	optionBox, lineBox *fyne.Container
}

// CartLineRow is one line of the cart with its quantity controls.
type CartLineRow struct {
	Item           model.CartItem
	Qty            *widget.Entry
	Update, Remove *widget.Button
}

// NewCart opens the cart builder for a customer (local id).
func (w *ActWindows) NewCart(customerLocalID int64) *CartEditor {
	c := &CartEditor{w: w, customerID: customerLocalID, Errors: newFieldErrors(),
		Warning: noteLabel("", widget.WarningImportance), Status: hiddenNote(widget.LowImportance),
		Search: widget.NewEntry(), Qty: widget.NewEntry(), Totals: noteLabel("", widget.MediumImportance),
		optionBox: container.NewVBox(), lineBox: container.NewVBox()}
	c.StoreView = widget.NewSelect(nil, func(string) { c.prepare() })
	c.Create = widget.NewButton("Create the cart in Magento", c.open)
	c.Create.Importance = widget.HighImportance
	c.Create.Disable()
	c.Continue = widget.NewButton("Add to this cart", c.open)
	c.Stop = widget.NewButton("Stop, leave it as it is", func() { c.win.Close() })
	c.warningBox = container.NewVBox(c.Warning, container.NewHBox(c.Continue, c.Stop))
	c.warningBox.Hide()

	c.Search.SetPlaceHolder("Product name or SKU")
	c.Search.OnSubmitted = func(string) { c.search() }
	c.SearchButton = widget.NewButton("Search", c.search)
	c.Refresh = widget.NewButton("Refresh from Magento", c.refreshCatalogue)
	c.Results = widget.NewList(func() int { return len(c.products) },
		func() fyne.CanvasObject { return widget.NewLabel("product name and price") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			p := c.products[i]
			stock := ""
			if !p.InStock {
				stock = " · out of stock"
			}
			o.(*widget.Label).SetText(fmt.Sprintf("%s · %s · %s%s", plainName(p.Name), p.SKU, app.FormatAmount(p.Price, ""), stock))
		})
	c.Results.OnSelected = func(i widget.ListItemID) { c.pick(i) }
	c.Qty.SetText("1")
	c.Add = widget.NewButton("Add to cart", c.add)
	c.Add.Disable()
	c.Checkout = widget.NewButton("Checkout…", func() {
		if c.session != nil {
			w.Checkout(c.session)
		}
	})
	c.Checkout.Disable()

	results := container.NewGridWrap(fyne.NewSize(560, 180), c.Results)
	c.editor = container.NewVBox(
		widget.NewLabelWithStyle("Add a product", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewBorder(nil, nil, nil, container.NewHBox(c.SearchButton, c.Refresh), c.Search),
		results, c.Errors.under("sku", c.Errors.under("options", c.optionBox)),
		container.NewBorder(nil, nil, widget.NewLabel("Quantity"), c.Add, c.Errors.under("qty", c.Qty)),
		widget.NewSeparator(),
		widget.NewLabelWithStyle("Lines (as Magento has them)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		c.Errors.under("items", c.lineBox), c.Totals, container.NewHBox(c.Checkout))
	c.editor.Hide()
	top := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel("Store view"), c.Create, c.Errors.under("store", c.StoreView)),
		c.warningBox, c.Errors.general, c.Status)
	c.win = w.newWindow("New cart", fyne.NewSize(760, 820))
	c.win.SetContent(container.NewVScroll(container.NewPadded(container.NewVBox(top, c.editor))))
	c.win.Show()
	c.prepare()
	return c
}

// Session is the cart being built (nil until the customer is read).
func (c *CartEditor) Session() *app.CartSession { return c.session }

// prepare looks for the customer's active cart (no change in Magento).
func (c *CartEditor) prepare() {
	if c.session != nil && c.session.CartID != 0 && !c.session.Existing {
		return // the cart exists already; the store view is fixed
	}
	storeID := int64(0)
	for _, v := range c.views {
		if storeViewLabel(v) == c.StoreView.Selected {
			storeID = v.MagentoID
		}
	}
	var s *app.CartSession
	var choices app.CustomerFormChoices
	c.w.run(c.win, func(ctx context.Context) error {
		var err error
		if s, err = c.w.svc.PrepareCart(ctx, c.customerID, storeID); err != nil {
			return err
		}
		choices, err = c.w.svc.CustomerFormChoices(ctx, s.ChannelID)
		return err
	}, func(err error) {
		if err != nil {
			c.Errors.show(err)
			return
		}
		c.Errors.clear()
		c.session = s
		c.win.SetTitle("New cart for " + s.CustomerName + " – MageDesk")
		if len(c.views) == 0 {
			c.views = choices.StoreViews
			var names []string
			for _, v := range c.views {
				names = append(names, storeViewLabel(v))
			}
			c.StoreView.Options = names
			c.StoreView.Selected = storeViewLabel(s.StoreView) // no callback: already prepared
			c.StoreView.Refresh()
		}
		if s.Existing {
			c.Warning.SetText(s.LiveCartWarning())
			c.warningBox.Show()
			c.Create.Disable()
			return
		}
		c.warningBox.Hide()
		c.Create.Enable()
	})
}

// open creates the cart in Magento (or takes the customer's active one).
func (c *CartEditor) open() {
	s := c.session
	if s == nil {
		return
	}
	c.Create.Disable()
	c.Continue.Disable()
	var cart model.Cart
	c.w.run(c.win, func(ctx context.Context) error {
		var err error
		cart, err = c.w.svc.OpenCart(ctx, s)
		return err
	}, func(err error) {
		if err != nil {
			c.Errors.show(err)
			c.Create.Enable()
			c.Continue.Enable()
			return
		}
		c.warningBox.Hide()
		c.StoreView.Disable()
		setNote(c.Status, fmt.Sprintf("Cart %d in store view %s.", s.CartID, s.StoreView.Name))
		c.editor.Show()
		c.showCart(cart)
		c.search()
	})
}

func (c *CartEditor) search() {
	if c.session == nil {
		return
	}
	text := c.Search.Text
	var ps []model.Product
	c.w.run(c.win, func(ctx context.Context) error {
		var err error
		ps, err = c.w.svc.PickProducts(ctx, c.session.ChannelID, text)
		return err
	}, func(err error) {
		if err != nil {
			c.Errors.show(err)
			return
		}
		c.products = ps
		c.Results.UnselectAll()
		c.Results.Refresh()
		if len(ps) == 0 {
			setNote(c.Status, "No product matches; “Refresh from Magento” reads the current catalogue.")
		}
	})
}

func (c *CartEditor) refreshCatalogue() {
	if c.session == nil {
		return
	}
	text := c.Search.Text
	var n int
	c.Refresh.Disable()
	c.w.run(c.win, func(ctx context.Context) error {
		var err error
		n, err = c.w.svc.RefreshProducts(ctx, c.session.ChannelID, text)
		return err
	}, func(err error) {
		c.Refresh.Enable()
		if err != nil {
			c.Errors.show(err)
			return
		}
		setNote(c.Status, fmt.Sprintf("%d product(s) read from Magento.", n))
		c.search()
	})
}

// pick selects a product; a configurable one shows one choice per attribute.
func (c *CartEditor) pick(i int) {
	if i < 0 || i >= len(c.products) {
		return
	}
	p := c.products[i]
	c.picked = &p
	c.Options = nil
	c.optionBox.RemoveAll()
	c.options = nil
	if p.TypeID == "configurable" {
		opts, err := app.ConfigurableOptionsOf(p)
		if err != nil {
			c.Errors.show(err)
		}
		c.options = opts
		for _, o := range opts {
			vals := make([]string, len(o.Values))
			for j, v := range o.Values {
				vals[j] = strconv.FormatInt(v, 10)
			}
			sel := widget.NewSelect(vals, nil)
			sel.PlaceHolder = "(choose " + strings.ToLower(o.Label) + ")"
			c.Options = append(c.Options, sel)
			c.optionBox.Add(container.NewBorder(nil, nil, widget.NewLabel(o.Label+" (option id)"), nil, sel))
		}
	}
	c.Add.SetText("Add " + plainName(p.Name))
	c.Add.Enable()
	relayout(c.win)
}

func (c *CartEditor) add() {
	if c.picked == nil || c.session == nil {
		return
	}
	qty, err := app.ParseQty(strings.TrimSpace(c.Qty.Text))
	if err != nil {
		c.Errors.show(err)
		return
	}
	in := app.CartItemInput{SKU: c.picked.SKU, Qty: qty}
	for i, o := range c.options {
		if c.Options[i].Selected == "" {
			c.Errors.show(fmt.Errorf("choose %s: %w", o.Label, &app.FieldError{Field: "options", Message: "Choose the " + strings.ToLower(o.Label) + "."}))
			return
		}
		v, _ := strconv.ParseInt(c.Options[i].Selected, 10, 64)
		in.ConfigurableOptions = append(in.ConfigurableOptions, app.ConfigurableOption{OptionID: o.AttributeID, OptionValue: v})
	}
	c.change(func(ctx context.Context) (model.Cart, error) { return c.w.svc.AddCartLine(ctx, c.session, in) })
}

// change runs one cart change in Magento and shows the cart it returns.
func (c *CartEditor) change(do func(ctx context.Context) (model.Cart, error)) {
	c.Errors.clear()
	c.Add.Disable()
	var cart model.Cart
	c.w.run(c.win, func(ctx context.Context) error {
		var err error
		cart, err = do(ctx)
		return err
	}, func(err error) {
		if c.picked != nil {
			c.Add.Enable()
		}
		if err != nil {
			c.Errors.show(err)
			return
		}
		c.showCart(cart)
		c.w.changed()
	})
}

// showCart rebuilds the lines and totals from Magento's cart.
func (c *CartEditor) showCart(cart model.Cart) {
	c.cart = cart
	c.Lines = nil
	c.lineBox.RemoveAll()
	cur := cart.QuoteCurrency
	for _, it := range cart.Items {
		row := &CartLineRow{Item: it, Qty: widget.NewEntry()}
		row.Qty.SetText(app.FormatQty(it.Qty))
		id := it.MagentoID
		row.Update = widget.NewButton("Update", func() {
			q, err := app.ParseQty(strings.TrimSpace(row.Qty.Text))
			if err != nil {
				c.Errors.show(err)
				return
			}
			c.change(func(ctx context.Context) (model.Cart, error) { return c.w.svc.SetCartLineQty(ctx, c.session, id, q) })
		})
		row.Remove = widget.NewButton("Remove", func() {
			c.change(func(ctx context.Context) (model.Cart, error) { return c.w.svc.RemoveCartLine(ctx, c.session, id) })
		})
		c.Lines = append(c.Lines, row)
		label := widget.NewLabel(fmt.Sprintf("%s (%s) · %s each", plainName(it.Name), it.SKU, app.FormatAmount(it.Price, cur)))
		label.Truncation = fyne.TextTruncateEllipsis
		qty := container.NewGridWrap(fyne.NewSize(70, row.Qty.MinSize().Height), row.Qty)
		c.lineBox.Add(container.NewBorder(nil, nil, nil, container.NewHBox(qty, row.Update, row.Remove), label))
	}
	if len(cart.Items) == 0 {
		c.lineBox.Add(widget.NewLabel("The cart is empty."))
		c.Checkout.Disable()
	} else {
		c.Checkout.Enable()
	}
	c.Totals.SetText(cartTotalsText(cart))
}

// cartTotalsText shows Magento's totals; /totals' grand total leaves tax
// out, so tax is listed and the total with tax is the base grand total.
func cartTotalsText(cart model.Cart) string {
	cur := cart.QuoteCurrency
	lines := []string{
		"Subtotal: " + app.FormatAmount(cart.Subtotal, cur),
		"Discount: " + app.FormatAmount(cart.DiscountAmount, cur),
		"Shipping: " + app.FormatAmount(cart.ShippingAmount, cur),
		"Tax: " + app.FormatAmount(cart.TaxAmount, cur),
		"Grand total (without tax): " + app.FormatAmount(cart.GrandTotal, cur),
		"Grand total with tax: " + app.FormatAmount(cart.BaseGrandTotal, cart.BaseCurrency),
	}
	return fmt.Sprintf("Items: %s · ", app.FormatQty(cart.ItemsQty)) + strings.Join(lines, " · ")
}
