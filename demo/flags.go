package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
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
	fs.IntVar(&cfg.seed.Users, "users", cfg.seed.Users, "users to seed (the issue's large size: 100000)")
	fs.IntVar(&cfg.seed.Posts, "posts", cfg.seed.Posts, "posts to seed (the issue's large size: 1000000)")
	fs.IntVar(&cfg.seed.Celebrities, "celebrities", cfg.seed.Celebrities, "celebrities among the users")
	fs.Float64Var(&cfg.seed.CelebrityPostShare, "celebrity-posts", cfg.seed.CelebrityPostShare, "share of all posts written by the celebrities")
	fs.Float64Var(&cfg.seed.CelebrityFollowerShare, "celebrity-followers", cfg.seed.CelebrityFollowerShare, "share of all users following each celebrity")
	fs.Uint64Var(&cfg.seed.Seed, "seed", cfg.seed.Seed, "random seed of the data set")
	fs.IntVar(&cfg.iterations, "iterations", 400, "timed runs per operation and side")
	fs.IntVar(&cfg.hotWriters, "hot-writers", 8, "concurrent writers in the hot-row step")
	fs.DurationVar(&cfg.hotFor, "hot-duration", 1500*time.Millisecond, "duration of each hot-row scenario")
	rates := fs.String("mixed-rates", "1000,3000,10000", "comma-separated target request rates (per second) of the mixed load; empty to skip it")
	fs.DurationVar(&cfg.mixedFor, "mixed-duration", 2*time.Second, "duration of each mixed-load rate, per side")
	fs.IntVar(&cfg.mixedConns, "mixed-conns", 16, "connections (workers) per side in the mixed load")
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
	if cfg.mixedRates, err = parseRates(*rates); err != nil {
		return config{}, err
	}
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
	}
	return nil
}

func parseRates(s string) ([]int, error) {
	var rates []int
	for f := range strings.SplitSeq(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		r, err := strconv.Atoi(f)
		if err != nil || r < 1 || r > 100_000 {
			return nil, fmt.Errorf("bad -mixed-rates entry %q: want a rate between 1 and 100000", f)
		}
		rates = append(rates, r)
	}
	return rates, nil
}
