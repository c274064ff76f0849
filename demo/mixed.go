package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cqrslint/cqrslint/demo/after"
	"github.com/jackc/pgx/v5/pgxpool"
)

// The mixed load's shape.
const (
	readShare      = 0.95 // the rest are writes: posts and follows, half each
	celebrityShare = 0.20 // of profile reads and of follows
	// inFlightPerConn bounds the requests in flight (running, or waiting
	// for a pool connection) per connection; new ones beyond it are shed.
	inFlightPerConn = 64
	// keepUpShare is the share of the target rate a side must complete
	// to keep up.
	keepUpShare = 0.98
	// lateBusy is the generator's p99 lateness, at the lowest rate, above
	// which the machine counts as busy: at a low rate the demo leaves the
	// CPUs mostly idle, so a late generator means something else runs.
	// On this 2-core machine, quiet but for the demo's own server, the
	// generator ran 4 to 6 ms late at 1000/s; with other builds running,
	// 20 to 83 ms (docs/demo.md).
	lateBusy = 10 * time.Millisecond
	// mixedWarmup is how long each side runs at the lowest rate before
	// the measured runs, not counted: every pool connection prepares the
	// statements on first use, and the first runs paid for it.
	mixedWarmup = time.Second
	// otherSample is how long the demo, idle before each rate, watches
	// how busy the rest of the machine is.
	otherSample = 500 * time.Millisecond
)

// mixedFormat is a line of the mixed load's table.
const mixedFormat = "   %8s %-6s %17s %8s %18s %9s %9s %6s %8s %7s"

// request is one request of the mixed load, due at a fixed time whether
// or not the previous ones are done (an open loop, like users).
type request struct {
	due    time.Time
	kind   int // read, post or follow
	id, to int64
}

const (
	read = iota
	post
	follow
)

// mixedResult is one run of one side at one target rate.
type mixedResult struct {
	target        int
	achieved      float64
	reads, writes summary
	mean          time.Duration // mean latency of the completed requests
	pool          poolUse
	errors, shed  int
	firstErr      error
	// late is the p99 of how late the generator sent its requests: a
	// measure of how much CPU it got.
	late time.Duration
	// cpu is the CPU this process (generator and clients) used, in cores
	// (CPU time over wall time); negative when unknown.
	cpu float64
}

// poolUse is what the pool's counters say about one run.
type poolUse struct {
	// wait is the mean time a request spent waiting for a connection
	// (the pool's empty-acquire wait time over the requests run).
	wait time.Duration
	// empty is the share of acquires that found no idle connection.
	empty float64
	// opened counts connections opened during the run: 0 unless one
	// broke.
	opened int64
}

// poolUsed compares two snapshots of a pool's counters, taken around n
// requests.
func poolUsed(s0, s1 *pgxpool.Stat, n int) poolUse {
	var u poolUse
	if n > 0 {
		u.wait = (s1.EmptyAcquireWaitTime() - s0.EmptyAcquireWaitTime()) / time.Duration(n)
	}
	if acquires := s1.AcquireCount() - s0.AcquireCount(); acquires > 0 {
		u.empty = float64(s1.EmptyAcquireCount()-s0.EmptyAcquireCount()) / float64(acquires)
	}
	u.opened = s1.NewConnsCount() - s0.NewConnsCount()
	return u
}

// keptUp reports whether the run kept up: it completed at least 98% of
// the target rate, without errors, with a read p99 within objective.
func (r mixedResult) keptUp(objective time.Duration) bool {
	return r.errors == 0 && r.achieved >= keepUpShare*float64(r.target) && r.reads.p99 <= objective
}

// rateResult is the repeated runs of one side at one rate.
type rateResult struct {
	target int
	runs   []mixedResult
}

// keptUp reports whether most runs kept up, and how many did.
func (rr rateResult) keptUp(objective time.Duration) (bool, int) {
	n := 0
	for _, r := range rr.runs {
		if r.keptUp(objective) {
			n++
		}
	}
	return 2*n > len(rr.runs), n
}

// spread is the median and range of f over the runs.
func (rr rateResult) spread(f func(mixedResult) float64) (med, lo, hi float64) {
	v := make([]float64, len(rr.runs))
	for i, r := range rr.runs {
		v[i] = f(r)
	}
	slices.Sort(v)
	return medianOf(v), v[0], v[len(v)-1]
}

// medianOf is the median of sorted v.
func medianOf(v []float64) float64 {
	n := len(v)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}

