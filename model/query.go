package model

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode"
)

// ListQuery filters, sorts and pages a list; everything happens in SQL.
type ListQuery struct {
	ChannelID int64  // 0 = all channels
	Search    string // words matched as prefixes against names, email, numbers, SKUs (case-insensitive)
	Status    string // entity-specific status filter ("" = any)
	WebsiteID int64  // 0 = any
	From, To  string // UTC bounds on created_at, From inclusive, To exclusive ("" = open)
	GuestOnly *bool  // orders, carts: true = guests only, false = registered only
	Sort      string // key from the entity's sort whitelist; unknown keys fall back to the default
	Desc      bool
	Offset    int
	Limit     int // 0 = 50; capped at 1000
}

const (
	defaultLimit = 50
	maxLimit     = 1000
)

// listSpec describes how one entity's list maps ListQuery to SQL.
type listSpec struct {
	alias   string // table alias in from
	from    string // FROM clause (with joins the row needs)
	created string // column for From/To ("" = no date filter)
	fts     string // full-text table (rowid = alias.id), "" = LIKE search
	email   string // lower-cased email column searched by prefix when the search has an '@'
	like    []string
	website string // condition with one ? for WebsiteID
	guest   string // condition meaning "guest"
	status  func(status string) (string, []any, error)
	sorts   map[string]string
	sortDef string
	descDef bool
	extra   string // fixed condition (e.g. one customer's rows), "" = none
	// smallSet marks lists filtered by extra to a few rows (one customer's
	// orders): the sort then must not walk a date index of the whole
	// table, so sort columns get SQLite's "+" (no index) prefix.
	smallSet   bool
	extraArgs  []any
	selectArgs []any // args for placeholders in the select list (e.g. the abandoned cutoff)
}

// where builds the WHERE clause (with leading " WHERE ") and its args.
func (sp *listSpec) where(q ListQuery) (string, []any, error) {
	var conds []string
	var args []any
	a := sp.alias
	if sp.extra != "" {
		conds = append(conds, sp.extra)
		args = append(args, sp.extraArgs...)
	}
	if q.ChannelID != 0 {
		conds = append(conds, a+".channel_id = ?")
		args = append(args, q.ChannelID)
	}
	if q.Search != "" {
		if sp.email != "" && strings.Contains(q.Search, "@") {
			// An email (or its start) is looked up on the email index:
			// as words, "example" and "com" would match nearly every row.
			lo := strings.ToLower(strings.TrimSpace(q.Search))
			conds = append(conds, sp.email+" >= ? AND "+sp.email+" < ?")
			args = append(args, lo, lo+"\U0010FFFF")
		} else if sp.fts != "" {
			if m := ftsQuery(q.Search); m != "" {
				conds = append(conds, a+".id IN (SELECT rowid FROM "+sp.fts+" WHERE "+sp.fts+" MATCH ?)")
				args = append(args, m)
			}
		} else if len(sp.like) > 0 {
			var ors []string
			pat := "%" + escapeLike(strings.ToLower(strings.TrimSpace(q.Search))) + "%"
			for _, c := range sp.like {
				ors = append(ors, "lower("+c+") LIKE ? ESCAPE '\\'")
				args = append(args, pat)
			}
			conds = append(conds, "("+strings.Join(ors, " OR ")+")")
		}
	}
	if q.Status != "" && sp.status != nil {
		c, sargs, err := sp.status(q.Status)
		if err != nil {
			return "", nil, err
		}
		if c != "" {
			conds = append(conds, c)
			args = append(args, sargs...)
		}
	}
	if q.WebsiteID != 0 && sp.website != "" {
		conds = append(conds, sp.website)
		args = append(args, q.WebsiteID)
	}
	if sp.created != "" {
		if q.From != "" {
			conds = append(conds, sp.created+" >= ?")
			args = append(args, q.From)
		}
		if q.To != "" {
			conds = append(conds, sp.created+" < ?")
			args = append(args, q.To)
		}
	}
	if q.GuestOnly != nil && sp.guest != "" {
		if *q.GuestOnly {
			conds = append(conds, sp.guest)
		} else {
			conds = append(conds, "NOT ("+sp.guest+")")
		}
	}
	if len(conds) == 0 {
		return "", args, nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args, nil
}

// orderBy maps the sort key through the whitelist; the row id breaks ties
// so paging is stable.
func (sp *listSpec) orderBy(q ListQuery) string {
	col, ok := sp.sorts[q.Sort]
	desc := q.Desc
	if !ok {
		col, desc = sp.sorts[sp.sortDef], sp.descDef
	}
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	var parts []string
	plus := ""
	if sp.smallSet {
		plus = "+"
	}
	for _, c := range strings.Split(col, ",") {
		parts = append(parts, plus+strings.TrimSpace(c)+dir)
	}
	return " ORDER BY " + strings.Join(parts, ", ") + ", " + plus + sp.alias + ".id" + dir
}

func limitOf(q ListQuery) (int, int) {
	l := q.Limit
	if l <= 0 {
		l = defaultLimit
	}
	if l > maxLimit {
		l = maxLimit
	}
	off := q.Offset
	if off < 0 {
		off = 0
	}
	return l, off
}

// list runs SELECT <selectList> for a page and hands each row to scan.
func (s *Store) list(ctx context.Context, what string, sp *listSpec, selectList string, q ListQuery, scan func(*sql.Rows) error) error {
	where, args, err := sp.where(q)
	if err != nil {
		return fmt.Errorf("list %s: %w", what, err)
	}
	limit, offset := limitOf(q)
	if s.fewMatches(ctx, sp, q) {
		few := *sp
		few.smallSet = true
		sp = &few
	}
	query := "SELECT " + selectList + " FROM " + sp.from + where + sp.orderBy(q) + " LIMIT ? OFFSET ?"
	all := append(append(append([]any{}, sp.selectArgs...), args...), limit, offset)
	rows, err := s.r.QueryContext(ctx, query, all...)
	if err != nil {
		return fmt.Errorf("list %s: %w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("list %s: %w", what, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list %s: %w", what, err)
	}
	return nil
}

// fewMatchesCap is the number of search matches up to which a page is
// built from the matches (look up each, sort) rather than by walking the
// sort index and testing each row against the match set.
const fewMatchesCap = 2000

// fewMatches reports whether the search box matches few rows. Without
// statistics SQLite always walks the sort index, which is right for
// common words but scans the whole table for a rare one (an order number).
func (s *Store) fewMatches(ctx context.Context, sp *listSpec, q ListQuery) bool {
	if sp.fts == "" || q.Search == "" || (sp.email != "" && strings.Contains(q.Search, "@")) {
		return false
	}
	m := ftsQuery(q.Search)
	if m == "" {
		return false
	}
	var n int
	err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT rowid FROM "+sp.fts+" WHERE "+sp.fts+" MATCH ? LIMIT ?)",
		m, fewMatchesCap+1).Scan(&n)
	return err == nil && n <= fewMatchesCap
}

