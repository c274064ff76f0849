package main

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestWriteTable(t *testing.T) {
	rows := []tableRow{
		{op: "register", sides: [2]result{
			{lat: summary{p50: 500 * time.Microsecond, p99: 2 * time.Millisecond}, queries: 2, bytes: 285, work: work{rows: 5, buffers: 16}},
			{lat: summary{p50: 750 * time.Microsecond, p99: 1500 * time.Microsecond}, queries: 4, bytes: 201, work: work{rows: 3, buffers: 10}},
		}},
		{op: "profile (celebrity)", sides: [2]result{
			{lat: summary{p50: 17400 * time.Microsecond, p99: 123 * time.Millisecond}, queries: 1, bytes: 310.4, work: work{rows: 14587, buffers: 543}},
			{lat: summary{p50: 147 * time.Microsecond, p99: 412 * time.Microsecond}, queries: 1, bytes: 221, work: work{rows: 3, buffers: 6}},
		}},
	}
	var b strings.Builder
	writeTable(&b, rows)
	want := `                                   p50      p99             rows           bytes    after/before
   operation           side         ms       ms queries  touched buffers      in      p50    p99
   -------------------------------------------------------------------------------------------
   register            before      0.5        2       2        5      16     285
                       after      0.75      1.5       4        3      10     201      1.5   0.75
   profile (celebrity) before     17.4      123       1    14587     543     310
                       after     0.147    0.412       1        3       6     221   0.0084 0.0033
`
	got := b.String()
	got = got[:strings.Index(got, "   queries:")]
	if got != want {
		t.Errorf("table:\n%s\nwant:\n%s", got, want)
	}
}

func TestSummarize(t *testing.T) {
	var lat []time.Duration
	for i := 100; i >= 1; i-- {
		lat = append(lat, time.Duration(i)*time.Millisecond)
	}
	if s := summarize(lat); s.p50 != 50*time.Millisecond || s.p99 != 99*time.Millisecond || s.n != 100 {
		t.Errorf("summarize(1..100 ms) = %+v", s)
	}
	if s := summarize([]time.Duration{time.Second}); s.p50 != time.Second || s.p99 != time.Second {
		t.Errorf("summarize(one) = %+v", s)
	}
	if s := summarize(nil); s != (summary{}) {
		t.Errorf("summarize(nil) = %+v", s)
	}
}

func TestVerdict(t *testing.T) {
	const objective = 50 * time.Millisecond
	ok := mixedResult{target: 1000, achieved: 999, reads: summary{n: 950, p99: time.Millisecond}, writes: summary{n: 50, p99: 2 * time.Millisecond}}
	slow := mixedResult{target: 3000, achieved: 2990, reads: summary{n: 2800, p99: 80 * time.Millisecond}, writes: summary{n: 150, p99: 90 * time.Millisecond},
		mean: 20 * time.Millisecond, pool: poolUse{wait: 5 * time.Millisecond, empty: 0.5}}
	behind := mixedResult{target: 10000, achieved: 3561, shed: 11869, reads: summary{n: 6800, p99: 345 * time.Millisecond}, writes: summary{n: 360, p99: 361 * time.Millisecond},
		mean: 215 * time.Millisecond, pool: poolUse{wait: 210 * time.Millisecond, empty: 0.994}}
	fast := ok
	fast.target, fast.achieved = 3000, 2999
	for _, c := range []struct {
		rs   []rateResult
		want string
	}{
		{[]rateResult{{1000, []mixedResult{ok, ok, ok}}, {10000, []mixedResult{behind, behind, behind}}},
			"keeps up at 1000/s (median read p99 1 ms); falls behind at 10000/s (median run behind: completes 3561/s, read p99 345 ms is over 50 ms, 11869 shed); " +
				"mean latency 215 ms, of which 210 ms waiting for a connection (the pool was empty at 99% of acquires)"},
		// Throughput alone is not keeping up: the read p99 must stay within the objective.
		{[]rateResult{{3000, []mixedResult{slow, slow, fast}}},
			"falls behind at 3000/s (median run behind: read p99 80 ms is over 50 ms); mean latency 20 ms, of which 5 ms waiting for a connection " +
				"(the pool was empty at 50% of acquires); the runs disagree: 1 of 3 runs kept up at 3000/s"},
		{[]rateResult{{1000, []mixedResult{ok}}}, "keeps up at every rate; at 1000/s (median run) read p99 is 1 ms, write p99 2 ms"},
	} {
		if got := verdict(c.rs, objective); got != c.want {
			t.Errorf("verdict = %q\nwant %q", got, c.want)
		}
	}
}

