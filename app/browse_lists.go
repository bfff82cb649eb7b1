package app

import (
	"context"
	"fmt"
	"time"

	"github.com/magedesk/magedesk/model"
)

// Sort keys of the views mapped onto the store's whitelists, per entity.
// Keys a list does not offer fall back to the store's default order.
var (
	orderSorts = map[string]string{SortNumber: "increment_id", SortCreated: "created_at", SortName: "customer",
		SortEmail: "email", SortStatus: "status", SortTotal: "grand_total", SortUpdated: "updated_at"}
	customerSorts = map[string]string{SortName: "name", SortEmail: "email", SortCreated: "created_at",
		SortOrders: "orders", SortLifetime: "lifetime", SortUpdated: "updated_at"}
	cartSorts = map[string]string{SortMagentoID: "id", SortUpdated: "updated_at", SortName: "customer",
		SortEmail: "email", SortTotal: "grand_total", SortStatus: "status", SortCreated: "created_at"}
	creditMemoSorts = map[string]string{SortNumber: "increment_id", SortCreated: "created_at", SortStatus: "state",
		SortTotal: "grand_total"}
	subscriberSorts = map[string]string{SortEmail: "email", SortStatus: "status", SortChanged: "change_status_at"}
)

// query turns a filter into the store's ListQuery: local days become UTC
// bounds in the channel's zone.
func (b *Browse) query(ctx context.Context, f Filter, sorts map[string]string, sort string, desc bool, offset, limit int) model.ListQuery {
	q := model.ListQuery{ChannelID: f.ChannelID, Search: f.Search, Status: f.Status, WebsiteID: f.WebsiteID,
		GuestOnly: f.GuestOnly, Sort: sorts[sort], Desc: desc, Offset: offset, Limit: limit}
	if !f.FirstDay.IsZero() || !f.LastDay.IsZero() {
		q.From, q.To = LocalDayBounds(f.FirstDay, f.LastDay, b.Location(ctx, f.ChannelID))
	}
	return q
}

// dicts are a channel's names for websites, customer groups and store
// views, cached briefly so a page of rows costs no extra query per row.
type dicts struct {
	websites, groups, stores map[int64]string
	websiteCurrency          map[int64]string // base currency of a website's store views
	at                       time.Time
}

const dictTTL = 30 * time.Second

func (b *Browse) dicts(ctx context.Context, channelID int64) *dicts {
	b.dictMu.Lock()
	if b.dictCache == nil {
		b.dictCache = map[int64]*dicts{}
	}
	d, ok := b.dictCache[channelID]
	b.dictMu.Unlock()
	if ok && time.Since(d.at) < dictTTL {
		return d
	}
	d = &dicts{websites: map[int64]string{}, groups: map[int64]string{}, stores: map[int64]string{},
		websiteCurrency: map[int64]string{}, at: time.Now()}
	if ws, err := b.store.ListWebsites(ctx, channelID); err == nil {
		for _, w := range ws {
			d.websites[w.MagentoID] = w.Name
		}
	}
	if gs, err := b.store.ListCustomerGroups(ctx, channelID); err == nil {
		for _, g := range gs {
			d.groups[g.MagentoID] = g.Code
		}
	}
	if vs, err := b.store.ListStoreViews(ctx, channelID); err == nil {
		for _, v := range vs {
			d.stores[v.MagentoID] = v.Name
			if v.BaseCurrency != "" && d.websiteCurrency[v.WebsiteID] == "" {
				d.websiteCurrency[v.WebsiteID] = v.BaseCurrency
			}
		}
	}
	b.dictMu.Lock()
	b.dictCache[channelID] = d
	b.dictMu.Unlock()
	return d
}

// Websites lists a channel's websites (for the website filter).
func (b *Browse) Websites(ctx context.Context, channelID int64) ([]model.Website, error) {
	if channelID == 0 {
		chs, err := b.store.ListChannels(ctx)
		if err != nil {
			return nil, fmt.Errorf("list channels: %w", err)
		}
		var out []model.Website
		for _, ch := range chs {
			ws, err := b.store.ListWebsites(ctx, ch.ID)
			if err != nil {
				return nil, fmt.Errorf("list websites of channel %d: %w", ch.ID, err)
			}
			out = append(out, ws...)
		}
		return out, nil
	}
	ws, err := b.store.ListWebsites(ctx, channelID)
	if err != nil {
		return nil, fmt.Errorf("list websites of channel %d: %w", channelID, err)
	}
	return ws, nil
}

// Orders returns one page of the orders list.
func (b *Browse) Orders(ctx context.Context, f Filter, sort string, desc bool, offset, limit int) ([]OrderRow, error) {
	rows, err := b.store.ListOrders(ctx, b.query(ctx, f, orderSorts, sort, desc, offset, limit))
	if err != nil {
		return nil, err
	}
	out := make([]OrderRow, len(rows))
	for i, r := range rows {
		out[i] = orderRowOf(r)
	}
	return out, nil
}

func orderRowOf(r model.OrderRow) OrderRow {
	return OrderRow{ID: r.ID, ChannelID: r.ChannelID, MagentoID: r.MagentoID, Number: r.IncrementID, CreatedAt: r.CreatedAt,
		Customer: r.CustomerName, Email: r.Email, Guest: r.IsGuest, Status: r.Status, GrandTotal: r.GrandTotal,
		Refunded: r.TotalRefunded, Currency: r.Currency, Items: r.ItemsCount}
}

