package magentosim

import (
	"fmt"
	"slices"
	"time"
)

// Generation of orders, credit memos and carts (quotes) with Magento's linkage:
// converted quotes are inactive with order.quote_id = cart id; other orders point at
// quotes the cleanup cron already purged.

func (g *generator) randomLines() []lineSpec {
	n := 1 + g.r.IntN(5) // 1..5, ~3 on average
	lines := make([]lineSpec, 0, n)
	for i := 0; i < n; i++ {
		p := g.visible[g.r.IntN(len(g.visible))]
		l := lineSpec{product: p, qty: float64(1 + g.r.IntN(10)/7)}
		if p.TypeID == "configurable" {
			ch := g.children[p.ID]
			l.child = ch[g.r.IntN(len(ch))]
		}
		lines = append(lines, l)
	}
	return lines
}

func (g *generator) addrFromCustomer(c *Customer) addrSpec {
	a := c.Addresses[0]
	pl := place{country: a.CountryID, city: a.City, postcode: a.Postcode, regionCode: a.Region.RegionCode, region: a.Region.Region, regionID: a.RegionID}
	return addrSpec{first: c.Firstname, last: c.Lastname, email: c.Email, phone: a.Telephone, street: a.Street, pl: pl, customerAddressID: a.ID}
}

func (g *generator) addrFromGuest(gu guest) addrSpec {
	pl := g.place(gu.websiteID)
	return addrSpec{first: gu.first, last: gu.last, email: gu.email, phone: g.phone(pl), street: []string{g.street()}, pl: pl}
}

var shipCodes = []string{"flatrate_flatrate", "tablerate_bestway", "freeshipping_freeshipping"}

func (g *generator) genOrders() []*Order {
	s := g.s
	times := g.orderTimes(g.o.Orders)
	orders := make([]*Order, 0, len(times))
	for _, t := range times {
		created := ts(t)
		sp := orderSpec{created: created, shipMethod: g.pick(shipCodes), payMethod: paymentMethods[g.r.IntN(len(paymentMethods))].code,
			coupon: g.r.IntN(100) < 15, lines: g.randomLines(),
			remoteIP: fmt.Sprintf("203.0.113.%d", 1+g.r.IntN(254))}
		var c *Customer
		if g.r.IntN(100) < 72 {
			c = g.customerBefore(created)
		}
		if c != nil {
			sp.customer, sp.email, sp.first, sp.last = c, c.Email, c.Firstname, c.Lastname
			sp.storeID = c.StoreID
			sp.billing = g.addrFromCustomer(c)
			sp.shipping = sp.billing
			if len(c.Addresses) > 1 && g.r.IntN(3) == 0 {
				a := c.Addresses[1]
				sp.shipping.street, sp.shipping.phone, sp.shipping.customerAddressID = a.Street, a.Telephone, a.ID
				sp.shipping.pl = place{country: a.CountryID, city: a.City, postcode: a.Postcode, regionCode: a.Region.RegionCode, region: a.Region.Region, regionID: a.RegionID}
			}
		} else {
			gu := g.guests[g.r.IntN(len(g.guests))]
			sp.email, sp.first, sp.last = gu.email, gu.first, gu.last
			sp.storeID = storeForWebsite(g.r, gu.websiteID)
			sp.billing = g.addrFromGuest(gu)
			sp.shipping = sp.billing
		}
		qi := s.seq.cartItem // quote item ids are reassigned when carts are built
		for i := range sp.lines {
			qi += 2
			sp.lines[i].quoteItemID = qi
		}
		o := s.buildOrder(sp)
		g.advanceOrder(o, t)
		orders = append(orders, o)
	}
	return orders
}

// advanceOrder moves an order through its life depending on its age.
func (g *generator) advanceOrder(o *Order, created time.Time) {
	age := g.end.Sub(created)
	x := g.r.IntN(100)
	later := func(max time.Duration) string {
		lim := created.Add(max)
		if lim.After(g.end) {
			lim = g.end
		}
		return ts(g.between(created.Add(time.Minute), lim))
	}
	var state string
	switch {
	case age < 72*time.Hour:
		state = []string{"pending", "pending", "processing", "processing", "complete"}[x%5]
	case x < 70:
		state = "complete"
	case x < 80:
		state = "canceled"
	case x < 88:
		state = "processing"
	case x < 93:
		state = "holded"
	default:
		state = "pending"
	}
	switch state {
	case "processing", "complete":
		invoice(o)
		at := later(48 * time.Hour)
		g.s.addHistory(o, "processing", fmt.Sprintf("Captured amount of %s.", formatMoney(o.GrandTotal, o.OrderCurrencyCode)), at, 0)
		o.UpdatedAt = at
		if state == "complete" {
			ship(o)
			at = later(10 * 24 * time.Hour)
			if at < o.UpdatedAt {
				at = o.UpdatedAt
			}
			g.s.addHistory(o, "complete", "Order shipped.", at, 1)
			o.UpdatedAt = at
		}
	case "canceled":
		cancel(o)
		at := later(7 * 24 * time.Hour)
		g.s.addHistory(o, "canceled", "", at, 0)
		o.UpdatedAt = at
	case "holded":
		o.State, o.Status = "holded", "holded"
		at := later(5 * 24 * time.Hour)
		g.s.addHistory(o, "holded", "Waiting for the customer to confirm the address.", at, 0)
		o.UpdatedAt = at
	}
	for _, it := range o.Items {
		it.UpdatedAt = o.UpdatedAt
	}
}

