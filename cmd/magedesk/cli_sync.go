package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/magedesk/magedesk/connector"
	"github.com/magedesk/magedesk/model"
)

func init() {
	register("sync", "sync one Magento store into the local database (headless)", runSync)
}

// syncFlags are the command line of `magedesk sync`.
type syncFlags struct {
	url, store, db, entities, websites, tokenFile string
	token, consumerKey, consumerSecret            string
	accessToken, accessTokenSecret                string
	pageSize, concurrency                         int
	reconcile, quiet, insecureHTTP, verbose       bool
	cpuProfile, memProfile                        string
}

// runSync is `magedesk sync`: add (or reuse) the channel for --url, take
// the channel's sync lock, run one sync, print progress and a summary.
// Secrets come from flags, MAGEDESK_* environment variables or
// --token-file, and are never written to the database.
func runSync(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	limitGoHeap()
	var f syncFlags
	fs := flag.NewFlagSet("sync", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.url, "url", "", "shop URL, e.g. https://shop.example.com")
	fs.StringVar(&f.token, "token", "", "integration access token used as Bearer (or MAGEDESK_TOKEN)")
	fs.StringVar(&f.tokenFile, "token-file", "", "file holding the Bearer token")
	fs.StringVar(&f.consumerKey, "consumer-key", "", "OAuth consumer key (or MAGEDESK_CONSUMER_KEY)")
	fs.StringVar(&f.consumerSecret, "consumer-secret", "", "OAuth consumer secret (or MAGEDESK_CONSUMER_SECRET)")
	fs.StringVar(&f.accessToken, "access-token", "", "OAuth access token (or MAGEDESK_ACCESS_TOKEN)")
	fs.StringVar(&f.accessTokenSecret, "access-token-secret", "", "OAuth access token secret (or MAGEDESK_ACCESS_TOKEN_SECRET)")
	fs.StringVar(&f.store, "store", "", "store view code for /rest/<code>/V1 (default: none)")
	fs.StringVar(&f.db, "db", "", "database file (default: the app's database)")
	fs.StringVar(&f.entities, "entities", "", "comma list of "+strings.Join(model.SyncEntities, ",")+" (default: all but products)")
	fs.StringVar(&f.websites, "websites", "", "comma list of website ids to sync (default: all)")
	fs.IntVar(&f.pageSize, "page-size", 0, "records per request (default 100; Magento caps at 300 with input limits)")
	fs.IntVar(&f.concurrency, "concurrency", 0, "parallel requests during the first sync (default 4)")
	fs.BoolVar(&f.reconcile, "reconcile", false, "also run the reconciliation sweep (deleted records, newsletter status)")
	fs.BoolVar(&f.quiet, "quiet", false, "print only the summary")
	fs.BoolVar(&f.verbose, "v", false, "log every request to stderr")
	fs.BoolVar(&f.insecureHTTP, "insecure-http", false, "allow plain http to a non-local host (sends the token unencrypted)")
	fs.StringVar(&f.cpuProfile, "cpuprofile", "", "write a CPU profile of the run to this file (performance work)")
	fs.StringVar(&f.memProfile, "memprofile", "", "write an allocation profile of the run to this file (performance work)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if f.cpuProfile != "" {
		pf, err := os.Create(f.cpuProfile)
		if err != nil {
			return fmt.Errorf("--cpuprofile: %w", err)
		}
		defer pf.Close()
		if err := pprof.StartCPUProfile(pf); err != nil {
			return fmt.Errorf("--cpuprofile: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	if f.memProfile != "" {
		defer writeAllocProfile(f.memProfile, stderr)
	}
	if f.url == "" {
		return errors.New("--url is required")
	}
	auth, err := syncAuth(f)
	if err != nil {
		return err
	}
	level := slog.LevelWarn
	if f.verbose {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	st, err := openStore(f.db)
	if err != nil {
		return err
	}
	defer st.Close()

	ch, err := channelFor(ctx, st, f, auth.Mode)
	if err != nil {
		return err
	}
	release, err := acquireSyncLock(ctx, st, ch.ID)
	if err != nil {
		return err
	}
	defer release()

	client, err := connector.NewClient(connector.Config{BaseURL: ch.BaseURL, StoreCode: ch.StoreCode, Auth: auth,
		AllowInsecureHTTP: f.insecureHTTP, Logger: logger})
	if err != nil {
		return errors.New(connector.HumanMessage(err))
	}
	runCh := ch
	if f.entities != "" {
		if runCh.Entities, err = parseEntities(f.entities); err != nil {
			return err
		}
	}
	if f.websites != "" {
		if runCh.WebsiteIDs, err = parseIDs(f.websites); err != nil {
			return fmt.Errorf("--websites: %w", err)
		}
	}
	pr := newProgressPrinter(stdout, f.quiet)
	eng := connector.NewEngine(client, st, runCh, connector.EngineOptions{
		PageSize: f.pageSize, Concurrency: f.concurrency, Logger: logger, Progress: pr.report,
	})
	kind := connector.RunIncremental
	if f.reconcile {
		kind = connector.RunReconcile
	}
	started := time.Now()
	ch.LastSyncStatus = "running"
	_ = st.UpdateChannel(ctx, &ch)
	runID, runErr := eng.Run(ctx, kind)

	// Save what the run learned and how it ended, even when canceled.
	saveCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	learned := eng.Learned()
	if learned.Timezone != "" {
		ch.Timezone, ch.BaseCurrency = learned.Timezone, learned.BaseCurrency
		if ch.StoreName == "" {
			ch.StoreName = learned.StoreName
		}
	}
	ch.HasNewsletterRoute = learned.HasNewsletterRoute
	ch.LastSyncAt = time.Now().UTC().Format(model.TimeLayout)
	ch.LastSyncStatus = "ok"
	if runErr != nil {
		ch.LastSyncStatus = "failed: " + connector.HumanMessage(runErr)
	} else if f.reconcile {
		ch.LastReconcile = ch.LastSyncAt
	}
	if err := st.UpdateChannel(saveCtx, &ch); err != nil && runErr == nil {
		runErr = fmt.Errorf("save channel: %w", err)
	}

	printSummary(stdout, ch, runID, eng.Counters(), time.Since(started))
	if runErr != nil {
		return errors.New(connector.HumanMessage(runErr))
	}
	return nil
}

// syncAuth picks the credentials from flags, then environment, then
// --token-file. OAuth wins when its four values are present.
func syncAuth(f syncFlags) (connector.Auth, error) {
	pick := func(flagVal, env string) string {
		if flagVal != "" {
			return flagVal
		}
		return os.Getenv(env)
	}
	a := connector.Auth{
		ConsumerKey:       pick(f.consumerKey, "MAGEDESK_CONSUMER_KEY"),
		ConsumerSecret:    pick(f.consumerSecret, "MAGEDESK_CONSUMER_SECRET"),
		AccessToken:       pick(f.accessToken, "MAGEDESK_ACCESS_TOKEN"),
		AccessTokenSecret: pick(f.accessTokenSecret, "MAGEDESK_ACCESS_TOKEN_SECRET"),
	}
	if a.ConsumerKey != "" || a.ConsumerSecret != "" || a.AccessTokenSecret != "" {
		if a.ConsumerKey == "" || a.ConsumerSecret == "" || a.AccessToken == "" || a.AccessTokenSecret == "" {
			return a, errors.New("OAuth needs all four of --consumer-key, --consumer-secret, --access-token, --access-token-secret")
		}
		a.Mode = "oauth"
		return a, nil
	}
	a = connector.Auth{Mode: "bearer", Token: pick(f.token, "MAGEDESK_TOKEN")}
	if a.Token == "" && f.tokenFile != "" {
		b, err := os.ReadFile(f.tokenFile)
		if err != nil {
			return a, fmt.Errorf("read --token-file: %w", err)
		}
		a.Token = strings.TrimSpace(string(b))
	}
	if a.Token == "" {
		return a, errors.New("no credentials: give --token (or MAGEDESK_TOKEN, --token-file) or the four OAuth values")
	}
	return a, nil
}

func openStore(path string) (*model.Store, error) {
	if path == "" {
		p, err := model.DefaultDBPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	st, err := model.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	return st, nil
}

// channelFor returns the channel for the shop URL and store code, adding
// it on first use. Only settings live in the database, never the secret.
func channelFor(ctx context.Context, st *model.Store, f syncFlags, authMode string) (model.Channel, error) {
	base := normalizeShopURL(f.url)
	chans, err := st.ListChannels(ctx)
	if err != nil {
		return model.Channel{}, err
	}
	for _, ch := range chans {
		if normalizeShopURL(ch.BaseURL) == base && ch.StoreCode == f.store {
			changed := false
			if f.pageSize > 0 && ch.PageSize != f.pageSize {
				ch.PageSize, changed = f.pageSize, true
			}
			if f.concurrency > 0 && ch.Concurrency != f.concurrency {
				ch.Concurrency, changed = f.concurrency, true
			}
			if changed {
				if err := st.UpdateChannel(ctx, &ch); err != nil {
					return ch, err
				}
			}
			return ch, nil
		}
	}
	name := base
	if u, err := url.Parse(base); err == nil && u.Host != "" {
		name = u.Host
	}
	ch := model.Channel{Name: name, Type: "magento2", BaseURL: base, StoreCode: f.store, AuthMode: authMode,
		PageSize: f.pageSize, Concurrency: f.concurrency, SyncStart: model.DefaultSyncStart}
	if f.entities != "" {
		if ch.Entities, err = parseEntities(f.entities); err != nil {
			return ch, err
		}
	}
	if err := st.CreateChannel(ctx, &ch); err != nil {
		return ch, err
	}
	return ch, nil
}

func normalizeShopURL(s string) string {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	s = strings.TrimRight(s, "/")
	if i := strings.Index(s+"/", "/rest/"); i >= 0 {
		s = s[:i]
	}
	return s
}

func parseEntities(s string) ([]string, error) {
	valid := map[string]bool{}
	for _, e := range model.SyncEntities {
		valid[e] = true
	}
	var out []string
	for _, p := range strings.Split(s, ",") {
		p = strings.ToLower(strings.TrimSpace(p))
		if p == "" {
			continue
		}
		if p == "credit_memos" || p == "creditmemo" {
			p = model.EntityCreditMemos
		}
		if !valid[p] {
			return nil, fmt.Errorf("unknown entity %q (use %s)", p, strings.Join(model.SyncEntities, ", "))
		}
		out = append(out, p)
	}
	return out, nil
}

func parseIDs(s string) ([]int64, error) {
	var out []int64
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		id, err := strconv.ParseInt(p, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not an id", p)
		}
		out = append(out, id)
	}
	return out, nil
}

// progressPrinter prints one line per entity phase change and at most one
// progress line per second per entity.
type progressPrinter struct {
	w     io.Writer
	quiet bool
	mu    sync.Mutex
	last  map[string]time.Time
	phase map[string]string
}

func newProgressPrinter(w io.Writer, quiet bool) *progressPrinter {
	return &progressPrinter{w: w, quiet: quiet, last: map[string]time.Time{}, phase: map[string]string{}}
}

func (p *progressPrinter) report(pr connector.Progress) {
	if p.quiet || pr.Phase == "done" {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	key := pr.Entity
	if key == "" {
		key = pr.Phase
	}
	now := time.Now()
	if p.phase[key] == pr.Phase && now.Sub(p.last[key]) < time.Second {
		return
	}
	p.phase[key], p.last[key] = pr.Phase, now
	line := pr.Phase
	if pr.Entity != "" {
		line = fmt.Sprintf("%-12s %s", pr.Entity, pr.Phase)
	}
	if pr.Total > 0 {
		line += fmt.Sprintf(" %d of %d", pr.Done, pr.Total)
	} else if pr.Done > 0 {
		line += fmt.Sprintf(" %d", pr.Done)
	}
	if pr.ETA > 0 {
		line += fmt.Sprintf(", about %s left", pr.ETA)
	}
	if pr.Message != "" {
		line += ": " + pr.Message
	}
	fmt.Fprintln(p.w, line)
}

func printSummary(w io.Writer, ch model.Channel, runID int64, counters map[string]model.Counters, took time.Duration) {
	fmt.Fprintf(w, "sync run %d of %s (channel %d) took %s: %s\n", runID, ch.BaseURL, ch.ID, took.Round(time.Millisecond), ch.LastSyncStatus)
	names := make([]string, 0, len(counters))
	for n := range counters {
		names = append(names, n)
	}
	order := map[string]int{}
	for i, e := range append([]string{model.EntityWebsites}, model.SyncEntities...) {
		order[e] = i + 1
	}
	sort.Slice(names, func(i, j int) bool { return order[names[i]] < order[names[j]] })
	fmt.Fprintf(w, "  %-16s %8s %8s %8s %8s %8s\n", "entity", "read", "added", "updated", "skipped", "failed")
	for _, n := range names {
		c := counters[n]
		fmt.Fprintf(w, "  %-16s %8d %8d %8d %8d %8d\n", n, c.Read, c.Added, c.Updated, c.Skipped, c.Failed)
	}
}

// acquireSyncLock takes the channel's sync lock so two syncs (CLI and
// GUI, or two CLIs) never write the same channel at once.
func acquireSyncLock(ctx context.Context, st *model.Store, channelID int64) (func(), error) {
	release, err := st.AcquireSyncLock(ctx, channelID, fmt.Sprintf("magedesk sync (pid %d)", os.Getpid()))
	if err != nil {
		return nil, fmt.Errorf("channel %d: %w", channelID, err)
	}
	return release, nil
}

// writeAllocProfile writes the run's allocations (pprof "allocs").
func writeAllocProfile(path string, stderr io.Writer) {
	pf, err := os.Create(path)
	if err == nil {
		err = pprof.Lookup("allocs").WriteTo(pf, 0)
		if cerr := pf.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "--memprofile: %v\n", err)
	}
}
