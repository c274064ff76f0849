package main

import (
	"slices"
	"time"
)

// summary is the latency distribution of a run.
type summary struct {
	n        int
	p50, p99 time.Duration
}

// summarize returns the nearest-rank percentiles of lat.
func summarize(lat []time.Duration) summary {
	if len(lat) == 0 {
		return summary{}
	}
	s := slices.Clone(lat)
	slices.Sort(s)
	rank := func(p float64) time.Duration {
		i := int(p*float64(len(s))+0.999999) - 1 // ceil(p·n) - 1
		return s[min(max(i, 0), len(s)-1)]
	}
	return summary{n: len(s), p50: rank(0.50), p99: rank(0.99)}
}

// ms formats d in milliseconds with three significant decimals.
func ms(d time.Duration) string {
	v := float64(d) / float64(time.Millisecond)
	switch {
	case v >= 100:
		return trimFloat(v, 0)
	case v >= 10:
		return trimFloat(v, 1)
	case v >= 1:
		return trimFloat(v, 2)
	}
	return trimFloat(v, 3)
}
