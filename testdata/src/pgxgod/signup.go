// Package pgxgod is the canonical god struct: one User filled by a SELECT
// with correlated COUNT(*) subqueries, reloaded on every write path.
package pgxgod

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type User struct {
	ID            int64
	Email         string
	PasswordHash  string
	PostCount     int64
	FollowerCount int64
}

const selectUser = `SELECT u.id, u.email, u.password_hash,
	(SELECT count(*) FROM posts p WHERE p.author_id = u.id) AS post_count,
	(SELECT count(*) FROM follows f WHERE f.followee_id = u.id) AS follower_count
FROM users u WHERE u.id = $1`

type Service struct{ pool *pgxpool.Pool }

// Register writes and then reloads the whole user in the same function.
func (s *Service) Register(ctx context.Context, email, hash string) (User, error) { // want Register:`writes INSERT INTO users \(signup\.go:30\)`
	var id int64
	if err := s.pool.QueryRow(ctx, `INSERT INTO users (email, password_hash) VALUES ($1, $2) RETURNING id`, email, hash).Scan(&id); err != nil {
		return User{}, err
	}
	var u User
	err := s.pool.QueryRow(ctx, selectUser, id).Scan(&u.ID, &u.Email, &u.PasswordHash, &u.PostCount, &u.FollowerCount) // want `User mixes stored fields \(ID, Email, PasswordHash\) with computed fields \(PostCount: subquery, FollowerCount: subquery\) on write path Service.Register \(signup.go:30\); split it into a command model and a query model`
	return u, err
}

// userByID is the repository getter shared by reads and writes.
func (s *Service) userByID(ctx context.Context, id int64) (User, error) {
	var u User
	err := s.pool.QueryRow(ctx, selectUser, id).Scan(&u.ID, &u.Email, &u.PasswordHash, &u.PostCount, &u.FollowerCount) // want `User mixes stored fields \(ID, Email, PasswordHash\) with computed fields \(PostCount: subquery, FollowerCount: subquery\), loaded by Service.userByID on write path Service.Follow \(signup.go:54\); split it into a command model and a query model`
	return u, err
}

// Follow writes through a transaction, then reloads through the getter.
func (s *Service) Follow(ctx context.Context, follower, followee int64) (User, error) { // want Follow:`writes INSERT INTO follows \(signup\.go:47\)`
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, follower, followee)
		return err
	})
	if err != nil {
		return User{}, err
	}
	return s.userByID(ctx, followee) // want `Service.userByID loads User with computed fields \(PostCount: subquery, FollowerCount: subquery\) on write path Service.Follow \(signup.go:47\); load only the stored fields the command needs, or split User into a command model and a query model`
}

// Profile is a read path: the getter is fine here.
func (s *Service) Profile(ctx context.Context, id int64) (User, error) { // want Profile:`loads User with PostCount: subquery, FollowerCount: subquery \(signup\.go:41\)`
	return s.userByID(ctx, id)
}
