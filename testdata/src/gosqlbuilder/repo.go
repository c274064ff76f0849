// Package gosqlbuilder covers huandu/go-sqlbuilder: builders changed in
// place by statements on their variable, then rendered by Build.
package gosqlbuilder

import (
	"context"
	"fmt"

	"github.com/georgysavva/scany/v2/pgxscan"
	"github.com/huandu/go-sqlbuilder"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Store struct {
	ID      int64  `db:"id"`
	Name    string `db:"name"`
	Wallets int64  `db:"wallets"`
}

type Repo struct{ pool *pgxpool.Pool }

// Rename updates a store, then reloads it with a count of its wallets.
func (r *Repo) Rename(ctx context.Context, id int64, name string) ([]*Store, error) { // want Rename:`writes UPDATE stores \(repo\.go:27\)`
	ub := sqlbuilder.PostgreSQL.NewUpdateBuilder()
	ub.Update("stores").Set(ub.Assign("name", name)).Where(ub.Equal("id", id))
	sql, args := ub.Build()
	if _, err := r.pool.Exec(ctx, sql, args...); err != nil {
		return nil, err
	}

	sb := sqlbuilder.PostgreSQL.NewSelectBuilder()
	sb.Select("s.id", "s.name", "(SELECT count(*) FROM wallets w WHERE w.store_id = s.id) AS wallets").
		From(sb.As("stores", "s")).
		Where(sb.Equal("s.id", id))
	sql, args = sb.Build()
	var out []*Store
	err := pgxscan.Select(ctx, r.pool, &out, sql, args...) // want `Store mixes stored fields \(ID, Name\) with computed fields \(Wallets: subquery\) on write path Repo\.Rename \(repo\.go:27\)`
	return out, err
}

// Touch writes stores and reads stored columns only: no report.
func (r *Repo) Touch(ctx context.Context, id int64) (Store, error) { // want Touch:`writes UPDATE stores \(repo\.go:46\)`
	ub := sqlbuilder.Update("stores")
	ub.Set(ub.Incr("hits")).Where(ub.Equal("id", id))
	q, args := ub.Build()
	r.pool.Exec(ctx, q, args...)

	sb := sqlbuilder.Select("id", "name").From("stores")
	sb.Where(sb.Equal("id", id))
	q, args = sb.Build()
	var s Store
	err := pgxscan.Get(ctx, r.pool, &s, q, args...)
	return s, err
}

// Purge deletes, then lists with an optional join that adds the count:
// the variant with the join mixes stored and computed columns.
func (r *Repo) Purge(ctx context.Context, owner int64, counts bool) ([]Store, error) { // want Purge:`writes DELETE FROM stores \(repo\.go:62\)`
	db := sqlbuilder.PostgreSQL.NewDeleteBuilder()
	db.DeleteFrom("stores").Where(db.Equal("owner_id", owner), "archived")
	q, args := db.Build()
	r.pool.Exec(ctx, q, args...)

	sb := sqlbuilder.PostgreSQL.NewSelectBuilder()
	sb.Select("stores.id", "stores.name").From("stores")
	if counts {
		sb.SelectMore("c.n AS wallets").
			JoinWithOption(sqlbuilder.LeftJoin, "(SELECT store_id, count(*) AS n FROM wallets GROUP BY store_id) c", "c.store_id = stores.id")
	}
	sb.Where(sb.Equal("stores.owner_id", owner)).OrderBy("stores.id").Desc()
	q, args = sb.Build()
	var out []Store
	err := pgxscan.Select(ctx, r.pool, &out, q, args...) // want `Store mixes stored fields \(ID, Name\) with computed fields \(Wallets: aggregate via c\) on write path Repo\.Purge \(repo\.go:62\)`
	return out, err
}

// Shaped by a parameter in the select list: the hole is not known to be
// computed, so nothing is reported.
func (r *Repo) Shaped(ctx context.Context, id int64, expr string) (Store, error) { // want Shaped:`writes UPDATE stores \(repo\.go:80\)`
	r.pool.Exec(ctx, `UPDATE stores SET seen = now() WHERE id = $1`, id)
	sb := sqlbuilder.PostgreSQL.NewSelectBuilder()
	sb.Select("id", "name", fmt.Sprintf("%s AS wallets", expr)).From("stores")
	q, args := sb.Build()
	var s Store
	err := pgxscan.Get(ctx, r.pool, &s, q, args...)
	return s, err
}

// Escaped hands the builder to a function before Build: skipped.
func (r *Repo) Escaped(ctx context.Context, id int64) (Store, error) { // want Escaped:`writes UPDATE stores \(repo\.go:91\)`
	r.pool.Exec(ctx, `UPDATE stores SET seen = now() WHERE id = $1`, id)
	sb := sqlbuilder.PostgreSQL.NewSelectBuilder()
	sb.Select("id", "name").From("stores")
	addCounts(sb)
	q, args := sb.Build()
	var s Store
	err := pgxscan.Get(ctx, r.pool, &s, q, args...)
	return s, err
}

func addCounts(sb *sqlbuilder.SelectBuilder) {
	sb.SelectMore("(SELECT count(*) FROM wallets w WHERE w.store_id = stores.id) AS wallets")
}

// Looped adds columns in a loop: skipped.
func (r *Repo) Looped(ctx context.Context, id int64, cols []string) (Store, error) { // want Looped:`writes UPDATE stores \(repo\.go:107\)`
	r.pool.Exec(ctx, `UPDATE stores SET seen = now() WHERE id = $1`, id)
	sb := sqlbuilder.PostgreSQL.NewSelectBuilder()
	sb.Select("id").From("stores")
	for range cols {
		sb.SelectMore("name")
	}
	q, args := sb.Build()
	var s Store
	err := pgxscan.Get(ctx, r.pool, &s, q, args...)
	return s, err
}

// Insert renders an INSERT: a write of stores.
func (r *Repo) Insert(ctx context.Context, s Store) error { // want Insert:`writes INSERT INTO stores \(repo\.go:124\)`
	ib := sqlbuilder.InsertInto("stores")
	ib.Cols("name").Values(s.Name)
	q, args := ib.Build()
	_, err := r.pool.Exec(ctx, q, args...)
	return err
}

// Odd uses: a spread column list (skipped), a builder made and built in
// one expression inside a literal (read), a text from a func value
// (skipped).
func (r *Repo) Odd(ctx context.Context, cols []string) {
	sb := sqlbuilder.Select(cols...)
	q, _ := sb.Build()
	r.pool.Exec(ctx, q)
	f := func() string {
		s, _ := sqlbuilder.Select("id").From("stores").Build()
		var out []Store
		pgxscan.Select(ctx, r.pool, &out, s)
		return s
	}
	r.pool.Exec(ctx, f())
}
