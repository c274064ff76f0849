// Package sqlxstmt covers prepared statements: *sqlx.Stmt and // want package:`writes sqlxstmt\.Post\.Title`
// *sqlx.NamedStmt methods, with their text known from the Preparex or
// PrepareNamed call that made them, in a local or in a struct field
// assigned once.
package sqlxstmt

import (
	"context"

	"github.com/jmoiron/sqlx"
)

type Post struct {
	ID       int64  `db:"id"`
	Title    string `db:"title"`
	Comments int64  `db:"comments"`
}

const loadPost = `SELECT p.id, p.title, (SELECT count(*) FROM comments c WHERE c.post_id = p.id) AS comments FROM posts p WHERE p.id = $1`

// Repo prepares its statements once, at start-up.
type Repo struct {
	db      *sqlx.DB
	get     *sqlx.Stmt
	save    *sqlx.NamedStmt
	list    *sqlx.Stmt
	unknown *sqlx.Stmt
}

func New(db *sqlx.DB, other *sqlx.Stmt) (*Repo, error) {
	r := &Repo{db: db, unknown: other}
	var err error
	if r.get, err = db.Preparex(loadPost); err != nil {
		return nil, err
	}
	if r.save, err = db.PrepareNamed(`UPDATE posts SET title = :title WHERE id = :id`); err != nil {
		return nil, err
	}
	r.list, err = db.Preparex(`SELECT id, title FROM posts`)
	return r, err
}

// Rename binds Post by name through the named statement, then reloads
// it through the prepared Get: a god struct on a write path.
func (r *Repo) Rename(ctx context.Context, p *Post) error { // want Rename:`writes UPDATE posts \(stmt\.go:46\)`
	if _, err := r.save.ExecContext(ctx, p); err != nil {
		return err
	}
	return r.get.GetContext(ctx, p, p.ID) // want `Post mixes stored fields \(ID, Title\) with computed fields \(Comments: subquery\) on write path Repo.Rename \(stmt.go:46\)`
}

// Show reads the Post that Rename writes.
func (r *Repo) Show(id int64) (Post, error) { // want Show:`loads Post with Comments: subquery \(stmt\.go:55\)`
	var p Post
	err := r.get.Get(&p, id) // want `Post mixes .* and is also written \(Title bound in UPDATE posts SET title = :title in Repo.Rename \(stmt.go:46\)\)`
	return p, err
}

// List reads stored columns only: no report.
func (r *Repo) List() ([]Post, error) {
	var out []Post
	err := r.list.Select(&out)
	return out, err
}

// Other runs a statement whose text is not known here: skipped.
func (r *Repo) Other(id int64) (Post, error) {
	var p Post
	err := r.unknown.Get(&p, id)
	return p, err
}

// InTx runs the prepared statement inside a transaction: tx.Stmtx keeps
// its text.
func (r *Repo) InTx(tx *sqlx.Tx, p *Post) error { // want InTx:`writes UPDATE posts \(stmt\.go:76\)`
	tx.MustExec(`UPDATE posts SET touched_at = now() WHERE id = $1`, p.ID)
	return tx.Stmtx(r.get).Get(p, p.ID) // want `Post mixes .* on write path Repo.InTx \(stmt.go:76\)`
}

// Local prepares in place.
func Local(db *sqlx.DB, id int64) (Post, error) { // want Local:`writes UPDATE posts \(stmt\.go:82\)`
	db.MustExec(`UPDATE posts SET seen = seen + 1 WHERE id = $1`, id)
	stmt, err := db.Preparex(loadPost)
	if err != nil {
		return Post{}, err
	}
	var p Post
	err = stmt.QueryRowx(id).StructScan(&p) // want `Post mixes .* on write path Local \(stmt.go:82\)`
	return p, err
}

// Wired holds an exported statement: another package may set it, so its
// text is not taken from the one assignment seen here.
type Wired struct {
	Load *sqlx.Stmt
}

func NewWired(db *sqlx.DB) (*Wired, error) {
	w := &Wired{}
	var err error
	w.Load, err = db.Preparex(loadPost)
	return w, err
}

func (w *Wired) Touch(db *sqlx.DB, p *Post) error { // want Touch:`writes UPDATE posts \(stmt\.go:106\)`
	db.MustExec(`UPDATE posts SET touched_at = now() WHERE id = $1`, p.ID)
	return w.Load.Get(p, p.ID)
}
