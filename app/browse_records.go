package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"

	"github.com/magedesk/magedesk/model"
)

// recordContext reads the channel and its zone for a detail window.
func (b *Browse) recordContext(ctx context.Context, channelID int64) (RecordContext, error) {
	ch, err := b.store.GetChannel(ctx, channelID)
	if err != nil {
		return RecordContext{}, fmt.Errorf("channel %d: %w", channelID, err)
	}
	loc := LoadLocation(ch.Timezone)
	if ch.Timezone == "" {
		loc = b.storeViewLocation(ctx, channelID)
	}
	return RecordContext{Channel: ch, Loc: loc}, nil
}

// localID finds a related record's local id; 0 when it is not stored.
func (b *Browse) localID(ctx context.Context, entity string, channelID, magentoID int64) int64 {
	if magentoID == 0 {
		return 0
	}
	var id int64
	var err error
	switch entity {
	case model.EntityCustomers:
		var c model.Customer
		c, err = b.store.GetCustomerByMagentoID(ctx, channelID, magentoID)
		id = c.ID
	case model.EntityOrders:
		var o model.Order
		o, err = b.store.GetOrderByMagentoID(ctx, channelID, magentoID)
		id = o.ID
	case model.EntityCarts:
		var c model.Cart
		c, err = b.store.GetCartByMagentoID(ctx, channelID, magentoID)
		id = c.ID
	}
	if err != nil {
		return 0
	}
	return id
}

// OrderDetail reads an order with its credit memos and the local ids of
// its customer and cart.
func (b *Browse) OrderDetail(ctx context.Context, id int64) (OrderDetail, error) {
	o, err := b.store.GetOrder(ctx, id)
	if err != nil {
		return OrderDetail{}, err
	}
	rc, err := b.recordContext(ctx, o.ChannelID)
	if err != nil {
		return OrderDetail{}, err
	}
	d := OrderDetail{RecordContext: rc, Order: o,
		CustomerLocalID: b.localID(ctx, model.EntityCustomers, o.ChannelID, o.CustomerID),
		CartLocalID:     b.localID(ctx, model.EntityCarts, o.ChannelID, o.QuoteID)}
	memos, err := b.store.CreditMemosOfOrder(ctx, id)
	if err != nil {
		return OrderDetail{}, fmt.Errorf("credit memos of order %d: %w", id, err)
	}
	for _, m := range memos {
		d.CreditMemos = append(d.CreditMemos, model.CreditMemo{ID: m.ID, ChannelID: m.ChannelID, MagentoID: m.MagentoID,
			IncrementID: m.IncrementID, State: m.State, CreatedAt: m.CreatedAt, GrandTotal: m.GrandTotal,
			BaseGrandTotal: m.BaseGrandTotal, OrderCurrency: m.Currency, BaseCurrency: m.BaseCurrency})
	}
	return d, nil
}

// CartDetail reads a cart with its customer and the order it became.
func (b *Browse) CartDetail(ctx context.Context, id int64) (CartDetail, error) {
	c, err := b.store.GetCart(ctx, id)
	if err != nil {
		return CartDetail{}, err
	}
	rc, err := b.recordContext(ctx, c.ChannelID)
	if err != nil {
		return CartDetail{}, err
	}
	d := CartDetail{RecordContext: rc, Cart: c, StoreName: b.dicts(ctx, c.ChannelID).stores[c.StoreID],
		CustomerLocalID: b.localID(ctx, model.EntityCustomers, c.ChannelID, c.CustomerID)}
	if o, err := b.store.OrderForQuote(ctx, c.ChannelID, c.MagentoID); err == nil {
		d.OrderLocalID, d.OrderNumber = o.ID, o.IncrementID
	} else if !errors.Is(err, model.ErrNotFound) {
		return CartDetail{}, fmt.Errorf("order of cart %d: %w", id, err)
	} else if c.OrderMagentoID != 0 {
		d.OrderNumber = "id " + strconv.FormatInt(c.OrderMagentoID, 10)
	}
	return d, nil
}

// CreditMemoDetail reads a credit memo with its order and customer.
func (b *Browse) CreditMemoDetail(ctx context.Context, id int64) (CreditMemoDetail, error) {
	m, err := b.store.GetCreditMemo(ctx, id)
	if err != nil {
		return CreditMemoDetail{}, err
	}
	rc, err := b.recordContext(ctx, m.ChannelID)
	if err != nil {
		return CreditMemoDetail{}, err
	}
	d := CreditMemoDetail{RecordContext: rc, Memo: m, StoreName: b.dicts(ctx, m.ChannelID).stores[m.StoreID]}
	if o, err := b.store.GetOrderByMagentoID(ctx, m.ChannelID, m.OrderID); err == nil {
		d.OrderLocalID, d.OrderNumber = o.ID, o.IncrementID
		d.CustomerName = fullName(o.CustomerFirstname, o.CustomerLastname)
		d.CustomerLocalID = b.localID(ctx, model.EntityCustomers, o.ChannelID, o.CustomerID)
	}
	return d, nil
}

