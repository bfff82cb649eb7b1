package connector

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/magedesk/magedesk/model"
)

// splitObject/splitArray must agree with encoding/json on every sample
// and on the awkward cases (escapes, brackets inside strings).
func TestSplitterAgreesWithEncodingJSON(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "magento-samples", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatal("no samples", err)
	}
	inputs := [][]byte{
		[]byte(`{"a\"b":"x}]\"[{","n":-1.5e3,"arr":[{"k":"]"},[],{}],"t":true,"z":null ,"u":"\u00fc"}`),
		[]byte(" { } "),
		[]byte(`{"nested":{"deep":{"deeper":[1,[2,[3]]]}}}`),
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, b)
	}
	for _, in := range inputs {
		trimmed := bytes.TrimSpace(in)
		if trimmed[0] == '[' {
			var want []json.RawMessage
			if err := json.Unmarshal(in, &want); err != nil {
				t.Fatal(err)
			}
			got, err := splitArray(in)
			if err != nil || len(got) != len(want) {
				t.Fatalf("splitArray: %d elements (%v), want %d", len(got), err, len(want))
			}
			for i := range want {
				if !bytes.Equal(bytes.TrimSpace(got[i]), bytes.TrimSpace(want[i])) {
					t.Errorf("element %d: %s vs %s", i, got[i], want[i])
				}
			}
			continue
		}
		var want map[string]json.RawMessage
		if err := json.Unmarshal(in, &want); err != nil {
			t.Fatal(err)
		}
		got, err := splitObject(in)
		if err != nil || len(got) != len(want) {
			t.Fatalf("splitObject(%.40s): %d keys (%v), want %d", in, len(got), err, len(want))
		}
		for k, v := range want {
			if !bytes.Equal(bytes.TrimSpace(got[k]), bytes.TrimSpace(v)) {
				t.Errorf("key %q: %s vs %s", k, got[k], v)
			}
		}
	}
}

func TestSplitterRefusesNonObjects(t *testing.T) {
	for _, in := range []string{`[1]`, `"s"`, `12`, `null`, ``} {
		if _, err := splitObject([]byte(in)); err == nil {
			t.Errorf("splitObject(%q) accepted", in)
		}
	}
	if _, err := splitObject([]byte(`{"a":1`)); err == nil {
		t.Error("unterminated object accepted")
	}
}

func TestFastMoneyMatchesModelParseMoney(t *testing.T) {
	for _, s := range []string{"0", "165", "19.99", "-5.5", "0.1250", "12345678901234.9999", "1.23456", "1e3", "00.5", ".5", "5.", "-0", "99999999999999999"} {
		want, werr := modelParse(s)
		got, gerr := moneyFromRaw(json.RawMessage(s))
		if (werr != nil) != (gerr != nil) || got != want {
			t.Errorf("%s: fast %+v %v, model %+v %v", s, got, gerr, want, werr)
		}
		quoted, qerr := moneyFromRaw(json.RawMessage(`"` + s + `"`))
		if (werr != nil) != (qerr != nil) || quoted != want {
			t.Errorf("%q: fast %+v %v, model %+v %v", s, quoted, qerr, want, werr)
		}
	}
	if m, err := moneyFromRaw(json.RawMessage(`" "`)); err != nil || m.Valid() {
		t.Errorf("blank string = %+v %v", m, err)
	}
}

func modelParse(s string) (model.Money, error) { return model.ParseMoney(s) }
