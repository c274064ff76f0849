package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cqrslint/cqrslint/demo/after"
	"github.com/cqrslint/cqrslint/demo/internal/dbx"
	"github.com/cqrslint/cqrslint/demo/internal/seed"
)

// The fan-out curve's measurement.
const (
	curveWarmup   = 3
	curveReads    = 30 // timed profile reads per fan-out and side
	curveWrites   = 10 // timed follows per fan-out and side
	curveExplains = 3  // explained runs per operation, fan-out and side
	curveRate     = 10_000
	curveReadMix  = 0.95 // of curveRate; the rest are writes
	curveCelebMix = 0.20 // of reads and of writes, as in the mixed load
	// curveFollowMix is the share of writes that are follows (the rest
	// are posts by ordinary users), as in the mixed load.
	curveFollowMix = 0.5
)

// curveSide is one side at one fan-out: the profile read and one write
// (a follow of the celebrity), as the caller sees them (latency p50 on an
// idle connection) and as the server runs them (EXPLAIN ANALYZE).
type curveSide struct {
	ReadMs      float64 `json:"read_p50_ms"`
	ReadExecMs  float64 `json:"read_exec_ms"`
	ReadRows    int64   `json:"read_rows"`
	WriteMs     float64 `json:"write_p50_ms"`
	WriteExecMs float64 `json:"write_exec_ms"`
	WriteRows   int64   `json:"write_rows"`
}

// curvePoint is both sides at one fan-out.
type curvePoint struct {
	FanOut int       `json:"fan_out"`
	Before curveSide `json:"before"`
	After  curveSide `json:"after"`
}

// curveData is what the curve step measured, as written next to the
// chart.
type curveData struct {
	Measured string       `json:"measured"` // RFC 3339, UTC
	Load     float64      `json:"load_average"`
	CPUs     int          `json:"cpus"`
	Conns    int          `json:"pool_connections"`
	Points   []curvePoint `json:"points"`
}

// side returns p's figures for side name.
func (p curvePoint) side(name string) curveSide {
	if name == "before" {
		return p.Before
	}
	return p.After
}

func fanOut(ctx context.Context, env *environment, cfg config, w io.Writer) error {
	if len(cfg.curveSizes) == 0 {
		fmt.Fprintln(w, ": skipped (-curve is empty, or every size is over -curve-max)")
		return nil
	}
	fmt.Fprintf(w, ": one celebrity per fan-out (its posts = its followers = the fan-out), the same\n"+
		"   data on both sides; p50 of %d profile reads and of %d follows of the celebrity by a new\n"+
		"   follower, the sides alternating; exec: the server's execution time, the least of %d runs\n"+
		"   under EXPLAIN (ANALYZE, TIMING OFF)\n", curveReads, curveWrites, curveExplains)
	data, err := measureCurve(ctx, env, cfg, w)
	if err != nil {
		return err
	}
	writeBreaks(w, data)
	if cfg.chart != "" {
		if err := writeChart(cfg.chart, data); err != nil {
			return err
		}
		fmt.Fprintf(w, "   chart: %s (data: %s)\n", cfg.chart, dataPath(cfg.chart))
	}
	return nil
}

// curveFormat is a line of the curve table.
const curveFormat = "   %8s %-6s %9s %9s %10s %10s %10s %10s %8s"

