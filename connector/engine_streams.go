package connector

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/magedesk/magedesk/model"
)

// stream declares one synced entity: where it is listed, which keys the
// keyset paging walks, how a record is mapped and added to a batch. The
// paging, bookmarking and retry logic is written once for all of them
// (tap-magento's "streams as data").
type stream struct {
	entity    string
	route     string
	idField   string // Magento's key: id, entity_id, subscriber_id
	timeField string // replication key: updated_at (change_status_at for subscribers)
	// scope is an extra AND-ed filter group restricting the list to the
	// channel's websites (nil = no restriction).
	scope []Filter
	// mapRow maps one raw record. On an odd field it returns the row AND
	// an error (the client's Map* contract).
	mapRow func(raw json.RawMessage) (row, error)
}

// row is one mapped record with its paging keys.
type row struct {
	id  int64
	ts  string
	raw json.RawMessage
	rec any // model.Customer, model.Cart, ...
	// failed: the mapper complained; keep: store the record anyway
	// (false when not even its id could be mapped).
	failed, keep bool
	// prep: hash and compressed JSON, computed by the fetcher (prepareRows)
	// so the single writer only writes.
	prep model.Prepared
}

// prepareRows does the CPU work of storing the kept rows of a page
// (model.PrepareRecord). A row it fails on is prepared again, with the
// error reported, when the batch is stored. A prepared row lets go of its
// JSON (the preparation holds it compressed), so the page's response body
// can be freed while the row waits for the writer.
func prepareRows(rows []row) {
	for i := range rows {
		r := &rows[i]
		if !r.keep {
			continue
		}
		p, err := model.PrepareRecord(r.rec)
		if err != nil {
			continue
		}
		r.prep, r.raw, r.rec = p, nil, model.WithoutRaw(r.rec)
	}
}

// streams lists the enabled entities in dependency order: customers,
// carts, orders, credit memos, subscribers (companion module only; else
// they ride along with customers), products.
func (e *Engine) streams() []*stream {
	e.mu.Lock()
	hasNewsletter := e.learned.HasNewsletterRoute
	e.mu.Unlock()
	var out []*stream
	for _, st := range e.allStreams() {
		if !e.enabled(st.entity) {
			continue
		}
		if st.entity == model.EntitySubscribers && !hasNewsletter {
			continue // derived from customers inside the customer batches
		}
		out = append(out, st)
	}
	return out
}

// allStreams declares every entity, scoped to the channel's websites.
func (e *Engine) allStreams() []*stream {
	e.mu.Lock()
	storeIDs := e.storeIDs
	e.mu.Unlock()

	var storeScope, websiteScope []Filter
	if len(e.ch.WebsiteIDs) > 0 {
		websiteScope = []Filter{{Field: "website_id", Condition: "in", Value: joinIDs(e.ch.WebsiteIDs)}}
		ids := storeIDs
		if len(ids) == 0 {
			ids = []int64{-1} // chosen websites have no store views: match nothing
		}
		storeScope = []Filter{{Field: "store_id", Condition: "in", Value: joinIDs(ids)}}
	}
	all := []*stream{
		{entity: model.EntityCustomers, route: "customers/search", idField: "id", timeField: "updated_at", scope: websiteScope,
			mapRow: func(raw json.RawMessage) (row, error) {
				c, err := MapCustomer(raw)
				return row{id: c.MagentoID, ts: c.UpdatedAt, raw: raw, rec: c}, err
			}},
		{entity: model.EntityCarts, route: "carts/search", idField: "id", timeField: "updated_at", scope: storeScope,
			mapRow: func(raw json.RawMessage) (row, error) {
				c, err := MapCart(raw)
				return row{id: c.MagentoID, ts: c.UpdatedAt, raw: raw, rec: c}, err
			}},
		{entity: model.EntityOrders, route: "orders", idField: "entity_id", timeField: "updated_at", scope: storeScope,
			mapRow: func(raw json.RawMessage) (row, error) {
				o, err := MapOrder(raw)
				return row{id: o.MagentoID, ts: o.UpdatedAt, raw: raw, rec: o}, err
			}},
		{entity: model.EntityCreditMemos, route: "creditmemos", idField: "entity_id", timeField: "updated_at", scope: storeScope,
			mapRow: func(raw json.RawMessage) (row, error) {
				m, err := MapCreditMemo(raw)
				return row{id: m.MagentoID, ts: m.UpdatedAt, raw: raw, rec: m}, err
			}},
		{entity: model.EntitySubscribers, route: "newsletter/subscribers", idField: "subscriber_id", timeField: "change_status_at", scope: storeScope,
			mapRow: func(raw json.RawMessage) (row, error) {
				s, err := MapSubscriber(raw)
				return row{id: s.MagentoID, ts: s.ChangeStatusAt, raw: raw, rec: s}, err
			}},
		{entity: model.EntityProducts, route: "products", idField: "id", timeField: "updated_at",
			mapRow: func(raw json.RawMessage) (row, error) {
				p, err := MapProduct(raw)
				return row{id: p.MagentoID, ts: p.UpdatedAt, raw: raw, rec: p}, err
			}},
	}
	return all
}

