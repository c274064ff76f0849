package after_test

import (
	"context"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/cqrslint/cqrslint/demo/after"
	"github.com/cqrslint/cqrslint/demo/internal/dbx"
	"github.com/cqrslint/cqrslint/demo/internal/pgserver"
	"github.com/jackc/pgx/v5/pgxpool"
)

// poolSize is the size of the pool testConcurrent's writers share when
// pooled: fewer connections than writers, so they also queue for them.
const poolSize = 4

// testConcurrent runs writers at once: a follow storm on one celebrity
// (followers toggling at random, the same pair often from two
// goroutines), mutual follows A→B and B→A toggling in lockstep, and posts
// by random authors. Each writer has a connection of its own, or, if
// pooled, all share one pgxpool.Pool of poolSize connections, so that each
// transaction runs on whichever connection is free. When they are done
// the read model must equal the truth.
func testConcurrent(t *testing.T, srv *pgserver.Server, counting after.Counting, pooled bool) {
	s, c, d := newSchema(t, srv, small())
	ctx := t.Context()
	celebs, ordinary := d.Celebrities(), d.Ordinary()
	const rounds = 150
	var workers []func(ctx context.Context, cmd *after.Commands) error
	for g := range 6 {
		r := rand.New(rand.NewPCG(uint64(g), 1))
		workers = append(workers, func(ctx context.Context, cmd *after.Commands) error {
			for range rounds {
				f := ordinary[r.IntN(len(ordinary))]
				var err error
				if r.IntN(2) == 0 {
					err = cmd.FollowUser(ctx, after.FollowUser{FollowerID: f, FolloweeID: celebs[0]})
				} else {
					err = cmd.UnfollowUser(ctx, after.UnfollowUser{FollowerID: f, FolloweeID: celebs[0]})
				}
				if err != nil {
					return err
				}
			}
			return nil
		})
	}
	pairs := [][2]int64{{celebs[0], celebs[1]}, {ordinary[0], ordinary[1]}, {ordinary[2], celebs[0]}}
	for _, p := range pairs {
		for _, dir := range [][2]int64{{p[0], p[1]}, {p[1], p[0]}} {
			workers = append(workers, func(ctx context.Context, cmd *after.Commands) error {
				for i := range rounds {
					var err error
					if i%2 == 0 {
						err = cmd.FollowUser(ctx, after.FollowUser{FollowerID: dir[0], FolloweeID: dir[1]})
					} else {
						err = cmd.UnfollowUser(ctx, after.UnfollowUser{FollowerID: dir[0], FolloweeID: dir[1]})
					}
					if err != nil {
						return err
					}
				}
				return nil
			})
		}
	}
	for g := range 2 {
		r := rand.New(rand.NewPCG(uint64(g), 2))
		workers = append(workers, func(ctx context.Context, cmd *after.Commands) error {
			for range rounds {
				author := ordinary[r.IntN(len(ordinary))]
				if r.IntN(3) == 0 {
					author = celebs[r.IntN(len(celebs))]
				}
				if _, err := cmd.PublishPost(ctx, after.PublishPost{AuthorID: author, Body: "concurrent"}); err != nil {
					return err
				}
			}
			return nil
		})
	}

	var pool *pgxpool.Pool
	if pooled {
		pool = s.Pool(t, poolSize)
	}
	var wg sync.WaitGroup
	for _, w := range workers {
		var db after.DB = pool
		if !pooled {
			db = s.Conn(t)
		}
		wg.Go(func() {
			if err := w(ctx, after.NewCommands(db, counting)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	if pooled {
		st := pool.Stat()
		if st.TotalConns() != poolSize || st.EmptyAcquireCount() == 0 {
			t.Errorf("pool: %d connections, %d of %d acquires waited; want %d connections, and some waits with %d writers",
				st.TotalConns(), st.EmptyAcquireCount(), st.AcquireCount(), poolSize, len(workers))
		}
	}
	if counting == after.Deferred {
		if n, err := after.Drift(ctx, c); err != nil || n != 0 {
			t.Errorf("Drift with pending deltas = %d, %v; want 0", n, err)
		}
		pending := count(t, c, `SELECT count(*) FROM follower_deltas`)
		if _, deltas, err := after.Fold(ctx, c); err != nil || deltas != pending {
			t.Fatalf("Fold applied %d deltas, %v; want the %d pending", deltas, err, pending)
		}
		if n := count(t, c, `SELECT count(*) FROM follower_deltas`); n != 0 {
			t.Errorf("%d deltas left after Fold", n)
		}
	}
	assertTruth(t, c)
}

func count(t *testing.T, c *dbx.Conn, sql string) int64 {
	t.Helper()
	var n int64
	if err := c.QueryRow(t.Context(), sql).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
