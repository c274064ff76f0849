// Command gen writes the synthetic benchmark module: N packages of
// layered data-access code against the real pgx v5, database/sql and
// sqlx. Run "go mod tidy" in the output directory before building it.
//
//	go run ./bench/gen -n 100 -seed 1 -o /tmp/benchmod
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/cqrslint/cqrslint/bench/internal/synth"
)

func main() {
	n := flag.Int("n", 100, "number of packages")
	seed := flag.Uint64("seed", 1, "seed of the pseudo-random choices")
	out := flag.String("o", "", "output directory (empty or absent)")
	module := flag.String("module", "benchmod", "module path")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gen -o dir [-n packages] [-seed n] [-module path]")
		os.Exit(2)
	}
	sum, err := synth.Generate(*out, synth.Config{Packages: *n, Seed: *seed, Module: *module})
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	l := sum.Layout
	fmt.Printf("wrote %d packages (%d util, %d domain, %d repo %v, %d service, %d handler, %d main), %d files, %d lines, %d expected findings to %s\n",
		l.Total(), l.Util, l.Domain, l.Repo, sum.Flavors, l.Service, l.Handler, l.Main, sum.Files, sum.Lines, sum.Wants, *out)
}