// streamFor returns the declaration of one entity (enabled or not).
func (e *Engine) streamFor(entity string) *stream {
	for _, st := range e.allStreams() {
		if st.entity == entity {
			return st
		}
	}
	return nil
}

// addRow appends a mapped record to the batch. Customers also carry their
// derived newsletter subscriber when the store has no companion route.
func (e *Engine) addRow(b *model.Batch, r row, derivedSubscribers bool) {
	e.mustAdd(b, r.rec, r.prep)
	if c, ok := r.rec.(model.Customer); ok && derivedSubscribers {
		if s, ok := SubscriberFromCustomer(c); ok {
			e.mustAdd(b, s, model.Prepared{})
		}
	}
}

func (e *Engine) mustAdd(b *model.Batch, rec any, p model.Prepared) {
	if err := b.Add(rec, p); err != nil {
		panic(fmt.Sprintf("connector: unexpected record type %T", rec))
	}
}

// rowKeys reads a record's id and timestamp straight from its JSON, for
// when mapping failed before it found them.
func rowKeys(raw json.RawMessage, st *stream) (int64, string) {
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return 0, ""
	}
	var id int64
	if v, ok := m[st.idField]; ok {
		s := strings.Trim(string(v), `"`)
		id, _ = strconv.ParseInt(s, 10, 64)
	}
	var ts string
	if v, ok := m[st.timeField]; ok {
		_ = json.Unmarshal(v, &ts)
	}
	return id, ts
}

// mapPage maps every raw record of a page, in Magento's order. A record
// that fails to map is recorded as a SyncError so the user sees it and the
// run goes on; it is still stored when the mapper could read its id (the
// mapper returns what it could read). Rows with failed set are only
// cursor positions.
func (e *Engine) mapPage(st *stream, items []json.RawMessage) (rows []row, errs []model.SyncError) {
	rows = make([]row, 0, len(items))
	now := e.nowUTC()
	for _, raw := range items {
		r, err := st.mapRow(raw)
		mappedID := r.id
		if r.id == 0 || r.ts == "" {
			id, ts := rowKeys(raw, st)
			if r.id == 0 {
				r.id = id
			}
			if r.ts == "" {
				r.ts = ts
			}
		}
		if err != nil {
			errs = append(errs, model.SyncError{ChannelID: e.ch.ID, Entity: st.entity, MagentoID: r.id,
				LastError: err.Error(), Attempts: 1, FirstAt: now, LastAt: now})
			e.log.Warn("record did not map", "entity", st.entity, "id", r.id, "error", err)
			r.failed = true
			r.keep = mappedID != 0
		} else {
			r.keep = true
		}
		rows = append(rows, r)
	}
	return rows, errs
}

func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}
