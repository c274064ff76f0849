// want package:`writes gopg\.Article\.Slug, gopg\.Article\.Title`
// Package gopg covers go-pg v10, read as bun's older sibling: db.Model
// starts a query whose kind its run method gives, columns map by pg tags,
// pg:"-" fields are scanned into but never written.
package gopg

import (
	"context"

	"github.com/go-pg/pg/v10"
	"github.com/go-pg/pg/v10/orm"
)

type Article struct {
	tableName struct{} `pg:"articles,alias:a"`

	ID             int64
	Slug           string
	Title          string
	Author         *Author `pg:"rel:has-one"`
	AuthorID       int64
	FavoritesCount int  `pg:"-"`
	Favorited      bool `pg:"-"`
}

type Author struct {
	ID   int64
	Name string
}

type FavoriteArticle struct {
	tableName struct{} `pg:"alias:fa"`

	UserID    int64
	ArticleID int64
}

// Filter shapes the article query, as go-pg's examples do.
type Filter struct{ UserID int64 }

func (f *Filter) query(q *orm.Query) (*orm.Query, error) {
	q = q.Relation("Author")
	count := pg.Model((*FavoriteArticle)(nil)).ColumnExpr("count(*)").Where("fa.article_id = a.id")
	q = q.ColumnExpr("(?) AS favorites_count", count)
	if f.UserID == 0 {
		q = q.ColumnExpr("false AS favorited")
	}
	return q, nil
}

type Repo struct{ db *pg.DB }

// Create inserts the model: Article is written.
func (r *Repo) Create(ctx context.Context, a *Article) error { // want Create:`writes INSERT INTO articles \(repo\.go:55\)`
	_, err := r.db.ModelContext(ctx, a).Insert()
	return err
}

// Favorite writes favorite_articles, then reloads the article with its
// favourites count through Apply: reported.
func (r *Repo) Favorite(ctx context.Context, a *Article, f *Filter, userID int64) error { // want Favorite:`writes INSERT INTO favorite_articles \(repo\.go:62\)`
	if _, err := r.db.Model(&FavoriteArticle{UserID: userID, ArticleID: a.ID}).Insert(); err != nil {
		return err
	}
	return r.db.ModelContext(ctx, a).ColumnExpr("?TableColumns").Apply(f.query).WherePK().Select() // want `Article mixes stored fields \(ID, Slug, Title, AuthorID\) with computed fields \(FavoritesCount: subquery\) on write path Repo\.Favorite \(repo\.go:62\); split it into a command model and a query model`
}

// Touch updates, then reloads stored columns only: no report.
func (r *Repo) Touch(ctx context.Context, a *Article) error { // want Touch:`writes UPDATE articles \(repo\.go:70\)`
	if _, err := r.db.Model(a).Column("title").WherePK().Update(); err != nil {
		return err
	}
	return r.db.Model(a).WherePK().First()
}

// Card is a read model: loaded with the count, never written. No report.
type Card struct {
	tableName struct{} `pg:"articles,alias:a"`

	ID             int64
	FavoritesCount int
}

func (r *Repo) Cards(ctx context.Context, tx *pg.Tx) ([]Card, error) { // want Cards:`loads Card with FavoritesCount: subquery \(repo\.go:86\)`
	var cs []Card
	err := tx.Model(&cs).Column("a.id").
		ColumnExpr("(SELECT count(*) FROM favorite_articles fa WHERE fa.article_id = a.id) AS favorites_count").Select()
	return cs, err
}

// Skipped: With is not modelled. Counted with a reason.
func (r *Repo) Skipped(ctx context.Context, a *Article) error { // want Skipped:`writes DELETE FROM articles \(repo\.go:93\)`
	if _, err := r.db.Model(a).Delete(); err != nil {
		return err
	}
	return r.db.Model(a).With("x", nil).ColumnExpr("(SELECT 1) AS favorites_count").Select()
}

// Liked writes, then reloads through a func literal held in a local and
// given to Apply: reported.
func (r *Repo) Liked(ctx context.Context, a *Article, userID int64) error { // want Liked:`writes INSERT INTO favorite_articles \(repo\.go:102\)`
	if _, err := r.db.Model(&FavoriteArticle{UserID: userID, ArticleID: a.ID}).Insert(); err != nil {
		return err
	}
	favorited := func(q *orm.Query) (*orm.Query, error) {
		subq := pg.Model((*FavoriteArticle)(nil)).Where("fa.article_id = a.id").Where("fa.user_id = ?", userID)
		return q.ColumnExpr("EXISTS (?) AS favorited", subq), nil
	}
	return r.db.Model(a).Column("a.id", "a.title").Apply(favorited).WherePK().Select() // want `Article mixes stored fields \(ID, Title\) with computed fields \(Favorited: EXISTS subquery\) on write path Repo\.Liked \(repo\.go:102\); split it into a command model and a query model`
}
