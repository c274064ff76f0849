package main

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/cqrslint/cqrslint/demo/after"
	"github.com/jackc/pgx/v5/pgxpool"
)

// storm is one hot-row scenario: writers each toggle a follow (follow,
// unfollow, follow, ...: every toggle changes a count) as fast as they
// can, each from its own new user. They share their side's pool, which
// has a connection per writer: none of them waits for a connection, only
// for locks.
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
	fmt.Fprintf(w, ": %d concurrent writers on a pool of %d connections per side, %s per scenario,\n"+
		"   each toggling a follow (a transaction each)\n", cfg.hotWriters, cfg.hotWriters, cfg.hotFor)
	pools := map[side]*pgxpool.Pool{}
	for _, s := range env.sides() {
		p, err := env.pool(ctx, s, cfg.hotWriters)
		if err != nil {
			return err
		}
		defer p.Close()
		pools[s] = p
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
		res, err := runStorm(ctx, env, pools[st.side], cfg.hotWriters, st, k, cfg.hotFor)
		if err != nil {
			return fmt.Errorf("%s: %w", st.label, err)
		}
		if k == 0 {
			base = res.rate()
		}
		line(w, "   %-46s %7.0f %8s %8s %9.2f×", st.label, res.rate(), ms(res.lat.p50), ms(res.lat.p99), res.rate()/base)
		if st.counting == after.Deferred {
			start := time.Now()
			users, deltas, err := after.Fold(ctx, pools[st.side])
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "     then Fold applied %d deltas to %d user(s) in %s ms; until it runs, the count is stale\n",
				deltas, users, ms(time.Since(start)))
		}
	}
	start := time.Now()
	drift, err := after.Drift(ctx, pools[env.after])
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "   after side's read model vs. COUNT(*) of the truth: %d users differ (checked in %s ms)\n", drift, ms(time.Since(start)))
	return nil
}

// runStorm registers one new user per writer and lets the writers toggle
// their follows on pool for d.
func runStorm(ctx context.Context, env *environment, pool *pgxpool.Pool, writers int, st storm, k int, d time.Duration) (stormResult, error) {
	celebs, ordinary := env.data.Celebrities(), env.data.Ordinary()
	a := newApp(st.side.name, pool, st.counting)
	followers := make([]int64, writers)
	for i := range followers {
		id, err := a.register(ctx, fmt.Sprintf("storm%d-%d@example.com", k, i))
		if err != nil {
			return stormResult{}, err
		}
		followers[i] = id
	}
	lat := make([][]time.Duration, writers)
	errs := make([]error, writers)
	start := time.Now()
	deadline := start.Add(d)
	var wg sync.WaitGroup
	for i := range writers {
		followee := celebs[0]
		if !st.celebrity {
			followee = ordinary[i*len(ordinary)/writers]
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
