// Package bunorm is a small repository on the real uptrace/bun: a model
// inserted, then loaded back with a count (reported), a read model
// loaded with the same count (silent) and a stored-only reload (silent).
package bunorm

import (
	"context"

	"github.com/uptrace/bun"
)

type User struct {
	bun.BaseModel `bun:"table:users,alias:u"`

	ID        int64  `bun:"id,pk,autoincrement"`
	Email     string `bun:"email"`
	PostCount int64  `bun:"post_count,scanonly"`
}

type UserCard struct {
	bun.BaseModel `bun:"table:users,alias:u"`

	ID        int64
	Email     string
	PostCount int64
}

type Repo struct{ db *bun.DB }

func (r *Repo) Register(ctx context.Context, u *User) error {
	if _, err := r.db.NewInsert().Model(u).Exec(ctx); err != nil {
		return err
	}
	q := r.db.NewSelect().Model(u).ColumnExpr("u.*")
	q = q.ColumnExpr("(SELECT count(*) FROM posts p WHERE p.user_id = u.id) AS post_count")
	return q.WherePK().Scan(ctx)
}

func (r *Repo) Card(ctx context.Context, id int64) (*UserCard, error) {
	c := new(UserCard)
	err := r.db.NewSelect().Model(c).Column("u.id", "u.email").
		ColumnExpr("(SELECT count(*) FROM posts p WHERE p.user_id = u.id) AS post_count").
		Where("u.id = ?", id).Scan(ctx)
	return c, err
}

func (r *Repo) Rename(ctx context.Context, u *User) error {
	return r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewUpdate().Model(u).Column("email").WherePK().Exec(ctx); err != nil {
			return err
		}
		return tx.NewSelect().Model(u).WherePK().Scan(ctx)
	})
}
