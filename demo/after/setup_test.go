package after_test

import (
	"context"
	"testing"

	"github.com/cqrslint/cqrslint/demo/after"
	"github.com/cqrslint/cqrslint/demo/internal/dbtest"
	"github.com/cqrslint/cqrslint/demo/internal/dbx"
	"github.com/cqrslint/cqrslint/demo/internal/pgserver"
	"github.com/cqrslint/cqrslint/demo/internal/seed"
)

// small is a seeded data set for the tests: 2 celebrities among 60 users.
func small() seed.Config {
	return seed.Config{
		Users: 60, Posts: 400, Celebrities: 2,
		CelebrityPostShare: 0.3, CelebrityFollowerShare: 0.5, FollowsPerUser: 3, Seed: 7,
	}
}

// newSchema creates a schema holding cfg's data and the after side's
// read model, reconciled, and returns it with one connection and the data.
func newSchema(t *testing.T, srv *pgserver.Server, cfg seed.Config) (*dbtest.Schema, *dbx.Conn, *seed.Dataset) {
	t.Helper()
	d, err := seed.Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s := dbtest.NewSchema(t, srv)
	c := s.Conn(t)
	ctx := t.Context()
	if err := seed.Load(ctx, c.Conn, d); err != nil {
		t.Fatal(err)
	}
	if err := after.Migrate(ctx, c); err != nil {
		t.Fatal(err)
	}
	if _, err := after.Reconcile(ctx, c); err != nil {
		t.Fatal(err)
	}
	return s, c, d
}

// assertTruth compares every user's read-model row with counts taken
// from the source tables.
func assertTruth(t *testing.T, c *dbx.Conn) {
	t.Helper()
	ctx := t.Context()
	posts := countBy(t, c, `SELECT author_id, count(*) FROM posts GROUP BY author_id`)
	followers := countBy(t, c, `SELECT followee_id, count(*) FROM follows GROUP BY followee_id`)
	rows, err := c.Query(ctx, `SELECT u.id, s.post_count, s.follower_count FROM users u LEFT JOIN user_stats s ON s.user_id = u.id ORDER BY u.id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	users := 0
	for rows.Next() {
		var id int64
		var p, f *int64
		if err := rows.Scan(&id, &p, &f); err != nil {
			t.Fatal(err)
		}
		users++
		switch {
		case p == nil:
			t.Errorf("user %d: no user_stats row", id)
		case *p != posts[id] || *f != followers[id]:
			t.Errorf("user %d: user_stats says %d posts, %d followers; the truth is %d, %d", id, *p, *f, posts[id], followers[id])
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if users == 0 {
		t.Fatal("no users")
	}
	if n, err := after.Drift(ctx, c); err != nil || n != 0 {
		t.Errorf("Drift = %d, %v; want 0", n, err)
	}
}

func countBy(t *testing.T, c *dbx.Conn, sql string) map[int64]int64 {
	t.Helper()
	rows, err := c.Query(context.WithoutCancel(t.Context()), sql)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	m := map[int64]int64{}
	for rows.Next() {
		var id, n int64
		if err := rows.Scan(&id, &n); err != nil {
			t.Fatal(err)
		}
		m[id] = n
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return m
}
