package model

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strings"
)

// MoneyScale is the number of integer units per currency unit we keep:
// Magento stores money as decimal(20,4), so ten-thousandths are exact.
const MoneyScale = 10000

// Money is an amount exactly as Magento sent it (Text, any number of
// decimals, e.g. "165", "19.99", "0.1250") plus the same amount in integer
// ten-thousandths (Units) so that sums never add floats. The zero value is
// "no amount" (Text == ""), which is different from "0".
type Money struct {
	Text  string
	Units int64
}

// ParseMoney reads a decimal number as Magento prints it ("165", "-5.5",
// "1e3" is refused). Digits past the fourth decimal are rounded half away
// from zero into Units; Text keeps them all.
func ParseMoney(s string) (Money, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Money{}, nil
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok || strings.ContainsAny(s, "eE/") {
		return Money{}, fmt.Errorf("money %q: not a decimal number", s)
	}
	r.Mul(r, big.NewRat(MoneyScale, 1))
	units, err := roundRat(r)
	if err != nil {
		return Money{}, fmt.Errorf("money %q: %w", s, err)
	}
	return Money{Text: s, Units: units}, nil
}

// MustMoney is ParseMoney for constants in code and tests.
func MustMoney(s string) Money {
	m, err := ParseMoney(s)
	if err != nil {
		panic(err)
	}
	return m
}

// MoneyFromUnits builds a Money from ten-thousandths, printing Text with
// the trailing zeros Magento would not print ("165", "19.99").
func MoneyFromUnits(u int64) Money {
	return Money{Text: FormatUnits(u), Units: u}
}

// FormatUnits prints ten-thousandths as a plain decimal without trailing zeros.
func FormatUnits(u int64) string {
	neg := u < 0
	if neg {
		u = -u
	}
	whole, frac := u/MoneyScale, u%MoneyScale
	s := fmt.Sprintf("%d", whole)
	if frac != 0 {
		s += strings.TrimRight(fmt.Sprintf(".%04d", frac), "0")
	}
	if neg {
		s = "-" + s
	}
	return s
}

// Valid reports whether the amount was present in Magento's answer.
func (m Money) Valid() bool { return m.Text != "" }

// Add returns m+o (Text recomputed from units).
func (m Money) Add(o Money) Money { return MoneyFromUnits(m.Units + o.Units) }

// Fixed prints the amount with exactly two decimals (for display), e.g. "165.00".
func (m Money) Fixed() string { return FixedUnits(m.Units, 2) }

// FixedUnits prints ten-thousandths with the given number of decimals (0..4), rounded.
func FixedUnits(u int64, decimals int) string {
	if decimals < 0 {
		decimals = 0
	}
	if decimals > 4 {
		decimals = 4
	}
	div := int64(1)
	for i := decimals; i < 4; i++ {
		div *= 10
	}
	neg := u < 0
	if neg {
		u = -u
	}
	q := (u + div/2) / div
	pow := int64(1)
	for i := 0; i < decimals; i++ {
		pow *= 10
	}
	s := fmt.Sprintf("%d", q/pow)
	if decimals > 0 {
		s += fmt.Sprintf(".%0*d", decimals, q%pow)
	}
	if neg && q != 0 {
		s = "-" + s
	}
	return s
}

// MoneyFromJSON reads a JSON number or numeric string (Magento sends
// numbers; some modules send strings). null or absent gives the zero Money.
func MoneyFromJSON(raw json.RawMessage) (Money, error) {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" {
		return Money{}, nil
	}
	if strings.HasPrefix(s, `"`) {
		var str string
		if err := json.Unmarshal(raw, &str); err != nil {
			return Money{}, err
		}
		s = str
	}
	return ParseMoney(s)
}

// UnmarshalJSON lets Money fields decode straight from Magento JSON.
func (m *Money) UnmarshalJSON(b []byte) error {
	v, err := MoneyFromJSON(b)
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// MarshalJSON writes the amount back as a JSON number exactly as received
// (null when absent).
func (m Money) MarshalJSON() ([]byte, error) {
	if !m.Valid() {
		return []byte("null"), nil
	}
	return []byte(m.Text), nil
}

func roundRat(r *big.Rat) (int64, error) {
	num, den := new(big.Int).Set(r.Num()), r.Denom()
	neg := num.Sign() < 0
	num.Abs(num)
	q, rem := new(big.Int).QuoRem(num, den, new(big.Int))
	if rem.Mul(rem, big.NewInt(2)).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if !q.IsInt64() {
		return 0, fmt.Errorf("out of range")
	}
	v := q.Int64()
	if neg {
		v = -v
	}
	return v, nil
}
