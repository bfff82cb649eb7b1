package model

import (
	"fmt"
	"runtime"
	"sync"
)

// The CPU-heavy part of an upsert (content hash and raw JSON compression)
// does not need the database. ApplyBatch does it for the whole batch on all
// cores before it opens the write transaction; the sync engine does it
// earlier still, in its fetch goroutines (PrepareRecord, Batch.Add), so the
// single writer only writes.

type prepared struct {
	hash int64
	blob []byte // compressed raw JSON, nil when none
	ok   bool   // computed (the zero value means "not yet")
	id   int64  // Magento id of the record it was computed for
}

// Prepared is a record's content hash and compressed JSON, computed by
// PrepareRecord before the record reaches ApplyBatch.
type Prepared struct{ p prepared }

// PrepareRecord computes what ApplyBatch would compute for a Customer,
// Cart, Order, CreditMemo or Product (the record must not change after,
// except that its Raw may be dropped: the preparation holds the JSON
// compressed). Other kinds need no preparation and get the zero Prepared.
func PrepareRecord(rec any) (Prepared, error) {
	var hash func() (int64, error)
	var raw []byte
	var id int64
	switch r := rec.(type) {
	case Customer:
		hash, raw, id = func() (int64, error) { return hashCustomer(&r) }, r.Raw, r.MagentoID
	case Cart:
		hash, raw, id = func() (int64, error) { return hashCart(&r) }, r.Raw, r.MagentoID
	case Order:
		hash, raw, id = func() (int64, error) { return hashOrder(&r) }, r.Raw, r.MagentoID
	case CreditMemo:
		hash, raw, id = func() (int64, error) { return hashCreditMemo(&r) }, r.Raw, r.MagentoID
	case Product:
		hash, raw, id = func() (int64, error) { return hashProduct(&r) }, r.Raw, r.MagentoID
	default:
		return Prepared{}, nil
	}
	p, err := prepare(raw, id, hash)
	return Prepared{p}, err
}

// Add appends a record of any synced kind to the batch with its
// preparation (the zero Prepared when there is none), stamped with the
// batch's channel.
func (b *Batch) Add(rec any, p Prepared) error {
	switch r := rec.(type) {
	case Customer:
		r.ChannelID = b.ChannelID
		b.Customers = append(b.Customers, r)
		b.prep.customers = padPrep(b.prep.customers, len(b.Customers)-1, p.p)
	case Cart:
		r.ChannelID = b.ChannelID
		b.Carts = append(b.Carts, r)
		b.prep.carts = padPrep(b.prep.carts, len(b.Carts)-1, p.p)
	case Order:
		r.ChannelID = b.ChannelID
		b.Orders = append(b.Orders, r)
		b.prep.orders = padPrep(b.prep.orders, len(b.Orders)-1, p.p)
	case CreditMemo:
		r.ChannelID = b.ChannelID
		b.CreditMemos = append(b.CreditMemos, r)
		b.prep.memos = padPrep(b.prep.memos, len(b.CreditMemos)-1, p.p)
	case Product:
		r.ChannelID = b.ChannelID
		b.Products = append(b.Products, r)
		b.prep.products = padPrep(b.prep.products, len(b.Products)-1, p.p)
	case Subscriber:
		r.ChannelID = b.ChannelID
		b.Subscribers = append(b.Subscribers, r)
	default:
		return fmt.Errorf("batch: cannot add a %T", rec)
	}
	return nil
}

// WithoutRaw returns a synced record without its raw JSON (other values
// unchanged), for a caller that holds it prepared (PrepareRecord).
func WithoutRaw(rec any) any {
	switch r := rec.(type) {
	case Customer:
		r.Raw = nil
		return r
	case Cart:
		r.Raw = nil
		return r
	case Order:
		r.Raw = nil
		return r
	case CreditMemo:
		r.Raw = nil
		return r
	case Product:
		r.Raw = nil
		return r
	}
	return rec
}

// padPrep sets ps[i] = p, growing ps (records appended to the batch's
// slices directly have no preparation yet).
func padPrep(ps []prepared, i int, p prepared) []prepared {
	for len(ps) <= i {
		ps = append(ps, prepared{})
	}
	ps[i] = p
	return ps
}

func prepare(raw []byte, id int64, hash func() (int64, error)) (prepared, error) {
	h, err := hash()
	if err != nil {
		return prepared{}, err
	}
	blob, err := compressRaw(raw)
	if err != nil {
		return prepared{}, err
	}
	return prepared{hash: h, blob: blob, ok: true, id: id}, nil
}

type batchPrep struct {
	customers, carts, orders, memos, products []prepared
}

