// Package scany2 uses scany v2 over pgx v5, go-sqlbuilder, squirrel (its
// text, and run through RunWith) and sqlx prepared statements.
package scany2

import (
	"context"

	sq "github.com/Masterminds/squirrel"
	"github.com/georgysavva/scany/v2/pgxscan"
	"github.com/huandu/go-sqlbuilder"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
)

type Store struct {
	ID      int64  `db:"id"`
	Name    string `db:"name"`
	Wallets int64  `db:"wallets"`
}

type Repo struct{ pool *pgxpool.Pool }

// Rename updates with go-sqlbuilder, then reloads with a subquery.
func (r *Repo) Rename(ctx context.Context, id int64, name string) ([]*Store, error) {
	ub := sqlbuilder.PostgreSQL.NewUpdateBuilder()
	ub.Update("stores").Set(ub.Assign("name", name)).Where(ub.Equal("id", id))
	q, args := ub.Build()
	if _, err := r.pool.Exec(ctx, q, args...); err != nil {
		return nil, err
	}
	sb := sqlbuilder.PostgreSQL.NewSelectBuilder()
	sb.Select("s.id", "s.name", "(SELECT count(*) FROM wallets w WHERE w.store_id = s.id) AS wallets").
		From(sb.As("stores", "s")).
		Where(sb.Equal("s.id", id))
	q, args = sb.Build()
	var out []*Store
	err := pgxscan.Select(ctx, r.pool, &out, q, args...)
	return out, err
}

// Touch writes and reads stored columns only: silent.
func (r *Repo) Touch(ctx context.Context, id int64) (Store, error) {
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

// Squirrel reloads with an aggregate built by squirrel.
func (r *Repo) Squirrel(ctx context.Context, id int64) (Store, error) {
	r.pool.Exec(ctx, `UPDATE stores SET seen = now() WHERE id = $1`, id)
	q, args, err := sq.Select("s.id", "s.name").
		Column(sq.Alias(sq.Expr("count(w.id)"), "wallets")).
		From("stores s").LeftJoin("wallets w ON w.store_id = s.id").
		Where(sq.Eq{"s.id": id}).GroupBy("s.id").
		PlaceholderFormat(sq.Dollar).ToSql()
	if err != nil {
		return Store{}, err
	}
	var s Store
	err = pgxscan.Get(ctx, r.pool, &s, q, args...)
	return s, err
}

// Prepared holds sqlx statements prepared once.
type Prepared struct {
	save *sqlx.NamedStmt
	get  *sqlx.Stmt
}

func Prepare(db *sqlx.DB) (*Prepared, error) {
	p := &Prepared{}
	var err error
	if p.save, err = db.PrepareNamed(`UPDATE stores SET name = :name WHERE id = :id`); err != nil {
		return nil, err
	}
	p.get, err = db.Preparex(`SELECT s.id, s.name, (SELECT count(*) FROM wallets w WHERE w.store_id = s.id) AS wallets FROM stores s WHERE s.id = $1`)
	return p, err
}

func (p *Prepared) Save(ctx context.Context, s *Store) error {
	if _, err := p.save.ExecContext(ctx, s); err != nil {
		return err
	}
	return p.get.GetContext(ctx, s, s.ID)
}

// Runner runs squirrel builders through RunWith on a sqlx database.
func Runner(db *sqlx.DB, id int64) (Store, error) {
	var s Store
	if _, err := sq.Update("stores").Set("name", "x").Where(sq.Eq{"id": id}).RunWith(db).Exec(); err != nil {
		return s, err
	}
	err := sq.Select("s.id", "s.name", "(SELECT count(*) FROM wallets w WHERE w.store_id = s.id) AS wallets").
		From("stores s").Where(sq.Eq{"s.id": id}).RunWith(db).QueryRow().Scan(&s.ID, &s.Name, &s.Wallets)
	return s, err
}
