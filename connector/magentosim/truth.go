package magentosim

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
)

// Test helpers: read the store's truth and change it the way a live store would.

// EntityTruth is what the store holds for one entity.
type EntityTruth struct {
	Count     int
	IDs       []int64          // ascending
	UpdatedAt map[int64]string // updated_at (change_status_at for subscribers) per id
	checksum  string
}

// Snapshot is a deep copy of the store's ids and timestamps, keyed by entity name
// (EntityCustomers...): snap[EntityOrders].IDs or snap.IDs(EntityOrders).
type Snapshot map[string]EntityTruth

// IDs returns the ids of an entity in ascending order.
func (sn Snapshot) IDs(entity string) []int64 { return sn[entity].IDs }

// Checksum returns a digest over (id, updated_at, key money fields) of an entity; two
// stores built with the same seed and options have equal checksums.
func (sn Snapshot) Checksum(entity string) string { return sn[entity].checksum }

var errNotFound = errors.New("magentosim: no such record")

func truthOf[T any](t *table[T], money func(*T) string) EntityTruth {
	et := EntityTruth{Count: t.len(), IDs: make([]int64, 0, t.len()), UpdatedAt: make(map[int64]string, t.len())}
	h := sha256.New()
	for _, r := range t.idOrder {
		id := t.id(r)
		et.IDs = append(et.IDs, id)
		et.UpdatedAt[id] = t.key(r)
		fmt.Fprintf(h, "%d|%s|%s\n", id, t.key(r), money(r))
	}
	et.checksum = hex.EncodeToString(h.Sum(nil))
	return et
}

