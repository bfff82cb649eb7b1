package app

import (
	"testing"
	"time"
)

func TestFormatMoneyUsesSymbolGroupingAndExactRounding(t *testing.T) {
	cases := []struct {
		units    int64
		currency string
		want     string
	}{
		{12345000, "USD", "$1,234.50"},
		{999000, "EUR", "€ 99.90"},
		{-50000, "USD", "-$5.00"},
		{0, "GBP", "£0.00"},
		{1234567890000, "USD", "$123,456,789.00"},
		{125, "USD", "$0.01"}, // 0.0125 rounds half away from zero
		{124, "USD", "$0.01"},
		{49, "USD", "$0.00"},
		{1200000, "XYZ", "XYZ 120.00"},
		{1200000, "", "120.00"},
		{12345000, "JPY", "¥1,235"},
	}
	for _, c := range cases {
		if got := FormatMoney(c.units, c.currency); got != c.want {
			t.Errorf("FormatMoney(%d, %q) = %q, want %q", c.units, c.currency, got, c.want)
		}
	}
}

func TestGroupDigits(t *testing.T) {
	for in, want := range map[string]string{
		"0": "0", "999": "999", "1000": "1,000", "123456": "123,456",
		"1234567": "1,234,567", "-1234": "-1,234", "-123": "-123",
	} {
		if got := GroupDigits(in); got != want {
			t.Errorf("GroupDigits(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFormatQtyDropsTrailingZeros(t *testing.T) {
	for in, want := range map[string]string{"2.0000": "2", "1.5": "1.5", "": "", "abc": "abc"} {
		if got := FormatQty(in); got != want {
			t.Errorf("FormatQty(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFormatTimeShowsStoreZone(t *testing.T) {
	ny := LoadLocation("America/New_York")
	if got := FormatTime("2026-07-01 03:30:00", ny); got != "2026-06-30 23:30" {
		t.Errorf("FormatTime in New York = %q", got)
	}
	if got := FormatDate("2026-01-01 03:30:00", ny); got != "2025-12-31" {
		t.Errorf("FormatDate in New York = %q", got)
	}
	if got := FormatTime("", ny); got != "" {
		t.Errorf("empty time shown as %q", got)
	}
	if LoadLocation("Nowhere/Bogus") != time.UTC {
		t.Error("unknown zone should fall back to UTC")
	}
}

func TestLocalDayBoundsAreLocalMidnights(t *testing.T) {
	berlin := LoadLocation("Europe/Berlin")
	from, to := LocalDayBounds(time.Date(2026, 3, 1, 15, 0, 0, 0, time.UTC), time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC), berlin)
	// March 1 00:00 CET = Feb 28 23:00 UTC; April 1 00:00 CEST = Mar 31 22:00 UTC.
	if from != "2026-02-28 23:00:00" || to != "2026-03-31 22:00:00" {
		t.Errorf("bounds = %q, %q", from, to)
	}
	if f, tt := LocalDayBounds(time.Time{}, time.Time{}, berlin); f != "" || tt != "" {
		t.Errorf("open bounds = %q, %q", f, tt)
	}
}

func TestNewPeriodComputesLocalDaysAndPreviousPeriod(t *testing.T) {
	la := LoadLocation("America/Los_Angeles")
	// 2026-11-27 05:00 UTC is still Nov 26 in Los Angeles.
	now := time.Date(2026, 11, 27, 5, 0, 0, 0, time.UTC)

	p, err := NewPeriod(PeriodToday, now, la, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if p.From != "2026-11-26 08:00:00" || p.To != "2026-11-27 08:00:00" || p.PrevFrom != "2026-11-25 08:00:00" || p.Days != 1 {
		t.Errorf("today = %+v", p)
	}

	p, _ = NewPeriod(PeriodLast7, now, la, time.Time{}, time.Time{})
	if p.From != "2026-11-20 08:00:00" || p.To != "2026-11-27 08:00:00" || p.PrevFrom != "2026-11-13 08:00:00" {
		t.Errorf("last 7 = %+v", p)
	}

	p, _ = NewPeriod(PeriodThisMonth, now, la, time.Time{}, time.Time{})
	if p.Days != 26 || p.From != "2026-11-01 07:00:00" || p.To != "2026-11-27 08:00:00" {
		// Nov 1 is still PDT (DST ends that day at 2am), hence 07:00 UTC.
		t.Errorf("this month = %+v", p)
	}
	if p.PrevFrom != "2026-10-06 07:00:00" {
		t.Errorf("this month previous from = %q", p.PrevFrom)
	}

	p, err = NewPeriod(PeriodCustom, now, la, time.Date(2026, 3, 7, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	// DST starts Mar 8 2026 in the US: the first day is PST, the end PDT.
	if p.Days != 3 || p.From != "2026-03-07 08:00:00" || p.To != "2026-03-10 07:00:00" {
		t.Errorf("custom across DST = %+v", p)
	}
	if p.DayStart(2).Format("2006-01-02 15:04 MST") != "2026-03-09 00:00 PDT" {
		t.Errorf("day 2 starts %v", p.DayStart(2))
	}

	if _, err := NewPeriod(PeriodCustom, now, la, time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 7, 0, 0, 0, 0, time.UTC)); err == nil {
		t.Error("reversed custom period accepted")
	}
}
