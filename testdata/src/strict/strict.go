// Package strict is run with -strict: any struct mixing stored and
// computed columns is reported, even on a read-only path.
package strict

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"
)

type Profile struct {
	ID        int64
	Name      string
	PostCount int64
}

func Read(ctx context.Context, pool *pgxpool.Pool, id int64) (Profile, error) { // want Read:`loads Profile with PostCount: subquery \(strict\.go:19\)`
	var p Profile
	err := pool.QueryRow(ctx, `SELECT u.id, u.name, (SELECT count(*) FROM posts WHERE author_id = u.id) FROM users u WHERE u.id = $1`, id).Scan(&p.ID, &p.Name, &p.PostCount) // want `Profile mixes stored fields \(ID, Name\) with computed fields \(PostCount: subquery\); split it into a command model and a query model`
	return p, err
}

type Counts struct{ Posts, Users int64 }

// Only computed columns: not a mix, even in strict mode.
func Stats(ctx context.Context, pool *pgxpool.Pool) (Counts, error) {
	var c Counts
	err := pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM posts), (SELECT count(*) FROM users)`).Scan(&c.Posts, &c.Users)
	return c, err
}
