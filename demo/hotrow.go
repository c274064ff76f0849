package main

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/cqrslint/cqrslint/demo/after"
	"github.com/cqrslint/cqrslint/demo/internal/dbx"
)

// storm is one hot-row scenario: writers each toggle a follow (follow,
// unfollow, follow, ...: every toggle changes a count) as fast as they
// can, each from its own new user, each on its own connection.
type storm struct {
	label     string
	side      side
	counting  after.Counting
	celebrity bool // all writers follow one celebrity, else one ordinary user each
}

// stormResult is what a storm achieved.
type stormResult struct {
	ops     int
	elapsed time.Duration
	lat     summary
}

func (r stormResult) rate() float64 { return float64(r.ops) / r.elapsed.Seconds() }

func hotRow(ctx context.Context, env *environment, cfg config, w io.Writer) error {
	if !env.srv.Loopback() {
		fmt.Fprintln(w, ": skipped, the server is not on this machine (load steps run on loopback only)")
		return nil
	}
	fmt.Fprintf(w, ": %d concurrent writers, %s per scenario, each toggling a follow (a transaction each)\n", cfg.hotWriters, cfg.hotFor)
	conns := map[side][]*dbx.Conn{}
	for _, s := range env.sides() {
		c, err := env.connect(ctx, s, cfg.hotWriters)
		if err != nil {
			return err
		}
		defer dbx.CloseAll(c)
		conns[s] = c
	}
	storms := []storm{
		{"after: one ordinary user each (no shared row)", env.after, after.SameTransaction, false},
		{"after: one celebrity (one hot counter row)", env.after, after.SameTransaction, true},
		{"after: one celebrity, deferred counting", env.after, after.Deferred, true},
		{"before: one celebrity (no counter, recounts)", env.before, after.SameTransaction, true},
	}
	line(w, "   %-46s %7s %8s %8s %10s", "scenario", "ops/s", "p50 ms", "p99 ms", "vs. first")
	var base float64
	for k, st := range storms {
		res, err := runStorm(ctx, env, conns[st.side], st, k, cfg.hotFor)
		if err != nil {
			return fmt.Errorf("%s: %w", st.label, err)
		}
		if k == 0 {
			base = res.rate()
		}
		line(w, "   %-46s %7.0f %8s %8s %9.2f×", st.label, res.rate(), ms(res.lat.p50), ms(res.lat.p99), res.rate()/base)
		if st.counting == after.Deferred {
			start := time.Now()
			n, err := after.Fold(ctx, conns[st.side][0])
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "     then Fold applied %d deltas to %d user(s) in %s ms; until it runs, the count is stale\n",
				res.ops, n, ms(time.Since(start)))
		}
	}
	start := time.Now()
	drift, err := after.Drift(ctx, conns[env.after][0])
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "   after side's read model vs. COUNT(*) of the truth: %d users differ (checked in %s ms)\n", drift, ms(time.Since(start)))
	return nil
}

// runStorm registers one new user per writer and lets the writers toggle
// their follows for d.
func runStorm(ctx context.Context, env *environment, conns []*dbx.Conn, st storm, k int, d time.Duration) (stormResult, error) {
	celebs, ordinary := env.data.Celebrities(), env.data.Ordinary()
	apps := make([]app, len(conns))
	followers := make([]int64, len(conns))
	for i, c := range conns {
		apps[i] = newApp(st.side.name, c, st.counting)
		id, err := apps[i].register(ctx, fmt.Sprintf("storm%d-%d@example.com", k, i))
		if err != nil {
			return stormResult{}, err
		}
		followers[i] = id
	}
	lat := make([][]time.Duration, len(conns))
	errs := make([]error, len(conns))
	start := time.Now()
	deadline := start.Add(d)
	var wg sync.WaitGroup
	for i, a := range apps {
		followee := celebs[0]
		if !st.celebrity {
			followee = ordinary[i*len(ordinary)/len(apps)]
		}
		wg.Go(func() {
			for n := 0; time.Now().Before(deadline) && ctx.Err() == nil; n++ {
				t := time.Now()
				var err error
				if n%2 == 0 {
					err = a.follow(ctx, followers[i], followee)
				} else {
					err = a.unfollow(ctx, followers[i], followee)
				}
				if err != nil {
					errs[i] = err
					return
				}
				lat[i] = append(lat[i], time.Since(t))
			}
		})
	}
	wg.Wait()
	if err := firstError(errs...); err != nil {
		return stormResult{}, err
	}
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	return stormResult{ops: len(all), elapsed: time.Since(start), lat: summarize(all)}, ctx.Err()
}
