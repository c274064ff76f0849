// Package helpers: rows and rows handed to scan helpers are followed into
// them, in this package.
package helpers

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type User struct {
	ID        int64
	Email     string
	PostCount int64
}

const selectUser = `SELECT u.id, u.email, (SELECT count(*) FROM posts p WHERE p.author_id = u.id) FROM users u WHERE u.id = $1`

func scanUser(row pgx.Row) (User, error) {
	var u User
	err := row.Scan(&u.ID, &u.Email, &u.PostCount)
	return u, err
}

type Store struct{ pool *pgxpool.Pool }

// Register hands the row to scanUser: the scan is found there.
func (s *Store) Register(ctx context.Context, email string) (User, error) { // want Register:`writes INSERT INTO users \(helpers\.go:31\)`
	var id int64
	if err := s.pool.QueryRow(ctx, `INSERT INTO users (email) VALUES ($1) RETURNING id`, email).Scan(&id); err != nil {
		return User{}, err
	}
	return scanUser(s.pool.QueryRow(ctx, selectUser, id)) // want `User mixes stored fields \(ID, Email\) with computed fields \(PostCount: subquery\) on write path Store.Register`
}

// Its twin reads stored columns only: no finding.
func (s *Store) RegisterLean(ctx context.Context, email string) (User, error) { // want RegisterLean:`writes INSERT INTO users \(helpers\.go:40\)`
	var id int64
	if err := s.pool.QueryRow(ctx, `INSERT INTO users (email) VALUES ($1) RETURNING id`, email).Scan(&id); err != nil {
		return User{}, err
	}
	var u User
	err := s.pool.QueryRow(ctx, `SELECT u.id, u.email FROM users u WHERE u.id = $1`, id).Scan(&u.ID, &u.Email)
	return u, err
}

type Widget struct {
	ID    int64
	Name  string
	Parts int64
}

func (w *Widget) scanTargets() []any { return []any{&w.ID, &w.Name, &w.Parts} }

func scanWidgets(rows pgx.Rows) ([]Widget, error) {
	var out []Widget
	for rows.Next() {
		var w Widget
		if err := rows.Scan(w.scanTargets()...); err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// Rebuild passes the rows on, and the scan spreads a method's targets.
func (s *Store) Rebuild(ctx context.Context) ([]Widget, error) { // want Rebuild:`writes UPDATE widgets \(helpers\.go:70\)`
	if _, err := s.pool.Exec(ctx, `UPDATE widgets SET rebuilt_at = now()`); err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, `SELECT w.id, w.name, (SELECT count(*) FROM parts p WHERE p.widget_id = w.id) FROM widgets w`) // want `Widget mixes stored fields \(ID, Name\) with computed fields \(Parts: subquery\) on write path Store.Rebuild`
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanWidgets(rows)
}

// A helper the analysis cannot see into: counted in -stats, not reported.
var scanner func(pgx.Row) (User, error) = scanUser

func (s *Store) Touch(ctx context.Context, id int64) (User, error) { // want Touch:`writes UPDATE users \(helpers\.go:85\)`
	if _, err := s.pool.Exec(ctx, `UPDATE users SET seen_at = now() WHERE id = $1`, id); err != nil {
		return User{}, err
	}
	return scanner(s.pool.QueryRow(ctx, selectUser, id))
}

// get is a generic helper: it runs the query and scans by name into T.
func get[T any](ctx context.Context, db *pgxpool.Pool, q string, args ...any) (T, error) {
	rows, err := db.Query(ctx, q, args...)
	if err != nil {
		var zero T
		return zero, err
	}
	return pgx.CollectOneRow(rows, pgx.RowToStructByName[T])
}

type Team struct {
	ID          int64
	Name        string
	MemberCount int64
}

// Rename reloads through get[Team]: T is Team at this call.
func (s *Store) Rename(ctx context.Context, id int64, name string) (Team, error) { // want Rename:`writes UPDATE teams \(helpers\.go:109\)`
	if _, err := s.pool.Exec(ctx, `UPDATE teams SET name = $1 WHERE id = $2`, name, id); err != nil {
		return Team{}, err
	}
	return get[Team](ctx, s.pool, `SELECT t.id, t.name, (SELECT count(*) FROM members m WHERE m.team_id = t.id) AS member_count FROM teams t WHERE t.id = $1`, id) // want `Team mixes stored fields \(ID, Name\) with computed fields \(MemberCount: subquery\) on write path Store.Rename`
}

// Its twin reads stored columns only through the same helper.
func (s *Store) RenameLean(ctx context.Context, id int64, name string) (Team, error) { // want RenameLean:`writes UPDATE teams \(helpers\.go:117\)`
	if _, err := s.pool.Exec(ctx, `UPDATE teams SET name = $1 WHERE id = $2`, name, id); err != nil {
		return Team{}, err
	}
	return get[Team](ctx, s.pool, `SELECT t.id, t.name FROM teams t WHERE t.id = $1`, id)
}

// one is a wrapper that scans by position into its own User.
func (s *Store) one(ctx context.Context, q string, id int64) (User, error) {
	var u User
	err := s.pool.QueryRow(ctx, q, id).Scan(&u.ID, &u.Email, &u.PostCount)
	return u, err
}

func (s *Store) Verify(ctx context.Context, id int64) (User, error) { // want Verify:`writes UPDATE users \(helpers\.go:131\)`
	if _, err := s.pool.Exec(ctx, `UPDATE users SET verified = true WHERE id = $1`, id); err != nil {
		return User{}, err
	}
	return s.one(ctx, selectUser, id) // want `User mixes stored fields \(ID, Email\) with computed fields \(PostCount: subquery\) on write path Store.Verify`
}
