package main

import (
	"os"
	"runtime"
	"strconv"
	"strings"
)

// loadAverage is the one-minute load average (Linux: /proc/loadavg), and
// whether it could be read.
func loadAverage() (float64, bool) {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0, false
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0, false
	}
	v, err := strconv.ParseFloat(f[0], 64)
	return v, err == nil
}

// busyLoad is the load average above which the machine counts as busy:
// more runnable tasks than CPUs.
func busyLoad() float64 { return float64(runtime.NumCPU()) }
