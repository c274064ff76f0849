package main

import (
	"context"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
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

// busyOtherShare is the share of the CPUs that other work may use, while
// the demo itself sends nothing, before the machine counts as busy. The
// load average cannot tell: during a load step it counts the demo's own
// PostgreSQL backends and load generator, which alone keep two cores
// loaded, so it says "busy" on a quiet machine.
const busyOtherShare = 0.25

// cpuTimes is the machine's CPU time from /proc/stat's first line, in
// clock ticks: all of it and the idle part (idle and iowait).
func cpuTimes() (total, idle uint64, ok bool) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0, false
	}
	return parseCPUTimes(string(b))
}

// parseCPUTimes reads cpuTimes from the text of /proc/stat.
func parseCPUTimes(stat string) (total, idle uint64, ok bool) {
	first, _, _ := strings.Cut(stat, "\n")
	f := strings.Fields(first)
	if len(f) < 5 || f[0] != "cpu" {
		return 0, 0, false
	}
	for i, s := range f[1:] {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return 0, 0, false
		}
		total += v
		if i == 3 || i == 4 { // idle, iowait
			idle += v
		}
	}
	return total, idle, true
}

// otherCPU measures, over d while the demo sends nothing, how many cores
// the rest of the machine keeps busy (this process's own CPU time left
// out), and whether it could be measured (Linux only).
func otherCPU(ctx context.Context, d time.Duration) (float64, bool) {
	t0, i0, ok0 := cpuTimes()
	p0, okp0 := processCPU()
	select {
	case <-ctx.Done():
		return 0, false
	case <-time.After(d):
	}
	t1, i1, ok1 := cpuTimes()
	p1, okp1 := processCPU()
	if !ok0 || !ok1 || t1 <= t0 || i1 < i0 || i1-i0 > t1-t0 {
		return 0, false
	}
	own := time.Duration(0)
	if okp0 && okp1 {
		own = p1 - p0
	}
	return busyCores(t1-t0, i1-i0, runtime.NumCPU(), own, d), true
}

// busyCores is the cores kept busy by others over d: the busy share of
// the machine's ticks (total, of which idle were idle) times its CPUs,
// less this process's own CPU time over d.
func busyCores(total, idle uint64, cpus int, own, d time.Duration) float64 {
	busy := float64(total-idle) / float64(total) * float64(cpus)
	if d > 0 {
		busy -= float64(own) / float64(d)
	}
	return max(busy, 0)
}
