package connector

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func BenchmarkMapOrder(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("testdata", "magento-samples", "order.json"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := MapOrder(json.RawMessage(raw)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMapCustomer(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("testdata", "magento-samples", "customer.json"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := MapCustomer(json.RawMessage(raw)); err != nil {
			b.Fatal(err)
		}
	}
}
