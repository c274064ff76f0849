package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	"github.com/cqrslint/cqrslint/demo/after"
	"github.com/cqrslint/cqrslint/demo/internal/dbx"
)

// The mixed load's shape.
const (
	readShare        = 0.95 // the rest are writes: posts and follows, half each
	celebrityShare   = 0.20 // of profile reads and of follows
	backlogPerWorker = 64   // queued requests per connection beyond which new ones are shed
)

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
	errors, shed  int
	firstErr      error
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
		"   on celebrities), at a fixed rate for %s per side, %d connections per side; latency counts\n"+
		"   from when a request was due, queueing included; requests beyond %d queued are shed\n",
		100*readShare, 100*(1-readShare), 100*celebrityShare, cfg.mixedFor, cfg.mixedConns, backlogPerWorker*cfg.mixedConns)
	sides := env.sides()
	conns := make([][]*dbx.Conn, len(sides))
	for i, s := range sides {
		c, err := env.connect(ctx, s, cfg.mixedConns)
		if err != nil {
			return err
		}
		defer dbx.CloseAll(c)
		conns[i] = c
	}
	results := make([][]mixedResult, len(sides))
	line(w, "   %8s %-6s %10s %9s %9s %10s %10s %6s %6s", "target/s", "side", "achieved/s", "read p50", "read p99", "write p50", "write p99", "errors", "shed")
	for _, rate := range cfg.mixedRates {
		for i, s := range sides {
			res := runMixed(ctx, env, s, conns[i], rate, cfg.mixedFor, cfg.seed.Seed)
			if err := ctx.Err(); err != nil {
				return err
			}
			results[i] = append(results[i], res)
			target := ""
			if i == 0 {
				target = fmt.Sprint(rate)
			}
			line(w, "   %8s %-6s %10.0f %9s %9s %10s %10s %6d %6d", target, s.name, res.achieved,
				ms(res.reads.p50), ms(res.reads.p99), ms(res.writes.p50), ms(res.writes.p99), res.errors, res.shed)
		}
	}
	fmt.Fprintln(w, "   (latencies in ms)")
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
		if k > 0 {
			p := rs[k-1]
			s = fmt.Sprintf("keeps up at %d/s (read p99 %s ms); ", p.target, ms(p.reads.p99)) + s
		}
		return s
	}
	last := rs[len(rs)-1]
	return fmt.Sprintf("keeps up at every rate; at %d/s read p99 is %s ms, write p99 %s ms", last.target, ms(last.reads.p99), ms(last.writes.p99))
}

// runMixed sends rate requests per second for d to s over conns and
// waits for the queue to drain.
func runMixed(ctx context.Context, env *environment, s side, conns []*dbx.Conn, rate int, d time.Duration, seed uint64) mixedResult {
	queue := make(chan request, backlogPerWorker*len(conns))
	var (
		mu            sync.Mutex
		reads, writes []time.Duration
		res           = mixedResult{target: rate}
	)
	var wg sync.WaitGroup
	for _, c := range conns {
		a := newApp(s.name, c, after.SameTransaction)
		wg.Go(func() {
			for r := range queue {
				err := r.do(ctx, a)
				lat := time.Since(r.due)
				mu.Lock()
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
				mu.Unlock()
			}
		})
	}
	gen := newGenerator(env, seed, rate)
	interval := time.Second / time.Duration(rate)
	total := int(d.Seconds() * float64(rate))
	start := time.Now()
	for i := 0; i < total && ctx.Err() == nil; i++ {
		r := gen.next(start.Add(time.Duration(i) * interval))
		if wait := time.Until(r.due); wait > 0 {
			time.Sleep(wait)
		}
		select {
		case queue <- r:
		default:
			res.shed++
		}
	}
	close(queue)
	wg.Wait()
	elapsed := time.Since(start)
	res.achieved = float64(len(reads)+len(writes)) / max(elapsed, d).Seconds()
	res.reads, res.writes = summarize(reads), summarize(writes)
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