// CountOrders counts the orders matching a filter.
func (b *Browse) CountOrders(ctx context.Context, f Filter) (int, error) {
	return b.store.CountOrders(ctx, b.query(ctx, f, orderSorts, "", false, 0, 0))
}

// Customers returns one page of the customers list.
func (b *Browse) Customers(ctx context.Context, f Filter, sort string, desc bool, offset, limit int) ([]CustomerRow, error) {
	rows, err := b.store.ListCustomers(ctx, b.query(ctx, f, customerSorts, sort, desc, offset, limit))
	if err != nil {
		return nil, err
	}
	out := make([]CustomerRow, len(rows))
	byChannel := map[int64]*dicts{}
	for i, r := range rows {
		d, ok := byChannel[r.ChannelID]
		if !ok {
			d = b.dicts(ctx, r.ChannelID)
			byChannel[r.ChannelID] = d
		}
		// A customer without orders has no lifetime currency yet: show
		// the website's, which their first order will use.
		cur := r.Currency
		if cur == "" {
			cur = d.websiteCurrency[r.WebsiteID]
		}
		if cur == "" {
			cur = b.Currency(ctx, r.ChannelID)
		}
		out[i] = CustomerRow{ID: r.ID, ChannelID: r.ChannelID, MagentoID: r.MagentoID, Name: r.Name, Email: r.Email,
			Website: d.websites[r.WebsiteID], Group: d.groups[r.GroupID], CreatedAt: r.CreatedAt, Orders: r.OrdersCount,
			LifetimeUnits: r.LifetimeUnits, Currency: cur, Removed: r.RemovedInMagento}
	}
	return out, nil
}

// CountCustomers counts the customers matching a filter.
func (b *Browse) CountCustomers(ctx context.Context, f Filter) (int, error) {
	return b.store.CountCustomers(ctx, b.query(ctx, f, customerSorts, "", false, 0, 0))
}

// Carts returns one page of the shopping carts list.
func (b *Browse) Carts(ctx context.Context, f Filter, sort string, desc bool, offset, limit int) ([]CartRow, error) {
	rows, err := b.store.ListCarts(ctx, b.query(ctx, f, cartSorts, sort, desc, offset, limit))
	if err != nil {
		return nil, err
	}
	out := make([]CartRow, len(rows))
	for i, r := range rows {
		out[i] = cartRowOf(r)
	}
	return out, nil
}

func cartRowOf(r model.CartRow) CartRow {
	return CartRow{ID: r.ID, ChannelID: r.ChannelID, MagentoID: r.MagentoID, UpdatedAt: r.UpdatedAt, Customer: r.CustomerName,
		Email: r.Email, Guest: r.IsGuest, ItemsQty: r.ItemsQty, GrandTotal: r.GrandTotal, Currency: r.Currency,
		Status: r.Status, Abandoned: r.Abandoned}
}

// CountCarts counts the carts matching a filter.
func (b *Browse) CountCarts(ctx context.Context, f Filter) (int, error) {
	return b.store.CountCarts(ctx, b.query(ctx, f, cartSorts, "", false, 0, 0))
}

// CreditMemos returns one page of the credit memos list.
func (b *Browse) CreditMemos(ctx context.Context, f Filter, sort string, desc bool, offset, limit int) ([]CreditMemoRow, error) {
	rows, err := b.store.ListCreditMemos(ctx, b.query(ctx, f, creditMemoSorts, sort, desc, offset, limit))
	if err != nil {
		return nil, err
	}
	out := make([]CreditMemoRow, len(rows))
	for i, r := range rows {
		out[i] = creditMemoRowOf(r)
	}
	return out, nil
}

func creditMemoRowOf(r model.CreditMemoRow) CreditMemoRow {
	return CreditMemoRow{ID: r.ID, ChannelID: r.ChannelID, MagentoID: r.MagentoID, Number: r.IncrementID, CreatedAt: r.CreatedAt,
		OrderNumber: r.OrderIncrementID, Customer: r.CustomerName, State: r.State, GrandTotal: r.GrandTotal, Currency: r.Currency}
}

// CountCreditMemos counts the credit memos matching a filter.
func (b *Browse) CountCreditMemos(ctx context.Context, f Filter) (int, error) {
	return b.store.CountCreditMemos(ctx, b.query(ctx, f, creditMemoSorts, "", false, 0, 0))
}

// Subscribers returns one page of the newsletter subscribers list.
func (b *Browse) Subscribers(ctx context.Context, f Filter, sort string, desc bool, offset, limit int) ([]SubscriberRow, error) {
	rows, err := b.store.ListSubscribers(ctx, b.query(ctx, f, subscriberSorts, sort, desc, offset, limit))
	if err != nil {
		return nil, err
	}
	out := make([]SubscriberRow, len(rows))
	byChannel := map[int64]*dicts{}
	for i, r := range rows {
		d, ok := byChannel[r.ChannelID]
		if !ok {
			d = b.dicts(ctx, r.ChannelID)
			byChannel[r.ChannelID] = d
		}
		out[i] = SubscriberRow{ID: r.ID, ChannelID: r.ChannelID, MagentoID: r.MagentoID, Email: r.Email, Status: r.Status,
			Customer: r.CustomerName, Store: d.stores[r.StoreID], ChangedAt: r.ChangeStatusAt}
	}
	return out, nil
}

// CountSubscribers counts the subscribers matching a filter.
func (b *Browse) CountSubscribers(ctx context.Context, f Filter) (int, error) {
	return b.store.CountSubscribers(ctx, b.query(ctx, f, subscriberSorts, "", false, 0, 0))
}