func (g *generator) genCreditMemos(orders []*Order) {
	s := g.s
	var cands []*Order
	for _, o := range orders {
		if o.State == "complete" {
			cands = append(cands, o)
		}
	}
	n := min(g.o.CreditMemos, len(cands))
	if n == 0 {
		return
	}
	perm := g.r.Perm(len(cands))[:n]
	slices.Sort(perm) // refund in time order so credit memo ids grow with created_at
	type job struct {
		o  *Order
		at time.Time
	}
	jobs := make([]job, 0, n)
	for _, i := range perm {
		o := cands[i]
		up := parseTS(o.UpdatedAt)
		lim := up.Add(30 * 24 * time.Hour)
		if lim.After(g.end) {
			lim = g.end
		}
		jobs = append(jobs, job{o, g.between(up.Add(time.Hour), lim)})
	}
	slices.SortStableFunc(jobs, func(a, b job) int { return a.at.Compare(b.at) })
	var memos []*CreditMemo
	for _, j := range jobs {
		o := j.o
		at := ts(j.at)
		a := refundArgs{at: at}
		if g.r.IntN(100) >= 40 { // partial: one unit of one line
			var vis []*OrderItem
			for _, it := range o.Items {
				if it.ParentItemID == 0 {
					vis = append(vis, it)
				}
			}
			it := vis[g.r.IntN(len(vis))]
			a.lines = []refundLine{{it.ItemID, 1}}
			zero := 0.0
			a.shipping = &zero
			if g.r.IntN(5) == 0 {
				a.adjNegative = 2
			}
		} else if g.r.IntN(5) == 0 {
			a.adjPositive = 5
		}
		if g.r.IntN(3) == 0 {
			a.comment = "Returned by the customer."
		}
		cm, err := s.refund(o, a)
		if err != nil {
			continue
		}
		if at > o.UpdatedAt {
			o.UpdatedAt = at
		}
		memos = append(memos, cm)
	}
	s.creditmemos.loadSorted(memos)
}

// quote event used to hand out quote ids in time order
type quoteEvent struct {
	at    time.Time
	cart  *cart  // kept cart
	order *Order // order whose quote was purged (cart == nil) or converted cart's order
}

func (g *generator) genCarts(orders []*Order) {
	s := g.s
	total := g.o.Carts
	active := int(float64(total)*g.o.ActiveCartShare + 0.5)
	inactive := total - active
	converted := min(len(orders), inactive*7/10)
	abandoned := inactive - converted

	var events []quoteEvent
	convertedSet := map[int]bool{}
	for _, i := range g.r.Perm(len(orders))[:converted] {
		convertedSet[i] = true
	}
	for i, o := range orders {
		created := parseTS(o.CreatedAt)
		qt := created.Add(-time.Duration(2+g.r.IntN(88)) * time.Minute)
		if !convertedSet[i] {
			events = append(events, quoteEvent{at: qt, order: o})
			continue
		}
		c := &cart{CreatedAt: ts(qt), UpdatedAt: o.CreatedAt, IsActive: false, StoreID: o.StoreID,
			Email: o.CustomerEmail, ReservedOrderID: o.IncrementID, PaymentMethod: o.Payment.Method}
		if o.CustomerID != nil {
			c.CustomerID = *o.CustomerID
		}
		for _, it := range o.Items {
			if it.ParentItemID != 0 {
				continue
			}
			c.Items = append(c.Items, &CartItem{SKU: it.SKU, Qty: it.QtyOrdered, Name: it.Name, Price: it.Price,
				ProductType: it.ProductType, ProductOption: it.ProductOption, productID: it.ProductID})
		}
		c.BillingAddress = quoteAddrFromOrder(o.BillingAddress)
		if sa := o.ExtensionAttributes.ShippingAssignments; len(sa) > 0 {
			c.ShippingAddress = quoteAddrFromOrder(sa[0].Shipping.Address)
			c.ShippingMethod = sa[0].Shipping.Method
		}
		events = append(events, quoteEvent{at: qt, cart: c, order: o})
	}
	for i := 0; i < abandoned; i++ {
		t := g.between(g.start, g.end.Add(-24*time.Hour))
		c := g.randomCart(t, g.between(t, t.Add(10*24*time.Hour)), false, nil)
		if g.r.IntN(20) == 0 && len(c.Items) > 0 {
			// A payment flow reserved an increment id, then the order never happened:
			// reserved_order_id alone does not prove a purchase.
			c.ReservedOrderID = s.nextIncrement(c.StoreID)
		}
		events = append(events, quoteEvent{at: t, cart: c})
	}
	hasActive := map[int64]bool{}
	recent := g.end.Add(-60 * 24 * time.Hour)
	for i := 0; i < active; i++ {
		var created, updated time.Time
		switch x := g.r.IntN(10); {
		case x < 3: // fresh
			created = g.between(g.end.Add(-24*time.Hour), g.end)
			updated = g.between(created, g.end)
		case x < 7: // idle for weeks
			created = g.between(recent, g.end.Add(-14*24*time.Hour))
			updated = g.between(created, created.Add(48*time.Hour))
		default:
			created = g.between(recent, g.end)
			updated = g.between(created, g.end)
		}
		c := g.randomCart(created, updated, true, hasActive)
		events = append(events, quoteEvent{at: created, cart: c})
	}
	slices.SortStableFunc(events, func(a, b quoteEvent) int { return a.at.Compare(b.at) })
	carts := make([]*cart, 0, total)
	for _, e := range events {
		id := s.seq.next(&s.seq.cart)
		if e.order != nil {
			e.order.QuoteID = id
		}
		if e.cart == nil {
			continue
		}
		c := e.cart
		c.ID = id
		for _, it := range c.Items {
			it.ItemID = s.seq.next(&s.seq.cartItem)
			it.QuoteID = fmt.Sprint(id)
			s.seq.cartItem++ // the hidden child row of configurables takes an id too
		}
		if e.order != nil {
			qi := c.Items
			k := 0
			for _, it := range e.order.Items {
				if it.ParentItemID == 0 && k < len(qi) {
					it.QuoteItemID = qi[k].ItemID
					k++
				} else if it.ParentItem != nil {
					it.QuoteItemID = it.ParentItem.QuoteItemID + 1
				}
			}
		}
		if c.BillingAddress != nil {
			c.BillingAddress.ID = s.seq.next(&s.seq.address)
		}
		if c.ShippingAddress != nil {
			c.ShippingAddress.ID = s.seq.next(&s.seq.address)
		}
		w := websiteOf(c.StoreID)
		c.Currency, c.rate = w.currency, currencyRates[w.currency]
		carts = append(carts, c)
	}
	s.carts.loadSorted(carts)
}

