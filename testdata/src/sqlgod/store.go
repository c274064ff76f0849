// Package sqlgod uses database/sql: the struct is a write model (its // want package:`writes sqlgod\.Account\.Email`
// fields are bound to an INSERT), and a read path scans computed columns
// into it in a rows.Next loop.
package sqlgod

import (
	"context"
	"database/sql"
)

type Account struct {
	ID        int64
	Email     string
	Plan      string
	SeatCount int
}

type Store struct{ db *sql.DB }

func (s *Store) Create(ctx context.Context, a Account) error { // want Create:`writes INSERT INTO accounts \(store\.go:21\)`
	_, err := s.db.ExecContext(ctx, "INSERT INTO accounts (email, plan) VALUES ($1, $2)", a.Email, a.Plan)
	return err
}

func (s *Store) List(ctx context.Context) ([]Account, error) { // want List:`loads Account with SeatCount: aggregate \(store\.go:26\)`
	rows, err := s.db.QueryContext(ctx, "SELECT a.id, a.email, a.plan, count(s.id) AS seat_count FROM accounts a LEFT JOIN seats s ON s.account_id = a.id GROUP BY a.id") // want `Account mixes stored fields \(ID, Email, Plan\) with computed fields \(SeatCount: aggregate\) and is also written \(Email bound in INSERT INTO accounts \(email\) VALUES \(\$1\) in Store.Create \(store.go:21\)\); split it into a command model and a query model`
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Account
	for rows.Next() {
		var a Account
		if err := rows.Scan(&a.ID, &a.Email, &a.Plan, &a.SeatCount); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Prepared statements carry their SQL from Prepare to the call.
func (s *Store) Rename(ctx context.Context, id int64, plan string) (Account, error) { // want Rename:`writes UPDATE accounts \(store\.go:53\)`
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Account{}, err
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, "UPDATE accounts SET plan = $1 WHERE id = $2")
	if err != nil {
		return Account{}, err
	}
	if _, err := stmt.ExecContext(ctx, plan, id); err != nil {
		return Account{}, err
	}
	sel, err := tx.Prepare("SELECT a.id, a.email, a.plan, (SELECT count(*) FROM seats s WHERE s.account_id = a.id) FROM accounts a WHERE a.id = $1")
	if err != nil {
		return Account{}, err
	}
	var a Account
	err = sel.QueryRowContext(ctx, id).Scan(&a.ID, &a.Email, &a.Plan, &a.SeatCount) // want `Account mixes stored fields \(ID, Email, Plan\) with computed fields \(SeatCount: subquery\) on write path Store.Rename \(store.go:53\)`
	if err != nil {
		return Account{}, err
	}
	return a, tx.Commit()
}

// Seats is a read-only path scanning only computed columns: no finding.
type Seats struct {
	Total  int
	Active int
}

func (s *Store) SeatStats(ctx context.Context) (Seats, error) {
	var st Seats
	err := s.db.QueryRow("SELECT count(*), count(*) FILTER (WHERE active) FROM seats").Scan(&st.Total, &st.Active)
	return st, err
}
