// Package clean holds the negative twins: code that looks close to a god
// struct but is not one. Nothing here may be reported.
package clean

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Store struct{ pool *pgxpool.Pool }

// PostView is a read-only view struct with computed fields, never written.
type PostView struct {
	ID        int64
	Title     string
	LikeCount int64
}

func (s *Store) Feed(ctx context.Context) ([]PostView, error) { // want Feed:`loads PostView with LikeCount: subquery \(clean\.go:26\)`
	rows, err := s.pool.Query(ctx, `SELECT p.id, p.title, (SELECT count(*) FROM likes l WHERE l.post_id = p.id) AS like_count FROM posts p ORDER BY p.id DESC LIMIT 50`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[PostView])
}

// Delete writes with the view's key only: PostView stays a view.
func (s *Store) Delete(ctx context.Context, v PostView) error { // want Delete:`writes DELETE FROM posts \(clean\.go:35\)`
	_, err := s.pool.Exec(ctx, `DELETE FROM posts WHERE id = $1`, v.ID)
	return err
}

// Pin updates a column, but the view's only field bound is its key.
func (s *Store) Pin(ctx context.Context, v PostView) error { // want Pin:`writes UPDATE posts \(clean\.go:41\)`
	_, err := s.pool.Exec(ctx, `UPDATE posts SET pinned = true WHERE id = $1`, v.ID)
	return err
}

var errQuota = errors.New("quota exceeded")

// Publish counts into a local for a quota check: the count is used.
func (s *Store) Publish(ctx context.Context, author int64, title string) (int64, error) { // want Publish:`writes INSERT INTO posts \(clean\.go:57\)`
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM posts WHERE author_id = $1 AND created_at > now() - interval '1 day'`, author).Scan(&n); err != nil {
		return 0, err
	}
	if n >= 10 {
		return 0, errQuota
	}
	var id int64
	err := s.pool.QueryRow(ctx, `INSERT INTO posts (author_id, title) VALUES ($1, $2) RETURNING id`, author, title).Scan(&id)
	return id, err
}

type Post struct {
	ID       int64
	AuthorID int64
	Title    string
}

// Edit has a subquery only in WHERE: the columns are all stored.
func (s *Store) Edit(ctx context.Context, id int64, title string) (Post, error) { // want Edit:`writes UPDATE posts \(clean\.go:69\)`
	if _, err := s.pool.Exec(ctx, `UPDATE posts SET title = $1 WHERE id = $2`, title, id); err != nil {
		return Post{}, err
	}
	var p Post
	err := s.pool.QueryRow(ctx, `SELECT p.id, p.author_id, p.title FROM posts p WHERE p.id = $1 AND EXISTS (SELECT 1 FROM authors a WHERE a.id = p.author_id AND NOT a.banned) AND p.id IN (SELECT post_id FROM visible)`, id).Scan(&p.ID, &p.AuthorID, &p.Title)
	return p, err
}

// Totals has only computed fields; returning it from a command is fine.
type Totals struct {
	Posts int64
	Likes int64
}

func (s *Store) Recount(ctx context.Context, author int64) (Totals, error) { // want Recount:`writes UPDATE authors \(clean\.go:84\)`
	if _, err := s.pool.Exec(ctx, `UPDATE authors SET recounted_at = now() WHERE id = $1`, author); err != nil {
		return Totals{}, err
	}
	var t Totals
	err := s.pool.QueryRow(ctx, `SELECT count(*), (SELECT count(*) FROM likes) FROM posts WHERE author_id = $1`, author).Scan(&t.Posts, &t.Likes)
	return t, err
}

// SQL-looking strings that never reach a database.
const helpText = "SELECT u.id, (SELECT count(*) FROM posts) FROM users u"

func Describe() string {
	log.Printf("running %s", "UPDATE users SET x = 1")
	return fmt.Sprintf("query: %s", helpText)
}

// Dynamic SQL cannot be resolved: skipped, counted, never reported.
func (s *Store) Dynamic(ctx context.Context, table string) (PostView, error) {
	if _, err := s.pool.Exec(ctx, "DELETE FROM "+table); err != nil {
		return PostView{}, err
	}
	var v PostView
	q := "SELECT p.id, p.title, (SELECT count(*) FROM likes) FROM " + table + " p"
	err := s.pool.QueryRow(ctx, q).Scan(&v.ID, &v.Title, &v.LikeCount)
	return v, err
}

// Handlers registered in one function are separate paths: main does not
// write just because one of its literals does.
func Routes(s *Store, mux *http.ServeMux) {
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		var v PostView
		_ = s.pool.QueryRow(r.Context(), `SELECT p.id, p.title, (SELECT count(*) FROM likes l WHERE l.post_id = p.id) FROM posts p LIMIT 1`).Scan(&v.ID, &v.Title, &v.LikeCount)
		fmt.Fprintln(w, v)
	})
	mux.HandleFunc("/like", func(w http.ResponseWriter, r *http.Request) {
		_, _ = s.pool.Exec(r.Context(), `INSERT INTO likes (post_id, user_id) VALUES ($1, $2)`, 1, 2)
	})
}

// Locking reads are not writes.
func (s *Store) Lock(ctx context.Context, id int64) (PostView, error) { // want Lock:`loads PostView with LikeCount: subquery \(clean\.go:127\)`
	var v PostView
	err := s.pool.QueryRow(ctx, `SELECT p.id, p.title, (SELECT count(*) FROM likes l WHERE l.post_id = p.id) FROM posts p WHERE p.id = $1 FOR UPDATE`, id).Scan(&v.ID, &v.Title, &v.LikeCount)
	return v, err
}