// measureCurve loads the fan-out data set into two schemas of its own,
// measures each fan-out on both sides, prints each fan-out's rows as they
// are measured, and drops the schemas.
func measureCurve(ctx context.Context, env *environment, cfg config, w io.Writer) (curveData, error) {
	prog := progressOf(w)
	defer prog.finish()
	f := seed.FanOut{Sizes: cfg.curveSizes, Spare: curveWarmup + curveWrites + 1}
	sides := []side{
		{name: "before", schema: env.before.schema + "_curve"},
		{name: "after", schema: env.after.schema + "_curve"},
	}
	total := 0
	for _, n := range f.Sizes {
		total += n
	}
	prog.start(fmt.Sprintf("loading the fan-out data (%d fans, %d posts, %d follows per side)", f.Fans(), total, total), 0)
	start := time.Now()
	conns := make([]*dbx.Conn, len(sides))
	defer func() {
		for _, c := range conns {
			if c != nil {
				c.Close()
			}
		}
		env.dropSchemas(sides[0].schema, sides[1].schema)
	}()
	errs := make([]error, len(sides))
	var wg sync.WaitGroup
	for i, s := range sides {
		wg.Go(func() { conns[i], errs[i] = loadCurve(ctx, env, s, f) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return curveData{}, err
	}
	fmt.Fprintf(w, "   fan-outs %s loaded in %s\n", joinInts(f.Sizes), time.Since(start).Round(100*time.Millisecond))
	data := curveData{Measured: time.Now().UTC().Format(time.RFC3339), CPUs: runtime.NumCPU(), Conns: cfg.mixedConns}
	data.Load, _ = loadAverage()
	line(w, curveFormat, "fan-out", "side", "read ms", "read exec", "read rows", "follow ms", "follow exec", "follow rows", "")
	prog.start("fan-out curve", len(f.Sizes))
	for k, n := range f.Sizes {
		p, err := measureFanOut(ctx, conns, sides, f, k)
		if err != nil {
			return curveData{}, fmt.Errorf("fan-out %d: %w", n, err)
		}
		p.FanOut = n
		data.Points = append(data.Points, p)
		writeCurveRows(w, p)
		prog.add(1)
	}
	fmt.Fprintln(w, "   (ms: p50 as the caller sees it; exec: server execution time in ms; rows: rows the plan handled)")
	return data, nil
}

// writeCurveRows prints one fan-out, both sides.
func writeCurveRows(w io.Writer, p curvePoint) {
	for i, name := range []string{"before", "after"} {
		s := p.side(name)
		n := ""
		if i == 0 {
			n = fmt.Sprint(p.FanOut)
		}
		line(w, curveFormat, n, name, trimFloat(s.ReadMs, 3), trimFloat(s.ReadExecMs, 3), fmt.Sprint(s.ReadRows),
			trimFloat(s.WriteMs, 3), trimFloat(s.WriteExecMs, 3), fmt.Sprint(s.WriteRows), "")
	}
}

// loadCurve creates s's schema, fills it with f and, on the after side,
// builds the read model; it returns a connection to the schema.
func loadCurve(ctx context.Context, env *environment, s side, f seed.FanOut) (*dbx.Conn, error) {
	c, err := dbx.Connect(ctx, env.srv.Config, s.schema)
	if err != nil {
		return nil, err
	}
	err = dbx.CreateSchema(ctx, c, s.schema)
	if err == nil {
		err = seed.LoadFanOut(ctx, c.Conn, f)
	}
	if err == nil && s.name == "after" {
		err = after.Migrate(ctx, c)
		if err == nil {
			_, err = after.Reconcile(ctx, c)
		}
		if err == nil {
			err = seed.Analyze(ctx, c.Conn, "user_stats")
		}
	}
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("%s side: %w", s.name, err)
	}
	return c, nil
}

// measureFanOut measures the k-th celebrity of f on both sides.
func measureFanOut(ctx context.Context, conns []*dbx.Conn, sides []side, f seed.FanOut, k int) (curvePoint, error) {
	celeb := f.Celebrity(k)
	ops := []operation{
		{"profile", func(ctx context.Context, a app, _ *[]int64, _ int) error { return a.profile(ctx, celeb) }},
		{"follow", func(ctx context.Context, a app, _ *[]int64, i int) error {
			return a.follow(ctx, f.SpareFan(i), celeb)
		}},
	}
	var res [2][2]result // [op][side]
	for o, op := range ops {
		iterations := curveReads
		if op.name == "follow" {
			iterations = curveWrites
		}
		apps := make([]app, len(sides))
		for i, s := range sides {
			apps[i] = newApp(s.name, conns[i], after.SameTransaction)
		}
		lat := make([][]time.Duration, len(sides))
		for j := range curveWarmup + iterations {
			for n := range sides {
				i := n
				if j%2 == 1 { // alternate which side goes first
					i = len(sides) - 1 - n
				}
				t := time.Now()
				if err := op.run(ctx, apps[i], nil, j); err != nil {
					return curvePoint{}, fmt.Errorf("%s side: %s: %w", sides[i].name, op.name, err)
				}
				if j >= curveWarmup {
					lat[i] = append(lat[i], time.Since(t))
				}
			}
		}
		for i, s := range sides {
			// The least execution time of a few explained runs: the
			// one least disturbed by whatever else the machine runs.
			var best work
			for e := range curveExplains {
				wk, err := explainOp(ctx, conns[i], s.name, op, new([]int64), curveWarmup+iterations)
				if err != nil {
					return curvePoint{}, fmt.Errorf("%s side: explain %s: %w", s.name, op.name, err)
				}
				if e == 0 || wk.exec < best.exec {
					best = wk
				}
			}
			res[o][i] = result{lat: summarize(lat[i]), work: best}
		}
	}
	side := func(i int) curveSide {
		r, wr := res[0][i], res[1][i]
		return curveSide{
			ReadMs: msFloat(r.lat.p50), ReadExecMs: msFloat(r.exec), ReadRows: r.rows,
			WriteMs: msFloat(wr.lat.p50), WriteExecMs: msFloat(wr.exec), WriteRows: wr.rows,
		}
	}
	return curvePoint{Before: side(0), After: side(1)}, nil
}

// msFloat is d in milliseconds, rounded to the microsecond.
func msFloat(d time.Duration) float64 {
	return float64(d.Round(time.Microsecond)) / float64(time.Millisecond)
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ", ")
}