func TestBusyWarning(t *testing.T) {
	quiet := []rateResult{{1000, []mixedResult{{late: 100 * time.Microsecond}}}}
	late := []rateResult{{1000, []mixedResult{{late: 100 * time.Microsecond}, {late: 30 * time.Millisecond}}}}
	if w := busyWarning([][]rateResult{quiet, quiet}, 0.5, true); w != "" {
		t.Errorf("quiet machine: %q", w)
	}
	if w := busyWarning([][]rateResult{quiet, late}, 0.5, true); !strings.Contains(w, "up to 30 ms late") {
		t.Errorf("late generator: %q", w)
	}
	if w := busyWarning([][]rateResult{quiet, quiet}, 100, true); !strings.Contains(w, "other work kept 100.0 of") {
		t.Errorf("loaded machine: %q", w)
	}
	if w := busyWarning([][]rateResult{quiet, quiet}, 100, false); w != "" {
		t.Errorf("unknown load: %q", w)
	}
}

func TestBusyCores(t *testing.T) {
	stat := "cpu  100 5 50 800 45 0 0 0 0 0\ncpu0 50 2 25 400 23 0 0 0 0 0\n"
	total, idle, ok := parseCPUTimes(stat)
	if !ok || total != 1000 || idle != 845 {
		t.Fatalf("parseCPUTimes = %d, %d, %v; want 1000, 845, true", total, idle, ok)
	}
	if _, _, ok := parseCPUTimes("intr 1 2 3\n"); ok {
		t.Error("parseCPUTimes accepted a file without a cpu line")
	}
	// Half the ticks busy on 2 CPUs is one core; this process used 0.4
	// of a core of it, so others kept 0.6 busy.
	if got := busyCores(1000, 500, 2, 400*time.Millisecond, time.Second); got < 0.599 || got > 0.601 {
		t.Errorf("busyCores = %.3f, want 0.6", got)
	}
	// This process's own CPU time never makes the rest negative.
	if got := busyCores(1000, 900, 2, time.Second, time.Second); got != 0 {
		t.Errorf("busyCores = %.3f, want 0", got)
	}
}

func TestParsePlan(t *testing.T) {
	out := []byte(`[{"Plan": {"Node Type": "Index Scan", "Actual Rows": 1, "Actual Loops": 1,
		"Shared Hit Blocks": 4, "Shared Read Blocks": 2,
		"Plans": [{"Node Type": "Aggregate", "Actual Rows": 1, "Actual Loops": 3,
			"Plans": [{"Node Type": "Index Only Scan", "Actual Rows": 1500, "Actual Loops": 3}]}]},
		"Planning Time": 0.1, "Execution Time": 1.2}]`)
	w, err := parsePlan(out)
	if err != nil || w != (work{rows: 1 + 3 + 4500, buffers: 6, exec: 1200 * time.Microsecond}) {
		t.Errorf("parsePlan = %+v, %v", w, err)
	}
	if _, err := parsePlan([]byte(`{}`)); err == nil {
		t.Error("parsePlan accepted garbage")
	}
}

