// Package before is a small social service written the god-struct way:
// one User type is the registration form, the stored row, the credentials
// and the profile page at once. Every write returns the whole User,
// reloaded with two correlated COUNT(*) subqueries, so registering,
// posting and following all pay for the heaviest read. cqrslint reports
// User; package after shows the split.
package before

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// User is everything about a user, stored or computed.
type User struct {
	ID            int64
	Email         string
	PasswordHash  string
	DisplayName   string
	Bio           string
	PostCount     int64
	FollowerCount int64
}

// DB is what the service needs: *pgx.Conn, pgx.Tx and *pgxpool.Pool all
// satisfy it.
type DB interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Service is the user service.
type Service struct {
	db DB
}

// New returns a service on db.
func New(db DB) *Service { return &Service{db: db} }

const selectUser = `SELECT u.id, u.email, u.password_hash, u.display_name, u.bio,
	(SELECT count(*) FROM posts p WHERE p.author_id = u.id) AS post_count,
	(SELECT count(*) FROM follows f WHERE f.followee_id = u.id) AS follower_count
FROM users u
WHERE u.id = $1`

const insertUser = `INSERT INTO users (email, password_hash, display_name, bio) VALUES ($1, $2, $3, $4) RETURNING id`

const insertPost = `INSERT INTO posts (author_id, body) VALUES ($1, $2)`

const insertFollow = `INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`

const deleteFollow = `DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2`

func (s *Service) userByID(ctx context.Context, q DB, id int64) (User, error) {
	var u User
	err := q.QueryRow(ctx, selectUser, id).Scan(&u.ID, &u.Email, &u.PasswordHash, &u.DisplayName, &u.Bio, &u.PostCount, &u.FollowerCount)
	return u, err
}

// Register stores u and returns it as stored.
func (s *Service) Register(ctx context.Context, u User) (User, error) {
	if err := s.db.QueryRow(ctx, insertUser, u.Email, u.PasswordHash, u.DisplayName, u.Bio).Scan(&u.ID); err != nil {
		return User{}, err
	}
	return s.userByID(ctx, s.db, u.ID)
}

// Publish stores a post and returns its author.
func (s *Service) Publish(ctx context.Context, authorID int64, body string) (User, error) {
	if _, err := s.db.Exec(ctx, insertPost, authorID, body); err != nil {
		return User{}, err
	}
	return s.userByID(ctx, s.db, authorID)
}

// Follow makes followerID follow followeeID and returns the followee.
func (s *Service) Follow(ctx context.Context, followerID, followeeID int64) (User, error) {
	if _, err := s.db.Exec(ctx, insertFollow, followerID, followeeID); err != nil {
		return User{}, err
	}
	return s.userByID(ctx, s.db, followeeID)
}

// Unfollow undoes Follow and returns the followee.
func (s *Service) Unfollow(ctx context.Context, followerID, followeeID int64) (User, error) {
	if _, err := s.db.Exec(ctx, deleteFollow, followerID, followeeID); err != nil {
		return User{}, err
	}
	return s.userByID(ctx, s.db, followeeID)
}

// Profile returns the user shown on a profile page.
func (s *Service) Profile(ctx context.Context, id int64) (User, error) {
	return s.userByID(ctx, s.db, id)
}
