package views

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/connector/magentosim"
)

func TestFailedSyncSendsDesktopNotification(t *testing.T) {
	a := test.NewTempApp(t)
	_, url := shellStartSim(t, magentosim.Options{})
	core := shellTestCore(t, app.Options{Notifier: DesktopNotifier{App: a}})
	ch := app.NewChannelDraft()
	ch.Name = "Bad token shop"
	ch.BaseURL = url
	ch, err := core.CreateChannel(context.Background(), ch, app.Secrets{Token: "wrong"})
	if err != nil {
		t.Fatal(err)
	}
	// The body is the reason the sync bar shows; it is only known once the
	// run ends, so the expected notification is completed inside f.
	want := &fyne.Notification{Title: "Sync failed: Bad token shop"}
	test.AssertNotificationSent(t, want, func() {
		done := make(chan app.Event, 1)
		unsub := core.Events.Subscribe(func(e app.Event) {
			if e.Kind == app.EvSyncFinished && e.ChannelID == ch.ID {
				done <- e
			}
		})
		defer unsub()
		core.Scheduler.SyncNow(ch.ID)
		select {
		case e := <-done:
			if e.Err == nil {
				t.Fatal("sync with a wrong token succeeded")
			}
			want.Content = e.Message
		case <-time.After(60 * time.Second):
			t.Fatal("sync did not finish")
		}
		core.Scheduler.Wait(ch.ID)
		drainUIQueue() // the notification is sent from the UI goroutine
	})
	if want.Content == "" {
		t.Fatal("failure notification has no reason")
	}
}
