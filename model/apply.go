package model

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// ApplyBatch writes one page of synced records in ONE write transaction:
// the rows (upserted by channel and Magento id, children replaced), the
// derived figures they change (cart status, customer and guest totals),
// the entity's bookmark, the run counters and the per-record errors. Any
// failure rolls back all of it, so the bookmark never runs ahead of the
// rows. It returns Added/Updated/Skipped as counted by the upserts: a row
// whose content (updated_at included) did not change is Skipped.
func (s *Store) ApplyBatch(ctx context.Context, b Batch) (Counters, error) {
	if b.ChannelID == 0 {
		return Counters{}, errors.New("apply batch: channel id is 0")
	}
	prep, err := prepareBatch(&b)
	if err != nil {
		return Counters{}, fmt.Errorf("apply %s batch for channel %d: %w", b.Entity, b.ChannelID, err)
	}
	var c Counters
	walk := b.CommitLater && b.RunID != 0
	write := s.writeTx
	if walk {
		write = func(ctx context.Context, fn func(w *txw) error) error { return s.applyLater(ctx, b.RunID, fn) }
	} else if _, ok := deferrableIndexes[b.Entity]; ok && s.deferredNow.Load() {
		// The walk that deferred this entity's indexes is over.
		if err := s.buildDeferredIndexes(ctx); err != nil {
			return Counters{}, fmt.Errorf("apply %s batch for channel %d: %w", b.Entity, b.ChannelID, err)
		}
	}
	err = write(ctx, func(w *txw) error {
		if walk {
			if err := s.deferIndexesForWalk(w, b.RunID, b.ChannelID, b.Entity); err != nil {
				return err
			}
		}
		a := newApplier(w, b.ChannelID, prep)
		if err := a.apply(&b); err != nil {
			return err
		}
		if err := a.flushChildren(); err != nil {
			return err
		}
		if err := a.refreshDerived(b.DeferDerived); err != nil {
			return err
		}
		if b.State != nil {
			if err := a.writeState(b.Entity, b.State); err != nil {
				return err
			}
		}
		if b.RunID != 0 {
			rc := b.Counters
			rc.Added, rc.Updated = a.c.Added, a.c.Updated
			rc.Skipped += a.c.Skipped
			if err := a.addRunCounters(b.RunID, b.Entity, rc); err != nil {
				return err
			}
		}
		if err := a.recordErrors(b.Entity, b.Errors, b.Resolved); err != nil {
			return err
		}
		c = a.c
		return nil
	})
	if err != nil {
		return Counters{}, fmt.Errorf("apply %s batch for channel %d: %w", b.Entity, b.ChannelID, err)
	}
	return c, nil
}

// applier is the state of one ApplyBatch transaction.
type applier struct {
	*txw
	ch   int64
	now  string
	c    Counters
	prep *batchPrep
	// Magento customer ids and lower-cased guest emails whose derived
	// figures must be recomputed before commit.
	customers map[int64]struct{}
	guests    map[string]struct{}
	// Lower-cased emails whose guest group may need a new customer link.
	links map[string]struct{}

	// Batched writes (batchwrite.go).
	known      map[string]map[int64]*oldRow
	children   map[string]*childTable
	childOrder []string
	rewritten  map[parentKey]bool
	rowSQL     map[string]*rowSQL
	nextIDs    map[string]int64 // newRowID
	cartLinks  [][2]int64
	// Magento order id of each cart (quote) id of the batch that has an
	// order, read at once before the carts are written.
	quoteOrders map[int64]int64
}

func newApplier(w *txw, channelID int64, prep *batchPrep) *applier {
	return &applier{txw: w, ch: channelID, now: nowUTC(), prep: prep,
		customers: map[int64]struct{}{}, guests: map[string]struct{}{}, links: map[string]struct{}{},
		known: map[string]map[int64]*oldRow{}, children: map[string]*childTable{}, rewritten: map[parentKey]bool{}}
}

