// Package passthru has query-text pass-throughs: helpers that return
// their query parameter rebound, with a clause added, or used as a fmt
// format. Their callers' texts are resolved through them.
package passthru

import (
	"context"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"
)

type Store struct{ db *sqlx.DB }

type User struct {
	ID        int64  `db:"id"`
	Email     string `db:"email"`
	PostCount int    `db:"post_count"`
}

// bind rebinds ? placeholders for the driver.
func (s *Store) bind(q string) string { return s.db.Rebind(q) }

// Bind is bind for other packages.
func (s *Store) Bind(q string) string { return s.bind(q) } // want Bind:`query pass-through`

// paged adds a clause around the text, by concatenation and by Sprintf.
func paged(q string) string { return fmt.Sprintf("%s ORDER BY id LIMIT %d", q, 50) }

func limited(q string) string {
	if q == "" {
		return q + " LIMIT 10"
	}
	return q + " LIMIT 10"
}

// inSchema uses its parameter as a format.
func inSchema(q string) string { return fmt.Sprintf(q, "app") }

// Not pass-throughs: another text returned, or a transformation not
// known.
func pick(q, alt string) string {
	if strings.HasPrefix(q, "SELECT") {
		return q
	}
	return alt
}

func lower(q string) string { return strings.ToLower(q) }

func (s *Store) Touch(ctx context.Context, id int64) (User, error) { // want Touch:`writes UPDATE users \(store\.go:54\)`
	var u User
	s.db.MustExec(`UPDATE users SET seen_at = now() WHERE id = $1`, id)
	err := s.db.GetContext(ctx, &u, s.bind(`SELECT u.id, u.email, (SELECT count(*) FROM posts p WHERE p.user_id = u.id) AS post_count FROM users u WHERE u.id = ?`), id) // want `User mixes stored fields \(ID, Email\) with computed fields \(PostCount: subquery\) on write path Store.Touch`
	return u, err
}

func (s *Store) Recent(ctx context.Context) ([]User, error) { // want Recent:`writes UPDATE users \(store\.go:61\)`
	var us []User
	s.db.MustExec(`UPDATE users SET listed_at = now()`)
	err := s.db.SelectContext(ctx, &us, paged(`SELECT u.id, u.email, (SELECT count(*) FROM posts p WHERE p.user_id = u.id) AS post_count FROM users u`)) // want `User mixes stored fields \(ID, Email\) with computed fields \(PostCount: subquery\) on write path Store.Recent`
	return us, err
}

func (s *Store) Few(ctx context.Context) ([]User, error) { // want Few:`writes UPDATE users \(store\.go:68\)`
	var us []User
	s.db.MustExec(`UPDATE users SET listed_at = now()`)
	err := s.db.SelectContext(ctx, &us, limited(`SELECT u.id, u.email, (SELECT count(*) FROM posts p WHERE p.user_id = u.id) AS post_count FROM users u`)) // want `User mixes stored fields \(ID, Email\) with computed fields \(PostCount: subquery\) on write path Store.Few`
	return us, err
}

func (s *Store) InSchema(ctx context.Context, id int64) (User, error) { // want InSchema:`writes UPDATE users \(store\.go:75\)`
	var u User
	s.db.MustExec(`UPDATE users SET seen_at = now() WHERE id = $1`, id)
	err := s.db.GetContext(ctx, &u, inSchema(`SELECT u.id, u.email, (SELECT count(*) FROM posts p WHERE p.user_id = u.id) AS post_count FROM %s.users u WHERE u.id = $1`), id) // want `User mixes stored fields \(ID, Email\) with computed fields \(PostCount: subquery\) on write path Store.InSchema`
	return u, err
}

// The same reads through helpers that are not pass-throughs: skipped.
func (s *Store) Picked(ctx context.Context, id int64) (User, error) { // want Picked:`writes UPDATE users \(store\.go:83\)`
	var u User
	s.db.MustExec(`UPDATE users SET seen_at = now() WHERE id = $1`, id)
	err := s.db.GetContext(ctx, &u, pick(`SELECT u.id, u.email, (SELECT count(*) FROM posts p WHERE p.user_id = u.id) AS post_count FROM users u WHERE u.id = $1`, "SELECT 1"), id)
	return u, err
}

func (s *Store) Lowered(ctx context.Context, id int64) (User, error) { // want Lowered:`writes UPDATE users \(store\.go:90\)`
	var u User
	s.db.MustExec(`UPDATE users SET seen_at = now() WHERE id = $1`, id)
	err := s.db.GetContext(ctx, &u, lower(`SELECT u.id, u.email, (SELECT count(*) FROM posts p WHERE p.user_id = u.id) AS post_count FROM users u WHERE u.id = $1`), id)
	return u, err
}
