package views

import (
	"context"

	"fyne.io/fyne/v2"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/model"
)

// MainWindow is the "MageDesk" window. It shows the welcome screen on a
// first run (and the wizard from there), and the main shell once a
// channel exists.
type MainWindow struct {
	App    fyne.App
	Win    fyne.Window
	core   *app.Core
	browse *app.Browse

	Welcome *Welcome
	Wizard  *Wizard
	Shell   *Shell

	shellShown chan struct{}
}

// NewMainWindow creates the window; call Start to fill it.
func NewMainWindow(a fyne.App, core *app.Core, browse *app.Browse) *MainWindow {
	w := a.NewWindow("MageDesk")
	w.Resize(fyne.NewSize(1280, 800))
	w.SetMaster()
	return &MainWindow{App: a, Win: w, core: core, browse: browse, shellShown: make(chan struct{})}
}

// ShellShown is closed once the main shell is on screen.
func (m *MainWindow) ShellShown() <-chan struct{} { return m.shellShown }

// Start shows the welcome screen when there is no channel yet, else the
// shell. It reads one COUNT from the database, so it is quick.
func (m *MainWindow) Start(ctx context.Context) error {
	has, err := m.core.HasChannels(ctx)
	if err != nil {
		return err
	}
	if has {
		m.ShowShell()
	} else {
		m.ShowWelcome()
	}
	return nil
}

// ShowWelcome puts the first-run screen in the window.
func (m *MainWindow) ShowWelcome() {
	if m.Welcome == nil {
		m.Welcome = NewWelcome(m.core)
		m.Welcome.OnConnect = m.showFirstWizard
		m.Welcome.OnDemoReady = func(id int64) {
			m.ShowShell()
			m.Shell.SelectChannel(id)
		}
	}
	m.Win.SetContent(m.Welcome.Content())
}

func (m *MainWindow) showFirstWizard() {
	m.Wizard = NewWizard(m.core, m.Win, nil)
	m.Wizard.OnCancel = m.ShowWelcome
	m.Wizard.OnFinish = func(ch model.Channel) {
		m.ShowShell()
		m.Shell.SelectChannel(ch.ID)
	}
	m.Win.SetContent(m.Wizard.Content())
}

// ShowShell puts the main shell in the window (once).
func (m *MainWindow) ShowShell() {
	if m.Shell == nil {
		if m.Welcome != nil {
			m.Welcome.Close()
		}
		m.Shell = NewShell(m.App, m.Win, m.core, m.browse)
		m.Shell.InstallShortcuts()
	}
	m.Win.SetContent(m.Shell.Content())
	select {
	case <-m.shellShown:
	default:
		close(m.shellShown)
	}
}

// Close releases subscriptions (the core outlives the window in tests).
func (m *MainWindow) Close() {
	if m.Shell != nil {
		m.Shell.Close()
	}
	if m.Welcome != nil {
		m.Welcome.Close()
	}
}