func (a *applier) apply(b *Batch) error {
	for i := range b.Websites {
		if err := a.writeWebsite(&b.Websites[i]); err != nil {
			return fmt.Errorf("website %d: %w", b.Websites[i].MagentoID, err)
		}
	}
	for i := range b.StoreGroups {
		if err := a.writeStoreGroup(&b.StoreGroups[i]); err != nil {
			return fmt.Errorf("store group %d: %w", b.StoreGroups[i].MagentoID, err)
		}
	}
	for i := range b.StoreViews {
		if err := a.writeStoreView(&b.StoreViews[i]); err != nil {
			return fmt.Errorf("store view %d: %w", b.StoreViews[i].MagentoID, err)
		}
	}
	for i := range b.CustomerGroups {
		if err := a.writeCustomerGroup(&b.CustomerGroups[i]); err != nil {
			return fmt.Errorf("customer group %d: %w", b.CustomerGroups[i].MagentoID, err)
		}
	}
	if err := a.preloadAll(b); err != nil {
		return err
	}
	for i := range b.Customers {
		if err := a.writeCustomer(&b.Customers[i], a.prep.customers[i]); err != nil {
			return fmt.Errorf("customer %d: %w", b.Customers[i].MagentoID, err)
		}
	}
	for i := range b.Orders {
		if err := a.writeOrder(&b.Orders[i], a.prep.orders[i]); err != nil {
			return fmt.Errorf("order %d: %w", b.Orders[i].MagentoID, err)
		}
	}
	if err := a.flushCartLinks(); err != nil {
		return err
	}
	// Carts after orders: a cart page and the orders of the same batch
	// then agree on Purchased without a second pass.
	if err := a.loadQuoteOrders(b.Carts); err != nil {
		return err
	}
	for i := range b.Carts {
		if err := a.writeCart(&b.Carts[i], a.prep.carts[i]); err != nil {
			return fmt.Errorf("cart %d: %w", b.Carts[i].MagentoID, err)
		}
	}
	for i := range b.CreditMemos {
		if err := a.writeCreditMemo(&b.CreditMemos[i], a.prep.memos[i]); err != nil {
			return fmt.Errorf("credit memo %d: %w", b.CreditMemos[i].MagentoID, err)
		}
	}
	for i := range b.Subscribers {
		if err := a.writeSubscriber(&b.Subscribers[i]); err != nil {
			return fmt.Errorf("subscriber %d: %w", b.Subscribers[i].MagentoID, err)
		}
	}
	for i := range b.Products {
		if err := a.writeProduct(&b.Products[i], a.prep.products[i]); err != nil {
			return fmt.Errorf("product %d: %w", b.Products[i].MagentoID, err)
		}
	}
	return nil
}

type upsertResult int

const (
	resAdded upsertResult = iota + 1
	resUpdated
	resSkipped
)

func (a *applier) count(r upsertResult) {
	switch r {
	case resAdded:
		a.c.Added++
	case resUpdated:
		a.c.Updated++
	case resSkipped:
		a.c.Skipped++
	}
}

// rowTable describes a synced table for writeRow.
type rowTable struct {
	name    string
	raw     bool // keeps raw JSON in <name>_raw
	removed bool // has removed_in_magento (cleared when Magento lists the row again)
}

// rowWrite is one row to upsert. key holds the identifying columns
// (channel_id, magento_id[, source]); data the rest; extra, when set, is
// read from the existing row during the lookup (old values the caller
// needs, e.g. the previous email of an order).
type rowWrite struct {
	key   cols
	data  cols
	hash  int64
	blob  []byte // compressed raw JSON (tables with raw only)
	extra cols
	// before, when set, runs after the lookup and before the write (only
	// when something will be written); it may change the fields data
	// points at, e.g. a cart's status, which depends on the stored row.
	before func(found bool) error
}

