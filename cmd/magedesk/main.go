// Command magedesk is the MageDesk desktop app (the default) and its
// headless subcommands (sync, export, demo-store, bench), which reuse the
// same app, connector and model code as the GUI.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"sort"
	"syscall"

	// Before Fyne reads the locale: LANG=C made it log an error every run.
	_ "github.com/magedesk/magedesk/cmd/magedesk/internal/posixlocale"
	// Windows has no zone database: embed it so store time zones always load.
	_ "time/tzdata"
)

// command is one headless subcommand.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// commands is filled by the files that implement each subcommand (init).
var commands = map[string]command{}

// guiMain runs the desktop app; set by gui.go.
var guiMain func(ctx context.Context, args []string) error

func register(name, summary string, run func(ctx context.Context, args []string, stdout, stderr io.Writer) error) {
	commands[name] = command{summary: summary, run: run}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// limitGoHeap sets the collector's policy for the commands that sync (the
// GUI and `sync`): a soft limit on Go's memory (unless GOMEMLIMIT says
// otherwise) and a collection every time the heap grows by 4x its live
// data (unless GOGC says otherwise), whichever comes first.
//
// A sync keeps pages in flight between its fetchers and its writer; with
// Go's default (collect when the heap doubles) the heap's footprint
// reached 180 MB for 75 MB of live data, on top of SQLite's page caches,
// hence the limit; near it the collector simply runs more often. While
// little is live (customers and carts: 4-12 MB), doubling meant a cycle
// every few megabytes, 280 cycles in a sync's first 13 s; growing by 4x
// saved about 5 s of CPU per Store L sync for 5-15 MB more peak RSS
// (measured, README). Not for demo-store, whose simulated store alone is
// over a gigabyte at size L.
func limitGoHeap() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(144 << 20)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(syncGCPercent)
	}
}

// syncGCPercent is GOGC for the commands that sync (limitGoHeap); the
// bench's download pass uses it too, so both sides of its comparison
// collect alike.
const syncGCPercent = 400

func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if len(args) > 0 {
		switch args[0] {
		case "--version", "-version", "version":
			fmt.Fprintf(stdout, "magedesk %s\n", versionString())
			return 0
		case "-h", "--help", "help":
			usage(stdout)
			return 0
		}
		if cmd, ok := commands[args[0]]; ok {
			if err := cmd.run(ctx, args[1:], stdout, stderr); err != nil {
				if errors.Is(err, flag.ErrHelp) {
					return 2
				}
				fmt.Fprintf(stderr, "magedesk %s: %v\n", args[0], err)
				return 1
			}
			return 0
		}
		if args[0] != "" && args[0][0] != '-' {
			fmt.Fprintf(stderr, "magedesk: unknown command %q\n\n", args[0])
			usage(stderr)
			return 2
		}
	}
	if guiMain == nil {
		fmt.Fprintln(stderr, "magedesk: this build has no desktop interface")
		return 1
	}
	limitGoHeap()
	if err := guiMain(ctx, args); err != nil {
		fmt.Fprintf(stderr, "magedesk: %v\n", err)
		return 1
	}
	return 0
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "MageDesk %s: your Magento 2 store's customers, carts, orders and refunds on your desktop.\n\n", versionString())
	fmt.Fprintln(w, "Usage:\n  magedesk                 open the desktop app")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  magedesk %-15s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "  magedesk --version       print the version")
	fmt.Fprintln(w, "\nRun 'magedesk <command> -h' for a command's flags.")
}
