package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/cqrslint/cqrslint/demo/after"
	"github.com/cqrslint/cqrslint/demo/internal/dbx"
)

// warmup runs precede the timed runs of each operation, to prepare the
// statements and warm the caches.
const warmup = 20

// operation is one row of the side-by-side table. run does its i-th
// iteration on a; fresh holds users registered by the benchmark, who
// follow nobody yet.
type operation struct {
	name string
	run  func(ctx context.Context, a app, fresh *[]int64, i int) error
}

// operations lists the table's rows. picks are ordinary users, drawn once
// so that both sides see the same sequence.
func operations(celebs, picks []int64) []operation {
	celeb := func(i int) int64 { return celebs[i%len(celebs)] }
	return []operation{
		{"register", func(ctx context.Context, a app, fresh *[]int64, i int) error {
			id, err := a.register(ctx, fmt.Sprintf("bench%d@example.com", i))
			*fresh = append(*fresh, id)
			return err
		}},
		{"post (ordinary)", func(ctx context.Context, a app, _ *[]int64, i int) error { return a.post(ctx, picks[i]) }},
		{"post (celebrity)", func(ctx context.Context, a app, _ *[]int64, i int) error { return a.post(ctx, celeb(i)) }},
		{"follow (ordinary)", func(ctx context.Context, a app, fresh *[]int64, i int) error {
			return a.follow(ctx, (*fresh)[i], picks[i])
		}},
		{"follow (celebrity)", func(ctx context.Context, a app, fresh *[]int64, i int) error {
			return a.follow(ctx, (*fresh)[i], celeb(i))
		}},
		{"profile (ordinary)", func(ctx context.Context, a app, _ *[]int64, i int) error { return a.profile(ctx, picks[i]) }},
		{"profile (celebrity)", func(ctx context.Context, a app, _ *[]int64, i int) error { return a.profile(ctx, celeb(i)) }},
	}
}

// result is one operation measured on one side.
type result struct {
	lat     summary
	queries float64 // statements sent per operation, BEGIN and COMMIT included
	bytes   float64 // bytes received per operation
	work            // from EXPLAIN ANALYZE of one more run, rolled back
}

// measure runs every operation on each side, one side after the other on
// one connection each, and prints the table.
func measure(ctx context.Context, env *environment, cfg config, w io.Writer) error {
	fmt.Fprintf(w, ": %d timed runs per operation and side, one connection each\n", cfg.iterations)
	sides := env.sides()
	conns := make([]*dbx.Conn, len(sides))
	for i, s := range sides {
		c, err := dbx.Connect(ctx, env.srv.Config, s.schema)
		if err != nil {
			return err
		}
		defer c.Close()
		conns[i] = c
	}
	n := warmup + cfg.iterations + 1 // the last run is the explained one
	r := rand.New(rand.NewPCG(cfg.seed.Seed, 3))
	ordinary := env.data.Ordinary()
	picks := make([]int64, n)
	for i := range picks {
		picks[i] = ordinary[r.IntN(len(ordinary))]
	}
	fresh := make([][]int64, len(sides))
	ops := operations(env.data.Celebrities(), picks)
	writeTableHeader(w)
	prog := progressOf(w)
	defer prog.finish()
	for k, op := range ops {
		prog.start(fmt.Sprintf("%s (operation %d of %d)", op.name, k+1, len(ops)), cfg.iterations)
		res, err := timeOp(ctx, conns, sides, op, fresh, cfg.iterations, prog)
		if err != nil {
			return fmt.Errorf("%s: %w", op.name, err)
		}
		prog.finish()
		writeTableRow(w, tableRow{op: op.name, sides: res})
		if op.name == "register" {
			// One more fresh user per side for the explained follow runs.
			for i, s := range sides {
				if err := op.run(ctx, newApp(s.name, conns[i], after.SameTransaction), &fresh[i], n-1); err != nil {
					return err
				}
			}
		}
	}
	writeTableFooter(w)
	return nil
}

// timeOp runs op warmup times on each side, then iterations timed times,
// alternating the sides run by run so that both see the same background
// (checkpoints, autovacuum), then once more on each side under EXPLAIN in
// a transaction it rolls back.
func timeOp(ctx context.Context, conns []*dbx.Conn, sides []side, op operation, fresh [][]int64, iterations int, prog *progress) ([2]result, error) {
	var res [2]result
	apps := make([]app, len(sides))
	for i, s := range sides {
		apps[i] = newApp(s.name, conns[i], after.SameTransaction)
		for j := range warmup {
			if err := op.run(ctx, apps[i], &fresh[i], j); err != nil {
				return res, fmt.Errorf("%s side: %w", s.name, err)
			}
		}
	}
	lat := make([][]time.Duration, len(sides))
	stmts, bytes := make([]int64, len(sides)), make([]int64, len(sides))
	for i, c := range conns {
		lat[i] = make([]time.Duration, iterations)
		stmts[i], bytes[i] = c.Meter.Statements(), c.Meter.BytesIn()
	}
	for j := range iterations {
		for i, s := range sides {
			start := time.Now()
			if err := op.run(ctx, apps[i], &fresh[i], warmup+j); err != nil {
				return res, fmt.Errorf("%s side: %w", s.name, err)
			}
			lat[i][j] = time.Since(start)
		}
		prog.add(1)
	}
	for i, s := range sides {
		c := conns[i]
		res[i] = result{
			lat:     summarize(lat[i]),
			queries: float64(c.Meter.Statements()-stmts[i]) / float64(iterations),
			bytes:   float64(c.Meter.BytesIn()-bytes[i]) / float64(iterations),
		}
		var err error
		if res[i].work, err = explainOp(ctx, c, s.name, op, &fresh[i], warmup+iterations); err != nil {
			return res, fmt.Errorf("%s side: %w", s.name, err)
		}
	}
	return res, nil
}

// explainOp runs op's i-th iteration once more with every statement
// explained, and rolls it back.
func explainOp(ctx context.Context, c *dbx.Conn, sideName string, op operation, fresh *[]int64, i int) (work, error) {
	tx, err := c.Begin(ctx)
	if err != nil {
		return work{}, err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	var w work
	scratch := slices.Clone(*fresh) // a rolled-back registration must not be used
	err = op.run(ctx, newApp(sideName, explainTx{Tx: tx, w: &w}, after.SameTransaction), &scratch, i)
	return w, err
}