// writeRow upserts by key and reports whether the row was added, updated
// or unchanged (same content hash: nothing written).
func (a *applier) writeRow(t rowTable, r rowWrite) (id int64, res upsertResult, err error) {
	var oldHash int64
	var found bool
	if known, ok := a.known[t.name]; ok && len(r.key) == 2 {
		if old := known[r.key[1].ptr.(int64)]; old != nil {
			id, oldHash, found = old.id, old.hash, true
			if err := assignExtra(r.extra, old.extra); err != nil {
				return 0, 0, fmt.Errorf("look up %s: %w", t.name, err)
			}
		}
	} else {
		where := make([]string, len(r.key))
		for i, k := range r.key {
			where[i] = k.name + " = ?"
		}
		sel := "SELECT id, hash"
		if len(r.extra) > 0 {
			sel += ", " + r.extra.selectList("")
		}
		sel += " FROM " + t.name + " WHERE " + strings.Join(where, " AND ")
		dest := append([]any{&id, &oldHash}, r.extra.ptrs()...)
		err = a.queryRow(sel, r.key.ptrs()...).Scan(dest...)
		found = err == nil
		if err != nil && !isNoRows(err) {
			return 0, 0, fmt.Errorf("look up %s: %w", t.name, err)
		}
	}
	if found && oldHash == r.hash {
		return id, resSkipped, nil
	}
	if r.before != nil {
		if err := r.before(found); err != nil {
			return 0, 0, err
		}
	}
	q := a.rowStatements(t, &r)
	p := &a.args
	p.reset()
	if !found {
		if id, err = a.newRowID(t.name); err != nil {
			return 0, 0, err
		}
		p.int(id)
		p.addCols(r.key)
		p.int(r.hash)
		p.text(a.now)
		p.addCols(r.data)
		if err := a.execPacked(q.insert); err != nil {
			return 0, 0, err
		}
		a.remember(t.name, r, id)
		a.queueRaw(t, id, false, r.blob)
		return id, resAdded, nil
	}
	p.int(r.hash)
	p.text(a.now)
	p.addCols(r.data)
	p.int(id)
	if err := a.execPacked(q.update); err != nil {
		return 0, 0, err
	}
	a.remember(t.name, r, id)
	a.queueRaw(t, id, true, r.blob)
	return id, resUpdated, nil
}

// newRowID is the id of the next row inserted into table in this batch:
// one more than the largest id, which is the rowid SQLite itself would
// choose (no table of ours is AUTOINCREMENT). The largest id is read once
// per table and batch; only the applier inserts into these tables while
// its batch's transaction is open. Giving the id with the INSERT saves a
// "SELECT last_insert_rowid()" per new row (200,000 at Store L), each a
// query through database/sql with its own goroutine and context.
func (a *applier) newRowID(table string) (int64, error) {
	if next, ok := a.nextIDs[table]; ok {
		a.nextIDs[table] = next + 1
		return next, nil
	}
	var next int64
	if err := a.queryRow("SELECT coalesce(max(id), 0) + 1 FROM " + table).Scan(&next); err != nil {
		return 0, fmt.Errorf("next id of %s: %w", table, err)
	}
	if a.nextIDs == nil {
		a.nextIDs = map[string]int64{}
	}
	a.nextIDs[table] = next + 1
	return next, nil
}

// rowSQL is a table's INSERT and UPDATE text for one column list.
type rowSQL struct {
	key, data      []string
	insert, update string
}

// rowStatements returns the INSERT and UPDATE for r, built once per
// table and batch (a table's writer binds the same columns every time;
// the names are checked on each use).
func (a *applier) rowStatements(t rowTable, r *rowWrite) *rowSQL {
	if q := a.rowSQL[t.name]; q != nil && sameNames(q.key, r.key) && sameNames(q.data, r.data) {
		return q
	}
	q := &rowSQL{key: r.key.names(), data: r.data.names()}
	names := append(append(append([]string{"id"}, q.key...), "hash", "synced_at"), q.data...)
	q.insert = "INSERT INTO " + t.name + "(" + strings.Join(names, ", ") + ") VALUES (" + placeholders(len(names)) + ")"
	sets := []string{"hash = ?", "synced_at = ?"}
	if t.removed {
		sets = append(sets, "removed_in_magento = 0")
	}
	for _, n := range q.data {
		sets = append(sets, n+" = ?")
	}
	q.update = "UPDATE " + t.name + " SET " + strings.Join(sets, ", ") + " WHERE id = ?"
	if a.rowSQL == nil {
		a.rowSQL = map[string]*rowSQL{}
	}
	a.rowSQL[t.name] = q
	return q
}

