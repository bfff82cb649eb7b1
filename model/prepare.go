package model

import (
	"runtime"
	"sync"
)

// The CPU-heavy part of an upsert (content hash and raw JSON compression)
// does not need the database, so ApplyBatch does it for the whole batch on
// all cores before it opens the write transaction, which keeps the single
// writer connection busy for less time.

type prepared struct {
	hash int64
	blob []byte // deflated raw JSON, nil when none
}

type batchPrep struct {
	customers, carts, orders, memos, products []prepared
}

func prepareBatch(b *Batch) (*batchPrep, error) {
	p := &batchPrep{
		customers: make([]prepared, len(b.Customers)),
		carts:     make([]prepared, len(b.Carts)),
		orders:    make([]prepared, len(b.Orders)),
		memos:     make([]prepared, len(b.CreditMemos)),
		products:  make([]prepared, len(b.Products)),
	}
	var jobs []func() error
	add := func(dst *prepared, raw []byte, hash func() (int64, error)) {
		jobs = append(jobs, func() error {
			h, err := hash()
			if err != nil {
				return err
			}
			blob, err := compressRaw(raw)
			if err != nil {
				return err
			}
			*dst = prepared{hash: h, blob: blob}
			return nil
		})
	}
	for i := range b.Customers {
		c := &b.Customers[i]
		add(&p.customers[i], c.Raw, func() (int64, error) { return hashCustomer(c) })
	}
	for i := range b.Carts {
		c := &b.Carts[i]
		add(&p.carts[i], c.Raw, func() (int64, error) { return hashCart(c) })
	}
	for i := range b.Orders {
		o := &b.Orders[i]
		add(&p.orders[i], o.Raw, func() (int64, error) { return hashOrder(o) })
	}
	for i := range b.CreditMemos {
		m := &b.CreditMemos[i]
		add(&p.memos[i], m.Raw, func() (int64, error) { return hashCreditMemo(m) })
	}
	for i := range b.Products {
		pr := &b.Products[i]
		add(&p.products[i], pr.Raw, func() (int64, error) { return hashProduct(pr) })
	}
	return p, runParallel(jobs)
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

func hashOrder(o *Order) (int64, error) {
	h := *o
	h.ID, h.ChannelID, h.Raw, h.SyncedAt, h.RemovedInMagento = 0, 0, nil, "", false
	return contentHash(h, o.Raw)
}

func hashCreditMemo(m *CreditMemo) (int64, error) {
	h := *m
	h.ID, h.ChannelID, h.Raw, h.SyncedAt = 0, 0, nil, ""
	return contentHash(h, m.Raw)
}

func hashProduct(p *Product) (int64, error) {
	h := *p
	h.ID, h.ChannelID, h.Raw, h.SyncedAt = 0, 0, nil, ""
	return contentHash(h, p.Raw)
}