// count runs SELECT count(*) with the same filter.
func (s *Store) count(ctx context.Context, what string, sp *listSpec, q ListQuery) (int, error) {
	where, args, err := sp.where(q)
	if err != nil {
		return 0, fmt.Errorf("count %s: %w", what, err)
	}
	var n int
	if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM "+sp.from+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count %s: %w", what, err)
	}
	return n, nil
}

// ftsQuery turns what the user typed into an FTS5 query: every word
// (letters/digits, as the unicode61 tokenizer splits them) must match as a
// prefix. Returns "" when there is no word.
func ftsQuery(search string) string {
	words := strings.FieldsFunc(search, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) == 0 {
		return ""
	}
	for i, w := range words {
		words[i] = `"` + w + `"*`
	}
	return strings.Join(words, " ")
}

func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

// statusEquals is a status filter on one column with named values.
func statusEquals(column string, names map[string]any) func(string) (string, []any, error) {
	return func(st string) (string, []any, error) {
		v, ok := names[strings.ToLower(st)]
		if !ok {
			return "", nil, fmt.Errorf("unknown status %q", st)
		}
		return column + " = ?", []any{v}, nil
	}
}

// iterate streams every row matching q in id order, a page at a time
// (keyset on the local id, so late pages cost the same as early ones).
// q.Sort and q.Offset are ignored; q.Limit > 0 caps the number of rows.
func iterate[T any](ctx context.Context, sp *listSpec, q ListQuery, load func(tail string, args []any) ([]T, error),
	id func(*T) int64, fn func(T) error) error {
	where, args, err := sp.where(q)
	if err != nil {
		return err
	}
	if where == "" {
		where = " WHERE t.id > ?"
	} else {
		where += " AND t.id > ?"
	}
	const page = 500
	var last int64
	sent := 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rows, err := load(where+" ORDER BY t.id LIMIT ?", append(append([]any{}, args...), last, page))
		if err != nil {
			return err
		}
		for i := range rows {
			if q.Limit > 0 && sent >= q.Limit {
				return nil
			}
			if err := fn(rows[i]); err != nil {
				return err
			}
			sent++
			last = id(&rows[i])
		}
		if len(rows) < page {
			return nil
		}
	}
}

// fullName joins first and last name.
func fullName(first, last string) string {
	switch {
	case first == "":
		return last
	case last == "":
		return first
	}
	return first + " " + last
}
