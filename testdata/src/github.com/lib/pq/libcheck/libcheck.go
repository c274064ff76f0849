// Package libcheck sits under a database library's module path (lib/pq):
// the analyzer leaves such packages alone, as it does database/sql, pgx,
// sqlx and bun, whose API its tables describe. The same code in an
// application's package is reported (sqlgod's List).
package libcheck

import (
	"context"
	"database/sql"
)

type Account struct {
	ID        int64
	Email     string
	SeatCount int
}

type Store struct{ db *sql.DB }

func (s *Store) Create(ctx context.Context, a Account) (Account, error) {
	if _, err := s.db.ExecContext(ctx, "INSERT INTO accounts (email) VALUES ($1)", a.Email); err != nil {
		return Account{}, err
	}
	var out Account
	err := s.db.QueryRowContext(ctx, "SELECT a.id, a.email, (SELECT count(*) FROM seats s WHERE s.account_id = a.id) FROM accounts a WHERE a.email = $1", a.Email).Scan(&out.ID, &out.Email, &out.SeatCount)
	return out, err
}
