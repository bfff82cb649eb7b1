package model

import (
	"fmt"
	"strings"
)

// Batched writes. Per-statement overhead (cgo, database/sql, SQLite VM
// setup) dominated ApplyBatch when every child row, search entry and
// lookup was its own statement, so within one batch:
//   - existing rows are looked up with one IN query per entity (preload);
//   - child rows and search entries are queued and written with multi-row
//     INSERTs at flush, after one DELETE … IN for the parents that were
//     updated (their old children);
//   - carts placed as orders are linked with one UPDATE … FROM (VALUES …).

// oldRow is what the preload knows about a stored row.
type oldRow struct {
	id    int64
	hash  int64
	extra []any // values of rowWrite.extra columns, in order
}

// preload reads (id, hash, extra…) of the stored rows of table among
// magentoIDs into a.known[table].
func (a *applier) preload(table string, magentoIDs []int64, extra []string) error {
	known := a.known[table]
	if known == nil {
		known = map[int64]*oldRow{}
		a.known[table] = known
	}
	sel := "SELECT magento_id, id, hash"
	for _, e := range extra {
		sel += ", " + e
	}
	sel += " FROM " + table + " WHERE channel_id = ? AND magento_id IN ("
	return eachIDChunk(magentoIDs, func(chunk []int64) error {
		args, in := appendIDs(append(make([]any, 0, 1+inShape(len(chunk))), a.ch), chunk)
		rows, err := a.query(sel+in+")", args...)
		if err != nil {
			return fmt.Errorf("preload %s: %w", table, err)
		}
		for rows.Next() {
			var mid int64
			r := &oldRow{extra: make([]any, len(extra))}
			dest := []any{&mid, &r.id, &r.hash}
			for i := range r.extra {
				dest = append(dest, &r.extra[i])
			}
			if err := rows.Scan(dest...); err != nil {
				rows.Close()
				return fmt.Errorf("preload %s: %w", table, err)
			}
			known[mid] = r
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("preload %s: %w", table, err)
		}
		return nil
	})
}

// assignExtra copies preloaded values into the caller's extra pointers.
func assignExtra(dst cols, vals []any) error {
	for i, c := range dst {
		switch p := c.ptr.(type) {
		case *string:
			switch v := vals[i].(type) {
			case string:
				*p = v
			case []byte:
				*p = string(v)
			case nil:
				*p = ""
			default:
				return fmt.Errorf("column %s: %T is not text", c.name, v)
			}
		case *int64:
			switch v := vals[i].(type) {
			case int64:
				*p = v
			case nil:
				*p = 0
			default:
				return fmt.Errorf("column %s: %T is not an integer", c.name, v)
			}
		default:
			return fmt.Errorf("column %s: unsupported extra %T", c.name, c.ptr)
		}
	}
	return nil
}

// childRow is a queued child row (or search entry: parent = rowid).
type childRow struct {
	parent int64
	cols   cols
}

type childTable struct {
	parentCol string
	rows      []childRow
	replace   []int64 // parents whose stored children are deleted first
}

func (a *applier) child(table, parentCol string) *childTable {
	t := a.children[table]
	if t == nil {
		t = &childTable{parentCol: parentCol}
		a.children[table] = t
		a.childOrder = append(a.childOrder, table)
	}
	return t
}

// resetChildren is called when a parent is (re)written: its stored
// children go at flush (when it existed), and children queued earlier in
// this batch (a record delivered twice) are dropped.
func (a *applier) resetChildren(table, parentCol string, parentID int64, existed bool) {
	t := a.child(table, parentCol)
	if existed {
		t.replace = append(t.replace, parentID)
	}
	if a.rewritten[parentKey{table, parentID}] {
		kept := t.rows[:0]
		for _, r := range t.rows {
			if r.parent != parentID {
				kept = append(kept, r)
			}
		}
		t.rows = kept
	}
	a.rewritten[parentKey{table, parentID}] = true
}

type parentKey struct {
	table string
	id    int64
}

