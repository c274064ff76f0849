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

type Tally struct {
	ID int64
	N  int64
}

// Big reads N.
func (t Tally) Big() bool { return t.N > 100 }

// Key reads only ID.
func (t *Tally) Key() int64 { return t.ID }

// Read through a method: no finding.
func BumpAndCheck(ctx context.Context, pool *pgxpool.Pool, id int64) (bool, error) { // want BumpAndCheck:`writes UPDATE counters \(unused\.go:58\)`
	if _, err := pool.Exec(ctx, `UPDATE counters SET n = n + 1 WHERE id = $1`, id); err != nil {
		return false, err
	}
	var t Tally
	err := pool.QueryRow(ctx, `SELECT (SELECT sum(n) FROM counters) AS n`).Scan(&t.N)
	return t.Big(), err
}

// A method that reads another field: t.N is still never read.
func BumpAndKey(ctx context.Context, pool *pgxpool.Pool, id int64) (int64, error) { // want BumpAndKey:`writes UPDATE counters \(unused\.go:68\)`
	if _, err := pool.Exec(ctx, `UPDATE counters SET n = n + 1 WHERE id = $1`, id); err != nil {
		return 0, err
	}
	var t Tally
	err := pool.QueryRow(ctx, `SELECT (SELECT sum(n) FROM counters) AS n`).Scan(&t.N) // want `column n \(subquery\) is computed on write path BumpAndKey \(unused.go:68\), but t.N is never read; drop it from this query`
	return t.Key(), err
}

// An anonymous struct local: its fields are followed too.
func BumpAnon(ctx context.Context, pool *pgxpool.Pool, id int64) (string, error) { // want BumpAnon:`writes UPDATE counters \(unused\.go:78\)`
	if _, err := pool.Exec(ctx, `UPDATE counters SET n = n + 1 WHERE id = $1`, id); err != nil {
		return "", err
	}
	var r struct {
		Name string
		N    int64
	}
	err := pool.QueryRow(ctx, `SELECT c.name, (SELECT sum(n) FROM counters) AS n FROM counters c WHERE c.id = $1`, id).Scan(&r.Name, &r.N) // want `column n \(subquery\) is computed on write path BumpAnon \(unused.go:78\), but r.N is never read; drop it from this query`
	return r.Name, err
}

// The anonymous struct's computed field is read: no finding.
func BumpAnonRead(ctx context.Context, pool *pgxpool.Pool, id int64) (int64, error) { // want BumpAnonRead:`writes UPDATE counters \(unused\.go:91\)`
	if _, err := pool.Exec(ctx, `UPDATE counters SET n = n + 1 WHERE id = $1`, id); err != nil {
		return 0, err
	}
	var r struct {
		Name string
		N    int64
	}
	err := pool.QueryRow(ctx, `SELECT c.name, (SELECT sum(n) FROM counters) AS n FROM counters c WHERE c.id = $1`, id).Scan(&r.Name, &r.N)
	return r.N, err
}
