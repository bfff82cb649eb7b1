package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/magedesk/magedesk/connector"
	"github.com/magedesk/magedesk/model"
)

func init() {
	register("bench", "measure sync speed, memory and size against a simulated Store L", runBench)
}

// benchFlags are the command line of `magedesk bench`.
type benchFlags struct {
	size         string
	pageSize     int
	concurrency  int
	token        string
	keep         bool
	skipLatency  bool
	downloadOnly bool
}

// benchResult collects the figures and the pass/fail of each target.
type benchResult struct {
	lines  []string
	failed []string
	live   io.Writer // when set, each line is also printed as it comes
}

func (r *benchResult) add(format string, a ...any) {
	l := fmt.Sprintf(format, a...)
	r.lines = append(r.lines, l)
	if r.live != nil {
		fmt.Fprintln(r.live, "  "+l)
	}
}

func (r *benchResult) check(ok bool, what string) {
	mark := "PASS"
	if !ok {
		mark = "FAIL"
		r.failed = append(r.failed, what)
	}
	l := fmt.Sprintf("  [%s] %s", mark, what)
	r.lines = append(r.lines, l)
	if r.live != nil {
		fmt.Fprintln(r.live, "  "+l)
	}
}

// runBench is `magedesk bench`: it starts `magedesk demo-store --size L`
// in its own process, measures
//  1. downloading and decoding every page (engine with a sink that keeps nothing),
//  2. the initial sync as a separate `magedesk sync` process (time, peak RSS, DB size),
//  3. downloading and decoding again, to compare the sync with the mean of
//     the two passes around it,
//  4. a sync with nothing new (requests counted by a proxy in this process),
//  5. paging with 300 ms latency per request, parallel vs one page at a time (small store, in process),
//
// and compares counts and checksums of ids and updated_at with the
// simulator after each sync. It exits non-zero when a target is missed.
func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var f benchFlags
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.size, "size", "L", "simulated store size passed to demo-store")
	fs.IntVar(&f.pageSize, "page-size", 100, "records per list request")
	fs.IntVar(&f.concurrency, "concurrency", 4, "parallel requests during the initial sync")
	fs.StringVar(&f.token, "token", "demo-token", "the demo store's Bearer token")
	fs.BoolVar(&f.keep, "keep", false, "keep the temporary folder (database, logs)")
	fs.BoolVar(&f.skipLatency, "skip-latency", false, "skip the 300 ms latency comparison")
	fs.BoolVar(&f.downloadOnly, "download-only", false, "measure only the download + decode pass")
	if err := fs.Parse(args); err != nil {
		return err
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("find own executable: %w", err)
	}
	dir, err := os.MkdirTemp("", "magedesk-bench-*")
	if err != nil {
		return err
	}
	if f.keep {
		fmt.Fprintf(stdout, "working folder: %s\n", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	res := &benchResult{live: stdout}
	if la := loadAverage(); la != "" {
		res.add("machine: %d CPUs, load average at start %s (other work on the machine slows every figure)", runtime.NumCPU(), la)
	}

	// 1. The simulator in its own process, behind a counting proxy.
	simURL, stopSim, simCPU, err := startDemoStore(ctx, exe, f.size, dir, stdout)
	if err != nil {
		return err
	}
	defer stopSim()
	proxy, err := startCountingProxy(simURL, 0)
	if err != nil {
		return err
	}
	defer proxy.Close()
	res.add("Store %s served by `magedesk demo-store` in its own process; page size %d, concurrency %d, loopback", f.size, f.pageSize, f.concurrency)

	// 2. Download + decode only; again after the sync (4.), see there.
	dlBefore, err := benchDownloadPass(ctx, proxy, f, res, simCPU, "before the sync")
	if err != nil {
		return err
	}
	if f.downloadOnly {
		return nil
	}

	// 3. Initial sync in a separate process.
	db := filepath.Join(dir, "bench.db")
	fmt.Fprintln(stdout, "initial sync in a separate process ...")
	sim0, self0 := simCPU(), selfCPU()
	first, err := runSyncProcess(ctx, exe, proxy.URL, f, db, filepath.Join(dir, "sync-initial.log"))
	if err != nil {
		return err
	}
	res.add("initial sync: %s wall, %s CPU in the sync process, peak RSS %.1f MB", first.took.Round(time.Millisecond),
		first.cpu.Round(time.Millisecond), float64(first.maxRSS)/(1<<20))
	res.add("  CPU: %s", cpuSplit("counting proxy", selfCPU()-self0, simCPU()-sim0))
	res.add("  per entity: %s", first.entities)
	if err := benchCompare(ctx, proxy.URL, f.token, db, res); err != nil {
		return err
	}
	size := dbSize(db)
	res.check(size < 1<<30, fmt.Sprintf("database under 1 GB (%.1f MB)", float64(size)/(1<<20)))

	// 4. Download + decode again. This machine's speed drifts by a tenth
	// or more within minutes, so the sync is compared with the mean of
	// the two passes that bracket it rather than with one of them.
	dlAfter, err := benchDownloadPass(ctx, proxy, f, res, simCPU, "after the sync")
	if err != nil {
		return err
	}
	dl := (dlBefore + dlAfter) / 2
	ratio := first.took.Seconds() / dl.Seconds()
	res.add("initial sync / download-only = %.2f (%s / mean of %s and %s; %.2f and %.2f against each)", ratio,
		first.took.Round(time.Millisecond), dlBefore.Round(time.Millisecond), dlAfter.Round(time.Millisecond),
		first.took.Seconds()/dlBefore.Seconds(), first.took.Seconds()/dlAfter.Seconds())
	res.check(first.took < 90*time.Second, fmt.Sprintf("initial sync under 90 s (%s)", first.took.Round(time.Millisecond)))
	res.check(ratio <= 2, fmt.Sprintf("initial sync within 2x of download + decode (%.2fx)", ratio))
	res.check(first.maxRSS > 0 && first.maxRSS < 300<<20, fmt.Sprintf("peak RSS of the sync process under 300 MB (%.1f MB)", float64(first.maxRSS)/(1<<20)))

	// 5. Nothing new.
	proxy.Reset()
	again, err := runSyncProcess(ctx, exe, proxy.URL, f, db, filepath.Join(dir, "sync-again.log"))
	if err != nil {
		return err
	}
	byRoute := proxy.ByRoute()
	res.add("sync with nothing new: %s, %d requests: %s", again.took.Round(time.Millisecond), proxy.Requests(), formatRoutes(byRoute))
	listCalls, dictCalls := classifyRoutes(byRoute)
	res.check(listCalls == len(defaultEntities()) && again.took < time.Second,
		fmt.Sprintf("nothing new: one list request per entity (%d for %d entities) plus %d dictionary requests, under 1 s (%s)",
			listCalls, len(defaultEntities()), dictCalls, again.took.Round(time.Millisecond)))

	// 6. Latency.
	if !f.skipLatency {
		fmt.Fprintln(stdout, "paging with 300 ms latency per request ...")
		if err := benchLatency(ctx, dir, res); err != nil {
			return fmt.Errorf("latency comparison: %w", err)
		}
	}

	if la := loadAverage(); la != "" {
		res.add("load average at the end %s", la)
	}
	fmt.Fprintln(stdout, "\nsummary:")
	for _, l := range res.lines {
		fmt.Fprintln(stdout, l)
	}
	if len(res.failed) > 0 {
		return fmt.Errorf("%d target(s) missed: %s", len(res.failed), strings.Join(res.failed, "; "))
	}
	return nil
}

// benchDownloadPass measures one download + decode pass (label: when) and
// adds its figures to res.
func benchDownloadPass(ctx context.Context, proxy *countingProxy, f benchFlags, res *benchResult,
	simCPU func() time.Duration, label string) (time.Duration, error) {
	fmt.Fprintf(res.live, "measuring download + decode of every page (%s) ...\n", label)
	proxy.Reset()
	sim0, self0 := simCPU(), selfCPU()
	dl, entities, err := benchDownloadOnly(ctx, proxy.URL, f)
	if err != nil {
		return 0, fmt.Errorf("download-only pass %s: %w", label, err)
	}
	res.add("download + decode only, %s (same engine, sink keeps nothing): %s, %d requests", label, dl.Round(time.Millisecond), proxy.Requests())
	res.add("  CPU: %s", cpuSplit("engine + counting proxy", selfCPU()-self0, simCPU()-sim0))
	res.add("  per entity: %s", entities)
	return dl, nil
}

// cpuSplit names where the CPU time of a phase went besides the sync
// process: this process (what) and the simulator; both compete with the
// sync for the machine's cores.
func cpuSplit(what string, self, sim time.Duration) string {
	if self == 0 && sim == 0 {
		return "not measured on this system"
	}
	return fmt.Sprintf("%s %s, simulator %s", what, self.Round(100*time.Millisecond), sim.Round(100*time.Millisecond))
}

func defaultEntities() []string {
	return []string{model.EntityCustomers, model.EntityCarts, model.EntityOrders, model.EntityCreditMemos, model.EntitySubscribers}
}

// startDemoStore runs `magedesk demo-store` on a free loopback port, waits
// until it answers, and returns its URL, a stop function and a function
// that reads the CPU time it has used so far.
func startDemoStore(ctx context.Context, exe, size, dir string, stdout io.Writer) (string, func(), func() time.Duration, error) {
	port, err := freePort()
	if err != nil {
		return "", nil, nil, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	logf, err := os.Create(filepath.Join(dir, "demo-store.log"))
	if err != nil {
		return "", nil, nil, err
	}
	cmd := exec.Command(exe, "demo-store", "--size", size, "--addr", addr)
	cmd.Stdout, cmd.Stderr = logf, logf
	fmt.Fprintf(stdout, "starting demo-store --size %s on %s ...\n", size, addr)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		logf.Close()
		return "", nil, nil, fmt.Errorf("start demo-store: %w", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stop := func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Signal(os.Interrupt)
			select {
			case <-exited:
			case <-time.After(5 * time.Second):
				_ = cmd.Process.Kill()
				<-exited
			}
		}
		logf.Close()
	}
	url := "http://" + addr
	deadline := time.Now().Add(5 * time.Minute)
	for {
		select {
		case err := <-exited:
			logf.Close()
			return "", nil, nil, fmt.Errorf("demo-store exited early (%v); see %s", err, logf.Name())
		case <-ctx.Done():
			stop()
			return "", nil, nil, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
		resp, err := http.Get(url + "/rest/V1/store/websites")
		if err == nil {
			resp.Body.Close()
			fmt.Fprintf(stdout, "demo-store ready after %s\n", time.Since(start).Round(time.Millisecond))
			return url, stop, func() time.Duration { return processCPU(cmd.Process.Pid) }, nil
		}
		if time.Now().After(deadline) {
			stop()
			return "", nil, nil, errors.New("demo-store did not answer within 5 minutes")
		}
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// syncRun is one `magedesk sync` process.
type syncRun struct {
	took   time.Duration
	maxRSS int64         // bytes (VmHWM of the process)
	cpu    time.Duration // user + system CPU time of the process
	// time per entity, from the process's progress lines
	entities *entityTimer
}

func runSyncProcess(ctx context.Context, exe, url string, f benchFlags, db, logPath string) (syncRun, error) {
	logf, err := os.Create(logPath)
	if err != nil {
		return syncRun{}, err
	}
	defer logf.Close()
	cmd := exec.CommandContext(ctx, exe, "sync", "--url", url, "--db", db, "--page-size", strconv.Itoa(f.pageSize),
		"--concurrency", strconv.Itoa(f.concurrency), "--token-file", "/dev/stdin")
	cmd.Stdin = strings.NewReader(f.token)
	cmd.Stderr = logf
	out, err := cmd.StdoutPipe()
	if err != nil {
		return syncRun{}, err
	}
	// The progress lines ("orders       initial 400 of 100000, …") say
	// which entity the process is on.
	timer := newEntityTimer()
	lines := make(chan struct{})
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			fmt.Fprintln(logf, sc.Text())
			if e, _, _ := strings.Cut(sc.Text(), " "); slices.Contains(defaultEntities(), e) {
				timer.progress(connector.Progress{Entity: e, Phase: "initial"})
			}
		}
	}()
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return syncRun{}, fmt.Errorf("magedesk sync: %w", err)
	}
	<-lines
	err = cmd.Wait()
	took := time.Since(start)
	timer.progress(connector.Progress{Phase: "done"})
	if err != nil {
		return syncRun{}, fmt.Errorf("magedesk sync: %w (see %s: %s)", err, logPath, lastLine(logPath))
	}
	ps := cmd.ProcessState
	return syncRun{took: took, maxRSS: maxRSS(ps), cpu: ps.UserTime() + ps.SystemTime(), entities: timer}, nil
}

func lastLine(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	var last string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if t := strings.TrimSpace(sc.Text()); t != "" {
			last = t
		}
	}
	return last
}

