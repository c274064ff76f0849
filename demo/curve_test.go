package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cqrslint/cqrslint/demo/internal/dbtest"
	"github.com/cqrslint/cqrslint/demo/internal/seed"
)

// TestFanOutCurve runs the curve step on small fan-outs and checks what
// it leaves behind: the chart exists with its four series, the JSON
// beside it holds the figures the step printed, and the chart is drawn
// from exactly those figures.
func TestFanOutCurve(t *testing.T) {
	srv := dbtest.Server(t)
	cfg := config{
		seed:       seed.Config{Users: 100, Posts: 500, Celebrities: 2, CelebrityPostShare: 0.2, CelebrityFollowerShare: 0.3, FollowsPerUser: 2, Seed: 7},
		curveSizes: []int{10, 300, 3000}, curveMax: 3000, mixedConns: 4,
		chart: filepath.Join(t.TempDir(), "out", "fanout.svg"),
	}
	env, err := setup(t.Context(), srv, cfg.seed, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := env.close(); err != nil {
			t.Error(err)
		}
	})
	var out strings.Builder
	if err := fanOut(t.Context(), env, cfg, &out); err != nil {
		t.Fatalf("fan-out: %v\n%s", err, &out)
	}
	t.Log(&out)
	svg, err := os.ReadFile(cfg.chart)
	if err != nil {
		t.Fatalf("no chart: %v", err)
	}
	js, err := os.ReadFile(dataPath(cfg.chart))
	if err != nil {
		t.Fatalf("no chart data: %v", err)
	}
	var data curveData
	if err := json.Unmarshal(js, &data); err != nil {
		t.Fatal(err)
	}
	var sizes []int
	for _, p := range data.Points {
		sizes = append(sizes, p.FanOut)
		var rows strings.Builder
		writeCurveRows(&rows, p)
		if !strings.Contains(out.String(), rows.String()) {
			t.Errorf("the printed table lacks the JSON's rows for fan-out %d:\n%s", p.FanOut, &rows)
		}
		if p.Before.ReadMs <= 0 || p.After.ReadMs <= 0 || p.Before.WriteMs <= 0 || p.After.WriteMs <= 0 {
			t.Errorf("fan-out %d: a latency is not positive: %+v", p.FanOut, p)
		}
	}
	if !slices.Equal(sizes, cfg.curveSizes) {
		t.Errorf("chart data has fan-outs %v; want %v", sizes, cfg.curveSizes)
	}
	for _, s := range chartSeries {
		if !bytes.Contains(svg, []byte(s.label)) {
			t.Errorf("chart lacks the series %q", s.label)
		}
	}
	if again, err := renderChart(data, "svg"); err != nil || !bytes.Equal(again, svg) {
		t.Errorf("the chart is not the drawing of its JSON data (err %v)", err)
	}
	// The shape, from EXPLAIN's row counts (work, not time): the god
	// read handles more rows as the fan-out grows, the read model the
	// same few.
	for k := 1; k < len(data.Points); k++ {
		p, q := data.Points[k-1], data.Points[k]
		if q.Before.ReadRows <= p.Before.ReadRows || q.Before.WriteRows <= p.Before.WriteRows {
			t.Errorf("before: rows %d→%d (read), %d→%d (follow) from fan-out %d to %d; want growth",
				p.Before.ReadRows, q.Before.ReadRows, p.Before.WriteRows, q.Before.WriteRows, p.FanOut, q.FanOut)
		}
		if q.After.ReadRows != p.After.ReadRows || q.After.WriteRows != p.After.WriteRows {
			t.Errorf("after: rows %d→%d (read), %d→%d (follow) from fan-out %d to %d; want flat",
				p.After.ReadRows, q.After.ReadRows, p.After.WriteRows, q.After.WriteRows, p.FanOut, q.FanOut)
		}
	}
	for _, want := range []string{"At 10000 requests/s", "before: ", "after: "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

// The chart in docs/ is the drawing of the data beside it, from a real
// run of make demo.
func TestDocsChart(t *testing.T) {
	js, err := os.ReadFile("../docs/demo-fanout.json")
	if err != nil {
		t.Fatal(err)
	}
	var data curveData
	if err := json.Unmarshal(js, &data); err != nil {
		t.Fatal(err)
	}
	if _, err := time.Parse(time.RFC3339, data.Measured); err != nil || len(data.Points) < 3 {
		t.Errorf("docs chart data: measured %q, %d points", data.Measured, len(data.Points))
	}
	svg, err := os.ReadFile("../docs/demo-fanout.svg")
	if err != nil {
		t.Fatal(err)
	}
	if again, err := renderChart(data, "svg"); err != nil || !bytes.Equal(again, svg) {
		t.Errorf("docs/demo-fanout.svg is not the drawing of docs/demo-fanout.json (err %v); copy both from one make demo run", err)
	}
}
