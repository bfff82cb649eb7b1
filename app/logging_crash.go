package app

import (
	"fmt"
	"runtime/debug"
)

// LogPanic is deferred at the top of the GUI's main goroutine: a panic is
// written to the log file (value redacted like any record, plus the
// stack, which in Go holds function names and addresses, never variable
// contents) before the program dies as it would have anyway.
func (l *Logging) LogPanic() {
	r := recover()
	if r == nil {
		return
	}
	var err error
	if e, ok := r.(error); ok {
		err = e
	} else {
		err = fmt.Errorf("%v", r)
	}
	l.Logger.Error("MageDesk crashed", "err", err, "stack", string(debug.Stack()))
	l.Close()
	panic(r)
}
