package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/magedesk/magedesk/connector/magentosim"
)

func init() {
	register("demo-store", "serve a simulated Magento 2 store (demo data, faults) on loopback",
		func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
			return runDemoStore(ctx, args, stdout)
		})
}

// runDemoStore serves the Magento simulator until ctx is cancelled (SIGINT/SIGTERM).
func runDemoStore(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("demo-store", flag.ContinueOnError)
	fs.SetOutput(stdout)
	addr := fs.String("addr", "127.0.0.1:0", "listen address (loopback)")
	size := fs.String("size", "demo", `preset size: "demo" (~300 customers) or "L" (50k customers, 100k orders)`)
	seed := fs.Int64("seed", 1, "data seed (same seed, same store)")
	customers := fs.Int("customers", 0, "customers (overrides --size)")
	carts := fs.Int("carts", 0, "carts (overrides --size)")
	orders := fs.Int("orders", 0, "orders (overrides --size)")
	memos := fs.Int("creditmemos", 0, "credit memos (overrides --size)")
	subs := fs.Int("subscribers", 0, "newsletter subscribers (overrides --size)")
	products := fs.Int("products", 0, "products (overrides --size)")
	token := fs.String("token", "demo-token", "bearer token accepted")
	latency := fs.Duration("latency", 0, "added latency per request, e.g. 300ms")
	errRate := fs.Float64("error-rate", 0, "share of requests answered 500 (Magento Report ID body)")
	htmlRate := fs.Float64("html-rate", 0, "share of requests answered 503 with an HTML page")
	resetRate := fs.Float64("reset-rate", 0, "share of requests whose connection is reset")
	truncRate := fs.Float64("truncate-rate", 0, "share of JSON bodies cut in half")
	mutate := fs.Bool("mutate", false, "bump updated_at of random records before each list request")
	limits := fs.Bool("input-limits", false, "Magento input limits: default pageSize 20, max 300")
	legacy := fs.Bool("legacy-paging", false, "2.3 paging: a page past the end repeats the last page")
	noBearer := fs.Bool("no-bearer", false, "refuse integration tokens as Bearer (2.4.4+ default); OAuth only")
	noNews := fs.Bool("no-newsletter", false, "no companion route GET /V1/newsletter/subscribers")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var opts magentosim.Options
	switch strings.ToLower(*size) {
	case "demo", "":
		opts = magentosim.SizeDemo
	case "l", "large":
		opts = magentosim.SizeL
	default:
		return fmt.Errorf("unknown --size %q (demo or L)", *size)
	}
	for _, o := range []struct {
		v   int
		dst *int
	}{{*customers, &opts.Customers}, {*carts, &opts.Carts}, {*orders, &opts.Orders}, {*memos, &opts.CreditMemos},
		{*subs, &opts.Subscribers}, {*products, &opts.Products}} {
		if o.v > 0 {
			*o.dst = o.v
		}
	}
	opts.Seed = *seed
	opts.Token = *token
	opts.DisableBearer = *noBearer
	opts.NewsletterModule = !*noNews
	opts.Faults = magentosim.Faults{Latency: *latency, ErrorRate: *errRate, HTMLRate: *htmlRate, ResetRate: *resetRate,
		TruncateRate: *truncRate, MutateWhilePaging: *mutate, InputLimits: *limits, LegacyPaging: *legacy}

	began := time.Now()
	store := magentosim.New(opts)
	srv, err := store.Start(*addr)
	if err != nil {
		return fmt.Errorf("demo-store: %w", err)
	}
	defer srv.Close()
	o := store.OAuth()
	bearer := "enabled"
	if *noBearer {
		bearer = "disabled (use OAuth)"
	}
	fmt.Fprintf(stdout, "Magento 2 simulator ready in %s\n", time.Since(began).Round(time.Millisecond))
	fmt.Fprintf(stdout, "Base URL:            %s\n", srv.URL)
	fmt.Fprintf(stdout, "REST root:           %s/rest/V1/\n", srv.URL)
	fmt.Fprintf(stdout, "Bearer token:        %s (%s)\n", store.Token(), bearer)
	fmt.Fprintf(stdout, "Consumer key:        %s\n", o.ConsumerKey)
	fmt.Fprintf(stdout, "Consumer secret:     %s\n", o.ConsumerSecret)
	fmt.Fprintf(stdout, "Access token:        %s\n", o.AccessToken)
	fmt.Fprintf(stdout, "Access token secret: %s\n", o.AccessTokenSecret)
	fmt.Fprintf(stdout, "Press Ctrl+C to stop.\n")
	<-ctx.Done()
	return nil
}
