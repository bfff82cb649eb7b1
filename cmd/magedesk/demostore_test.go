package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestDemoStoreServesUntilCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- runDemoStore(ctx, []string{"--customers", "20", "--carts", "20", "--orders", "30", "--subscribers", "10",
			"--products", "20", "--seed", "3", "--no-bearer=false"}, pw)
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	var base, token string
	for sc.Scan() && (base == "" || token == "") {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, "Base URL:"); ok {
			base = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(line, "Bearer token:"); ok {
			token = strings.Fields(v)[0]
		}
	}
	go io.Copy(io.Discard, pr)
	if !strings.HasPrefix(base, "http://127.0.0.1:") || token == "" {
		t.Fatalf("banner: base %q token %q", base, token)
	}
	req, _ := http.NewRequest("GET", base+"/rest/V1/orders?searchCriteria[pageSize]=1", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), `"total_count":30`) {
		t.Fatalf("orders: %d %.200s", resp.StatusCode, b)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("runDemoStore: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("demo-store did not stop on cancel")
	}
}

func TestDemoStoreRejectsUnknownSize(t *testing.T) {
	if err := runDemoStore(context.Background(), []string{"--size", "XXL"}, io.Discard); err == nil {
		t.Fatal("unknown size accepted")
	}
}