func mixedLoad(ctx context.Context, env *environment, cfg config, w io.Writer) error {
	switch {
	case len(cfg.mixedRates) == 0:
		fmt.Fprintln(w, ": skipped (-mixed-rates is empty)")
		return nil
	case !env.srv.Loopback():
		fmt.Fprintln(w, ": skipped, the server is not on this machine (load steps run on loopback only)")
		return nil
	}
	fmt.Fprintf(w, ": %.0f%% profile reads, %.0f%% posts and follows (%.0f%% of reads and follows\n"+
		"   on celebrities), at a fixed rate for %s per run, each request in its own goroutine on a\n"+
		"   pool of %d connections per side; latency counts from when a request was due, waiting for\n"+
		"   a connection included; new requests beyond %d in flight are shed. Each rate runs %d time(s)\n"+
		"   per side, the sides alternating before, after, after, before, ... (ABBA); the table shows\n"+
		"   the median run and, in brackets, the range over the runs. A side keeps up at a rate when\n"+
		"   it completes at least %.0f%% of it with a read p99 within the objective of %s ms.\n",
		100*readShare, 100*(1-readShare), 100*celebrityShare, cfg.mixedFor, cfg.mixedConns, inFlightPerConn*cfg.mixedConns,
		cfg.mixedRepeats, 100*keepUpShare, ms(cfg.readObjective))
	if load0, ok := loadAverage(); ok {
		fmt.Fprintf(w, "   load average before the step: %.2f on %d CPUs\n", load0, runtime.NumCPU())
	}
	sides := env.sides()
	pools := make([]*pgxpool.Pool, len(sides))
	for i, s := range sides {
		p, err := env.pool(ctx, s, cfg.mixedConns)
		if err != nil {
			return err
		}
		defer p.Close()
		pools[i] = p
	}
	for i, s := range sides {
		runMixed(ctx, env, s, pools[i], cfg.mixedConns, cfg.mixedRates[0], mixedWarmup, cfg.seed.Seed)
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "   (warm-up: %s per side at %d/s, not counted)\n", mixedWarmup, cfg.mixedRates[0])
	results := make([][]rateResult, len(sides))
	line(w, mixedFormat, "target/s", "side", "achieved/s", "read p50", "read p99", "write p99", "conn wait", "shed", "demo CPU", "kept up")
	prog := progressOf(w)
	prog.start("mixed load", len(cfg.mixedRates)*cfg.mixedRepeats*len(sides))
	defer prog.finish()
	// Before each rate, while the demo sends nothing, how busy the rest
	// of the machine is: the most seen says whether the figures mean much.
	maxOther, haveOther := 0.0, false
	for _, rate := range cfg.mixedRates {
		if o, ok := otherCPU(ctx, otherSample); ok {
			maxOther, haveOther = max(maxOther, o), true
		}
		rr := make([]rateResult, len(sides))
		for k := range cfg.mixedRepeats {
			for j := range sides {
				i := j
				if k%2 == 1 { // ABBA: every other repeat, after runs first
					i = len(sides) - 1 - j
				}
				res := runMixed(ctx, env, sides[i], pools[i], cfg.mixedConns, rate, cfg.mixedFor, cfg.seed.Seed+uint64(k))
				if err := ctx.Err(); err != nil {
					return err
				}
				rr[i].target = rate
				rr[i].runs = append(rr[i].runs, res)
				prog.add(1)
			}
		}
		for i, s := range sides {
			results[i] = append(results[i], rr[i])
			target := ""
			if i == 0 {
				target = fmt.Sprint(rate)
			}
			writeMixedRow(w, target, s.name, rr[i], cfg.readObjective)
		}
	}
	fmt.Fprintln(w, "   (latencies in ms, median [min-max]; conn wait: mean time a request waited for a pool")
	fmt.Fprintln(w, "   connection; demo CPU: cores this process used (the load generator and the clients),")
	fmt.Fprintln(w, "   on the same machine as the server; kept up: runs that kept up, of all runs)")
	opened := int64(0)
	for _, rs := range results {
		for _, rr := range rs {
			for _, r := range rr.runs {
				opened += r.pool.opened
			}
		}
	}
	if opened > 0 {
		fmt.Fprintf(w, "   (%d pool connection(s) had to be reopened during the runs)\n", opened)
	}
	for i, s := range sides {
		indent := "\n   " + strings.Repeat(" ", len(s.name)+2)
		fmt.Fprintf(w, "   %s: %s\n", s.name, strings.ReplaceAll(verdict(results[i], cfg.readObjective), "; ", ";"+indent))
	}
	if warn := busyWarning(results, maxOther, haveOther); warn != "" {
		env.busy = warn
		fmt.Fprintf(w, "   WARNING: %s\n", warn)
	}
	return nil
}

