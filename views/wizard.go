package views

import (
	"context"
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/connector"
	"github.com/magedesk/magedesk/model"
)

// wizardSteps are the titles in the step indicator, in order.
var wizardSteps = []string{"Name & type", "Connection", "Websites & entities", "Sync settings", "Summary"}

// Wizard sets up a channel in five steps with Back / Next / Cancel. It is a
// plain widget tree: the caller puts it in a window (or the first-run
// screen) and reacts to OnFinish / OnCancel. Editing an existing channel
// reuses it prefilled.
type Wizard struct {
	core    *app.Core
	win     fyne.Window
	editing *model.Channel // nil for a new channel

	Back, Next, Cancel *widget.Button
	Error              *widget.Label // why Next is refused
	indicator          []*widget.Label
	body               *fyne.Container
	step               int
	pages              []wizardPage
	box                fyne.CanvasObject

	f wizardFields

	// OnFinish is called (UI goroutine) with the saved channel.
	OnFinish func(ch model.Channel)
	// OnCancel is called (UI goroutine) when the user gives up.
	OnCancel func()

	mu        sync.Mutex
	report    *connector.ConnectionReport
	checkedAs string        // connection fields at the last successful check
	checked   chan struct{} // closed and replaced after each check (tests wait on it)
	saved     chan struct{}
}

// wizardPage is one step: its content and the check Next runs.
type wizardPage struct {
	content  fyne.CanvasObject
	validate func() error
	enter    func() // called each time the step is shown
}

// NewWizard builds the wizard. existing == nil sets up a new channel; else
// the fields start from existing and Finish saves the edit. win is where
// dialogs appear.
func NewWizard(core *app.Core, win fyne.Window, existing *model.Channel) *Wizard {
	w := &Wizard{core: core, win: win, editing: existing, checked: make(chan struct{}), saved: make(chan struct{})}
	draft := app.NewChannelDraft()
	var secrets app.Secrets
	if existing != nil {
		draft = *existing
		// Reading the keychain is quick, and the form needs the values to
		// show that they are set.
		if s, err := core.Secrets(*existing); err == nil {
			secrets = s
		}
	}
	w.buildFields(draft, secrets)
	w.pages = []wizardPage{w.stepName(), w.stepConnection(), w.stepScope(), w.stepSettings(), w.stepSummary()}
	if existing != nil {
		// An edited channel was checked when it was set up: Next may go on
		// unless the connection fields change.
		w.checkedAs = w.connectionKey()
	}

	w.Back = widget.NewButtonWithIcon("Back", theme.NavigateBackIcon(), w.back)
	w.Next = widget.NewButtonWithIcon("Next", theme.NavigateNextIcon(), w.next)
	w.Next.IconPlacement = widget.ButtonIconTrailingText
	w.Next.Importance = widget.HighImportance
	w.Cancel = widget.NewButton("Cancel", func() {
		if w.OnCancel != nil {
			w.OnCancel()
		}
	})
	w.Error = widget.NewLabel("")
	w.Error.Importance = widget.DangerImportance
	w.Error.Wrapping = fyne.TextWrapWord

	steps := container.NewHBox()
	for i, t := range wizardSteps {
		l := widget.NewLabel(fmt.Sprintf("%d  %s", i+1, t))
		w.indicator = append(w.indicator, l)
		if i > 0 {
			steps.Add(widget.NewIcon(theme.NavigateNextIcon()))
		}
		steps.Add(l)
	}
	title := "Connect a Magento store"
	if existing != nil {
		title = "Edit channel " + existing.Name
	}
	head := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.body = container.NewStack()
	buttons := container.NewBorder(nil, nil, w.Cancel, container.NewHBox(w.Back, w.Next))
	w.box = container.NewBorder(
		container.NewVBox(head, container.NewCenter(steps), widget.NewSeparator()),
		container.NewVBox(w.Error, widget.NewSeparator(), buttons),
		nil, nil,
		container.NewVScroll(container.NewPadded(w.body)),
	)
	w.show(0)
	return w
}

// Content is the wizard's widget tree.
func (w *Wizard) Content() fyne.CanvasObject { return w.box }

// Step is the current step index (0-based).
func (w *Wizard) Step() int { return w.step }

// StepTitle is the current step's title.
func (w *Wizard) StepTitle() string { return wizardSteps[w.step] }

// Checked returns a channel closed when the running (or next) connection
// check finishes; tests wait on it after tapping Check connection.
func (w *Wizard) Checked() <-chan struct{} {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.checked
}

// Saved is closed once Finish has saved the channel.
func (w *Wizard) Saved() <-chan struct{} { return w.saved }

func (w *Wizard) show(i int) {
	w.step = i
	for j, l := range w.indicator {
		l.TextStyle = fyne.TextStyle{Bold: j == i}
		switch {
		case j == i:
			l.Importance = widget.HighImportance
		case j < i:
			l.Importance = widget.SuccessImportance
		default:
			l.Importance = widget.LowImportance
		}
		l.Refresh()
	}
	if p := w.pages[i]; p.enter != nil {
		p.enter()
	}
	w.body.Objects = []fyne.CanvasObject{w.pages[i].content}
	w.body.Refresh()
	w.Error.SetText("")
	if i == 0 {
		w.Back.Disable()
	} else {
		w.Back.Enable()
	}
	if i == len(w.pages)-1 {
		w.Next.SetText("Finish")
		w.Next.SetIcon(theme.ConfirmIcon())
	} else {
		w.Next.SetText("Next")
		w.Next.SetIcon(theme.NavigateNextIcon())
	}
}

func (w *Wizard) back() {
	if w.step > 0 {
		w.show(w.step - 1)
	}
}

func (w *Wizard) next() {
	if err := w.pages[w.step].validate(); err != nil {
		w.Error.SetText(err.Error())
		return
	}
	if w.step < len(w.pages)-1 {
		w.show(w.step + 1)
		return
	}
	w.finish()
}

// finish saves the channel off the UI thread, then reports back.
func (w *Wizard) finish() {
	ch, secrets := w.channel()
	w.Next.Disable()
	w.Back.Disable()
	w.Error.SetText("")
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		var err error
		if w.editing != nil {
			ch.ID = w.editing.ID
			err = w.core.UpdateChannel(ctx, ch, &secrets)
		} else {
			ch, err = w.core.CreateChannel(ctx, ch, secrets)
			if err == nil {
				w.core.Scheduler.SyncNow(ch.ID)
			}
		}
		runOnUI(func() {
			w.Next.Enable()
			w.Back.Enable()
			if err != nil {
				w.Error.SetText("Could not save the channel: " + err.Error())
				return
			}
			close(w.saved)
			if w.OnFinish != nil {
				w.OnFinish(ch)
			}
		})
	}()
}
