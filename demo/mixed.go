package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
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
)

// mixedFormat is a line of the mixed load's table.
const mixedFormat = "   %8s %-6s %10s %9s %9s %10s %10s %10s %6s %6s"

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

// mixedResult is one side at one target rate.
type mixedResult struct {
	target        int
	achieved      float64
	reads, writes summary
	mean          time.Duration // mean latency of the completed requests
	pool          poolUse
	errors, shed  int
	firstErr      error
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

func (r mixedResult) keptUp() bool {
	return r.shed == 0 && r.errors == 0 && r.achieved >= 0.95*float64(r.target)
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
		"   on celebrities), at a fixed rate for %s per side, each request in its own goroutine on a\n"+
		"   pool of %d connections per side; latency counts from when a request was due, waiting for\n"+
		"   a connection included; new requests beyond %d in flight are shed\n",
		100*readShare, 100*(1-readShare), 100*celebrityShare, cfg.mixedFor, cfg.mixedConns, inFlightPerConn*cfg.mixedConns)
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
	results := make([][]mixedResult, len(sides))
	line(w, mixedFormat, "target/s", "side", "achieved/s", "read p50", "read p99", "write p50", "write p99", "conn wait", "errors", "shed")
	for _, rate := range cfg.mixedRates {
		for i, s := range sides {
			res := runMixed(ctx, env, s, pools[i], cfg.mixedConns, rate, cfg.mixedFor, cfg.seed.Seed)
			if err := ctx.Err(); err != nil {
				return err
			}
			results[i] = append(results[i], res)
			target := ""
			if i == 0 {
				target = fmt.Sprint(rate)
			}
			line(w, mixedFormat, target, s.name, fmt.Sprintf("%.0f", res.achieved),
				ms(res.reads.p50), ms(res.reads.p99), ms(res.writes.p50), ms(res.writes.p99), ms(res.pool.wait),
				fmt.Sprint(res.errors), fmt.Sprint(res.shed))
		}
	}
	fmt.Fprintln(w, "   (latencies in ms; conn wait: mean time a request waited for a pool connection)")
	opened := int64(0)
	for _, rs := range results {
		for _, r := range rs {
			opened += r.pool.opened
		}
	}
	if opened > 0 {
		fmt.Fprintf(w, "   (%d pool connection(s) had to be reopened during the runs)\n", opened)
	}
	for i, s := range sides {
		indent := "\n   " + strings.Repeat(" ", len(s.name)+2)
		fmt.Fprintf(w, "   %s: %s\n", s.name, strings.ReplaceAll(verdict(results[i]), "; ", ";"+indent))
	}
	return nil
}

// verdict says at which rate a side first falls behind, and how.
func verdict(rs []mixedResult) string {
	for k, r := range rs {
		if r.keptUp() {
			continue
		}
		s := fmt.Sprintf("falls behind at %d/s: completes %.0f/s, read p99 %s ms, write p99 %s ms", r.target, r.achieved, ms(r.reads.p99), ms(r.writes.p99))
		if r.shed > 0 {
			s += fmt.Sprintf(", %d shed", r.shed)
		}
		if r.errors > 0 {
			s += fmt.Sprintf(", %d errors (%s)", r.errors, oneLine(r.firstErr.Error()))
		}
		if r.reads.n+r.writes.n > 0 {
			s += fmt.Sprintf("; mean latency %s ms, of which %s ms waiting for a connection (the pool was empty at %.0f%% of acquires)",
				ms(r.mean), ms(r.pool.wait), 100*r.pool.empty)
		}
		if k > 0 {
			p := rs[k-1]
			s = fmt.Sprintf("keeps up at %d/s (read p99 %s ms); ", p.target, ms(p.reads.p99)) + s
		}
		return s
	}
	last := rs[len(rs)-1]
	return fmt.Sprintf("keeps up at every rate; at %d/s read p99 is %s ms, write p99 %s ms", last.target, ms(last.reads.p99), ms(last.writes.p99))
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
		res           = mixedResult{target: rate}
		wg            sync.WaitGroup
	)
	gen := newGenerator(env, seed, rate)
	interval := time.Second / time.Duration(rate)
	total := int(d.Seconds() * float64(rate))
	stat0 := pool.Stat()
	start := time.Now()
	for i := 0; i < total && ctx.Err() == nil; i++ {
		r := gen.next(start.Add(time.Duration(i) * interval))
		if wait := time.Until(r.due); wait > 0 {
			time.Sleep(wait)
		}
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
	done := len(reads) + len(writes)
	res.pool = poolUsed(stat0, pool.Stat(), done+res.errors)
	res.achieved = float64(done) / max(elapsed, d).Seconds()
	res.reads, res.writes = summarize(reads), summarize(writes)
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
