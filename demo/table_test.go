package main

import (
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
	ok := mixedResult{target: 1000, achieved: 999, reads: summary{p99: time.Millisecond}, writes: summary{p99: 2 * time.Millisecond}}
	behind := mixedResult{target: 10000, achieved: 3561, shed: 11869, reads: summary{n: 6800, p99: 345 * time.Millisecond}, writes: summary{n: 360, p99: 361 * time.Millisecond},
		mean: 215 * time.Millisecond, pool: poolUse{wait: 210 * time.Millisecond, empty: 0.994}}
	if got, want := verdict([]mixedResult{ok, behind}), "keeps up at 1000/s (read p99 1 ms); falls behind at 10000/s: completes 3561/s, read p99 345 ms, write p99 361 ms, 11869 shed; "+
		"mean latency 215 ms, of which 210 ms waiting for a connection (the pool was empty at 99% of acquires)"; got != want {
		t.Errorf("verdict = %q\nwant %q", got, want)
	}
	if got, want := verdict([]mixedResult{ok}), "keeps up at every rate; at 1000/s read p99 is 1 ms, write p99 2 ms"; got != want {
		t.Errorf("verdict = %q\nwant %q", got, want)
	}
}

func TestParsePlan(t *testing.T) {
	out := []byte(`[{"Plan": {"Node Type": "Index Scan", "Actual Rows": 1, "Actual Loops": 1,
		"Shared Hit Blocks": 4, "Shared Read Blocks": 2,
		"Plans": [{"Node Type": "Aggregate", "Actual Rows": 1, "Actual Loops": 3,
			"Plans": [{"Node Type": "Index Only Scan", "Actual Rows": 1500, "Actual Loops": 3}]}]},
		"Planning Time": 0.1, "Execution Time": 1.2}]`)
	w, err := parsePlan(out)
	if err != nil || w != (work{rows: 1 + 3 + 4500, buffers: 6}) {
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
	for _, args := range [][]string{
		{"-pg", "docker"},
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
