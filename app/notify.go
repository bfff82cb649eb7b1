package app

import "time"

// Notifier shows a desktop notification. The views implement it with
// Fyne's SendNotification; the core decides when one is worth sending.
type Notifier interface {
	Notify(title, body string)
}

// NotifierFunc adapts a function to Notifier.
type NotifierFunc func(title, body string)

func (f NotifierFunc) Notify(title, body string) { f(title, body) }

// LongSync is how long a successful sync must run before its end is worth
// a notification: the user has likely switched to another window by then.
const LongSync = time.Minute

// syncNotification decides whether a finished run deserves a desktop
// notification and with which words. Failures always do; successes only
// when they took longer than LongSync. Canceled runs never do: the user
// asked for them to stop.
func syncNotification(channelName string, took time.Duration, err error, canceled bool, summary string) (title, body string, ok bool) {
	switch {
	case canceled:
		return "", "", false
	case err != nil:
		return "Sync failed: " + channelName, summary, true
	case took > LongSync:
		return "Sync finished: " + channelName, summary, true
	}
	return "", "", false
}
