package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/assets"
	"github.com/magedesk/magedesk/model"
	"github.com/magedesk/magedesk/views"
)

func init() { guiMain = runGUI }

// runGUI opens the desktop app: the welcome screen on a first run, the
// main window otherwise. It returns when the last window closes or ctx
// ends (SIGINT/SIGTERM).
func runGUI(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("magedesk", flag.ContinueOnError)
	dataDir := fs.String("data-dir", "", "folder for the database (default: $MAGEDESK_DATA_DIR, the folder chosen in Settings, or the user config folder)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	started := time.Now()

	a := fyneapp.NewWithID("io.magedesk.app")
	a.SetIcon(assets.Icon)
	views.Version = versionString()
	settings := app.LoadSettings(a.Preferences())
	dir := app.ResolveDataDir(*dataDir, settings)
	if dir == "" {
		d, err := model.DefaultDataDir()
		if err != nil {
			return fmt.Errorf("find the data folder: %w", err)
		}
		dir = d
	}

	// One MageDesk per data folder: a second start brings the first to the front.
	inst, err := app.AcquireInstance(dir, nil)
	var running *app.ErrAlreadyRunning
	if errors.As(err, &running) && running.Activated {
		fmt.Fprintln(os.Stderr, "magedesk:", running.Error())
		return nil
	}
	if err != nil {
		return err
	}
	defer inst.Close()

	logging, err := app.StartLogging(dir, settings.Level(), nil)
	if err != nil {
		return fmt.Errorf("open the log file: %w", err)
	}
	defer logging.Close()
	defer logging.LogPanic()
	slog.SetDefault(logging.Logger)
	slog.Info("MageDesk starting", "version", versionString(), "data", dir)
	views.ApplyTheme(a, settings.Theme)
	app.SetDefaultSyncInterval(settings.SyncInterval)
	if settings.StartWithSystem {
		// Keep the login entry pointing at this binary (the user may have moved it).
		if exe, err := os.Executable(); err == nil {
			if err := app.SetAutostart(true, exe); err != nil {
				slog.Warn("update the autostart entry", "err", err)
			}
		}
	}

	core, err := app.New(app.Options{DataDir: dir, Notifier: views.DesktopNotifier{App: a}, Logger: logging.Logger})
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
	show := func() {
		mw.Win.Show()
		mw.Win.RequestFocus()
	}
	views.Desktop.Logging = logging
	tray := views.NewTray(a, core, show, func() {
		go func() {
			if err := core.Scheduler.SyncAll(context.Background()); err != nil {
				slog.Warn("sync from the tray", "err", err)
			}
		}()
	})
	defer tray.Close()
	if tray != nil {
		tray.SetWindow(mw.Win)
		views.Desktop.CloseMain = tray.KeepRunningOnClose(mw.Win, func() bool {
			return app.LoadSettings(a.Preferences()).KeepInTray
		})
	}
	inst.OnActivate(func() { fyne.Do(show) })
	// Ctrl+Q quits from the welcome screen too (the shell's menu binds it later).
	mw.Win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { a.Quit() })
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
	slog.Info("MageDesk stopped")
	return nil
}
