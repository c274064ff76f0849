// Package testfiles: a view struct read with a computed column, written
// only by a test fixture. Test files do not make write models or write
// paths, and nothing is reported in them.
package testfiles

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"
)

type Card struct {
	ID    int64
	Title string
	Votes int64
}

func Cards(ctx context.Context, pool *pgxpool.Pool) (Card, error) { // want Cards:`loads Card with Votes: subquery \(repo\.go:20\)`
	var c Card
	err := pool.QueryRow(ctx, `SELECT c.id, c.title, (SELECT count(*) FROM votes v WHERE v.card_id = c.id) FROM cards c LIMIT 1`).Scan(&c.ID, &c.Title, &c.Votes)
	return c, err
}