func TestParseFindings(t *testing.T) {
	out := []byte("# github.com/cqrslint/cqrslint/demo/before\n" +
		"demo/before/before.go:19:6: User mixes the write model and the read model\n" +
		"demo/before/before.go:17:6: \tUser declared here\n" +
		"vet: something else\n")
	got, notes := parseFindings(out)
	if len(got) != 1 || got[0] != "demo/before/before.go:19:6: User mixes the write model and the read model" || notes != 1 {
		t.Errorf("parseFindings = %q, %d", got, notes)
	}
	if got := firstLine(out, nil); got != "demo/before/before.go:19:6: User mixes the write model and the read model" {
		t.Errorf("firstLine = %q", got)
	}
}

func TestParseFlags(t *testing.T) {
	var stderr strings.Builder
	cfg, err := parseFlags([]string{"-users", "1000", "-posts", "5000", "-mixed-rates", "10, 20"}, &stderr)
	if err != nil || cfg.seed.Users != 1000 || len(cfg.mixedRates) != 2 || cfg.mixedRates[1] != 20 {
		t.Errorf("parseFlags = %+v, %v", cfg, err)
	}
	// Sizes over -curve-max are dropped; the rest sorted, without repeats.
	cfg, err = parseFlags([]string{"-curve", "1000, 10,1000,5000000", "-curve-max", "100000"}, &stderr)
	if err != nil || !slices.Equal(cfg.curveSizes, []int{10, 1000}) || cfg.mixedRepeats != 3 || cfg.readObjective != 50*time.Millisecond {
		t.Errorf("parseFlags(-curve) = %v, %d repeats, objective %s, %v", cfg.curveSizes, cfg.mixedRepeats, cfg.readObjective, err)
	}
	for _, args := range [][]string{
		{"-pg", "docker"},
		{"-curve", "big"},
		{"-mixed-repeats", "0"},
		{"-read-objective", "0s"},
		{"-mixed-rates", "fast"},
		{"-users", "5"},
		{"-iterations", "0"},
		{"extra"},
	} {
		if _, err := parseFlags(args, &stderr); err == nil {
			t.Errorf("parseFlags(%q) accepted", args)
		}
	}
}

// What breaks first is read off the curve's figures: demand is rate ×
// time, against the machine's cores, the pool's connections and the hot
// row's time.
func TestBreaksFirst(t *testing.T) {
	ordinary := curveSide{ReadMs: 0.2, ReadExecMs: 0.02, WriteMs: 2, WriteExecMs: 0.1}
	data := curveData{CPUs: 2, Conns: 16, Points: []curvePoint{
		{FanOut: 10, Before: ordinary, After: ordinary},
		{FanOut: 10000, Before: curveSide{ReadMs: 1, ReadExecMs: 1, WriteMs: 3, WriteExecMs: 1}, After: ordinary},
		{FanOut: 100000, Before: curveSide{ReadMs: 20, ReadExecMs: 20, WriteMs: 20, WriteExecMs: 20}, After: curveSide{ReadMs: 0.3, ReadExecMs: 0.02, WriteMs: 5, WriteExecMs: 0.1}},
	}}
	// 1900 celebrity reads/s × 1 ms + 7600 × 0.02 ms + 50 follows/s × 1 ms + 450 × 0.1 ms = 2.147 cores.
	if d := demandAt(data.Points[1], data.Points[0], "before"); d.cpu < 2.146 || d.cpu > 2.148 || d.row != -1 {
		t.Errorf("before at 10000: %+v; want 2.147 cores and no counter row", d)
	}
	if got, want := breaksFirst(data, "before"), "the CPU runs out first, from fan-out 10000 (needs 107% of it)"; got != want {
		t.Errorf("before: %q; want %q", got, want)
	}
	// 50 follows/s × 5 ms: the counter row is locked a quarter of the time.
	if got, want := breaksFirst(data, "after"), "nothing runs out up to fan-out 100000; the closest is the hot counter row, at 25% (fan-out 100000)"; got != want {
		t.Errorf("after: %q; want %q", got, want)
	}
}