func (a *applier) queueChild(table, parentCol string, parentID int64, cs cols) {
	t := a.child(table, parentCol)
	t.rows = append(t.rows, childRow{parent: parentID, cols: cs})
}

// flushChildren writes everything queued, table by table in first-use
// order: deletes of replaced children, then multi-row inserts.
func (a *applier) flushChildren() error {
	for _, name := range a.childOrder {
		t := a.children[name]
		err := eachIDChunk(t.replace, func(chunk []int64) error {
			args, in := appendIDs(make([]any, 0, inShape(len(chunk))), chunk)
			_, err := a.exec("DELETE FROM "+name+" WHERE "+t.parentCol+" IN ("+in+")", args...)
			return err
		})
		if err != nil {
			return err
		}
		if len(t.rows) > 0 {
			if err := a.insertRows(name, t.parentCol, t.rows); err != nil {
				return err
			}
		}
		t.rows, t.replace = t.rows[:0], t.replace[:0]
	}
	return nil
}

// insertRows writes rows with multi-row INSERTs of at most 64 rows and
// ~8000 parameters, in chunks of fixed sizes (rowChunks) so that each
// size's statement is prepared once per connection.
func (a *applier) insertRows(table, parentCol string, rows []childRow) error {
	names := append([]string{parentCol}, rows[0].cols.names()...)
	one := "(" + placeholders(len(names)) + ")"
	head := "INSERT INTO " + table + "(" + strings.Join(names, ", ") + ") VALUES "
	p := &a.args
	for _, size := range rowChunks(len(rows), min(64, 8000/len(names))) {
		p.reset()
		for _, r := range rows[:size] {
			p.int(r.parent)
			p.addCols(r.cols)
		}
		rows = rows[size:]
		if err := a.execPacked(a.s.rowsInsert(head, one, size)); err != nil {
			return err
		}
	}
	return nil
}

// rowsInsert is head followed by size copies of one (the row's
// placeholders), built once per statement shape rather than for every
// chunk (s.wmu held: only the writer calls it).
func (s *Store) rowsInsert(head, one string, size int) string {
	k := insertShape{head, size}
	if q, ok := s.insertSQL[k]; ok {
		return q
	}
	q := head + strings.Repeat(one+", ", size-1) + one
	if s.insertSQL == nil {
		s.insertSQL = map[insertShape]string{}
	}
	s.insertSQL[k] = q
	return q
}

type insertShape struct {
	head string
	size int
}

// queueSearch replaces the row's text in its full-text index at flush.
func (a *applier) queueSearch(table string, id int64, isNew bool, parts ...string) {
	fts := table + "_fts"
	a.resetChildren(fts, "rowid", id, !isNew)
	a.queueChild(fts, "rowid", id, cols{{"body", searchText(parts...)}})
}

// queueCartLink marks the order's quote Purchased at flush.
func (a *applier) queueCartLink(quoteID, orderMagentoID int64) {
	if quoteID != 0 {
		a.cartLinks = append(a.cartLinks, [2]int64{quoteID, orderMagentoID})
	}
}

func (a *applier) flushCartLinks() error {
	for start := 0; start < len(a.cartLinks); start += maxInList {
		chunk := a.cartLinks[start:min(start+maxInList, len(a.cartLinks))]
		n := inShape(len(chunk))
		args := make([]any, 0, 2*n+1)
		for i := range n {
			// Padded by repeating the last pair (it sets the same values).
			l := chunk[min(i, len(chunk)-1)]
			args = append(args, l[0], l[1])
		}
		args = append(args, a.ch)
		q := `UPDATE carts SET status = 'purchased', status_note = '', order_magento_id = v.column2
			FROM (VALUES ` + strings.Repeat("(?, ?), ", n-1) + `(?, ?)) AS v
			WHERE carts.channel_id = ? AND carts.magento_id = v.column1 AND carts.status <> 'purchased'`
		if _, err := a.exec(q, args...); err != nil {
			return err
		}
	}
	a.cartLinks = a.cartLinks[:0]
	return nil
}
