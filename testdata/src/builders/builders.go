// Package builders covers squirrel query builders: a builder whose
// columns, tables and joins are constant text is read like a constant
// query; Where, OrderBy and Limit cannot change the select list.
package builders

import (
	"context"

	sq "github.com/Masterminds/squirrel"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Board struct {
	ID        int64
	Title     string
	CardCount int64
}

type Repo struct {
	pool    *pgxpool.Pool
	Builder sq.StatementBuilderType
}

const boardsTable = "boards"

// The builder of the reload is followed through a variable, a
// conditional Where and ToSql into the call.
func (r *Repo) Rename(ctx context.Context, id int64, title string, archived *bool) (Board, error) { // want Rename:`writes UPDATE boards \(builders\.go:33\)`
	sql, args, err := r.Builder.Update(boardsTable).Set("title", title).Where(sq.Eq{"id": id}).ToSql()
	if err != nil {
		return Board{}, err
	}
	if _, err := r.pool.Exec(ctx, sql, args...); err != nil {
		return Board{}, err
	}
	b := r.Builder.Select("b.id", "b.title").
		Column(sq.Alias(sq.Expr("(SELECT count(*) FROM cards c WHERE c.board_id = b.id)"), "card_count")).
		From(boardsTable + " b")
	if archived != nil {
		b = b.Where(sq.Eq{"b.archived": *archived})
	}
	query, qargs, err := b.Where(sq.Eq{"b.id": id}).OrderBy("b.id").ToSql()
	if err != nil {
		return Board{}, err
	}
	var out Board
	err = r.pool.QueryRow(ctx, query, qargs...).Scan(&out.ID, &out.Title, &out.CardCount) // want `Board mixes stored fields \(ID, Title\) with computed fields \(CardCount: subquery\) on write path Repo.Rename \(builders.go:33\)`
	return out, err
}

// The negative twin: only stored columns, and a join.
func (r *Repo) Retitle(ctx context.Context, id int64, title string) (Board, error) { // want Retitle:`writes UPDATE boards \(builders\.go:54\)`
	sql, args, _ := sq.Update("boards").Set("title", title).Where(sq.Eq{"id": id}).PlaceholderFormat(sq.Dollar).ToSql()
	if _, err := r.pool.Exec(ctx, sql, args...); err != nil {
		return Board{}, err
	}
	query, qargs, _ := sq.Select("b.id", "b.title").From("boards b").LeftJoin("owners o ON o.id = b.owner_id").Where("b.id = ?", id).ToSql()
	var out Board
	err := r.pool.QueryRow(ctx, query, qargs...).Scan(&out.ID, &out.Title)
	return out, err
}

// A column that is not constant text makes the select list unknown: the
// call is skipped, with a reason in -stats, and nothing is reported.
func (r *Repo) Dynamic(ctx context.Context, id int64, col string, cols []string) (Board, error) { // want Dynamic:`writes DELETE FROM boards \(builders\.go:67\)`
	sql, args, _ := r.Builder.Delete("boards").Where(sq.Eq{"id": id}).ToSql()
	if _, err := r.pool.Exec(ctx, sql, args...); err != nil {
		return Board{}, err
	}
	query, qargs, _ := r.Builder.Select("b.id", col).Column("(SELECT count(*) FROM cards c WHERE c.board_id = b.id)").From("boards b").ToSql()
	var out Board
	if err := r.pool.QueryRow(ctx, query, qargs...).Scan(&out.ID, &out.Title, &out.CardCount); err != nil {
		return out, err
	}
	query, qargs, _ = r.Builder.Select(cols...).From("boards b").ToSql()
	err := r.pool.QueryRow(ctx, query, qargs...).Scan(&out.ID, &out.Title, &out.CardCount)
	return out, err
}

// A builder handed in by the caller is of unknown origin.
func (r *Repo) Given(ctx context.Context, b sq.SelectBuilder) (Board, error) {
	query, args, _ := b.ToSql()
	var out Board
	err := r.pool.QueryRow(ctx, query, args...).Scan(&out.ID, &out.Title, &out.CardCount)
	return out, err
}

// A builder reassigned once per optional condition, many times over.
func (r *Repo) Search(ctx context.Context, id int64, f [10]*string) (Board, error) { // want Search:`writes UPDATE boards \(builders\.go:90\)`
	if _, err := r.pool.Exec(ctx, "UPDATE boards SET searched = now() WHERE id = $1", id); err != nil {
		return Board{}, err
	}
	b := r.Builder.Select("b.id", "b.title", "(SELECT count(*) FROM cards c WHERE c.board_id = b.id)").From("boards b")
	for i, v := range f {
		if v != nil {
			b = b.Where(sq.Eq{"b.tag" + string(rune('0'+i)): *v})
		}
	}
	if f[0] != nil {
		b = b.Where("b.a = ?", *f[0])
	}
	if f[1] != nil {
		b = b.Where("b.b = ?", *f[1])
	}
	if f[2] != nil {
		b = b.Where("b.c = ?", *f[2])
	}
	if f[3] != nil {
		b = b.Where("b.d = ?", *f[3])
	}
	if f[4] != nil {
		b = b.Where("b.e = ?", *f[4])
	}
	if f[5] != nil {
		b = b.Where("b.f = ?", *f[5])
	}
	if f[6] != nil {
		b = b.Where("b.g = ?", *f[6])
	}
	if f[7] != nil {
		b = b.OrderBy("b.h")
	}
	if f[8] != nil {
		b = b.Limit(10)
	}
	query, args, _ := b.ToSql()
	var out Board
	err := r.pool.QueryRow(ctx, query, args...).Scan(&out.ID, &out.Title, &out.CardCount) // want `Board mixes stored fields \(ID, Title\) with computed fields \(CardCount: subquery\) on write path Repo.Search \(builders.go:90\)`
	return out, err
}

// Archive runs its builders through RunWith: the builder is the text.
func (r *Repo) Archive(db sq.BaseRunner, id int64) (Board, error) { // want Archive:`writes UPDATE boards \(builders\.go:134\)`
	if _, err := sq.Update("boards").Set("archived", true).Where(sq.Eq{"id": id}).RunWith(db).Exec(); err != nil {
		return Board{}, err
	}
	var out Board
	err := sq.Select("b.id", "b.title").Column("(SELECT count(*) FROM cards c WHERE c.board_id = b.id) AS card_count"). // want `Board mixes stored fields \(ID, Title\) with computed fields \(CardCount: subquery\) on write path Repo\.Archive \(builders\.go:134\); split it into a command model and a query model`
																From("boards b").Where(sq.Eq{"b.id": id}).RunWith(db).QueryRow().Scan(&out.ID, &out.Title, &out.CardCount)
	return out, err
}

// Unarchive is the negative twin: stored columns only.
func (r *Repo) Unarchive(db sq.BaseRunner, id int64) (Board, error) { // want Unarchive:`writes UPDATE boards \(builders\.go:145\)`
	if _, err := sq.Update("boards").Set("archived", false).Where(sq.Eq{"id": id}).RunWith(db).Exec(); err != nil {
		return Board{}, err
	}
	var out Board
	rows, err := sq.Select("b.id", "b.title").From("boards b").Where(sq.Eq{"b.id": id}).RunWith(db).Query()
	if err != nil {
		return out, err
	}
	defer rows.Close()
	for rows.Next() {
		err = rows.Scan(&out.ID, &out.Title)
	}
	return out, err
}