// writeMixedRow prints one side at one rate.
func writeMixedRow(w io.Writer, target, side string, rr rateResult, objective time.Duration) {
	achieved, alo, ahi := rr.spread(func(r mixedResult) float64 { return r.achieved })
	p50, _, _ := rr.spread(func(r mixedResult) float64 { return float64(r.reads.p50) })
	p99, plo, phi := rr.spread(func(r mixedResult) float64 { return float64(r.reads.p99) })
	wp99, _, _ := rr.spread(func(r mixedResult) float64 { return float64(r.writes.p99) })
	wait, _, _ := rr.spread(func(r mixedResult) float64 { return float64(r.pool.wait) })
	cpu, _, _ := rr.spread(func(r mixedResult) float64 { return r.cpu })
	shed := 0
	for _, r := range rr.runs {
		shed += r.shed
	}
	_, kept := rr.keptUp(objective)
	cpuText := "-"
	if cpu >= 0 {
		cpuText = fmt.Sprintf("%.2f", cpu)
	}
	line(w, mixedFormat, target, side,
		fmt.Sprintf("%.0f [%.0f-%.0f]", achieved, alo, ahi),
		ms(time.Duration(p50)),
		fmt.Sprintf("%s [%s-%s]", ms(time.Duration(p99)), ms(time.Duration(plo)), ms(time.Duration(phi))),
		ms(time.Duration(wp99)), ms(time.Duration(wait)), fmt.Sprint(shed), cpuText,
		fmt.Sprintf("%d/%d", kept, len(rr.runs)))
}

// verdict says up to which rate a side keeps up (in most runs), where it
// first falls behind and why, and whether the runs disagreed.
func verdict(rs []rateResult, objective time.Duration) string {
	if len(rs) == 0 {
		return "no runs"
	}
	var s string
	last := -1
	for k, rr := range rs {
		ok, _ := rr.keptUp(objective)
		if ok {
			last = k
			continue
		}
		// The median of the runs that fell behind says how.
		r := medianRun(rateResult{rr.target, slices.DeleteFunc(slices.Clone(rr.runs), func(r mixedResult) bool { return r.keptUp(objective) })})
		why := []string{}
		if r.achieved < keepUpShare*float64(r.target) {
			why = append(why, fmt.Sprintf("completes %.0f/s", r.achieved))
		}
		if r.reads.p99 > objective {
			why = append(why, fmt.Sprintf("read p99 %s ms is over %s ms", ms(r.reads.p99), ms(objective)))
		}
		if r.errors > 0 {
			why = append(why, fmt.Sprintf("%d errors (%s)", r.errors, oneLine(r.firstErr.Error())))
		}
		if r.shed > 0 {
			why = append(why, fmt.Sprintf("%d shed", r.shed))
		}
		s = fmt.Sprintf("falls behind at %d/s (median run behind: %s)", r.target, strings.Join(why, ", "))
		if r.reads.n+r.writes.n > 0 && r.mean > 0 {
			s += fmt.Sprintf("; mean latency %s ms, of which %s ms waiting for a connection (the pool was empty at %.0f%% of acquires)",
				ms(r.mean), ms(r.pool.wait), 100*r.pool.empty)
		}
		break
	}
	switch {
	case s == "":
		r := medianRun(rs[len(rs)-1])
		s = fmt.Sprintf("keeps up at every rate; at %d/s (median run) read p99 is %s ms, write p99 %s ms", r.target, ms(r.reads.p99), ms(r.writes.p99))
	case last >= 0:
		s = fmt.Sprintf("keeps up at %d/s (median read p99 %s ms); ", rs[last].target, ms(medianRun(rs[last]).reads.p99)) + s
	}
	var split []string
	for _, rr := range rs {
		if _, n := rr.keptUp(objective); n != 0 && n != len(rr.runs) {
			split = append(split, fmt.Sprintf("%d of %d runs kept up at %d/s", n, len(rr.runs), rr.target))
		}
	}
	if len(split) > 0 {
		s += "; the runs disagree: " + strings.Join(split, ", ")
	}
	return s
}

// medianRun is the run with the median read p99.
func medianRun(rr rateResult) mixedResult {
	runs := slices.Clone(rr.runs)
	slices.SortFunc(runs, func(a, b mixedResult) int { return cmp.Compare(a.reads.p99, b.reads.p99) })
	return runs[(len(runs)-1)/2]
}

