// Package fixes covers the suggested fixes: where they are offered, and
// where they are not.
package fixes

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"
)

// A computed column scanned into a local variable nobody reads: the
// column, the destination and the variable's declaration go.
func Bump(ctx context.Context, pool *pgxpool.Pool, id int64) (int64, error) { // want Bump:`writes UPDATE counters`
	if _, err := pool.Exec(ctx, `UPDATE counters SET n = n + 1 WHERE id = $1`, id); err != nil {
		return 0, err
	}
	var n int64
	var total int64
	err := pool.QueryRow(ctx, `SELECT n, (SELECT sum(n) FROM counters) AS total FROM counters WHERE id = $1`, id).Scan(&n, &total) // want `column total \(subquery\) is computed on write path Bump`
	return n, err
}

type Row struct {
	ID    int64
	Total int64
	Rank  int64
}

// A god struct whose two computed fields nobody reads: both columns go,
// and their destinations; the struct stays.
func Touch(ctx context.Context, pool *pgxpool.Pool, id int64) (int64, error) { // want Touch:`writes UPDATE counters`
	if _, err := pool.Exec(ctx, `UPDATE counters SET n = 0 WHERE id = $1`, id); err != nil {
		return 0, err
	}
	var r Row // want +1 `Row mixes stored fields \(ID\) with computed fields \(Total: subquery, Rank: window function\) on write path Touch`
	err := pool.QueryRow(ctx, `
		SELECT (SELECT sum(n) FROM counters) AS total,
		       c.id,
		       rank() OVER (ORDER BY c.n) AS rank
		FROM counters c
		WHERE c.id = $1`, id).Scan(&r.Total, &r.ID, &r.Rank)
	return r.ID, err
}

type Post struct {
	ID           int64
	Title        string
	CommentCount int64
}

// A god struct loaded in the write path's own function, its computed
// field never read there: the computed column goes.
func Rename(ctx context.Context, pool *pgxpool.Pool, id int64, title string) error { // want Rename:`writes UPDATE posts`
	var p Post
	err := pool.QueryRow(ctx, `SELECT p.id, p.title, (SELECT count(*) FROM comments c WHERE c.post_id = p.id) AS comment_count FROM posts p WHERE p.id = $1`, id).Scan(&p.ID, &p.Title, &p.CommentCount) // want `Post mixes stored fields \(ID, Title\) with computed fields \(CommentCount: subquery\) on write path Rename`
	if err != nil || p.Title == title {
		return err
	}
	_, err = pool.Exec(ctx, `UPDATE posts SET title = $1 WHERE id = $2`, title, p.ID)
	return err
}

// The computed field is read: no fix.
func Retitle(ctx context.Context, pool *pgxpool.Pool, id int64, title string) error { // want Retitle:`writes UPDATE posts`
	var p Post
	err := pool.QueryRow(ctx, `SELECT p.id, p.title, (SELECT count(*) FROM comments c WHERE c.post_id = p.id) AS comment_count FROM posts p WHERE p.id = $1`, id).Scan(&p.ID, &p.Title, &p.CommentCount) // want `Post mixes stored fields \(ID, Title\) with computed fields \(CommentCount: subquery\) on write path Retitle`
	if err != nil || p.CommentCount > 0 {
		return err
	}
	_, err = pool.Exec(ctx, `UPDATE posts SET title = $1 WHERE id = $2`, title, p.ID)
	return err
}

// An escape in the literal: no fix (offsets in the text are not offsets
// in the source).
func Reset(ctx context.Context, pool *pgxpool.Pool, id int64) (int64, error) { // want Reset:`writes UPDATE counters`
	if _, err := pool.Exec(ctx, `UPDATE counters SET n = 0 WHERE id = $1`, id); err != nil {
		return 0, err
	}
	var n, total int64
	err := pool.QueryRow(ctx, "SELECT n,\n (SELECT sum(n) FROM counters) AS total FROM counters WHERE id = $1", id).Scan(&n, &total) // want `column total \(subquery\) is computed on write path Reset`
	return n, err
}

// Ordered by the computed column: no fix.
func Top(ctx context.Context, pool *pgxpool.Pool, id int64) (int64, error) { // want Top:`writes UPDATE counters`
	if _, err := pool.Exec(ctx, `UPDATE counters SET n = 0 WHERE id = $1`, id); err != nil {
		return 0, err
	}
	var r Row
	err := pool.QueryRow(ctx, `SELECT c.id, (SELECT sum(n) FROM counters) AS total FROM counters c ORDER BY total LIMIT 1`).Scan(&r.ID, &r.Total) // want `Row mixes stored fields \(ID\) with computed fields \(Total: subquery\) on write path Top`
	return r.ID, err
}

// The struct value has no other use: removing its one destination would
// leave it declared and unused, so no fix.
func Count(ctx context.Context, pool *pgxpool.Pool, id int64) (int64, error) { // want Count:`writes UPDATE counters`
	if _, err := pool.Exec(ctx, `UPDATE counters SET n = 0 WHERE id = $1`, id); err != nil {
		return 0, err
	}
	var n int64
	var r Row
	err := pool.QueryRow(ctx, `SELECT n, (SELECT sum(n) FROM counters) AS total FROM counters WHERE id = $1`, id).Scan(&n, &r.Total) // want `column total \(subquery\) is computed on write path Count`
	return n, err
}
