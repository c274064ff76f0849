// Package reflectget has the project's own reflection-based helpers, Get // want package:`writes reflectget\.Card\.Email, reflectget\.User\.Email`
// and Select(dest any, query string, args ...any), that fill dest's
// fields from the columns of the same db tag.
package reflectget

import (
	"context"
	"database/sql"
	"errors"
	"reflect"
)

type Store struct{ db *sql.DB }

// fields returns pointers to v's fields in the order of cols, by db tag.
func fields(v reflect.Value, cols []string) ([]any, error) {
	t := v.Type()
	ptrs := make([]any, len(cols))
	for i, c := range cols {
		for j := 0; j < t.NumField(); j++ {
			if t.Field(j).Tag.Get("db") == c {
				ptrs[i] = v.Field(j).Addr().Interface()
			}
		}
		if ptrs[i] == nil {
			return nil, errors.New("no field for column " + c)
		}
	}
	return ptrs, nil
}

// Get scans the query's one row into dest, a pointer to a struct.
func (s *Store) Get(ctx context.Context, dest any, query string, args ...any) error { // want Get:`sql wrapper\(kind=5 sql=2 args=3 dest=1 named=-1\) by db tag`
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	if !rows.Next() {
		return sql.ErrNoRows
	}
	v := reflect.ValueOf(dest).Elem()
	_ = v.Type().Field(0).Tag.Get("db")
	ptrs, err := fields(v, cols)
	if err != nil {
		return err
	}
	return rows.Scan(ptrs...)
}

// Select scans every row into dest, a pointer to a slice of structs.
func (s *Store) Select(ctx context.Context, dest any, query string, args ...any) error { // want Select:`sql wrapper\(kind=5 sql=2 args=3 dest=1 named=-1\) by db tag`
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	out := reflect.ValueOf(dest).Elem()
	for rows.Next() {
		e := reflect.New(out.Type().Elem()).Elem()
		ptrs := make([]any, len(cols))
		for i, c := range cols {
			for j := 0; j < e.NumField(); j++ {
				if tag, ok := e.Type().Field(j).Tag.Lookup("db"); ok && tag == c {
					ptrs[i] = e.Field(j).Addr().Interface()
				}
			}
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		out.Set(reflect.Append(out, e))
	}
	return rows.Err()
}

// JSONGet fills dest by json tag: not a db-tag helper, so its callers'
// reads stay unmapped, with a reason.
func (s *Store) JSONGet(ctx context.Context, dest any, query string, args ...any) error { // want JSONGet:`sql wrapper\(kind=1 sql=2 args=3 dest=-1 named=-1\)`
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	v := reflect.ValueOf(dest).Elem()
	ptrs := []any{}
	for j := 0; j < v.NumField(); j++ {
		if v.Type().Field(j).Tag.Get("json") != "" {
			ptrs = append(ptrs, v.Field(j).Addr().Interface())
		}
	}
	rows.Next()
	return rows.Scan(ptrs...)
}

type User struct {
	ID        int64  `db:"id"`
	Email     string `db:"email"`
	PostCount int    `db:"post_count"`
}

// SetEmail binds Email: User is a write model.
func (s *Store) SetEmail(ctx context.Context, u *User) error { // want SetEmail:`writes UPDATE users \(store\.go:109\)`
	_, err := s.db.ExecContext(ctx, `UPDATE users SET email = $1 WHERE id = $2`, u.Email, u.ID)
	return err
}

func (s *Store) Profile(ctx context.Context, id int64) (User, error) { // want Profile:`loads User with PostCount: subquery \(store\.go:115\)`
	var u User
	err := s.Get(ctx, &u, `SELECT u.id, u.email, (SELECT count(*) FROM posts p WHERE p.user_id = u.id) AS post_count FROM users u WHERE u.id = $1`, id) // want `User mixes stored fields \(ID, Email\) with computed fields \(PostCount: subquery\) and is also written \(Email bound in UPDATE users SET email = \$1 in Store.SetEmail \(store.go:109\)\), and 1 more read; split`
	return u, err
}

func (s *Store) Authors(ctx context.Context) ([]User, error) { // want Authors:`loads User with PostCount: aggregate via p \(store\.go:122\)`
	var us []User
	// Reported with Profile's read, as its "1 more read".
	err := s.Select(ctx, &us, `SELECT u.id, u.email, coalesce(p.n, 0) AS post_count FROM users u LEFT JOIN (SELECT user_id, count(*) AS n FROM posts GROUP BY user_id) p ON p.user_id = u.id`)
	return us, err
}

// Card has no db tags: the helper's mapping of untagged fields is not
// known, so no column lands anywhere and nothing is reported.
type Card struct {
	ID        int64
	Email     string
	PostCount int
}

func (s *Store) SetCard(ctx context.Context, c *Card) error { // want SetCard:`writes UPDATE users \(store\.go:135\)`
	_, err := s.db.ExecContext(ctx, `UPDATE users SET email = $1 WHERE id = $2`, c.Email, c.ID)
	return err
}

func (s *Store) CardOf(ctx context.Context, id int64) (Card, error) {
	var c Card
	err := s.Get(ctx, &c, `SELECT u.id, u.email, (SELECT count(*) FROM posts p WHERE p.user_id = u.id) AS postcount FROM users u WHERE u.id = $1`, id)
	return c, err
}

// A destination that is not a struct: a reason in -stats.
func (s *Store) Count(ctx context.Context) (int, error) {
	var n int
	err := s.Get(ctx, &n, `SELECT count(*) FROM users`)
	return n, err
}

// The json-tag helper: unmapped, with a reason.
func (s *Store) ProfileJSON(ctx context.Context, id int64) (User, error) {
	var u User
	err := s.JSONGet(ctx, &u, `SELECT u.id, u.email, (SELECT count(*) FROM posts p WHERE p.user_id = u.id) AS post_count FROM users u WHERE u.id = $1`, id)
	return u, err
}

// A row handed back to the caller: not followed, with a reason.
func (s *Store) row(ctx context.Context, id int64) *sql.Row {
	return s.db.QueryRowContext(ctx, `SELECT u.id, (SELECT count(*) FROM posts p WHERE p.user_id = u.id) FROM users u WHERE u.id = $1`, id)
}
