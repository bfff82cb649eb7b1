package app

import "testing"

func TestEventsDeliverUntilUnsubscribed(t *testing.T) {
	h := NewEvents()
	var got []EventKind
	unsub := h.Subscribe(func(e Event) { got = append(got, e.Kind) })
	h.Publish(Event{Kind: EvSyncStarted})
	h.Publish(Event{Kind: EvDataChanged})
	unsub()
	unsub() // twice is harmless
	h.Publish(Event{Kind: EvSyncFinished})
	if len(got) != 2 || got[0] != EvSyncStarted || got[1] != EvDataChanged {
		t.Fatalf("got %v", got)
	}
}

func TestSubscriberMayUnsubscribeItself(t *testing.T) {
	h := NewEvents()
	calls := 0
	var unsub func()
	unsub = h.Subscribe(func(Event) { calls++; unsub() })
	h.Publish(Event{})
	h.Publish(Event{})
	if calls != 1 {
		t.Fatalf("calls = %d", calls)
	}
}
