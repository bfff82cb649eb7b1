//go:build !windows

package model

import (
	"syscall"
	"time"
)

// processCPU is the CPU time used by this process so far: on a loaded
// machine it says more about the store's cost than wall time.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
