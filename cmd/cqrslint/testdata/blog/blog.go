// Package blog is a small module on database/sql for the tests that run
// the real analyzer through the command: baselines, -fix, -diff, -suggest.
package blog

import (
	"context"
	"database/sql"
)

type Post struct {
	ID           int64
	Title        string
	CommentCount int64
}

// Rename loads a god struct on its write path; CommentCount is never read
// here, so the finding has a fix.
func Rename(ctx context.Context, db *sql.DB, id int64, title string) error {
	var p Post
	err := db.QueryRowContext(ctx, `SELECT p.id, p.title, (SELECT count(*) FROM comments c WHERE c.post_id = p.id) AS comment_count FROM posts p WHERE p.id = $1`, id).Scan(&p.ID, &p.Title, &p.CommentCount)
	if err != nil || p.Title == title {
		return err
	}
	_, err = db.ExecContext(ctx, `UPDATE posts SET title = $1 WHERE id = $2`, title, p.ID)
	return err
}

// Publish reads the count it loads: the finding has no fix.
func Publish(ctx context.Context, db *sql.DB, id int64) (int64, error) {
	var p Post
	err := db.QueryRowContext(ctx, `SELECT p.id, p.title, (SELECT count(*) FROM comments c WHERE c.post_id = p.id) AS comment_count FROM posts p WHERE p.id = $1`, id).Scan(&p.ID, &p.Title, &p.CommentCount)
	if err != nil {
		return 0, err
	}
	_, err = db.ExecContext(ctx, `UPDATE posts SET published = true WHERE id = $1`, p.ID)
	return p.CommentCount, err
}