// SubscriberDetail reads a subscriber with its customer.
func (b *Browse) SubscriberDetail(ctx context.Context, id int64) (SubscriberDetail, error) {
	r, err := b.store.GetSubscriber(ctx, id)
	if err != nil {
		return SubscriberDetail{}, err
	}
	rc, err := b.recordContext(ctx, r.ChannelID)
	if err != nil {
		return SubscriberDetail{}, err
	}
	return SubscriberDetail{RecordContext: rc, Subscriber: r.Subscriber, CustomerName: r.CustomerName,
		StoreName:       b.dicts(ctx, r.ChannelID).stores[r.StoreID],
		CustomerLocalID: b.localID(ctx, model.EntityCustomers, r.ChannelID, r.CustomerID)}, nil
}

// CustomerDetail reads a customer's page: profile, figures, newsletter
// state and related orders, carts, credit memos and purchased products.
func (b *Browse) CustomerDetail(ctx context.Context, id int64) (CustomerDetail, error) {
	c, err := b.store.GetCustomer(ctx, id)
	if err != nil {
		return CustomerDetail{}, err
	}
	rc, err := b.recordContext(ctx, c.ChannelID)
	if err != nil {
		return CustomerDetail{}, err
	}
	dict := b.dicts(ctx, c.ChannelID)
	d := CustomerDetail{RecordContext: rc, Customer: c, WebsiteName: dict.websites[c.WebsiteID], GroupName: dict.groups[c.GroupID]}

	// The related reads are independent: run them side by side on the
	// read pool, so the window waits for the slowest, not for the sum.
	var (
		wg       sync.WaitGroup
		st       model.CustomerStats
		orders   []model.OrderRow
		carts    []model.CartRow
		memos    []model.CreditMemoRow
		products []model.PurchasedProduct
		sub      model.Subscriber
		hasSub   bool
		errs     [5]error
	)
	run := func(fn func()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn()
		}()
	}
	run(func() { st, errs[0] = b.store.CustomerStats(ctx, id) })
	run(func() { orders, errs[1] = b.store.OrdersOfCustomer(ctx, id) })
	run(func() { carts, errs[2] = b.store.CartsOfCustomer(ctx, id) })
	run(func() { memos, errs[3] = b.store.CreditMemosOfCustomer(ctx, id) })
	run(func() { products, errs[4] = b.store.PurchasedProductsOfCustomer(ctx, id) })
	run(func() { sub, hasSub = b.subscriberOf(ctx, c) })
	wg.Wait()
	for i, what := range []string{"stats", "orders", "carts", "credit memos", "products"} {
		if errs[i] != nil {
			return CustomerDetail{}, fmt.Errorf("%s of customer %d: %w", what, id, errs[i])
		}
	}

	cur := st.Currency
	if cur == "" {
		cur = dict.websiteCurrency[c.WebsiteID]
	}
	if cur == "" {
		cur = rc.Channel.BaseCurrency
	}
	d.Figures = CustomerFigures{Currency: cur, LifetimeUnits: st.LifetimeUnits, OrderCount: st.OrdersCount,
		AverageUnits: averageUnits(st.LifetimeUnits, st.OrdersCount), FirstOrderAt: st.FirstOrderAt, LastOrderAt: st.LastOrderAt}
	for _, o := range orders {
		d.Orders = append(d.Orders, RelatedOrder{ID: o.ID, Number: o.IncrementID, CreatedAt: o.CreatedAt, Status: o.Status,
			Currency: o.Currency, GrandTotal: o.GrandTotal, Refunded: o.TotalRefunded, Items: o.ItemsCount})
	}
	for _, k := range carts {
		d.Carts = append(d.Carts, RelatedCart{ID: k.ID, MagentoID: k.MagentoID, UpdatedAt: k.UpdatedAt, Status: k.Status,
			Abandoned: k.Abandoned, ItemsQty: k.ItemsQty, Currency: k.Currency, GrandTotal: k.GrandTotal})
	}
	for _, m := range memos {
		d.CreditMemos = append(d.CreditMemos, RelatedCreditMemo{ID: m.ID, Number: m.IncrementID, CreatedAt: m.CreatedAt,
			State: m.State, OrderNumber: m.OrderIncrementID, Currency: m.Currency, GrandTotal: m.GrandTotal})
	}
	for _, p := range products {
		d.Products = append(d.Products, PurchasedProduct{SKU: p.SKU, Name: p.Name, Qty: strconv.FormatFloat(p.Qty, 'f', -1, 64),
			Orders: p.Orders, LastOrderedAt: p.LastOrderedAt})
	}
	if hasSub {
		d.Subscriber = &sub
	}
	return d, nil
}

// subscriberOf finds the newsletter row of a customer (by customer id).
func (b *Browse) subscriberOf(ctx context.Context, c model.Customer) (model.Subscriber, bool) {
	r, ok, err := b.store.SubscriberOfCustomer(ctx, c.ChannelID, c.MagentoID)
	if err != nil || !ok {
		return model.Subscriber{}, false
	}
	return r.Subscriber, true
}

func fullName(first, last string) string {
	switch {
	case first == "":
		return last
	case last == "":
		return first
	}
	return first + " " + last
}
