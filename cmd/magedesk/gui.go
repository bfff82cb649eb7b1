package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/assets"
	"github.com/magedesk/magedesk/views"
)

func init() { guiMain = runGUI }

// runGUI opens the desktop app: the welcome screen on a first run, the
// main window otherwise. It returns when the last window closes or ctx
// ends (SIGINT/SIGTERM).
func runGUI(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("magedesk", flag.ContinueOnError)
	dataDir := fs.String("data-dir", "", "folder for the database (default: $MAGEDESK_DATA_DIR or the user config folder)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	started := time.Now()

	a := fyneapp.NewWithID("io.magedesk.app")
	a.SetIcon(assets.Icon)
	views.Version = versionString()
	core, err := app.New(app.Options{DataDir: *dataDir, Notifier: views.DesktopNotifier{App: a}})
	if err != nil {
		return fmt.Errorf("start MageDesk: %w", err)
	}
	defer core.Close()
	slog.Debug("core opened", "after", time.Since(started).Round(time.Millisecond))

	// Demo channels need their simulator back (same data, new port) before
	// anything can sync them; generating the demo store takes milliseconds.
	if err := core.RestartDemos(ctx); err != nil {
		slog.Warn("restart demo store", "err", err)
	}
	mw := views.NewMainWindow(a, core, app.NewBrowse(core.Store))
	if err := mw.Start(ctx); err != nil {
		return fmt.Errorf("open the main window: %w", err)
	}
	slog.Debug("window built", "after", time.Since(started).Round(time.Millisecond))
	a.Lifecycle().SetOnStarted(func() {
		slog.Info("window ready", "after", time.Since(started).Round(time.Millisecond))
		core.Scheduler.Start()
	})
	a.Lifecycle().SetOnStopped(func() {
		mw.Close()
		core.Scheduler.Stop()
	})
	go func() {
		<-ctx.Done()
		fyne.Do(a.Quit)
	}()
	mw.Win.ShowAndRun()
	return nil
}
