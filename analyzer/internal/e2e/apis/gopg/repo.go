// Package gopg is a small repository on the real go-pg v10: a model
// inserted, then reloaded with a count through Apply (reported), and a
// stored-only reload (silent).
package gopg

import (
	"context"

	"github.com/go-pg/pg/v10"
	"github.com/go-pg/pg/v10/orm"
)

type Article struct {
	tableName struct{} `pg:"articles,alias:a"`

	ID             int64
	Title          string
	FavoritesCount int `pg:"-"`
}

type Repo struct{ db *pg.DB }

func withCount(q *orm.Query) (*orm.Query, error) {
	return q.ColumnExpr("(SELECT count(*) FROM favorite_articles fa WHERE fa.article_id = a.id) AS favorites_count"), nil
}

func (r *Repo) Create(ctx context.Context, a *Article) error {
	if _, err := r.db.ModelContext(ctx, a).Insert(); err != nil {
		return err
	}
	return r.db.ModelContext(ctx, a).ColumnExpr("?TableColumns").Apply(withCount).WherePK().Select()
}

func (r *Repo) Retitle(ctx context.Context, a *Article) error {
	return r.db.RunInTransaction(ctx, func(tx *pg.Tx) error {
		if _, err := tx.Model(a).Column("title").WherePK().Update(); err != nil {
			return err
		}
		return tx.Model(a).WherePK().Select()
	})
}
