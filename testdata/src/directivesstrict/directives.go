// Package directivesstrict covers //cqrslint:ignore comments that suppress
// nothing, reported with -strict.
package directivesstrict

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"
)

func Email(ctx context.Context, pool *pgxpool.Pool, id int64) (string, error) {
	var email string
	//cqrslint:ignore god-struct -- the counts were dropped since // want `//cqrslint:ignore god-struct suppresses nothing on this line or the next; remove it`
	err := pool.QueryRow(ctx, `SELECT email FROM users WHERE id = $1`, id).Scan(&email)
	return email, err
}

type User struct {
	ID        int64
	PostCount int64
}

// A used one is not reported.
func Get(ctx context.Context, pool *pgxpool.Pool, id int64) (User, error) { // want Get:`loads User with PostCount: subquery \(directives\.go:27\)`
	var u User
	//cqrslint:ignore god-struct -- read-only and measured
	err := pool.QueryRow(ctx, `SELECT id, (SELECT count(*) FROM posts WHERE author_id = $1) FROM users WHERE id = $1`, id).Scan(&u.ID, &u.PostCount)
	return u, err
}

// An ignore for a rule turned off is not reported.
//
//cqrslint:ignore unused-computed
var _ = 0
