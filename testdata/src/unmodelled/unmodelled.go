// Package unmodelled covers calls into SQL libraries cqrslint does not
// read (go-pg's Exec with a query of any type): each call that sends a
// statement is counted in -stats as "API not modelled" by library, and
// nothing is reported.
package unmodelled

import (
	"context"

	sq "github.com/Masterminds/squirrel"
	"github.com/go-pg/pg/v10"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Article struct {
	ID            int64
	Title         string
	FavoriteCount int64
}

func Favorite(db *pg.DB, a *Article) error {
	if _, err := db.Exec(`UPDATE articles SET favorites = favorites + 1 WHERE id = ?`, a.ID); err != nil {
		return err
	}
	_, err := db.Exec(`UPDATE articles SET touched = now() WHERE id = ?`, a.ID)
	return err
}

// squirrel run through RunWith, and its ToSql text sent by pgx, are
// both read.
func Titles(ctx context.Context, pool *pgxpool.Pool, id int64) (Article, error) {
	var a Article
	if err := sq.Select("id", "title").From("articles").RunWith(nil).QueryRow().Scan(&a.ID, &a.Title); err != nil {
		return a, err
	}
	q, args, _ := sq.Select("id", "title").From("articles").Where("id = ?", id).ToSql()
	err := pool.QueryRow(ctx, q, args...).Scan(&a.ID, &a.Title)
	return a, err
}
