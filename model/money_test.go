package model

import (
	"encoding/json"
	"testing"
)

func TestParseMoneyKeepsTextAndExactUnits(t *testing.T) {
	cases := []struct {
		in    string
		units int64
	}{
		{"165", 1650000},
		{"19.99", 199900},
		{"0.1250", 1250},
		{"-5.5", -55000},
		{"0.00005", 1},   // rounds half away from zero
		{"-0.00005", -1}, // symmetric for negatives
		{"0.00004", 0},   // below a ten-thousandth
		{"12345678.9", 123456789000},
	}
	for _, c := range cases {
		m, err := ParseMoney(c.in)
		if err != nil {
			t.Fatalf("ParseMoney(%q): %v", c.in, err)
		}
		if m.Units != c.units || m.Text != c.in {
			t.Errorf("ParseMoney(%q) = %+v, want units %d and text kept", c.in, m, c.units)
		}
	}
}

func TestParseMoneyRefusesNonDecimals(t *testing.T) {
	for _, in := range []string{"abc", "1e3", "1/2", "12,50"} {
		if _, err := ParseMoney(in); err == nil {
			t.Errorf("ParseMoney(%q) accepted a non-decimal", in)
		}
	}
}

func TestMoneyDecodesNumbersStringsAndNull(t *testing.T) {
	var v struct {
		A, B, C, D Money
	}
	if err := json.Unmarshal([]byte(`{"A":165,"B":"19.990","C":null}`), &v); err != nil {
		t.Fatal(err)
	}
	if v.A.Units != 1650000 || v.B.Units != 199900 || v.B.Text != "19.990" {
		t.Errorf("decoded %+v %+v", v.A, v.B)
	}
	if v.C.Valid() || v.D.Valid() {
		t.Errorf("null and absent must stay invalid: %+v %+v", v.C, v.D)
	}
	out, _ := json.Marshal(v)
	if string(out) != `{"A":165,"B":19.990,"C":null,"D":null}` {
		t.Errorf("re-encoded as %s", out)
	}
}

func TestFormatting(t *testing.T) {
	if got := MoneyFromUnits(1234500).Text; got != "123.45" {
		t.Errorf("FormatUnits = %q", got)
	}
	if got := FixedUnits(199950, 2); got != "20.00" {
		t.Errorf("FixedUnits rounding = %q", got)
	}
	if got := FixedUnits(-49, 2); got != "0.00" {
		t.Errorf("tiny negative shows %q", got)
	}
	if got := MustMoney("10.1").Add(MustMoney("0.2")); got.Units != 103000 || got.Text != "10.3" {
		t.Errorf("Add = %+v", got)
	}
}
