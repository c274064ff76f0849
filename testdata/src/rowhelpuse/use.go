// Package rowhelpuse maps its columns through rowhelp's scan helpers.
package rowhelpuse

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"

	"rowhelp"
)

type Store struct{ pool *pgxpool.Pool }

func (s *Store) Register(ctx context.Context, email string) (rowhelp.User, error) { // want Register:`writes INSERT INTO users \(use\.go:16\)`
	var id int64
	if err := s.pool.QueryRow(ctx, `INSERT INTO users (email) VALUES ($1) RETURNING id`, email).Scan(&id); err != nil {
		return rowhelp.User{}, err
	}
	return rowhelp.ScanUser(s.pool.QueryRow(ctx, `SELECT u.id, u.email, (SELECT count(*) FROM posts p WHERE p.author_id = u.id) FROM users u WHERE u.id = $1`, id)) // want `User mixes stored fields \(ID, Email\) with computed fields \(PostCount: subquery\) on write path Store.Register`
}

func (s *Store) Like(ctx context.Context, id int64) ([]rowhelp.Item, error) { // want Like:`writes INSERT INTO likes \(use\.go:23\)`
	if _, err := s.pool.Exec(ctx, `INSERT INTO likes (item_id) VALUES ($1)`, id); err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, `SELECT i.id, i.name, (SELECT count(*) FROM likes l WHERE l.item_id = i.id) AS likes FROM items i`) // want `Item mixes stored fields \(ID, Name\) with computed fields \(Likes: subquery\) on write path Store.Like`
	if err != nil {
		return nil, err
	}
	return rowhelp.ScanItems(rows)
}

// Stored columns only through the same helper: no finding.
func (s *Store) Touch(ctx context.Context, id int64) (rowhelp.User, error) { // want Touch:`writes UPDATE users \(use\.go:35\)`
	if _, err := s.pool.Exec(ctx, `UPDATE users SET seen_at = now() WHERE id = $1`, id); err != nil {
		return rowhelp.User{}, err
	}
	return rowhelp.ScanUser(s.pool.QueryRow(ctx, `SELECT u.id, u.email, u.post_count FROM users u WHERE u.id = $1`, id))
}
