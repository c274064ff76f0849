// Package crossrepo writes Customer: other packages learn it from facts.
package crossrepo

import (
	"context"

	"crossdomain"

	"github.com/jackc/pgx/v5/pgxpool"
)

type Repo struct{ Pool *pgxpool.Pool }

func (r *Repo) Create(ctx context.Context, c crossdomain.Customer) error {
	_, err := r.Pool.Exec(ctx, `INSERT INTO customers (name, email) VALUES ($1, $2)`, c.Name, c.Email)
	return err
}

// Exec forwards its query: a wrapper other packages call.
func (r *Repo) Exec(ctx context.Context, q string, args ...any) error {
	_, err := r.Pool.Exec(ctx, q, args...)
	return err
}
