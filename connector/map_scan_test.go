package connector

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/magedesk/magedesk/model"
)

// scanInputs are the Magento samples plus awkward cases (escapes,
// brackets inside strings, escaped member names, deep nesting).
func scanInputs(t testing.TB) [][]byte {
	files, err := filepath.Glob(filepath.Join("testdata", "magento-samples", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatal("no samples", err)
	}
	inputs := [][]byte{
		[]byte(`{"a\"b":"x}]\"[{","n":-1.5e3,"arr":[{"k":"]"},[],{}],"t":true,"z":null ,"u":"\u00fc"}`),
		[]byte(" { } "),
		[]byte(`{"nested":{"deep":{"deeper":[1,[2,[3]]]}}}`),
		[]byte(`[0, -0.5, 1E+2, 2e-3, "\/\b\f\n\r\t", false]`),
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, b)
	}
	return inputs
}

// The parse must see the same members and elements as encoding/json, at
// every nesting level.
func TestParseJSONAgreesWithEncodingJSON(t *testing.T) {
	for _, in := range scanInputs(t) {
		d, err := parseJSON(in, maxJSONDepth)
		if err != nil {
			t.Fatalf("parseJSON(%.40s): %v", in, err)
		}
		var want any
		if err := json.Unmarshal(in, &want); err != nil {
			t.Fatal(err)
		}
		compareNode(t, d, d.root(), want, "$")
		d.release()
	}
}

func compareNode(t *testing.T, d *jsonDoc, n *jsonNode, want any, path string) {
	t.Helper()
	switch w := want.(type) {
	case map[string]any:
		mem := d.members(n)
		if len(mem) != len(w) {
			t.Fatalf("%s: %d members, want %d", path, len(mem), len(w))
		}
		o := &obj{doc: d, mem: mem, errs: new([]FieldError)}
		for k, v := range w {
			m := o.find(k)
			if m == nil {
				t.Fatalf("%s: member %q not found", path, k)
			}
			compareNode(t, d, m, v, path+"."+k)
		}
	case []any:
		mem := d.members(n)
		if len(mem) != len(w) {
			t.Fatalf("%s: %d elements, want %d", path, len(mem), len(w))
		}
		for i := range w {
			compareNode(t, d, &mem[i], w[i], fmt.Sprintf("%s[%d]", path, i))
		}
	default:
		var got any
		if err := json.Unmarshal(d.raw(n), &got); err != nil || fmt.Sprint(got) != fmt.Sprint(w) {
			t.Fatalf("%s: %s (%v), want %v", path, d.raw(n), err, w)
		}
	}
}

// The parse accepts exactly what json.Valid accepts: every cut of a
// sample and thousands of random byte changes.
func TestParseJSONValidatesLikeEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	swaps := []byte(`{}[]",:\ 0-.eE+tfnu\x01a1`)
	for _, in := range scanInputs(t) {
		for cut := 0; cut < len(in); cut += max(1, len(in)/300) {
			checkValidity(t, in[:cut])
		}
		for range 2000 {
			b := bytes.Clone(in)
			for range 1 + r.IntN(3) {
				b[r.IntN(len(b))] = swaps[r.IntN(len(swaps))]
			}
			checkValidity(t, b)
		}
	}
	for _, s := range []string{``, ` `, `01`, `1.`, `.5`, `-`, `1e`, `+1`, `"\x"`, `"\u12"`, "\"\t\"", "\"\x01\"", `tru`, `nul`, `[1,]`, `{"a":1,}`, `{"a" 1}`, `{1:2}`, `[1 2]`, `1 2`, `{"a":1}}`, `[[[]]`, "\"\xff\"", `-0`, `1E400`} {
		checkValidity(t, []byte(s))
	}
}

func checkValidity(t *testing.T, b []byte) {
	t.Helper()
	d, err := parseJSON(b, maxJSONDepth)
	d.release()
	if want := json.Valid(b); (err == nil) != want {
		t.Fatalf("parseJSON(%q) error %v, json.Valid %v", b, err, want)
	}
}

func FuzzParseJSON(f *testing.F) {
	for _, in := range scanInputs(f) {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkValidity(t, b)
	})
}

func TestParseJSONDepthLimit(t *testing.T) {
	deep := bytes.Repeat([]byte("["), maxJSONDepth+1)
	deep = append(deep, bytes.Repeat([]byte("]"), maxJSONDepth+1)...)
	if _, err := parseJSON(deep, 1); err == nil {
		t.Error("nesting beyond the limit accepted")
	}
}

func TestNewRecordRefusesNonObjects(t *testing.T) {
	for _, in := range []string{`[1]`, `"s"`, `12`, `null`, ``, `{"a":1`} {
		if _, err := newRecord([]byte(in)); err == nil {
			t.Errorf("newRecord(%q) accepted", in)
		}
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
