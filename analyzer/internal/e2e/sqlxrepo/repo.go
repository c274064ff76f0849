// Package sqlxrepo is a small repository on the real github.com/jmoiron/sqlx
// module. cmd/cqrslint's TestVetSqlx runs cqrslint on it under go vet to
// check the sqlx knowledge table against the real API, as TestVetDemo does
// for pgx with the demo. It is example code, not used by cqrslint.
package sqlxrepo

import (
	"context"

	"github.com/jmoiron/sqlx"
)

// Author is written by Save and read with a computed column by List: a
// god struct.
type Author struct {
	ID        int64  `db:"id"`
	Name      string `db:"name"`
	BookCount int    `db:"book_count"`
}

// AuthorName is a query model with stored columns only: fine anywhere.
type AuthorName struct {
	ID   int64  `db:"id"`
	Name string `db:"name"`
}

type Repo struct{ db *sqlx.DB }

func (r *Repo) Save(ctx context.Context, a *Author) error {
	_, err := r.db.NamedExecContext(ctx, `UPDATE authors SET name = :name WHERE id = :id`, a)
	return err
}

func (r *Repo) List(ctx context.Context) ([]Author, error) {
	var out []Author
	err := r.db.SelectContext(ctx, &out, `SELECT a.id, a.name, (SELECT count(*) FROM books b WHERE b.author_id = a.id) AS book_count FROM authors a`)
	return out, err
}

func (r *Repo) Rename(ctx context.Context, id int64, name string) (AuthorName, error) {
	var n AuthorName
	if _, err := r.db.ExecContext(ctx, r.db.Rebind(`UPDATE authors SET name = ? WHERE id = ?`), name, id); err != nil {
		return n, err
	}
	err := r.db.GetContext(ctx, &n, `SELECT id, name FROM authors WHERE id = $1`, id)
	return n, err
}
