// Package crashes holds well-typed but unusual code the analyzer must
// survive without a finding or a panic.
package crashes

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

func pair() (context.Context, string) { return context.Background(), "SELECT 1" }

type Querier[T any] interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

func Generic[T any, Q Querier[T]](ctx context.Context, q Q, dest *T) error {
	return q.QueryRow(ctx, `SELECT 1`).Scan(dest)
}

func Odd(pool *pgxpool.Pool, db *sql.DB, args []any) { // want Odd:`writes UPDATE t \(crashes\.go:25\)`
	ctx := context.Background()
	_, _ = pool.Exec(ctx, "UPDATE t SET x = 1", args...)
	_ = pool.QueryRow(pair()).Scan()          // multi-value call as arguments
	_ = pool.QueryRow(ctx, "SELECT 1; SELECT 2") // two statements
	_ = pool.QueryRow(ctx, "SELEKT garbage (((")
	_ = pool.QueryRow(ctx, "")
	_, _ = db.Query("SELECT $1", args...)
	var dests []any
	_ = pool.QueryRow(ctx, "SELECT (SELECT count(*) FROM t), a FROM t").Scan(dests...)
	f := pool.QueryRow
	_ = f(ctx, "SELECT 1").Scan()
	var nilPool *pgxpool.Pool
	_ = nilPool
}
