package magentosim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"
)

// generator builds the store's history deterministically: one PCG stream seeded from
// Options.Seed, consumed in a fixed order, no map iteration.
type generator struct {
	s     *Store
	o     Options
	r     *rand.Rand
	start time.Time
	end   time.Time

	custs    []*Customer // by id
	guests   []guest
	visible  []*Product // simple + configurable parents
	children map[int64][]*Product
}

type guest struct {
	first, last, email string
	websiteID          int
}

func newGenerator(s *Store, o Options) *generator {
	// The history ends an hour before the current UTC day began, so a store built twice
	// on the same day from the same seed is identical (the demo restarts rely on it);
	// any change of the span would reshuffle every random draw.
	end := o.Now().UTC().Truncate(24 * time.Hour).Add(-time.Hour)
	start := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	if !end.After(start.Add(48 * time.Hour)) {
		start = end.Add(-365 * 24 * time.Hour)
	}
	return &generator{
		s: s, o: o, r: rand.New(rand.NewPCG(uint64(o.Seed), 0x6e6)),
		start: start, end: end, children: map[int64][]*Product{},
	}
}

func (g *generator) run() {
	g.genProducts()
	g.genCustomers()
	g.genGuests()
	orders := g.genOrders()
	g.genCreditMemos(orders)
	g.genCarts(orders)
	g.s.orders.loadSorted(orders)
	g.genSubscribers()
}

// between returns a time uniformly in [a, b].
func (g *generator) between(a, b time.Time) time.Time {
	if !b.After(a) {
		return a
	}
	return a.Add(time.Duration(g.r.Int64N(int64(b.Sub(a)))))
}

func (g *generator) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *generator) genProducts() {
	s := g.s
	var all []*Product
	created := g.start.Add(-90 * 24 * time.Hour)
	addProduct := func(p *Product) {
		p.ID = s.seq.next(&s.seq.product)
		p.AttributeSetID = 4
		p.Status = 1
		p.CreatedAt = ts(created.Add(time.Duration(p.ID) * time.Hour))
		p.UpdatedAt = ts(g.between(parseTS(p.CreatedAt), g.end))
		p.ProductLinks, p.Options, p.MediaGalleryEntries, p.TierPrices = []any{}, []any{}, []any{}, []any{}
		urlKey := strings.ToLower(strings.NewReplacer(" ", "-", "&trade;", "", "&reg;", "", "/", "-").Replace(strings.TrimSpace(p.Name)))
		p.CustomAttributes = []CustomAttribute{
			{AttributeCode: "url_key", Value: urlKey},
			{AttributeCode: "tax_class_id", Value: "2"},
			{AttributeCode: "options_container", Value: "container2"},
			{AttributeCode: "required_options", Value: "0"},
			{AttributeCode: "has_options", Value: map[bool]string{true: "1", false: "0"}[p.TypeID == "configurable"]},
			{AttributeCode: "category_ids", Value: []string{"3"}},
		}
		qty := float64(g.r.IntN(200))
		inStock := true
		if g.r.IntN(100) < 8 {
			qty, inStock = 0, false
		}
		if p.TypeID == "configurable" {
			qty = 0
		}
		p.ExtensionAttributes = &ProductExt{
			WebsiteIDs:    []int{1, 2, 3},
			CategoryLinks: []CategoryLink{{Position: 0, CategoryID: "3"}},
			StockItem: &StockItem{
				ItemID: p.ID, ProductID: p.ID, StockID: 1, Qty: qty, IsInStock: inStock,
				UseConfigMinQty: true, UseConfigMinSaleQty: 1, MinSaleQty: 1, UseConfigMaxSaleQty: true,
				MaxSaleQty: 10000, UseConfigBackorders: true, UseConfigNotifyStockQty: true, NotifyStockQty: 1,
				UseConfigQtyIncrements: true, UseConfigEnableQtyInc: true, UseConfigManageStock: true, ManageStock: true,
			},
		}
		all = append(all, p)
		s.productsBySKU[strings.ToLower(p.SKU)] = p
	}
	suffix := func(base string, round int) string {
		if round == 0 {
			return base
		}
		return fmt.Sprintf("%s-V%d", base, round+1)
	}
	nameSuffix := func(base string, round int) string {
		if round == 0 {
			return base
		}
		return fmt.Sprintf("%s %d", base, round+1)
	}
	nConf, nSimple := 0, 0
	for len(all) < g.o.Products {
		if g.o.Products-len(all) >= 7 && g.r.IntN(2) == 0 {
			a, round := apparel[nConf%len(apparel)], nConf/len(apparel)
			nConf++
			parent := &Product{SKU: suffix(a.prefix, round), Name: nameSuffix(a.name, round), Price: money(a.price), Visibility: 4, TypeID: "configurable"}
			addProduct(parent)
			g.visible = append(g.visible, parent)
			c1, c2 := colors[nConf%len(colors)], colors[(nConf+3)%len(colors)]
			if parent.SKU == "WS12" {
				c1 = colors[3] // WS12-M-Orange, the sku of Magento's own tutorial
			}
			opt := []ConfigurableProductOption{
				{ID: parent.ID*10 + 1, AttributeID: attrSize, Label: "Size", Position: 0, ProductID: parent.ID},
				{ID: parent.ID*10 + 2, AttributeID: attrColor, Label: "Color", Position: 1, ProductID: parent.ID},
			}
			for _, sz := range sizes[1:4] {
				opt[0].Values = append(opt[0].Values, ConfigurableOptionValue{ValueIndex: sz.index})
				for _, c := range []struct {
					label string
					index int
				}{c1, c2} {
					child := &Product{
						SKU: parent.SKU + "-" + sz.label + "-" + c.label, Name: parent.Name + "-" + sz.label + "-" + c.label,
						Price: parent.Price, Visibility: 1, TypeID: "simple", Weight: 1,
						attrs: map[string]int{attrSize: sz.index, attrColor: c.index}, parentID: parent.ID,
					}
					addProduct(child)
					parent.children = append(parent.children, child.ID)
					g.children[parent.ID] = append(g.children[parent.ID], child)
				}
			}
			opt[1].Values = []ConfigurableOptionValue{{ValueIndex: c1.index}, {ValueIndex: c2.index}}
			parent.ExtensionAttributes.ConfigurableProductOptions = opt
			parent.ExtensionAttributes.ConfigurableProductLinks = parent.children
			continue
		}
		sg, round := simpleGoods[nSimple%len(simpleGoods)], nSimple/len(simpleGoods)
		nSimple++
		p := &Product{SKU: suffix(sg.prefix, round), Name: nameSuffix(sg.name, round), Price: money(sg.price), Visibility: 4, TypeID: "simple", Weight: sg.weight}
		addProduct(p)
		g.visible = append(g.visible, p)
	}
	s.products.loadSorted(all)
}

