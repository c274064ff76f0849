// Package buildhelpers covers builders passed through helpers that only
// add conditions, learned in the same package and across packages.
package buildhelpers

import (
	"context"

	sq "github.com/Masterminds/squirrel"
	"github.com/jackc/pgx/v5/pgxpool"

	"buildfilters"
)

type Ticket struct {
	ID           int64
	Title        string
	CommentCount int64
}

type Repo struct{ pool *pgxpool.Pool }

func paged(b sq.SelectBuilder, limit uint64) sq.SelectBuilder {
	if limit > 0 {
		return b.Limit(limit)
	}
	return b
}

const countComments = "(SELECT count(*) FROM comments c WHERE c.ticket_id = t.id) AS comment_count"

func (r *Repo) Close(ctx context.Context, id int64, f buildfilters.Filter) (Ticket, error) { // want Close:`writes UPDATE tickets \(helpers\.go:32\)`
	if _, err := r.pool.Exec(ctx, "UPDATE tickets SET closed = true WHERE id = $1", id); err != nil {
		return Ticket{}, err
	}
	b := sq.Select("t.id", "t.title", countComments).From("tickets t")
	b = buildfilters.ByFilter(b, f)
	q, args, _ := paged(b, 1).ToSql()
	var t Ticket
	err := r.pool.QueryRow(ctx, q, args...).Scan(&t.ID, &t.Title, &t.CommentCount) // want `Ticket mixes stored fields \(ID, Title\) with computed fields \(CommentCount: subquery\) on write path Repo.Close \(helpers.go:32\)`
	return t, err
}

// The negative twin: stored columns only, through the same helpers.
func (r *Repo) Reopen(ctx context.Context, id int64, f buildfilters.Filter) (Ticket, error) { // want Reopen:`writes UPDATE tickets \(helpers\.go:45\)`
	if _, err := r.pool.Exec(ctx, "UPDATE tickets SET closed = false WHERE id = $1", id); err != nil {
		return Ticket{}, err
	}
	q, args, _ := paged(buildfilters.ByFilter(sq.Select("t.id", "t.title").From("tickets t"), f), 10).ToSql()
	var t Ticket
	err := r.pool.QueryRow(ctx, q, args...).Scan(&t.ID, &t.Title)
	return t, err
}

// A helper that changes the select list is not followed: skipped.
func (r *Repo) Extra(ctx context.Context, id int64) (Ticket, error) {
	q, args, _ := buildfilters.WithExtra(sq.Select("t.id", "t.title").From("tickets t")).ToSql()
	var t Ticket
	err := r.pool.QueryRow(ctx, q, args...).Scan(&t.ID, &t.Title, &t.CommentCount)
	return t, err
}
