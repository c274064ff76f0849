// Package crossapp reads Customer with a computed column; crossrepo writes
// it, which this package learns from crossrepo's facts.
package crossapp

import (
	"context"

	"crossdomain"
	"crossrepo"

	"github.com/jackc/pgx/v5"
)

type App struct{ repo *crossrepo.Repo }

func (a *App) Customers(ctx context.Context) ([]crossdomain.Customer, error) { // want Customers:`loads Customer with OrderCount: aggregate \(app\.go:17\)`
	rows, err := a.repo.Pool.Query(ctx, `SELECT c.id, c.name, c.email, count(o.id) AS order_count FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id`) // want `Customer mixes stored fields \(ID, Name, Email\) with computed fields \(OrderCount: aggregate\) and is also written \(Name bound in INSERT INTO customers \(name\) VALUES \(\$1\) in Repo.Create \(repo.go:15\)\)`
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[crossdomain.Customer])
}

// Signup writes through crossrepo.Repo.Create (a fact says it writes).
func (a *App) Signup(ctx context.Context, c crossdomain.Customer) (int64, error) { // want Signup:`writes crossrepo\.Repo\.Create: INSERT INTO customers \(app\.go:26\)`
	if err := a.repo.Create(ctx, c); err != nil {
		return 0, err
	}
	var n int64
	err := a.repo.Pool.QueryRow(ctx, `SELECT count(*) FROM customers`).Scan(&n) // want `column count \(aggregate\) is computed on write path App.Signup \(app.go:26\), but n is never read; drop it from this query`
	return 0, err
}

// Archive writes through the imported wrapper: its SQL is resolved here.
func (a *App) Archive(ctx context.Context, id int64) (crossdomain.Customer, error) { // want Archive:`writes UPDATE customers \(app\.go:36\)`
	if err := a.repo.Exec(ctx, `UPDATE customers SET archived = true WHERE id = $1`, id); err != nil {
		return crossdomain.Customer{}, err
	}
	rows, err := a.repo.Pool.Query(ctx, `SELECT c.id, c.name, c.email, (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) AS order_count FROM customers c WHERE c.id = $1`, id) // want `Customer mixes stored fields \(ID, Name, Email\) with computed fields \(OrderCount: subquery\) on write path App.Archive \(app.go:36\)`
	if err != nil {
		return crossdomain.Customer{}, err
	}
	return pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[crossdomain.Customer])
}
