package app

import (
	"context"
	"fmt"
	"time"

	"github.com/magedesk/magedesk/model"
)

// BrowseFixture is a small, fully known store: one channel with two
// websites in two currencies, customers, guest and registered orders,
// credit memos, carts in every status and subscribers. Tests of the lists,
// details and dashboard compute what they expect from these slices, never
// from our SQL; the preview tool shows it in a real window.
type BrowseFixture struct {
	Channel     model.Channel
	Now         time.Time
	Websites    []model.Website
	StoreViews  []model.StoreView
	Groups      []model.CustomerGroup
	Customers   []model.Customer
	Orders      []model.Order
	CreditMemos []model.CreditMemo
	Carts       []model.Cart
	Subscribers []model.Subscriber
}

var (
	fixtureFirst = []string{"Veronica", "John", "Amelia", "Lukas", "Priya", "Oliver", "Chen", "Sofia", "Mateo", "Hannah", "Jonas", "Elena"}
	fixtureLast  = []string{"Costello", "Smith", "Brown", "Müller", "Patel", "Jones", "Wei", "García", "Rossi", "Schmidt", "Berg", "Novak"}
	fixtureSKUs  = []struct{ sku, name, price string }{
		{"MH01", "Chaz Kangeroo Hoodie", "52"},
		{"WJ12", "Olivia 1/4 Zip Light Jacket", "77"},
		{"24-MB01", "Joust Duffle Bag", "34"},
		{"WS03", "Iris Workout Top", "29"},
		{"MP11", "Aether Gym Pant", "74"},
	}
)

// fixtureOrderStates cycles states so that lists and the dashboard see
// canceled orders too.
var fixtureOrderStates = []struct{ state, status string }{
	{"complete", "complete"}, {"processing", "processing"}, {"new", "pending"},
	{"complete", "complete"}, {"processing", "processing"}, {"canceled", "canceled"},
}

