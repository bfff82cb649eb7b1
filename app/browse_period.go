package app

import (
	"fmt"
	"time"
)

// PeriodKind names the dashboard's period choices.
type PeriodKind string

const (
	PeriodToday     PeriodKind = "today"
	PeriodLast7     PeriodKind = "last7"
	PeriodLast30    PeriodKind = "last30"
	PeriodThisMonth PeriodKind = "month"
	PeriodCustom    PeriodKind = "custom"
)

// PeriodChoices are the kinds in the order the dashboard offers them, with
// their labels.
var PeriodChoices = []struct {
	Kind  PeriodKind
	Label string
}{
	{PeriodToday, "Today"},
	{PeriodLast7, "Last 7 days"},
	{PeriodLast30, "Last 30 days"},
	{PeriodThisMonth, "This month"},
	{PeriodCustom, "Custom"},
}

// Period is a range of whole local days in a store's time zone and the
// previous range of the same length it is compared with. From/To are UTC
// bounds [From, To) in the stored layout, ready for SQL.
type Period struct {
	Kind      PeriodKind
	Loc       *time.Location
	FirstDay  time.Time // local midnight of the first day
	Days      int       // number of local days covered
	From, To  string    // UTC [From, To)
	PrevFrom  string    // UTC start of the previous period (PrevTo == From)
	PrevFirst time.Time // local midnight of the previous period's first day
}

// Label describes the period for people, e.g. "Nov 20 – Nov 26, 2026".
func (p Period) Label() string {
	last := p.FirstDay.AddDate(0, 0, p.Days-1)
	if p.Days == 1 {
		return p.FirstDay.Format("Mon Jan 2, 2006")
	}
	return p.FirstDay.Format("Jan 2") + " – " + last.Format("Jan 2, 2006")
}

// PreviousLabel describes the comparison period.
func (p Period) PreviousLabel() string {
	prev := Period{FirstDay: p.PrevFirst, Days: p.Days}
	return prev.Label()
}

// DayStart returns the local midnight of day i of the period (0-based), so
// a chart can label its buckets.
func (p Period) DayStart(i int) time.Time {
	y, m, d := p.FirstDay.Date()
	return time.Date(y, m, d+i, 0, 0, 0, 0, p.Loc)
}

// NewPeriod computes the period of the given kind ending today (in loc) as
// of now. For PeriodCustom, first and last are the chosen days (inclusive,
// any zone: only their calendar dates count). Days are counted in loc, so a
// day is 23 or 25 hours long across a DST change, as the store sees it.
func NewPeriod(kind PeriodKind, now time.Time, loc *time.Location, first, last time.Time) (Period, error) {
	if loc == nil {
		loc = time.UTC
	}
	ny, nm, nd := now.In(loc).Date()
	today := time.Date(ny, nm, nd, 0, 0, 0, 0, loc)
	var start time.Time
	days := 0
	switch kind {
	case PeriodToday:
		start, days = today, 1
	case PeriodLast7:
		start, days = today.AddDate(0, 0, -6), 7
	case PeriodLast30:
		start, days = today.AddDate(0, 0, -29), 30
	case PeriodThisMonth:
		// Month to date, compared with the same number of days before it.
		start = time.Date(ny, nm, 1, 0, 0, 0, 0, loc)
		days = nd
	case PeriodCustom:
		if first.IsZero() || last.IsZero() {
			return Period{}, fmt.Errorf("custom period: both first and last day are needed")
		}
		fy, fm, fd := first.Date()
		ly, lm, ld := last.Date()
		start = time.Date(fy, fm, fd, 0, 0, 0, 0, loc)
		end := time.Date(ly, lm, ld, 0, 0, 0, 0, loc)
		if end.Before(start) {
			return Period{}, fmt.Errorf("custom period: last day %s is before first day %s",
				end.Format("2006-01-02"), start.Format("2006-01-02"))
		}
		// Count calendar days, not 24h spans (DST).
		for d := start; !d.After(end); d = d.AddDate(0, 0, 1) {
			days++
		}
	default:
		return Period{}, fmt.Errorf("unknown period %q", kind)
	}
	y, m, d := start.Date()
	end := time.Date(y, m, d+days, 0, 0, 0, 0, loc)
	prev := time.Date(y, m, d-days, 0, 0, 0, 0, loc)
	return Period{
		Kind:      kind,
		Loc:       loc,
		FirstDay:  start,
		Days:      days,
		From:      UTCString(start),
		To:        UTCString(end),
		PrevFrom:  UTCString(prev),
		PrevFirst: prev,
	}, nil
}
