// Package repo writes Customer: other packages learn it from facts.
package repo

import (
	"context"
	"database/sql"

	"example.com/facts/domain"
)

type Repo struct{ DB *sql.DB }

func (r *Repo) Create(ctx context.Context, c domain.Customer) error {
	_, err := r.DB.ExecContext(ctx, `INSERT INTO customers (name, email) VALUES ($1, $2)`, c.Name, c.Email)
	return err
}

// Exec forwards its query: a wrapper other packages call.
func (r *Repo) Exec(ctx context.Context, q string, args ...any) error {
	_, err := r.DB.ExecContext(ctx, q, args...)
	return err
}
