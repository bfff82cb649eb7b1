package views

import (
	"context"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/assets"
)

// Welcome is the first-run screen (no channel yet): connect a real store
// through the wizard, or explore the built-in demo store.
type Welcome struct {
	core *app.Core

	Connect  *widget.Button
	Demo     *widget.Button
	Status   *widget.Label
	Progress *widget.ProgressBar
	Skip     *widget.Button
	box      fyne.CanvasObject

	// OnConnect opens the setup wizard.
	OnConnect func()
	// OnDemoReady is called (UI goroutine) once the demo channel's first
	// sync has finished, successfully or not (the main window shows why).
	OnDemoReady func(channelID int64)

	mu     sync.Mutex
	demoID int64
	unsub  func()
	done   chan struct{}
}

// NewWelcome builds the screen.
func NewWelcome(core *app.Core) *Welcome {
	w := &Welcome{core: core, done: make(chan struct{})}
	title := canvas.NewText("Welcome to MageDesk", theme.Color(theme.ColorNameForeground))
	title.TextSize = theme.TextSize() * 2.2
	title.TextStyle = fyne.TextStyle{Bold: true}
	title.Alignment = fyne.TextAlignCenter
	intro := widget.NewLabel("Your Magento 2 customers, carts, orders, credit memos and newsletter\n" +
		"subscribers on your desktop — synced into a local database you can search offline.")
	intro.Alignment = fyne.TextAlignCenter

	w.Connect = widget.NewButtonWithIcon("Connect my Magento store", theme.StorageIcon(), func() {
		if w.OnConnect != nil {
			w.OnConnect()
		}
	})
	w.Connect.Importance = widget.HighImportance
	w.Demo = widget.NewButtonWithIcon("Explore with a demo store", theme.ComputerIcon(), w.startDemo)

	connectHelp := widget.NewLabel("You need the store's address and an integration\naccess token (System > Extensions > Integrations).")
	connectHelp.Alignment = fyne.TextAlignCenter
	demoHelp := widget.NewLabel("Starts a simulated Magento store on this computer,\nwith made-up customers and orders. Remove it any time.")
	demoHelp.Alignment = fyne.TextAlignCenter

	w.Status = widget.NewLabel("")
	w.Status.Alignment = fyne.TextAlignCenter
	w.Status.Wrapping = fyne.TextWrapWord
	w.Progress = widget.NewProgressBar()
	w.Progress.Hide()
	// A big demo store takes a while; the user need not watch it here.
	w.Skip = widget.NewButton("Open MageDesk now (the sync goes on)", func() { w.finish(w.demoChannel()) })
	w.Skip.Importance = widget.LowImportance
	w.Skip.Hide()

	choice := func(b *widget.Button, help *widget.Label) fyne.CanvasObject {
		return widget.NewCard("", "", container.NewVBox(container.NewCenter(container.NewGridWrap(fyne.NewSize(340, 64), b)), help))
	}
	choices := container.NewGridWithColumns(2, choice(w.Connect, connectHelp), choice(w.Demo, demoHelp))
	icon := canvas.NewImageFromResource(assets.Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(96, 96))
	w.box = container.NewCenter(container.NewVBox(
		icon, title, intro, layout.NewSpacer(), choices,
		w.Progress, w.Status, container.NewCenter(w.Skip),
	))
	w.unsub = core.Events.Subscribe(w.onEvent)
	return w
}

// Content is the screen's widget tree.
func (w *Welcome) Content() fyne.CanvasObject { return w.box }

// Close unsubscribes from the core.
func (w *Welcome) Close() { w.unsub() }

// DemoDone is closed when the demo's first sync has finished (tests wait on it).
func (w *Welcome) DemoDone() <-chan struct{} { return w.done }

func (w *Welcome) startDemo() {
	w.Demo.Disable()
	w.Connect.Disable()
	w.Status.SetText("Starting the demo store…")
	w.Progress.SetValue(0)
	w.Progress.Show()
	go func() {
		ch, err := w.core.StartDemo(context.Background())
		if err != nil {
			runOnUI(func() {
				w.Status.SetText("The demo store could not start: " + err.Error())
				w.Progress.Hide()
				w.Demo.Enable()
				w.Connect.Enable()
			})
			return
		}
		w.mu.Lock()
		w.demoID = ch.ID
		w.mu.Unlock()
		runOnUI(w.Skip.Show)
	}()
}

func (w *Welcome) demoChannel() int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.demoID
}

func (w *Welcome) onEvent(e app.Event) {
	switch e.Kind {
	case app.EvSyncProgress:
		if e.Progress == nil {
			return
		}
		p := *e.Progress
		runOnUI(func() {
			w.Status.SetText("Syncing the demo store — " + app.ProgressText(p))
			w.Progress.SetValue(app.ProgressFraction(p))
		})
	case app.EvSyncFinished:
		// The demo id is set right after StartDemo returns, which may be
		// after a very quick first sync has ended: accept the event when
		// the finished channel is the (only) demo channel.
		if id := w.demoChannel(); id != 0 && id != e.ChannelID {
			return
		}
		w.unsub()
		runOnUI(func() {
			w.Progress.SetValue(1)
			if e.Err != nil {
				w.Status.SetText("The demo sync stopped: " + e.Message)
			}
			w.finish(e.ChannelID)
		})
	}
}

// finish leaves the welcome screen for the main window (once).
func (w *Welcome) finish(channelID int64) {
	select {
	case <-w.done:
		return
	default:
	}
	close(w.done)
	if w.OnDemoReady != nil {
		w.OnDemoReady(channelID)
	}
}
