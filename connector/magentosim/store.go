package magentosim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"time"
)

const tsLayout = "2006-01-02 15:04:05"

func ts(t time.Time) string { return t.UTC().Format(tsLayout) }

func parseTS(s string) time.Time {
	t, err := time.Parse(tsLayout, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// cents -> JSON number (165, 19.99)
func money(c int64) float64 { return float64(c) / 100 }

func toCents(f float64) int64 { return int64(math.Round(f * 100)) }

func round2(f float64) float64 { return math.Round(f*100) / 100 }

func fptr(f float64) *float64 { return &f }

// Store is a simulated Magento 2.4 store: its data, its HTTP surface and its faults.
// All methods are safe for concurrent use.
type Store struct {
	mu   sync.RWMutex
	opts Options

	customers   *table[Customer]
	carts       *table[cart]
	orders      *table[Order]
	creditmemos *table[CreditMemo]
	subscribers *table[Subscriber]
	products    *table[Product]
	groups      *table[CustomerGroup]

	productsBySKU  map[string]*Product
	subsByCustomer map[int64]*Subscriber
	emails         map[string]int64 // website|lower(email) -> customer id
	mrng           *rand.Rand       // for MutateWhilePaging, under mu
	seq            counters

	fmu       sync.Mutex
	faults    Faults
	frng      *rand.Rand
	dropLeft  int
	nonces    map[string]bool
	oauth     OAuthCredentials
	bearerOff bool
}

// counters are the auto-increment ids of the simulated tables.
type counters struct {
	customer, address, cart, cartItem, order, orderItem, orderAddress, history int64
	creditmemo, cmItem, cmComment, subscriber, product                         int64
	increment                                                                  map[int]int64 // per store order sequence
	cmIncrement                                                                map[int]int64
}

func (c *counters) next(p *int64) int64 { *p++; return *p }

// incrementID renders Magento's per-store sequence: store 1 "000000042", store 2 "200000042".
func incrementID(storeID int, n int64) string {
	if storeID <= 1 {
		return fmt.Sprintf("%09d", n)
	}
	return fmt.Sprintf("%d%08d", storeID, n)
}

func (s *Store) nextIncrement(storeID int) string {
	s.seq.increment[storeID]++
	return incrementID(storeID, s.seq.increment[storeID])
}

func (s *Store) nextCMIncrement(storeID int) string {
	s.seq.cmIncrement[storeID]++
	return incrementID(storeID, s.seq.cmIncrement[storeID])
}

func (s *Store) now() string { return ts(s.opts.Now()) }

func emailKey(websiteID int, email string) string {
	return fmt.Sprint(websiteID) + "|" + strings.ToLower(email)
}

// New builds a store deterministically from opts.Seed.
func New(opts Options) *Store {
	opts = opts.withDefaults()
	s := &Store{
		opts:           opts,
		productsBySKU:  map[string]*Product{},
		subsByCustomer: map[int64]*Subscriber{},
		emails:         map[string]int64{},
		mrng:           rand.New(rand.NewPCG(uint64(opts.Seed), 0x5eed)),
		frng:           rand.New(rand.NewPCG(uint64(opts.Seed), 0xfa17)),
		nonces:         map[string]bool{},
		faults:         opts.Faults,
		dropLeft:       opts.Faults.DropWritesN,
		bearerOff:      !opts.BearerEnabled,
	}
	s.seq.increment = map[int]int64{}
	s.seq.cmIncrement = map[int]int64{}
	s.customers = newTable("updated_at", func(c *Customer) int64 { return c.ID },
		func(c *Customer) string { return c.UpdatedAt }, func(c *Customer, v string) { c.UpdatedAt = v })
	s.carts = newTable("updated_at", func(c *cart) int64 { return c.ID },
		func(c *cart) string { return c.UpdatedAt }, func(c *cart, v string) { c.UpdatedAt = v })
	s.orders = newTable("updated_at", func(o *Order) int64 { return o.EntityID },
		func(o *Order) string { return o.UpdatedAt }, func(o *Order, v string) { o.UpdatedAt = v })
	s.creditmemos = newTable("updated_at", func(c *CreditMemo) int64 { return c.EntityID },
		func(c *CreditMemo) string { return c.UpdatedAt }, func(c *CreditMemo, v string) { c.UpdatedAt = v })
	s.subscribers = newTable("change_status_at", func(c *Subscriber) int64 { return c.SubscriberID },
		func(c *Subscriber) string { return c.ChangeStatusAt }, func(c *Subscriber, v string) { c.ChangeStatusAt = v })
	s.products = newTable("updated_at", func(p *Product) int64 { return p.ID },
		func(p *Product) string { return p.UpdatedAt }, func(p *Product, v string) { p.UpdatedAt = v })
	s.groups = newTable("code", func(g *CustomerGroup) int64 { return g.ID },
		func(g *CustomerGroup) string { return g.Code }, func(g *CustomerGroup, v string) { g.Code = v })
	addCartFields(s)
	// GroupRepository translates the interface names to the customer_group columns; both work.
	s.groups.fields["customer_group_id"] = s.groups.fields["id"]
	s.groups.fields["customer_group_code"] = s.groups.fields["code"]
	s.groups.fields["class_name"] = s.groups.fields["tax_class_name"]

	grp := make([]*CustomerGroup, len(customerGroups))
	for i := range customerGroups {
		g := customerGroups[i]
		grp[i] = &g
	}
	s.groups.loadSorted(grp)

	if opts.OAuth != nil {
		s.oauth = *opts.OAuth
	} else {
		r := rand.New(rand.NewPCG(uint64(opts.Seed), 0x0a17))
		s.oauth = OAuthCredentials{
			ConsumerKey: randToken(r), ConsumerSecret: randToken(r),
			AccessToken: randToken(r), AccessTokenSecret: randToken(r),
		}
	}
	g := newGenerator(s, opts)
	g.run()
	return s
}

// randToken makes a 32-char lowercase alphanumeric token like Magento's integration tokens.
func randToken(r *rand.Rand) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 32)
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}

// OAuth returns the integration credentials the store accepts.
func (s *Store) OAuth() OAuthCredentials { return s.oauth }

// Token returns the bearer token the store accepts.
func (s *Store) Token() string { return s.opts.Token }

// SetFaults changes the fault settings at runtime.
func (s *Store) SetFaults(f Faults) {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	s.faults = f
	s.dropLeft = f.DropWritesN
}

// SetBearerEnabled toggles "Allow OAuth Access Tokens to be used as standalone Bearer tokens".
func (s *Store) SetBearerEnabled(on bool) {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	s.bearerOff = !on
}

func (s *Store) currentFaults() Faults {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	return s.faults
}