func sameNames(names []string, c cols) bool {
	if len(names) != len(c) {
		return false
	}
	for i, n := range names {
		if c[i].name != n {
			return false
		}
	}
	return true
}

// queueRaw replaces the row's raw JSON in its side table (<table>_raw) at
// flush; a record delivered without JSON leaves none.
func (a *applier) queueRaw(t rowTable, id int64, existed bool, blob []byte) {
	if !t.raw {
		return
	}
	side := t.name + "_raw"
	a.resetChildren(side, "id", id, existed)
	if len(blob) > 0 {
		a.queueChild(side, "id", id, cols{{"raw", blob}})
	}
}

// keyOf is the usual (channel_id, magento_id) key.
func keyOf(channelID, magentoID int64) cols {
	return cols{{"channel_id", channelID}, {"magento_id", magentoID}}
}

// searchText joins the searchable parts; numbers with leading zeros
// (increment ids) are indexed with and without them.
func searchText(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		b.WriteString(p)
		b.WriteByte(' ')
		if t := strings.TrimLeft(p, "0"); t != p && t != "" && isDigits(t) {
			b.WriteString(t)
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func (a *applier) touchGuest(customerID int64, email string) {
	if customerID == 0 && email != "" {
		a.guests[strings.ToLower(email)] = struct{}{}
	}
}

func (a *applier) touchCustomer(customerID int64) {
	if customerID != 0 {
		a.customers[customerID] = struct{}{}
	}
}

// remember records a written row in the preload map, so the same record
// delivered twice in one batch is found (and counted skipped or updated).
func (a *applier) remember(table string, r rowWrite, id int64) {
	known, ok := a.known[table]
	if !ok || len(r.key) != 2 {
		return
	}
	old := &oldRow{id: id, hash: r.hash, extra: make([]any, len(r.extra))}
	for i, e := range r.extra {
		for _, d := range r.data {
			if d.name == e.name {
				switch v := d.ptr.(type) {
				case *string:
					old.extra[i] = *v
				case *int64:
					old.extra[i] = *v
				default:
					old.extra[i] = v
				}
			}
		}
	}
	known[r.key[1].ptr.(int64)] = old
}

// preloadAll looks up the stored rows of the batch's big entities at once.
func (a *applier) preloadAll(b *Batch) error {
	ids := func(n int, id func(int) int64) []int64 {
		out := make([]int64, n)
		for i := range out {
			out[i] = id(i)
		}
		return out
	}
	if len(b.Customers) > 0 {
		if err := a.preload("customers", ids(len(b.Customers), func(i int) int64 { return b.Customers[i].MagentoID }), []string{"email_lc"}); err != nil {
			return err
		}
	}
	if len(b.Orders) > 0 {
		if err := a.preload("orders", ids(len(b.Orders), func(i int) int64 { return b.Orders[i].MagentoID }), []string{"email_lc", "customer_id"}); err != nil {
			return err
		}
	}
	if len(b.Carts) > 0 {
		var probe Cart
		if err := a.preload("carts", ids(len(b.Carts), func(i int) int64 { return b.Carts[i].MagentoID }), cartExtra(&probe, new(string)).names()); err != nil {
			return err
		}
	}
	if len(b.CreditMemos) > 0 {
		if err := a.preload("credit_memos", ids(len(b.CreditMemos), func(i int) int64 { return b.CreditMemos[i].MagentoID }), nil); err != nil {
			return err
		}
	}
	if len(b.Products) > 0 {
		if err := a.preload("products", ids(len(b.Products), func(i int) int64 { return b.Products[i].MagentoID }), nil); err != nil {
			return err
		}
	}
	return nil
}
