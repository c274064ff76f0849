package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"

	"github.com/cqrslint/cqrslint/demo/after"
	"github.com/cqrslint/cqrslint/demo/internal/dbx"
	"github.com/cqrslint/cqrslint/demo/internal/pgserver"
	"github.com/cqrslint/cqrslint/demo/internal/seed"
	"github.com/jackc/pgx/v5/pgxpool"
)

// environment is the seeded database both sides run on.
type environment struct {
	srv    *pgserver.Server
	data   *seed.Dataset
	before side
	after  side
	// busy is the mixed-load step's warning that the machine was too
	// busy for the figures to mean much ("" when it was not).
	busy string
}

// side is one side's schema.
type side struct {
	name   string
	schema string
}

func (e *environment) sides() []side { return []side{e.before, e.after} }

// pool opens a pool of n connections to s's schema, all of them open
// before it returns.
func (e *environment) pool(ctx context.Context, s side, n int) (*pgxpool.Pool, error) {
	pool, err := dbx.NewPool(ctx, e.srv.Config, s.schema, n)
	if err != nil {
		return nil, fmt.Errorf("%s side: %w", s.name, err)
	}
	return pool, nil
}

// setup creates one schema per side, loads the same data into both (at
// the same time), and builds the after side's read model.
func setup(ctx context.Context, srv *pgserver.Server, cfg seed.Config, w io.Writer) (*environment, error) {
	start := time.Now()
	prog := progressOf(w)
	prog.start("generating the data set", 0)
	defer prog.finish()
	data, err := seed.Generate(cfg)
	if err != nil {
		return nil, err
	}
	base, err := dbx.NewSchemaName("cqrsdemo")
	if err != nil {
		return nil, err
	}
	env := &environment{
		srv: srv, data: data,
		before: side{name: "before", schema: base + "_before"},
		after:  side{name: "after", schema: base + "_after"},
	}
	prog.start("loading both schemas (COPY, indexes, VACUUM ANALYZE)", 0)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i, s := range env.sides() {
		wg.Go(func() { errs[i] = env.load(ctx, s) })
	}
	wg.Wait()
	if err := firstError(errs...); err != nil {
		env.close()
		return nil, err
	}
	posts, followers := data.PostCounts(), data.FollowerCounts()
	celeb := data.Celebrities()[0]
	fmt.Fprintf(w, "   %d users, %d posts, %d follows, the same in both schemas (%s, %s)\n",
		cfg.Users, cfg.Posts, data.Follows(), env.before.schema, env.after.schema)
	fmt.Fprintf(w, "   %d celebrities hold %.0f%% of the posts (%d each) and have ~%d followers each;\n",
		cfg.Celebrities, 100*cfg.CelebrityPostShare, posts[celeb], followers[celeb])
	fmt.Fprintf(w, "   the median ordinary user: %d posts, %d followers; loaded in %s\n",
		median(data.Ordinary(), posts), median(data.Ordinary(), followers), time.Since(start).Round(100*time.Millisecond))
	return env, nil
}

// load creates s's schema and fills it.
func (e *environment) load(ctx context.Context, s side) error {
	c, err := dbx.Connect(ctx, e.srv.Config, s.schema)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := dbx.CreateSchema(ctx, c, s.schema); err != nil {
		return err
	}
	if err := seed.Load(ctx, c.Conn, e.data); err != nil {
		return fmt.Errorf("seed %s: %w", s.name, err)
	}
	if s != e.after {
		return nil
	}
	if err := after.Migrate(ctx, c); err != nil {
		return err
	}
	if _, err := after.Reconcile(ctx, c); err != nil {
		return err
	}
	return seed.Analyze(ctx, c.Conn, "user_stats")
}

// close drops both schemas.
func (e *environment) close() error {
	return e.dropSchemas(e.before.schema, e.after.schema)
}

// dropSchemas drops the named schemas, on a fresh connection: the
// caller's context may be canceled and its connections broken.
func (e *environment) dropSchemas(names ...string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := dbx.Connect(ctx, e.srv.Config, "")
	if err != nil {
		return err
	}
	defer c.Close()
	errs := make([]error, len(names))
	for i, n := range names {
		errs[i] = dbx.DropSchema(c, n)
	}
	return firstError(errs...)
}

func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func median(ids []int64, counts map[int64]int64) int64 {
	if len(ids) == 0 {
		return 0
	}
	v := make([]int64, len(ids))
	for i, id := range ids {
		v[i] = counts[id]
	}
	slices.Sort(v)
	return v[len(v)/2]
}