func dbSize(path string) int64 {
	var total int64
	for _, p := range []string{path, path + "-wal"} {
		if st, err := os.Stat(p); err == nil {
			total += st.Size()
		}
	}
	return total
}

// benchCompare checks that the database holds exactly the simulator's
// records: per entity, the count and a checksum over sorted (id, updated_at)
// pairs, Magento's side read with ?fields= through the API.
func benchCompare(ctx context.Context, url, token, db string, res *benchResult) error {
	st, err := model.Open(db)
	if err != nil {
		return err
	}
	defer st.Close()
	chans, err := st.ListChannels(ctx)
	if err != nil || len(chans) == 0 {
		return fmt.Errorf("bench database has no channel: %v", err)
	}
	client, err := connector.NewClient(connector.Config{BaseURL: url, Auth: connector.Auth{Mode: "bearer", Token: token}})
	if err != nil {
		return err
	}
	for _, entity := range defaultEntities() {
		if entity == model.EntitySubscribers && !chans[0].HasNewsletterRoute {
			continue // derived from customers: compared with them
		}
		remote, err := connector.ListKeys(ctx, client, entity)
		if err != nil {
			return fmt.Errorf("list %s keys: %w", entity, err)
		}
		local, err := st.KnownIDs(ctx, chans[0].ID, entity)
		if err != nil {
			return err
		}
		rs, ls := connector.KeysChecksum(remote), connector.KeysChecksum(local)
		res.check(len(remote) == len(local) && rs == ls,
			fmt.Sprintf("%s: %d in Magento, %d stored, checksum %s vs %s", entity, len(remote), len(local), rs, ls))
	}
	return nil
}

// loadAverage is the 1/5/15-minute load average ("" off Linux).
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}
