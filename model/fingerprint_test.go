package model

import (
	"fmt"
	"testing"
)

func TestFingerprintTellsContentApart(t *testing.T) {
	order := []byte(`{"entity_id":42,"status":"pending","grand_total":10.5}`)
	changed := []byte(`{"entity_id":42,"status":"processing","grand_total":10.5}`)
	if fingerprint(order) != fingerprint(append([]byte(nil), order...)) {
		t.Fatal("same bytes, different fingerprints")
	}
	if fingerprint(order) == fingerprint(changed) {
		t.Fatal("a changed status kept its fingerprint")
	}
	// Parts are separated: moving a byte across the boundary changes it.
	if fingerprint([]byte("ab"), []byte("c")) == fingerprint([]byte("a"), []byte("bc")) {
		t.Fatal("part boundaries ignored")
	}
	if fingerprint([]byte("a"), nil) == fingerprint([]byte("a")) {
		t.Fatal("an empty last part ignored")
	}
	// No collisions among many near-identical records (one digit apart).
	seen := map[int64]string{}
	for i := range 200000 {
		s := fmt.Sprintf(`{"entity_id":%d,"grand_total":"%d.00"}`, i%1000, i)
		h := fingerprint([]byte(s))
		if prev, dup := seen[h]; dup {
			t.Fatalf("%s and %s share fingerprint %x", prev, s, h)
		}
		seen[h] = s
	}
}

// Stored rows keep their fingerprint across releases: a change of the
// function would make every re-delivered record count as updated once.
// The low half is the IEEE CRC-32 of the same bytes (zlib.crc32 agrees).
func TestFingerprintIsStable(t *testing.T) {
	if got, want := fingerprint([]byte("magedesk-mapping-1"), []byte(`{}`)), int64(0x16c01623325757f4); got != want {
		t.Fatalf("fingerprint changed: %#x, was %#x", got, want)
	}
}
