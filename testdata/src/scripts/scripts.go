// Package scripts covers texts of several statements sent by one Exec
// without bind arguments (migrations, schema set-up): each statement is
// read; any other call with several statements stays skipped.
package scripts

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"
)

type Shelf struct {
	ID        int64
	Name      string
	BookCount int64
}

const loadShelf = `SELECT s.id, s.name, (SELECT count(*) FROM books b WHERE b.shelf_id = s.id) FROM shelves s WHERE s.id = $1`

// A script that writes makes its function a write path.
func Backfill(ctx context.Context, pool *pgxpool.Pool, id int64) (Shelf, error) { // want Backfill:`writes UPDATE shelves \(scripts\.go:22\)`
	if _, err := pool.Exec(ctx, `ALTER TABLE shelves ADD COLUMN IF NOT EXISTS label text; UPDATE shelves SET label = name;`); err != nil {
		return Shelf{}, err
	}
	var s Shelf
	err := pool.QueryRow(ctx, loadShelf, id).Scan(&s.ID, &s.Name, &s.BookCount) // want `Shelf mixes stored fields \(ID, Name\) with computed fields \(BookCount: subquery\) on write path Backfill \(scripts.go:22\)`
	return s, err
}

// The negative twin: a script of schema changes only writes no rows.
func Migrate(ctx context.Context, pool *pgxpool.Pool, id int64) (Shelf, error) { // want Migrate:`loads Shelf with BookCount: subquery \(scripts\.go:36\)`
	if _, err := pool.Exec(ctx, `CREATE TABLE IF NOT EXISTS shelves (id bigint, name text); CREATE INDEX ON shelves (name);`); err != nil {
		return Shelf{}, err
	}
	var s Shelf
	err := pool.QueryRow(ctx, loadShelf, id).Scan(&s.ID, &s.Name, &s.BookCount)
	return s, err
}

// With bind arguments, or returning rows, several statements stay skipped.
func Odd(ctx context.Context, pool *pgxpool.Pool, id int64) error {
	if _, err := pool.Exec(ctx, `UPDATE shelves SET name = 'a' WHERE id = $1; DELETE FROM books`, id); err != nil {
		return err
	}
	var n int64
	return pool.QueryRow(ctx, `SELECT 1; SELECT 2`).Scan(&n)
}