// demand is what one side needs at curveRate requests per second when a
// fifth of the reads and follows go to one celebrity of a given fan-out,
// as estimated from the curve: the smallest fan-out stands for ordinary
// users.
type demand struct {
	cpu   float64 // cores the server's executor needs: rate × execution time
	conns float64 // connections busy (Little's law): rate × latency
	row   float64 // share of time the celebrity's counter row is locked: follows/s × follow latency; -1: no counter row
}

// demandAt estimates side name's demand at p, with ordinary standing for
// ordinary users.
func demandAt(p, ordinary curvePoint, name string) demand {
	c, o := p.side(name), ordinary.side(name)
	reads := curveRate * curveReadMix
	writes := curveRate * (1 - curveReadMix)
	celebReads, celebFollows := reads*curveCelebMix, writes*curveFollowMix*curveCelebMix
	ordReads, ordWrites := reads-celebReads, writes-celebFollows
	perSec := func(ms float64) float64 { return ms / 1000 }
	d := demand{
		cpu: celebReads*perSec(c.ReadExecMs) + ordReads*perSec(o.ReadExecMs) +
			celebFollows*perSec(c.WriteExecMs) + ordWrites*perSec(o.WriteExecMs),
		conns: celebReads*perSec(c.ReadMs) + ordReads*perSec(o.ReadMs) +
			celebFollows*perSec(c.WriteMs) + ordWrites*perSec(o.WriteMs),
		row: -1,
	}
	if name == "after" {
		d.row = celebFollows * perSec(c.WriteMs)
	}
	return d
}

// resource is one thing that can run out, with its use as a share of
// what there is.
type resource struct {
	name string
	use  float64
}

func (d demand) resources(cpus, conns int) []resource {
	r := []resource{
		{"CPU", d.cpu / float64(cpus)},
		{"connection pool", d.conns / float64(conns)},
	}
	if d.row >= 0 {
		r = append(r, resource{"hot counter row", d.row})
	}
	return r
}

// writeBreaks answers, from the curve, what breaks first on each side at
// curveRate requests per second with 95% reads.
func writeBreaks(w io.Writer, data curveData) {
	if len(data.Points) == 0 {
		return
	}
	fmt.Fprintf(w, "\n   At %d requests/s, %.0f%% profile reads, %.0f%% posts and follows, %.0f%% of reads and follows on one\n"+
		"   celebrity, from the figures above (fan-out %d standing for ordinary users): CPU = rate × server\n"+
		"   execution time (of %d cores; a lower bound: parsing, protocol and commits are extra); pool =\n"+
		"   rate × latency (Little's law; of %d connections); hot row = the celebrity's follows/s × follow\n"+
		"   latency (share of time its counter row is locked; the before side has no counter row)\n",
		curveRate, 100*curveReadMix, 100*(1-curveReadMix), 100*curveCelebMix, data.Points[0].FanOut, data.CPUs, data.Conns)
	line(w, "   %8s %-6s %18s %18s %10s", "fan-out", "side", "CPU", "pool", "hot row")
	ordinary := data.Points[0]
	for _, p := range data.Points {
		for i, name := range []string{"before", "after"} {
			d := demandAt(p, ordinary, name)
			n := ""
			if i == 0 {
				n = fmt.Sprint(p.FanOut)
			}
			row := "-"
			if d.row >= 0 {
				row = fmt.Sprintf("%.0f%%", 100*d.row)
			}
			line(w, "   %8s %-6s %18s %18s %10s", n, name,
				fmt.Sprintf("%.2f cores (%.0f%%)", d.cpu, 100*d.cpu/float64(data.CPUs)),
				fmt.Sprintf("%.1f conns (%.0f%%)", d.conns, 100*d.conns/float64(data.Conns)), row)
		}
	}
	for _, name := range []string{"before", "after"} {
		fmt.Fprintf(w, "   %s: %s\n", name, breaksFirst(data, name))
	}
}

// breaksFirst says which resource of side name runs out first as the
// fan-out grows, and at which fan-out; or, if none does, which comes
// closest.
func breaksFirst(data curveData, name string) string {
	ordinary := data.Points[0]
	var top resource
	topAt := 0
	for _, p := range data.Points {
		rs := demandAt(p, ordinary, name).resources(data.CPUs, data.Conns)
		worst := slices.MaxFunc(rs, func(a, b resource) int { return cmp.Compare(a.use, b.use) })
		if worst.use >= 1 {
			return fmt.Sprintf("the %s runs out first, from fan-out %d (needs %.0f%% of it)", worst.name, p.FanOut, 100*worst.use)
		}
		if worst.use >= top.use {
			top, topAt = worst, p.FanOut
		}
	}
	return fmt.Sprintf("nothing runs out up to fan-out %d; the closest is the %s, at %.0f%% (fan-out %d)",
		data.Points[len(data.Points)-1].FanOut, top.name, 100*top.use, topAt)
}