// SeedBrowseFixture creates the fixture channel and its records relative
// to now (orders spread over the last 60 days) and returns what it wrote,
// with local ids filled in from the store.
func SeedBrowseFixture(ctx context.Context, store *model.Store, now time.Time) (*BrowseFixture, error) {
	now = now.UTC().Truncate(time.Second)
	at := func(d time.Duration) string { return UTCString(now.Add(-d)) }
	day := 24 * time.Hour
	f := &BrowseFixture{Now: now}
	f.Channel = model.Channel{
		Name: "Fixture shop", Type: "magento2", BaseURL: "https://shop.example.com", AuthMode: "bearer",
		BaseCurrency: "USD", Timezone: "America/New_York", AdminURL: "https://shop.example.com/admin",
		AbandonAfter: 60, StoreName: "Fixture shop", SyncStart: model.DefaultSyncStart,
		Entities: model.SyncEntities,
	}
	if err := store.CreateChannel(ctx, &f.Channel); err != nil {
		return nil, fmt.Errorf("fixture channel: %w", err)
	}
	ch := f.Channel.ID
	f.Websites = []model.Website{
		{ChannelID: ch, MagentoID: 1, Code: "base", Name: "Main Website", DefaultGroupID: 1},
		{ChannelID: ch, MagentoID: 2, Code: "eu", Name: "Europe", DefaultGroupID: 2},
	}
	f.StoreViews = []model.StoreView{
		{ChannelID: ch, MagentoID: 1, Code: "default", Name: "Default Store View", WebsiteID: 1, StoreGroupID: 1, IsActive: true,
			Locale: "en_US", Timezone: "America/New_York", BaseCurrency: "USD", DisplayCurrency: "USD"},
		{ChannelID: ch, MagentoID: 2, Code: "eu_en", Name: "EU Store", WebsiteID: 2, StoreGroupID: 2, IsActive: true,
			Locale: "en_GB", Timezone: "Europe/Berlin", BaseCurrency: "EUR", DisplayCurrency: "EUR"},
	}
	f.Groups = []model.CustomerGroup{
		{ChannelID: ch, MagentoID: 1, Code: "General", TaxClassID: 3, TaxClassName: "Retail Customer"},
		{ChannelID: ch, MagentoID: 2, Code: "Wholesale", TaxClassID: 3, TaxClassName: "Retail Customer"},
	}
	storeOf := func(website int64) (int64, string, string) {
		if website == 2 {
			return 2, "EU Store", "EUR"
		}
		return 1, "Default Store View", "USD"
	}

	for i := 0; i < 12; i++ {
		website := int64(1)
		if i >= 9 {
			website = 2
		}
		storeID, storeName, _ := storeOf(website)
		sub := i%3 == 0
		c := model.Customer{
			ChannelID: ch, MagentoID: int64(i + 1), WebsiteID: website, StoreID: storeID, GroupID: int64(1 + i%2),
			Email:     fmt.Sprintf("%s.%s@example.com", lower(fixtureFirst[i]), lower(asciiName(fixtureLast[i]))),
			Firstname: fixtureFirst[i], Lastname: fixtureLast[i], CreatedIn: storeName,
			CreatedAt: at(time.Duration(200-i*9) * day), UpdatedAt: at(time.Duration(20+i) * day),
			Gender: 1 + i%2, DOB: fmt.Sprintf("19%02d-0%d-1%d", 70+i, 1+i%9, i%9),
			IsSubscribed: &sub, DefaultBilling: fmt.Sprint(1000 + i), DefaultShipping: fmt.Sprint(1000 + i),
			Addresses: []model.Address{{
				MagentoID: int64(1000 + i), Firstname: fixtureFirst[i], Lastname: fixtureLast[i],
				Street: []string{fmt.Sprintf("%d Main Street", 10+i)}, City: "Springfield", Region: "Oregon",
				RegionCode: "OR", Postcode: fmt.Sprintf("974%02d", i), CountryID: "US", Telephone: fmt.Sprintf("555-01%02d", i),
				DefaultBilling: true, DefaultShipping: true,
			}},
		}
		f.Customers = append(f.Customers, c)
	}

	for i := 0; i < 40; i++ {
		n := i + 1
		st := fixtureOrderStates[i%len(fixtureOrderStates)]
		o := model.Order{
			ChannelID: ch, MagentoID: int64(n), IncrementID: fmt.Sprintf("%09d", n), QuoteID: int64(1000 + n),
			State: st.state, Status: st.status,
			// Orders every 1.5 days back from now, at varying hours.
			CreatedAt: at(time.Duration(i)*36*time.Hour + time.Duration(i%5)*time.Hour + 30*time.Minute),
		}
		o.UpdatedAt = o.CreatedAt
		if n <= 5 {
			o.QuoteID = int64(100 + n) // carts 101..105 are stored; later quotes were purged
		}
		if i%5 == 4 { // guests, identified by email
			g := (i / 5) % 3
			o.CustomerIsGuest = true
			o.CustomerEmail = fmt.Sprintf("guest%d@example.org", g)
			o.CustomerFirstname, o.CustomerLastname = "Guest", fmt.Sprint(g)
			o.StoreID, o.StoreName, o.BaseCurrency = 1, "Default Store View", "USD"
		} else {
			c := f.Customers[i%12]
			o.CustomerID = c.MagentoID
			o.CustomerGroupID = c.GroupID
			o.CustomerEmail, o.CustomerFirstname, o.CustomerLastname = c.Email, c.Firstname, c.Lastname
			o.StoreID, o.StoreName, o.BaseCurrency = storeOf(c.WebsiteID)
		}
		o.OrderCurrency = o.BaseCurrency
		var subtotal int64
		lines := 1 + i%3
		for l := 0; l < lines; l++ {
			p := fixtureSKUs[(i+l)%len(fixtureSKUs)]
			qty := int64(1 + (i+l)%2)
			price := model.MustMoney(p.price)
			row := model.MoneyFromUnits(price.Units * qty)
			subtotal += row.Units
			o.Items = append(o.Items, model.OrderItem{
				MagentoID: int64(n*10 + l), ProductType: "simple", SKU: p.sku, Name: p.name,
				QtyOrdered: fmt.Sprintf("%d.0000", qty), QtyInvoiced: fmt.Sprintf("%d.0000", qty), QtyShipped: "0.0000",
				QtyRefunded: "0.0000", QtyCanceled: "0.0000",
				Price: price, BasePrice: price, OriginalPrice: price, RowTotal: row, BaseRowTotal: row,
			})
		}
		shipping := int64(5 * model.MoneyScale)
		grand := model.MoneyFromUnits(subtotal + shipping)
		o.Subtotal = model.MoneyFromUnits(subtotal)
		o.ShippingAmount = model.MoneyFromUnits(shipping)
		o.TaxAmount, o.DiscountAmount = model.MustMoney("0"), model.MustMoney("0")
		o.GrandTotal, o.BaseGrandTotal = grand, grand
		o.TotalInvoiced, o.TotalPaid = grand, grand
		o.TotalRefunded, o.BaseTotalRefunded = model.MustMoney("0"), model.MustMoney("0")
		o.TotalDue = model.MustMoney("0")
		if st.state == "canceled" || st.state == "new" {
			o.TotalInvoiced, o.TotalPaid, o.TotalDue = model.MustMoney("0"), model.MustMoney("0"), grand
		}
		o.TotalQtyOrdered = fmt.Sprint(len(o.Items))
		o.TotalItemCount = int64(len(o.Items))
		o.ShippingMethod, o.ShippingDesc = "flatrate_flatrate", "Flat Rate - Fixed"
		o.BillingAddress = &model.OrderAddress{MagentoID: int64(n*10 + 1), AddressType: "billing",
			Firstname: o.CustomerFirstname, Lastname: o.CustomerLastname, Street: []string{"1 Billing Road"},
			City: "Portland", Region: "Oregon", Postcode: "97201", CountryID: "US", Telephone: "555-0100", Email: o.CustomerEmail}
		ship := *o.BillingAddress
		ship.MagentoID, ship.AddressType, ship.Street = int64(n*10+2), "shipping", []string{"2 Shipping Lane"}
		o.ShippingAddress = &ship
		o.Payment = &model.Payment{Method: "checkmo", MethodTitle: "Check / Money order", AmountOrdered: grand, BaseAmountOrdered: grand, AmountPaid: o.TotalPaid}
		o.StatusHistory = []model.StatusHistory{{MagentoID: int64(n), Comment: "Order placed", Status: st.status, EntityName: "order", CreatedAt: o.CreatedAt}}
		f.Orders = append(f.Orders, o)
	}

	// Credit memos: refunded ones count against revenue; one open does not.
	for k, oi := range []int{1, 6, 12, 20, 32} {
		o := &f.Orders[oi]
		amount := o.Items[0].RowTotal
		state := model.CreditMemoRefunded
		if k == 3 {
			state = model.CreditMemoOpen
		}
		m := model.CreditMemo{
			ChannelID: ch, MagentoID: int64(k + 1), OrderID: o.MagentoID, IncrementID: fmt.Sprintf("1%08d", k+1),
			State: state, StoreID: o.StoreID, BaseCurrency: o.BaseCurrency, OrderCurrency: o.OrderCurrency,
			CreatedAt:  UTCString(mustTime(o.CreatedAt).Add(12 * time.Hour)), // every memo order is 36h+ old: never in the future
			GrandTotal: amount, BaseGrandTotal: amount, Subtotal: amount,
			TaxAmount: model.MustMoney("0"), ShippingAmount: model.MustMoney("0"), DiscountAmount: model.MustMoney("0"),
			Adjustment: model.MustMoney("0"), AdjustmentPositive: model.MustMoney("0"), AdjustmentNegative: model.MustMoney("0"),
			Items: []model.CreditMemoItem{{MagentoID: int64(500 + k), OrderItemID: o.Items[0].MagentoID, SKU: o.Items[0].SKU,
				Name: o.Items[0].Name, Qty: o.Items[0].QtyOrdered, Price: o.Items[0].Price, RowTotal: amount}},
			Comments: []string{"Refund requested by customer"},
		}
		m.UpdatedAt = m.CreatedAt
		if state == model.CreditMemoRefunded {
			o.TotalRefunded, o.BaseTotalRefunded = amount, amount
			o.Items[0].QtyRefunded = o.Items[0].QtyOrdered
			o.Items[0].AmountRefunded = amount
		}
		f.CreditMemos = append(f.CreditMemos, m)
	}

	// Carts 101..105 became orders 1..5 (inactive, purchased). 106..112 are
	// open and idle for days (abandoned), 113..114 open and fresh, 115 is
	// inactive without an order (expired).
	for n := 101; n <= 115; n++ {
		i := n - 101
		c := model.Cart{ChannelID: ch, MagentoID: int64(n), StoreID: 1, BaseCurrency: "USD", QuoteCurrency: "USD"}
		switch {
		case n <= 105:
			o := f.Orders[n-101]
			c.IsActive = false
			c.CreatedAt = UTCString(mustTime(o.CreatedAt).Add(-2 * time.Hour))
			c.UpdatedAt = o.CreatedAt
			c.CustomerID, c.CustomerIsGuest, c.CustomerEmail = o.CustomerID, o.CustomerIsGuest, o.CustomerEmail
			c.CustomerFirstname, c.CustomerLastname = o.CustomerFirstname, o.CustomerLastname
			c.StoreID, c.BaseCurrency, c.QuoteCurrency = o.StoreID, o.BaseCurrency, o.OrderCurrency
			c.ReservedOrderID = o.IncrementID
		case n <= 112:
			cu := f.Customers[i%12]
			c.IsActive = true
			c.CreatedAt = at(time.Duration(i*2+1) * day)
			c.UpdatedAt = at(time.Duration(i*2)*day + 3*time.Hour)
			c.CustomerID, c.CustomerEmail, c.CustomerFirstname, c.CustomerLastname = cu.MagentoID, cu.Email, cu.Firstname, cu.Lastname
		case n <= 114:
			c.IsActive = true
			c.CreatedAt = at(20 * time.Minute)
			c.UpdatedAt = at(10 * time.Minute)
			c.CustomerIsGuest = true
			c.CustomerEmail = fmt.Sprintf("browser%d@example.org", n)
		default:
			c.IsActive = false
			c.CreatedAt = at(40 * day)
			c.UpdatedAt = at(39 * day)
			c.CustomerIsGuest = true
			c.CustomerEmail = "gone@example.org"
		}
		p := fixtureSKUs[i%len(fixtureSKUs)]
		price := model.MustMoney(p.price)
		qty := int64(1 + i%3)
		c.Items = []model.CartItem{{MagentoID: int64(n * 10), SKU: p.sku, Name: p.name, Qty: fmt.Sprint(qty), Price: price, ProductType: "simple"}}
		c.ItemsCount, c.ItemsQty = 1, fmt.Sprintf("%d.0000", qty)
		total := model.MoneyFromUnits(price.Units * qty)
		c.Subtotal, c.GrandTotal, c.BaseGrandTotal = total, total, total
		c.TaxAmount, c.DiscountAmount, c.ShippingAmount = model.MustMoney("0"), model.MustMoney("0"), model.MustMoney("0")
		c.TotalsUpdatedAt = c.UpdatedAt
		f.Carts = append(f.Carts, c)
	}

	for i := 0; i < 8; i++ {
		s := model.Subscriber{ChannelID: ch, MagentoID: int64(i + 1), Source: model.SubscriberFromModule, StoreID: 1,
			Status:         []int{model.SubscriberSubscribed, model.SubscriberUnsubscribe, model.SubscriberNotActive, model.SubscriberUnconfirmed}[i%4],
			ChangeStatusAt: at(time.Duration(i+1) * day)}
		if i < 6 {
			c := f.Customers[i*2]
			s.CustomerID, s.Email, s.StoreID = c.MagentoID, c.Email, c.StoreID
		} else {
			s.Email = fmt.Sprintf("newsletter%d@example.org", i)
		}
		f.Subscribers = append(f.Subscribers, s)
	}

	batches := []model.Batch{
		{ChannelID: ch, Entity: model.EntityWebsites, Websites: f.Websites, StoreViews: f.StoreViews, CustomerGroups: f.Groups},
		{ChannelID: ch, Entity: model.EntityCustomers, Customers: f.Customers},
		{ChannelID: ch, Entity: model.EntityCarts, Carts: f.Carts},
		{ChannelID: ch, Entity: model.EntityOrders, Orders: f.Orders},
		{ChannelID: ch, Entity: model.EntityCreditMemos, CreditMemos: f.CreditMemos},
		{ChannelID: ch, Entity: model.EntitySubscribers, Subscribers: f.Subscribers},
	}
	for _, b := range batches {
		if _, err := store.ApplyBatch(ctx, b); err != nil {
			return nil, fmt.Errorf("fixture %s: %w", b.Entity, err)
		}
	}
	return f, nil
}

func mustTime(s string) time.Time {
	t, ok := ParseMagentoTime(s)
	if !ok {
		panic("fixture time " + s)
	}
	return t
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

// asciiName keeps email addresses ASCII ("Müller" → "muller").
func asciiName(s string) string {
	out := []rune{}
	for _, r := range s {
		switch r {
		case 'ü':
			r = 'u'
		case 'í':
			r = 'i'
		}
		out = append(out, r)
	}
	return string(out)
}
