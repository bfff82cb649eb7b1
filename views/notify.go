package views

import (
	"fyne.io/fyne/v2"

	"github.com/magedesk/magedesk/app"
)

// DesktopNotifier sends the core's notifications through the platform's
// notification service (text only: Fyne 2.7 has no actions on them).
type DesktopNotifier struct {
	App fyne.App
}

var _ app.Notifier = DesktopNotifier{}

// Notify may be called from any goroutine (the scheduler calls it from the
// finished sync's goroutine), so it hops to the UI thread first.
func (n DesktopNotifier) Notify(title, body string) {
	runOnUI(func() {
		n.App.SendNotification(fyne.NewNotification(title, body))
	})
}
