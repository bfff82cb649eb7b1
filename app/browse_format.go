package app

import (
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // store time zones must resolve on machines without a zoneinfo database (Windows)

	"github.com/magedesk/magedesk/model"
)

// magentoTime is the layout of every time Magento sends and we store (UTC).
const magentoTime = "2006-01-02 15:04:05"

// currencySymbols maps the currencies shop owners meet most often to the
// symbol they expect; symbols written before the amount. A trailing space
// means the symbol is set apart from the digits ("€ 99.90").
var currencySymbols = map[string]string{
	"USD": "$",
	"CAD": "CA$",
	"AUD": "A$",
	"NZD": "NZ$",
	"GBP": "£",
	"EUR": "€ ",
	"JPY": "¥",
	"CNY": "CN¥",
	"INR": "₹",
	"CHF": "CHF ",
	"SEK": "SEK ",
	"NOK": "NOK ",
	"DKK": "DKK ",
	"PLN": "PLN ",
	"BRL": "R$",
	"MXN": "MX$",
}

// zeroDecimalCurrencies are shown without minor units, as Magento's admin does.
var zeroDecimalCurrencies = map[string]bool{"JPY": true, "KRW": true, "VND": true, "CLP": true, "ISK": true}

// FormatMoney prints ten-thousandths of a currency unit for people:
// "$1,234.50", "€ 99.90", "-$5.00", "XYZ 12.00" for codes we have no symbol
// for. Rounding is integer-only (model.FixedUnits); no float ever touches money.
func FormatMoney(units int64, currency string) string {
	decimals := 2
	if zeroDecimalCurrencies[currency] {
		decimals = 0
	}
	digits := model.FixedUnits(units, decimals)
	neg := strings.HasPrefix(digits, "-")
	digits = strings.TrimPrefix(digits, "-")
	whole, frac, hasFrac := strings.Cut(digits, ".")
	s := GroupDigits(whole)
	if hasFrac {
		s += "." + frac
	}
	sym, ok := currencySymbols[currency]
	switch {
	case ok:
		s = sym + s
	case currency != "":
		s = currency + " " + s
	}
	if neg {
		s = "-" + s
	}
	return s
}

// FormatAmount prints a Money as FormatMoney does; an amount Magento did
// not send shows as an empty string rather than "$0.00".
func FormatAmount(m model.Money, currency string) string {
	if !m.Valid() {
		return ""
	}
	return FormatMoney(m.Units, currency)
}

// GroupDigits puts thousands separators into a run of digits: "1234567" →
// "1,234,567". A leading minus sign is kept.
func GroupDigits(digits string) string {
	sign := ""
	if strings.HasPrefix(digits, "-") {
		sign, digits = "-", digits[1:]
	}
	if len(digits) <= 3 {
		return sign + digits
	}
	var b strings.Builder
	b.WriteString(sign)
	head := len(digits) % 3
	if head == 0 {
		head = 3
	}
	b.WriteString(digits[:head])
	for i := head; i < len(digits); i += 3 {
		b.WriteByte(',')
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// FormatCount prints an integer with thousands separators.
func FormatCount(n int64) string { return GroupDigits(strconv.FormatInt(n, 10)) }

// FormatQty prints a decimal quantity as Magento sends it ("2.0000") the way
// people write it ("2", "1.5").
func FormatQty(q string) string {
	q = strings.TrimSpace(q)
	if q == "" {
		return ""
	}
	m, err := model.ParseMoney(q)
	if err != nil {
		return q
	}
	return model.FormatUnits(m.Units)
}

// ParseMagentoTime reads a stored UTC time; ok is false for "" or garbage.
func ParseMagentoTime(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation(magentoTime, s, time.UTC)
	if err != nil {
		// Some stores send ISO 8601 ("2024-01-02T03:04:05+00:00").
		if t2, err2 := time.Parse(time.RFC3339, s); err2 == nil {
			return t2.UTC(), true
		}
		return time.Time{}, false
	}
	return t, true
}

// FormatTime shows a stored UTC time in the store's zone, to the minute.
// Unparsable values are shown as stored so nothing is hidden.
func FormatTime(utc string, loc *time.Location) string {
	t, ok := ParseMagentoTime(utc)
	if !ok {
		return utc
	}
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc).Format("2006-01-02 15:04")
}

// FormatDate shows only the local day of a stored UTC time.
func FormatDate(utc string, loc *time.Location) string {
	t, ok := ParseMagentoTime(utc)
	if !ok {
		return utc
	}
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc).Format("2006-01-02")
}

// UTCString prints a time as we store it (Magento's UTC layout).
func UTCString(t time.Time) string { return t.UTC().Format(magentoTime) }

// LocalDayBounds turns a range of local calendar days [first, last] (both
// inclusive, as a user picks them) into the UTC bounds [from, to) used in
// queries. A zero first or last leaves that side open ("").
func LocalDayBounds(first, last time.Time, loc *time.Location) (from, to string) {
	if loc == nil {
		loc = time.UTC
	}
	if !first.IsZero() {
		y, m, d := first.Date()
		from = UTCString(time.Date(y, m, d, 0, 0, 0, 0, loc))
	}
	if !last.IsZero() {
		y, m, d := last.Date()
		to = UTCString(time.Date(y, m, d+1, 0, 0, 0, 0, loc))
	}
	return from, to
}

// LoadLocation resolves an IANA zone name; unknown or empty names fall back
// to UTC so a store with a bad setting still shows its data.
func LoadLocation(name string) *time.Location {
	if name == "" {
		return time.UTC
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return loc
}