// busyWarning says why the machine was too busy for the figures to mean
// much, or "" when it was not: other work kept more than busyOtherShare
// of the CPUs busy while the demo was idle between rates (maxOther cores
// at most), or the generator was late at the lowest rate.
func busyWarning(results [][]rateResult, maxOther float64, haveOther bool) string {
	var why []string
	if haveOther && maxOther > busyOtherShare*float64(runtime.NumCPU()) {
		why = append(why, fmt.Sprintf("other work kept %.1f of %d CPUs busy between the runs", maxOther, runtime.NumCPU()))
	}
	var late time.Duration
	rate := 0
	for _, rs := range results {
		if len(rs) == 0 {
			continue
		}
		rate = rs[0].target
		for _, r := range rs[0].runs {
			late = max(late, r.late)
		}
	}
	if late > lateBusy {
		why = append(why, fmt.Sprintf("at %d/s the load generator sent requests up to %s ms late (p99 of its worst run)", rate, ms(late)))
	}
	if len(why) == 0 {
		return ""
	}
	return "this machine was busy (" + strings.Join(why, "; ") + "): the figures measure the contention as " +
		"much as the two sides, and verdicts can change from run to run; run again on a quiet machine"
}

// runMixed sends rate requests per second for d to s, each in its own
// goroutine on pool (of conns connections), as a server would, and waits
// for the requests in flight to finish.
func runMixed(ctx context.Context, env *environment, s side, pool *pgxpool.Pool, conns, rate int, d time.Duration, seed uint64) mixedResult {
	a := newApp(s.name, pool, after.SameTransaction)
	inFlight := make(chan struct{}, inFlightPerConn*conns)
	var (
		mu            sync.Mutex
		reads, writes []time.Duration
		res           = mixedResult{target: rate, cpu: -1}
		wg            sync.WaitGroup
	)
	gen := newGenerator(env, seed, rate)
	interval := time.Second / time.Duration(rate)
	total := int(d.Seconds() * float64(rate))
	late := make([]time.Duration, 0, total)
	stat0 := pool.Stat()
	cpu0, haveCPU := processCPU()
	start := time.Now()
	for i := 0; i < total && ctx.Err() == nil; i++ {
		r := gen.next(start.Add(time.Duration(i) * interval))
		if wait := time.Until(r.due); wait > 0 {
			time.Sleep(wait)
		}
		late = append(late, max(time.Since(r.due), 0))
		select {
		case inFlight <- struct{}{}:
		default:
			res.shed++
			continue
		}
		wg.Go(func() {
			err := r.do(ctx, a)
			lat := time.Since(r.due)
			<-inFlight
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err != nil:
				res.errors++
				if res.firstErr == nil {
					res.firstErr = err
				}
			case r.kind == read:
				reads = append(reads, lat)
			default:
				writes = append(writes, lat)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if cpu1, ok := processCPU(); ok && haveCPU {
		res.cpu = float64(cpu1-cpu0) / float64(elapsed)
	}
	done := len(reads) + len(writes)
	res.pool = poolUsed(stat0, pool.Stat(), done+res.errors)
	res.achieved = float64(done) / max(elapsed, d).Seconds()
	res.reads, res.writes = summarize(reads), summarize(writes)
	res.late = summarize(late).p99
	if done > 0 {
		var sum time.Duration
		for _, l := range slices.Concat(reads, writes) {
			sum += l
		}
		res.mean = sum / time.Duration(done)
	}
	return res
}

func (r request) do(ctx context.Context, a app) error {
	switch r.kind {
	case post:
		return a.post(ctx, r.id)
	case follow:
		return a.follow(ctx, r.id, r.to)
	}
	return a.profile(ctx, r.id)
}

// generator draws the same requests for both sides.
type generator struct {
	r                *rand.Rand
	celebs, ordinary []int64
}

func newGenerator(env *environment, seed uint64, rate int) *generator {
	return &generator{
		r:      rand.New(rand.NewPCG(seed, uint64(rate))),
		celebs: env.data.Celebrities(), ordinary: env.data.Ordinary(),
	}
}

func (g *generator) next(due time.Time) request {
	user := func() int64 {
		if g.r.Float64() < celebrityShare {
			return g.celebs[g.r.IntN(len(g.celebs))]
		}
		return g.ordinary[g.r.IntN(len(g.ordinary))]
	}
	if g.r.Float64() < readShare {
		return request{due: due, kind: read, id: user()}
	}
	author := g.ordinary[g.r.IntN(len(g.ordinary))]
	if g.r.IntN(2) == 0 {
		return request{due: due, kind: post, id: author}
	}
	to := user()
	for to == author {
		to = user()
	}
	return request{due: due, kind: follow, id: author, to: to}
}