func f2(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

func optF(p *float64) string {
	if p == nil {
		return "-"
	}
	return f2(*p)
}

// Snapshot copies counts, ids and updated_at of every entity.
func (s *Store) Snapshot() Snapshot {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return Snapshot{
		EntityCustomers: truthOf(s.customers, func(c *Customer) string { return c.Email }),
		EntityCarts: truthOf(s.carts, func(c *cart) string {
			return fmt.Sprintf("%t|%d|%s", c.IsActive, len(c.Items), f2(s.cartTotals(c).BaseGrandTotal))
		}),
		EntityOrders: truthOf(s.orders, func(o *Order) string {
			return o.IncrementID + "|" + o.State + "|" + f2(o.GrandTotal) + "|" + optF(o.TotalRefunded)
		}),
		EntityCreditMemos: truthOf(s.creditmemos, func(c *CreditMemo) string { return f2(c.GrandTotal) }),
		EntitySubscribers: truthOf(s.subscribers, func(sub *Subscriber) string {
			return fmt.Sprintf("%s|%d", sub.SubscriberEmail, sub.SubscriberStatus)
		}),
		EntityProducts: truthOf(s.products, func(p *Product) string { return p.SKU + "|" + f2(p.Price) }),
	}
}

// TouchCustomer bumps a customer's updated_at to Now.
func (s *Store) TouchCustomer(id int64) error { return touch(s, s.customers, id) }

// TouchCart bumps a cart's updated_at to Now.
func (s *Store) TouchCart(id int64) error { return touch(s, s.carts, id) }

// TouchOrder bumps an order's updated_at to Now.
func (s *Store) TouchOrder(id int64) error { return touch(s, s.orders, id) }

// TouchCreditMemo bumps a credit memo's updated_at to Now.
func (s *Store) TouchCreditMemo(id int64) error { return touch(s, s.creditmemos, id) }

// TouchProduct bumps a product's updated_at to Now.
func (s *Store) TouchProduct(id int64) error { return touch(s, s.products, id) }

// Touch bumps updated_at of any entity's record (entity = EntityCustomers, ...).
func (s *Store) Touch(entity string, id int64) error {
	switch entity {
	case EntityCustomers:
		return s.TouchCustomer(id)
	case EntityCarts:
		return s.TouchCart(id)
	case EntityOrders:
		return s.TouchOrder(id)
	case EntityCreditMemos:
		return s.TouchCreditMemo(id)
	case EntityProducts:
		return s.TouchProduct(id)
	case EntitySubscribers:
		return touch(s, s.subscribers, id)
	}
	return fmt.Errorf("magentosim touch: unknown entity %q", entity)
}

func touch[T any](s *Store, t *table[T], id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := t.get(id)
	if r == nil {
		return fmt.Errorf("touch %d: %w", id, errNotFound)
	}
	t.setKeyOf(r, s.now())
	return nil
}

// DeleteCustomer removes a customer like the admin grid's delete: the account, its
// subscriber row and its quotes go. Its orders stay, with customer_id set to NULL by the
// foreign key (ON DELETE SET NULL) and updated_at untouched, so only a reconciliation
// sweep can notice; the order keeps the customer's name and e-mail.
func (s *Store) DeleteCustomer(id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.customers.get(id)
	if c == nil {
		return fmt.Errorf("delete customer %d: %w", id, errNotFound)
	}
	s.customers.remove(id)
	delete(s.emails, emailKey(c.WebsiteID, c.Email))
	if sub := s.subsByCustomer[id]; sub != nil {
		s.subscribers.remove(sub.SubscriberID)
		delete(s.subsByCustomer, id)
	}
	var quotes []int64
	for _, q := range s.carts.idOrder {
		if q.CustomerID == id {
			quotes = append(quotes, q.ID)
		}
	}
	for _, q := range quotes {
		s.carts.remove(q)
	}
	for _, o := range s.orders.idOrder {
		if o.CustomerID != nil && *o.CustomerID == id {
			o.CustomerID = nil
		}
	}
	return nil
}

// PurgeCart deletes a quote as the quote-lifetime cron does.
func (s *Store) PurgeCart(id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.carts.remove(id) {
		return fmt.Errorf("purge cart %d: %w", id, errNotFound)
	}
	return nil
}

// SetSubscriberStatus changes a customer's newsletter status (1 subscribed, 2 not active,
// 3 unsubscribed, 4 unconfirmed) WITHOUT moving the customer's updated_at, as Magento does.
// It creates the subscriber row when the customer has none.
func (s *Store) SetSubscriberStatus(customerID int64, status int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.customers.get(customerID)
	if c == nil {
		return fmt.Errorf("subscriber status of customer %d: %w", customerID, errNotFound)
	}
	sub := s.subsByCustomer[customerID]
	if sub == nil {
		sub = &Subscriber{SubscriberID: s.seq.next(&s.seq.subscriber), StoreID: c.StoreID, CustomerID: c.ID,
			SubscriberEmail: c.Email, SubscriberStatus: status, ChangeStatusAt: s.now()}
		s.subscribers.add(sub)
		s.subsByCustomer[customerID] = sub
		return nil
	}
	sub.SubscriberStatus = status
	s.subscribers.setKeyOf(sub, s.now())
	return nil
}

// ForceSameTimestamp gives the first n records (by id) of an entity the same updated_at,
// ts[0] if given, else Now, to test paging through a block of equal timestamps.
// It returns how many records changed.
func (s *Store) ForceSameTimestamp(entity string, n int, ts ...string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	at := s.now()
	if len(ts) > 0 && ts[0] != "" {
		at = ts[0]
	}
	switch entity {
	case EntityCustomers:
		return forceSame(s.customers, n, at)
	case EntityCarts:
		return forceSame(s.carts, n, at)
	case EntityOrders:
		return forceSame(s.orders, n, at)
	case EntityCreditMemos:
		return forceSame(s.creditmemos, n, at)
	case EntitySubscribers:
		return forceSame(s.subscribers, n, at)
	case EntityProducts:
		return forceSame(s.products, n, at)
	}
	return 0
}

func forceSame[T any](t *table[T], n int, ts string) int {
	recs := append([]*T(nil), t.idOrder[:min(n, len(t.idOrder))]...)
	for _, r := range recs {
		t.setKeyOf(r, ts)
	}
	return len(recs)
}

// mutateSome bumps updated_at of n random records of an entity to now (MutateWhilePaging).
func (s *Store) mutateSome(entity string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch entity {
	case EntityCustomers:
		mutate(s, s.customers, n)
	case EntityCarts:
		mutate(s, s.carts, n)
	case EntityOrders:
		mutate(s, s.orders, n)
	case EntityCreditMemos:
		mutate(s, s.creditmemos, n)
	case EntitySubscribers:
		mutate(s, s.subscribers, n)
	case EntityProducts:
		mutate(s, s.products, n)
	}
}

func mutate[T any](s *Store, t *table[T], n int) {
	if t.len() == 0 {
		return
	}
	now := s.now()
	for i := 0; i < n; i++ {
		r := t.idOrder[s.mrng.IntN(t.len())]
		t.setKeyOf(r, now)
	}
}
