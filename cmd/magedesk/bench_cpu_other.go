//go:build !linux

package main

import "time"

// processCPU and selfCPU are measured on Linux only; elsewhere the bench
// reports no CPU split.
func processCPU(int) time.Duration { return 0 }
func selfCPU() time.Duration       { return 0 }