// prepareBatch completes the batch's preparation: records added without
// one (or appended to the slices directly) are prepared here, in parallel.
func prepareBatch(b *Batch) (*batchPrep, error) {
	p := &batchPrep{
		customers: fitPrep(b.prep.customers, len(b.Customers)),
		carts:     fitPrep(b.prep.carts, len(b.Carts)),
		orders:    fitPrep(b.prep.orders, len(b.Orders)),
		memos:     fitPrep(b.prep.memos, len(b.CreditMemos)),
		products:  fitPrep(b.prep.products, len(b.Products)),
	}
	var jobs []func() error
	// A preparation is used only for the record it was made for (the
	// batch's slices may have been edited after Add).
	add := func(dst *prepared, raw []byte, id int64, hash func() (int64, error)) {
		if dst.ok && dst.id == id {
			return
		}
		jobs = append(jobs, func() (err error) {
			*dst, err = prepare(raw, id, hash)
			return err
		})
	}
	for i := range b.Customers {
		c := &b.Customers[i]
		add(&p.customers[i], c.Raw, c.MagentoID, func() (int64, error) { return hashCustomer(c) })
	}
	for i := range b.Carts {
		c := &b.Carts[i]
		add(&p.carts[i], c.Raw, c.MagentoID, func() (int64, error) { return hashCart(c) })
	}
	for i := range b.Orders {
		o := &b.Orders[i]
		add(&p.orders[i], o.Raw, o.MagentoID, func() (int64, error) { return hashOrder(o) })
	}
	for i := range b.CreditMemos {
		m := &b.CreditMemos[i]
		add(&p.memos[i], m.Raw, m.MagentoID, func() (int64, error) { return hashCreditMemo(m) })
	}
	for i := range b.Products {
		pr := &b.Products[i]
		add(&p.products[i], pr.Raw, pr.MagentoID, func() (int64, error) { return hashProduct(pr) })
	}
	return p, runParallel(jobs)
}

// fitPrep is ps with exactly n entries (a copy: the batch is not changed).
func fitPrep(ps []prepared, n int) []prepared {
	out := make([]prepared, n)
	copy(out, ps)
	return out
}

// runParallel runs jobs on up to GOMAXPROCS goroutines and returns the
// first error.
func runParallel(jobs []func() error) error {
	workers := min(runtime.GOMAXPROCS(0), len(jobs))
	if workers <= 1 {
		for _, j := range jobs {
			if err := j(); err != nil {
				return err
			}
		}
		return nil
	}
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
		next     int
	)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				if next >= len(jobs) || firstErr != nil {
					mu.Unlock()
					return
				}
				j := jobs[next]
				next++
				mu.Unlock()
				if err := j(); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	return firstErr
}

// Content hashes: the record as Magento gave it, without our local ids,
// sync times and derived fields.

func hashCustomer(c *Customer) (int64, error) {
	h := *c
	h.ID, h.ChannelID, h.Raw, h.SyncedAt = 0, 0, nil, ""
	h.RemovedInMagento, h.RemovedInMagentoAt = false, ""
	h.LifetimeUnits, h.OrdersCount, h.LastOrderAt, h.FirstOrderAt, h.DisplayCurrencyCode = 0, 0, "", "", ""
	return contentHash(h, c.Raw)
}

func hashCart(c *Cart) (int64, error) {
	h := *c
	h.ID, h.ChannelID, h.Raw, h.SyncedAt = 0, 0, nil, ""
	h.Status, h.StatusNote, h.OrderMagentoID, h.Abandoned = "", "", 0, false
	return contentHash(h, c.Raw)
}

// Orders and credit memos are mapped from their JSON alone (the engine
// only adds the channel), so their JSON is their fingerprint: hashing it
// skips encoding a 15 KB order a second time. mappingVersion is in the
// hash so rows stored by an older mapping are rewritten, not skipped.
// Records built without JSON (tests, older callers) hash their fields.

func hashOrder(o *Order) (int64, error) {
	if len(o.Raw) > 0 {
		return rawHash(o.Raw), nil
	}
	h := *o
	h.ID, h.ChannelID, h.Raw, h.SyncedAt, h.RemovedInMagento = 0, 0, nil, "", false
	return contentHash(h, o.Raw)
}

func hashCreditMemo(m *CreditMemo) (int64, error) {
	if len(m.Raw) > 0 {
		return rawHash(m.Raw), nil
	}
	h := *m
	h.ID, h.ChannelID, h.Raw, h.SyncedAt = 0, 0, nil, ""
	return contentHash(h, m.Raw)
}

func hashProduct(p *Product) (int64, error) {
	h := *p
	h.ID, h.ChannelID, h.Raw, h.SyncedAt = 0, 0, nil, ""
	return contentHash(h, p.Raw)
}

// mappingVersion: bump it when the connector maps an order's or credit
// memo's JSON into more or different columns.
const mappingVersion = "magedesk-mapping-1"

func rawHash(raw []byte) int64 {
	return fingerprint(mappingVersionBytes, raw)
}

var mappingVersionBytes = []byte(mappingVersion)
