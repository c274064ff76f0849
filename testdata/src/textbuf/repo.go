// Package textbuf builds query text in a strings.Builder or a
// bytes.Buffer: the writes before String() are read, a conditional one
// as a variant.
package textbuf

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
)

type Repo struct{ pool *pgxpool.Pool }

type Post struct {
	ID    int64
	Title string
	Likes int
}

type Filter struct {
	Author int64
	Tag    string
	Conds  []string
}

func (r *Repo) Edit(ctx context.Context, id int64, title string, f Filter) (Post, error) { // want Edit:`writes UPDATE posts \(repo\.go:31\)`
	var p Post
	if _, err := r.pool.Exec(ctx, `UPDATE posts SET title = $1 WHERE id = $2`, title, id); err != nil {
		return p, err
	}
	var b strings.Builder
	b.WriteString("SELECT p.id, p.title, (SELECT count(*) FROM likes l WHERE l.post_id = p.id) AS likes")
	b.WriteString(" FROM posts p WHERE p.id = $1")
	if f.Author != 0 {
		b.WriteString(" AND p.author_id = $2")
	}
	if f.Tag != "" {
		fmt.Fprintf(&b, " AND p.tag = '%s'", f.Tag)
	}
	b.WriteByte(' ')
	err := r.pool.QueryRow(ctx, b.String(), id).Scan(&p.ID, &p.Title, &p.Likes) // want `Post mixes stored fields \(ID, Title\) with computed fields \(Likes: subquery\) on write path Repo.Edit`
	return p, err
}

// A bytes.Buffer, with conditions joined at run time: holes in WHERE.
func (r *Repo) Republish(ctx context.Context, id int64, f Filter) (Post, error) { // want Republish:`writes UPDATE posts \(repo\.go:51\)`
	var p Post
	if _, err := r.pool.Exec(ctx, `UPDATE posts SET published_at = now() WHERE id = $1`, id); err != nil {
		return p, err
	}
	var b bytes.Buffer
	b.WriteString("SELECT p.id, p.title, (SELECT count(*) FROM likes l WHERE l.post_id = p.id) FROM posts p WHERE ")
	b.WriteString(strings.Join(f.Conds, " AND "))
	err := r.pool.QueryRow(ctx, b.String(), id).Scan(&p.ID, &p.Title, &p.Likes) // want `Post mixes stored fields \(ID, Title\) with computed fields \(Likes: subquery\) on write path Repo.Republish`
	return p, err
}

// The select list written from a parameter: refused, with a reason.
func (r *Repo) Columns(ctx context.Context, id int64, cols string) (Post, error) { // want Columns:`writes UPDATE posts \(repo\.go:64\)`
	var p Post
	if _, err := r.pool.Exec(ctx, `UPDATE posts SET seen_at = now() WHERE id = $1`, id); err != nil {
		return p, err
	}
	var b strings.Builder
	b.WriteString("SELECT p.id, ")
	b.WriteString(cols)
	b.WriteString(" FROM posts p WHERE p.id = $1")
	err := r.pool.QueryRow(ctx, b.String(), id).Scan(&p.ID, &p.Title, &p.Likes)
	return p, err
}

// The builder handed to a function that may write anything: skipped.
func (r *Repo) Handed(ctx context.Context, id int64) (Post, error) { // want Handed:`writes UPDATE posts \(repo\.go:78\)`
	var p Post
	if _, err := r.pool.Exec(ctx, `UPDATE posts SET seen_at = now() WHERE id = $1`, id); err != nil {
		return p, err
	}
	var b strings.Builder
	b.WriteString("SELECT p.id, p.title, p.likes FROM posts p")
	where(&b)
	err := r.pool.QueryRow(ctx, b.String(), id).Scan(&p.ID, &p.Title, &p.Likes)
	return p, err
}

func where(b *strings.Builder) { b.WriteString(", (SELECT count(*) FROM likes) AS n WHERE p.id = $1") }

// Reset is not followed: skipped.
func (r *Repo) Reset(ctx context.Context, id int64) (Post, error) { // want Reset:`writes UPDATE posts \(repo\.go:93\)`
	var p Post
	if _, err := r.pool.Exec(ctx, `UPDATE posts SET seen_at = now() WHERE id = $1`, id); err != nil {
		return p, err
	}
	var b strings.Builder
	b.WriteString("SELECT p.id, p.title, (SELECT count(*) FROM likes l WHERE l.post_id = p.id) FROM posts p WHERE p.id = $1")
	b.Reset()
	b.WriteString("SELECT id, title, likes FROM posts WHERE id = $1")
	err := r.pool.QueryRow(ctx, b.String(), id).Scan(&p.ID, &p.Title, &p.Likes)
	return p, err
}