func (g *generator) genCustomers() {
	s := g.s
	n := g.o.Customers
	times := make([]time.Time, n)
	for i := range times {
		times[i] = g.between(g.start, g.end)
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	g.custs = make([]*Customer, 0, n)
	used := map[string]bool{}
	for i := 0; i < n; i++ {
		id := s.seq.next(&s.seq.customer)
		web := 1
		switch x := g.r.IntN(10); {
		case x >= 9:
			web = 3
		case x >= 7:
			web = 2
		}
		store := map[int]int{1: 1, 2: 2 + g.r.IntN(2), 3: 4}[web]
		first, last := g.pick(firstNames), g.pick(lastNames)
		local := strings.ToLower(asciiFold(first) + "." + asciiFold(last))
		email := local + "@" + g.pick(emailDomains)
		if used[emailKey(web, email)] {
			email = fmt.Sprintf("%s%d@%s", local, id, g.pick(emailDomains))
		}
		used[emailKey(web, email)] = true
		created := times[i]
		updated := created
		if g.r.IntN(2) == 0 {
			updated = g.between(created, g.end)
		}
		c := &Customer{
			ID: id, GroupID: 1, CreatedAt: ts(created), UpdatedAt: ts(updated), CreatedIn: storeViews[store].Name,
			Email: email, Firstname: first, Lastname: last, StoreID: store, WebsiteID: web,
			DisableAutoGroupChange: 0,
		}
		switch x := g.r.IntN(10); {
		case x == 8:
			c.GroupID = 2
		case x == 9:
			c.GroupID = 3
		}
		if g.r.IntN(2) == 0 {
			c.Gender = 1 + g.r.IntN(3)
		}
		if g.r.IntN(2) == 0 {
			c.Dob = ts(time.Date(1950+g.r.IntN(55), time.Month(1+g.r.IntN(12)), 1+g.r.IntN(28), 0, 0, 0, 0, time.UTC))[:10]
		}
		na := 1 + g.r.IntN(10)/7 // 70% one address, 30% two
		c.Addresses = []CustomerAddress{}
		for k := 0; k < na; k++ {
			pl := g.place(web)
			a := CustomerAddress{
				ID: s.seq.next(&s.seq.address), CustomerID: id,
				Region:   Region{RegionCode: pl.regionCode, Region: pl.region, RegionID: pl.regionID},
				RegionID: pl.regionID, CountryID: pl.country, Street: []string{g.street()},
				Telephone: g.phone(pl), Postcode: pl.postcode, City: pl.city, Firstname: first, Lastname: last,
			}
			if k == 0 {
				a.DefaultBilling, a.DefaultShipping = true, true
				c.DefaultBilling = fmt.Sprint(a.ID)
				c.DefaultShipping = c.DefaultBilling
			}
			c.Addresses = append(c.Addresses, a)
		}
		g.custs = append(g.custs, c)
		s.emails[emailKey(web, email)] = id
	}
	s.customers.loadSorted(g.custs)
}

// asciiFold drops accents for e-mail local parts.
func asciiFold(s string) string { return foldAccents.Replace(s) }

var foldAccents = strings.NewReplacer("é", "e", "è", "e", "ü", "u", "ö", "o", "ä", "a", "ç", "c", "É", "E")

func (g *generator) place(websiteID int) place {
	cs := websiteCountries[websiteID]
	if len(cs) == 0 {
		cs = websiteCountries[1]
	}
	ps := placesByCountry[g.pick(cs)]
	return ps[g.r.IntN(len(ps))]
}

func (g *generator) street() string {
	return fmt.Sprintf("%d %s", 1+g.r.IntN(9000), g.pick(streetNames))
}

func (g *generator) phone(pl place) string {
	return fmt.Sprintf("%s%04d", pl.phone, g.r.IntN(10000))
}

// genGuests builds the pool of guest shoppers; the same guest e-mail is reused by
// several orders and carts, and a few guests use a registered customer's e-mail.
func (g *generator) genGuests() {
	n := max(10, g.o.Orders/8)
	g.guests = make([]guest, 0, n)
	for i := 0; i < n; i++ {
		if len(g.custs) > 0 && g.r.IntN(20) == 0 {
			c := g.custs[g.r.IntN(len(g.custs))]
			g.guests = append(g.guests, guest{c.Firstname, c.Lastname, c.Email, c.WebsiteID})
			continue
		}
		web := 1
		switch x := g.r.IntN(10); {
		case x >= 9:
			web = 3
		case x >= 7:
			web = 2
		}
		first, last := g.pick(firstNames), g.pick(lastNames)
		email := fmt.Sprintf("%s.%s.guest%d@%s", strings.ToLower(asciiFold(first)), strings.ToLower(asciiFold(last)), i+1, g.pick(emailDomains))
		g.guests = append(g.guests, guest{first, last, email, web})
	}
}

// customerBefore picks a random customer registered before t (nil if none).
func (g *generator) customerBefore(t string) *Customer {
	n := sort.Search(len(g.custs), func(i int) bool { return g.custs[i].CreatedAt > t })
	if n == 0 {
		return nil
	}
	return g.custs[g.r.IntN(n)]
}

func storeForWebsite(r *rand.Rand, web int) int {
	switch web {
	case 2:
		return 2 + r.IntN(2)
	case 3:
		return 4
	}
	return 1
}

// orderTimes spreads n timestamps over the history with growing density (a growing shop).
func (g *generator) orderTimes(n int) []time.Time {
	span := float64(g.end.Sub(g.start))
	out := make([]time.Time, n)
	for i := range out {
		out[i] = g.start.Add(time.Duration(span * math.Sqrt(g.r.Float64())))
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return out
}

func (g *generator) genSubscribers() {
	s := g.s
	n := g.o.Subscribers
	nCust := min(n*3/4, len(g.custs))
	perm := g.r.Perm(len(g.custs))[:nCust]
	var subs []*Subscriber
	status := func() int {
		switch x := g.r.IntN(100); {
		case x < 60:
			return 1
		case x < 80:
			return 3
		case x < 88:
			return 2
		}
		return 4
	}
	for _, i := range perm {
		c := g.custs[i]
		subs = append(subs, &Subscriber{
			StoreID: c.StoreID, CustomerID: c.ID, SubscriberEmail: c.Email, SubscriberStatus: status(),
			ChangeStatusAt: ts(g.between(parseTS(c.CreatedAt), g.end)),
		})
	}
	for i := nCust; i < n; i++ {
		gu := g.guests[g.r.IntN(len(g.guests))]
		email := gu.email
		if g.r.IntN(2) == 0 {
			email = fmt.Sprintf("newsletter%d@%s", i, g.pick(emailDomains))
		}
		subs = append(subs, &Subscriber{
			StoreID: storeForWebsite(g.r, gu.websiteID), SubscriberEmail: email, SubscriberStatus: status(),
			ChangeStatusAt: ts(g.between(g.start, g.end)),
		})
	}
	// subscriber ids follow the time the row was created
	slices.SortStableFunc(subs, func(a, b *Subscriber) int { return strings.Compare(a.ChangeStatusAt, b.ChangeStatusAt) })
	for _, sub := range subs {
		sub.SubscriberID = s.seq.next(&s.seq.subscriber)
		if sub.CustomerID != 0 {
			s.subsByCustomer[sub.CustomerID] = sub
		}
	}
	s.subscribers.loadSorted(subs)
}
