// Package unused covers computed columns selected on a write path into a
// destination nobody reads.
package unused

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"
)

type Row struct {
	ID    int64
	Total int64
}

func Bump(ctx context.Context, pool *pgxpool.Pool, id int64) (int64, error) { // want Bump:`writes UPDATE counters \(unused\.go:17\)`
	if _, err := pool.Exec(ctx, `UPDATE counters SET n = n + 1 WHERE id = $1`, id); err != nil {
		return 0, err
	}
	var r Row
	err := pool.QueryRow(ctx, `SELECT (SELECT sum(n) FROM counters) AS total`).Scan(&r.Total) // want `column total \(subquery\) is computed on write path Bump \(unused.go:17\), but r.Total is never read; drop it from this query`
	return 0, err
}

// Read afterwards: no finding.
func BumpAndReport(ctx context.Context, pool *pgxpool.Pool, id int64) (int64, error) { // want BumpAndReport:`writes UPDATE counters \(unused\.go:27\)`
	if _, err := pool.Exec(ctx, `UPDATE counters SET n = n + 1 WHERE id = $1`, id); err != nil {
		return 0, err
	}
	var total int64
	err := pool.QueryRow(ctx, `SELECT sum(n) FROM counters`).Scan(&total)
	return total, err
}

// The value escapes: no finding.
func BumpAndReturn(ctx context.Context, pool *pgxpool.Pool, id int64) (Row, error) { // want BumpAndReturn:`writes UPDATE counters \(unused\.go:37\)`
	if _, err := pool.Exec(ctx, `UPDATE counters SET n = n + 1 WHERE id = $1`, id); err != nil {
		return Row{}, err
	}
	var r Row
	err := pool.QueryRow(ctx, `SELECT (SELECT sum(n) FROM counters) AS total`).Scan(&r.Total)
	return r, err
}
