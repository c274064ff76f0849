package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cqrslint/cqrslint/demo/internal/pgserver"
	"github.com/cqrslint/cqrslint/demo/internal/seed"
)

// config is the command line.
type config struct {
	pg       pgserver.Mode
	skipLint bool
	// linter is a cqrslint binary to use instead of building one.
	linter string
	seed   seed.Config
	// iterations is the number of timed runs per operation and side.
	iterations int
	hotWriters int
	hotFor     time.Duration
	mixedRates []int
	mixedFor   time.Duration
	mixedConns int
	// mixedRepeats is the number of runs per rate and side.
	mixedRepeats int
	// readObjective is the read p99 a side must stay within to keep up.
	readObjective time.Duration
	// curveSizes are the fan-outs of the curve step, at most curveMax.
	curveSizes []int
	curveMax   int
	// chart is where the curve step writes its chart (and, beside it,
	// its data as JSON); "" for no chart.
	chart string
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	cfg := config{seed: seed.DefaultConfig()}
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: go run ./demo [flags]   (from the module root; DATABASE_URL picks the server)")
		fs.PrintDefaults()
	}
	pg := fs.String("pg", string(pgserver.Auto), "where PostgreSQL comes from: auto (DATABASE_URL, else "+pgserver.DefaultURL+", else a throwaway cluster), url (no fallback), throwaway (always a throwaway cluster)")
	fs.BoolVar(&cfg.skipLint, "skip-lint", false, "do not build and run cqrslint")
	fs.StringVar(&cfg.linter, "cqrslint", "", "a cqrslint binary to run (e.g. bin/cqrslint after make build) instead of building one")
	fs.IntVar(&cfg.seed.Users, "users", cfg.seed.Users, "users to seed (a large size: 100000)")
	fs.IntVar(&cfg.seed.Posts, "posts", cfg.seed.Posts, "posts to seed (a large size: 1000000)")
	fs.IntVar(&cfg.seed.Celebrities, "celebrities", cfg.seed.Celebrities, "celebrities among the users")
	fs.Float64Var(&cfg.seed.CelebrityPostShare, "celebrity-posts", cfg.seed.CelebrityPostShare, "share of all posts written by the celebrities")
	fs.Float64Var(&cfg.seed.CelebrityFollowerShare, "celebrity-followers", cfg.seed.CelebrityFollowerShare, "share of all users following each celebrity")
	fs.Uint64Var(&cfg.seed.Seed, "seed", cfg.seed.Seed, "random seed of the data set")
	fs.IntVar(&cfg.iterations, "iterations", 400, "timed runs per operation and side")
	fs.IntVar(&cfg.hotWriters, "hot-writers", 8, "concurrent writers in the hot-row step")
	fs.DurationVar(&cfg.hotFor, "hot-duration", 1500*time.Millisecond, "duration of each hot-row scenario")
	rates := fs.String("mixed-rates", "1000,3000,6000", "comma-separated target request rates (per second) of the mixed load; empty to skip it")
	fs.DurationVar(&cfg.mixedFor, "mixed-duration", 2*time.Second, "duration of each mixed-load rate, per side")
	fs.IntVar(&cfg.mixedConns, "mixed-conns", 16, "connections (workers) per side in the mixed load")
	fs.IntVar(&cfg.mixedRepeats, "mixed-repeats", 3, "runs per rate and side in the mixed load, the sides alternating ABBA")
	fs.DurationVar(&cfg.readObjective, "read-objective", 50*time.Millisecond, "read p99 a side must stay within to keep up in the mixed load")
	curve := fs.String("curve", "10,1000,10000,100000,1000000", "comma-separated fan-outs (posts and followers of one celebrity) of the fan-out curve; empty to skip it")
	fs.IntVar(&cfg.curveMax, "curve-max", 100_000, "largest fan-out the curve measures (larger -curve sizes are dropped)")
	fs.StringVar(&cfg.chart, "chart", "", "write the fan-out curve as a chart to this path (SVG, or PNG if it ends in .png), and its data beside it as JSON (.json)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if fs.NArg() > 0 {
		return config{}, fmt.Errorf("unexpected argument %q (see -h)", fs.Arg(0))
	}
	var err error
	if cfg.pg, err = pgserver.ParseMode(*pg); err != nil {
		return config{}, err
	}
	if cfg.mixedRates, err = parseList(*rates, "-mixed-rates", 100_000); err != nil {
		return config{}, err
	}
	if cfg.curveSizes, err = parseList(*curve, "-curve", 10_000_000); err != nil {
		return config{}, err
	}
	cfg.curveSizes = slices.DeleteFunc(cfg.curveSizes, func(n int) bool { return n > cfg.curveMax })
	slices.Sort(cfg.curveSizes)
	cfg.curveSizes = slices.Compact(cfg.curveSizes)
	if err := cfg.validate(); err != nil {
		return config{}, err
	}
	return cfg, nil
}

func (c config) validate() error {
	if err := c.seed.Validate(); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	switch {
	case c.seed.Celebrities < 1 || c.seed.Users-c.seed.Celebrities < 2*c.hotWriters:
		return errors.New("need at least one celebrity and two ordinary users per hot-row writer")
	case c.iterations < 1 || c.iterations > 100_000:
		return errors.New("-iterations must be between 1 and 100000")
	case c.hotWriters < 1 || c.hotWriters > 64:
		return errors.New("-hot-writers must be between 1 and 64")
	case c.mixedConns < 1 || c.mixedConns > 64:
		return errors.New("-mixed-conns must be between 1 and 64")
	case c.hotFor <= 0 || c.hotFor > time.Minute || c.mixedFor <= 0 || c.mixedFor > time.Minute:
		return errors.New("durations must be positive and at most a minute")
	case c.mixedRepeats < 1 || c.mixedRepeats > 20:
		return errors.New("-mixed-repeats must be between 1 and 20")
	case c.readObjective <= 0:
		return errors.New("-read-objective must be positive")
	case c.curveMax < 1:
		return errors.New("-curve-max must be positive")
	}
	return nil
}

// parseList parses flag's comma-separated list of numbers from 1 to most.
func parseList(s, flag string, most int) ([]int, error) {
	var list []int
	for f := range strings.SplitSeq(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		r, err := strconv.Atoi(f)
		if err != nil || r < 1 || r > most {
			return nil, fmt.Errorf("bad %s entry %q: want a number between 1 and %d", flag, f, most)
		}
		list = append(list, r)
	}
	return list, nil
}
