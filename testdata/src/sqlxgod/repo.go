// Package sqlxgod uses sqlx: Get/Select map columns by db tag, NamedExec // want package:`writes sqlxgod\.Author\.Name`
// binds a whole struct by name.
package sqlxgod

import (
	"context"

	"github.com/jmoiron/sqlx"
)

type Author struct {
	ID        int64  `db:"id"`
	Name      string `db:"name"`
	Bio       string `db:"bio"`
	BookCount int    `db:"book_count"`
}

type Repo struct{ db *sqlx.DB }

// Save binds the whole Author by name: Author is a write model.
func (r *Repo) Save(a *Author) error { // want Save:`writes UPDATE authors \(repo\.go:22\)`
	_, err := r.db.NamedExec(`UPDATE authors SET name = :name, bio = :bio WHERE id = :id`, a)
	return err
}

func (r *Repo) List(ctx context.Context) ([]Author, error) { // want List:`loads Author with BookCount: aggregate via b \(repo\.go:28\)`
	var out []Author
	err := r.db.SelectContext(ctx, &out, `SELECT a.id, a.name, a.bio, coalesce(b.n, 0) AS book_count FROM authors a LEFT JOIN (SELECT author_id, count(*) AS n FROM books GROUP BY author_id) b ON b.author_id = a.id`) // want `Author mixes stored fields \(ID, Name, Bio\) with computed fields \(BookCount: aggregate via b\) and is also written \(Name bound in UPDATE authors SET name = :name in Repo.Save \(repo.go:22\)\); split`
	return out, err
}

// Rows with StructScan, on a write path.
func (r *Repo) Touch(id int64) (*Author, error) { // want Touch:`writes UPDATE authors \(repo\.go:34\)`
	r.db.MustExec(`UPDATE authors SET touched_at = now() WHERE id = $1`, id)
	rows, err := r.db.Queryx(`SELECT id, name, bio, (SELECT count(*) FROM books WHERE author_id = authors.id) AS book_count FROM authors WHERE id = $1`, id) // want `Author mixes stored fields \(ID, Name, Bio\) with computed fields \(BookCount: subquery\) on write path Repo.Touch \(repo.go:34\)`
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var a Author
	for rows.Next() {
		if err := rows.StructScan(&a); err != nil {
			return nil, err
		}
	}
	return &a, nil
}

// Package-level sqlx.Get with star: the named computed column and the
// fields the star fills.
func Load(ctx context.Context, db sqlx.ExtContext, id int64) (Author, error) { // want Load:`writes UPDATE authors \(repo\.go:53\)`
	var a Author
	if _, err := db.ExecContext(ctx, `UPDATE authors SET seen_at = now() WHERE id = $1`, id); err != nil {
		return a, err
	}
	err := sqlx.GetContext(ctx, db, &a, `SELECT a.*, (SELECT count(*) FROM books b WHERE b.author_id = a.id) AS book_count FROM authors a WHERE a.id = $1`, id) // want `Author mixes stored fields \(ID, Name, Bio\) with computed fields \(BookCount: subquery\) on write path Load \(repo.go:53\)`
	return a, err
}

// Rebind passes the query through.
func (r *Repo) Count(id int64) (int, error) {
	var n int
	err := r.db.Get(&n, r.db.Rebind(`SELECT count(*) FROM books WHERE author_id = ?`), id)
	return n, err
}
