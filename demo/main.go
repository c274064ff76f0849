// Command demo shows what cqrslint is about on a real PostgreSQL: the same
// small social service written the god-struct way (package before) and
// split into commands and queries (package after), side by side. It runs
// cqrslint on both, seeds a skewed data set, and measures each side's
// writes and reads, the after side's hot-row cost, a mixed load, and how
// a celebrity's reads and writes grow with its fan-out.
//
// Run it from the module root: go run ./demo (-h for the flags).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/cqrslint/cqrslint/demo/internal/pgserver"
)

func main() {
	cfg, err := parseFlags(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fail(err)
	}
	// SIGPIPE too: when the output goes to a closed pipe (| head), stop
	// and drop the schemas instead of dying on the next write.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGPIPE)
	err = run(ctx, cfg, os.Stdout)
	if ctx.Err() != nil {
		err = errors.New("interrupted")
	}
	stop()
	if err != nil {
		fail(err)
	}
}

// fail prints err on one line and exits 1.
func fail(err error) {
	fmt.Fprintln(os.Stderr, "demo: "+oneLine(err.Error()))
	os.Exit(1)
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func run(ctx context.Context, cfg config, stdout io.Writer) error {
	start := time.Now()
	p := newProgress(stdout)
	defer p.close()
	var w io.Writer = p
	fmt.Fprintln(w, "cqrslint demo: one god struct (demo/before) vs. its CQRS split (demo/after)")
	// The server first: a database problem is reported before the
	// linter is built.
	srv, err := pgserver.Start(ctx, cfg.pg, os.Getenv("DATABASE_URL"), func(format string, args ...any) {
		fmt.Fprintf(w, "   "+format+"\n", args...)
	})
	if err != nil {
		return err
	}
	defer srv.Close()
	fmt.Fprintf(w, "PostgreSQL %s at %s (%s)\n", srv.Version, srv.Addr(), srv.Source)
	if l, ok := loadAverage(); ok {
		fmt.Fprintf(w, "load average at the start: %.2f on %d CPUs\n", l, runtime.NumCPU())
	}
	linter := ""
	if cfg.skipLint {
		fmt.Fprintln(w, "\n1. cqrslint: skipped (-skip-lint)")
	} else {
		fmt.Fprintln(w, "\n1. cqrslint on both sides (go vet -vettool)")
		var done func()
		linter, done = lint(ctx, w, cfg.linter)
		defer done()
	}

	fmt.Fprintln(w, "\n2. Seed")
	env, err := setup(ctx, srv, cfg.seed, w)
	if err != nil {
		return err
	}
	defer env.close()
	if linter != "" {
		// The cost cqrslint puts on its finding, from the seeded data.
		explainLine(ctx, w, linter, srv.Config, env.before.schema)
	}

	steps := []struct {
		title string
		run   func(context.Context, *environment, config, io.Writer) error
	}{
		{"3. Side by side", measure},
		{"4. Hot row", hotRow},
		{"5. Mixed load", mixedLoad},
		{"6. Fan-out curve", fanOut},
	}
	for _, s := range steps {
		if err := ctx.Err(); err != nil {
			return err
		}
		fmt.Fprintf(w, "\n%s", s.title)
		if err := s.run(ctx, env, cfg, w); err != nil {
			return fmt.Errorf("%s: %w", s.title[3:], err)
		}
	}
	if env.busy != "" {
		fmt.Fprintf(w, "\nWARNING: %s.\n", env.busy)
	}
	fmt.Fprintf(w, "\nDone in %s; schemas dropped.\n", time.Since(start).Round(100*time.Millisecond))
	return nil
}