func quoteAddrFromOrder(a *OrderAddress) *QuoteAddress {
	if a == nil {
		return nil
	}
	return &QuoteAddress{Region: a.Region, RegionID: a.RegionID, RegionCode: a.RegionCode, CountryID: a.CountryID,
		Street: a.Street, Telephone: a.Telephone, Postcode: a.Postcode, City: a.City, Firstname: a.Firstname,
		Lastname: a.Lastname, CustomerID: a.CustomerID, CustomerAddressID: a.CustomerAddressID, Email: a.Email}
}

// randomCart builds a quote that did not become an order.
func (g *generator) randomCart(created, updated time.Time, active bool, hasActive map[int64]bool) *cart {
	if updated.After(g.end) {
		updated = g.end
	}
	c := &cart{CreatedAt: ts(created), UpdatedAt: ts(updated), IsActive: active}
	var cust *Customer
	if g.r.IntN(100) < 60 {
		cust = g.customerBefore(c.CreatedAt)
		if cust != nil && hasActive != nil {
			if hasActive[cust.ID] { // one active quote per customer
				cust = nil
			} else {
				hasActive[cust.ID] = true
			}
		}
	}
	if cust != nil {
		c.CustomerID, c.Email, c.StoreID = cust.ID, cust.Email, cust.StoreID
	} else {
		gu := g.guests[g.r.IntN(len(g.guests))]
		c.StoreID = storeForWebsite(g.r, gu.websiteID)
		if g.r.IntN(10) < 3 { // guest reached the address step: the e-mail lives on the address
			a := g.addrFromGuest(gu)
			c.BillingAddress = &QuoteAddress{Region: a.pl.region, RegionID: a.pl.regionID, RegionCode: a.pl.regionCode,
				CountryID: a.pl.country, Street: a.street, Telephone: a.phone, Postcode: a.pl.postcode, City: a.pl.city,
				Firstname: a.first, Lastname: a.last, Email: a.email}
			c.Email = gu.email
		}
	}
	nl := 1 + g.r.IntN(4)
	if active && g.r.IntN(10) == 0 {
		nl = 0 // an empty active quote (customer emptied the cart)
	}
	for i := 0; i < nl; i++ {
		p := g.visible[g.r.IntN(len(g.visible))]
		it := &CartItem{SKU: p.SKU, Qty: float64(1 + g.r.IntN(3)), Name: p.Name, Price: p.Price, ProductType: p.TypeID, productID: p.ID}
		if p.TypeID == "configurable" {
			ch := g.children[p.ID]
			child := ch[g.r.IntN(len(ch))]
			it.SKU = child.SKU
			it.ProductOption = configurableOption(child)
		}
		c.Items = append(c.Items, it)
	}
	return c
}
