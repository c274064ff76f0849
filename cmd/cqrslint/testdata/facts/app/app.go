// Package app reads Customer with a computed column; repo writes it, which
// this package learns only from repo's facts.
package app

import (
	"context"

	"example.com/facts/domain"
	"example.com/facts/repo"
	"example.com/facts/text"
)

type App struct{ repo *repo.Repo }

func (a *App) Customer(ctx context.Context, id int64) (domain.Customer, error) {
	var c domain.Customer
	err := a.repo.DB.QueryRowContext(ctx, `SELECT c.id, c.name, c.email, (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) AS order_count FROM customers c WHERE c.id = $1`, id).
		Scan(&c.ID, &c.Name, &c.Email, &c.OrderCount)
	c.Name = text.Title(c.Name)
	return c, err
}

// Archive writes through repo's wrapper, then reloads the customer with
// its computed column.
func (a *App) Archive(ctx context.Context, id int64) (domain.Customer, error) {
	if err := a.repo.Exec(ctx, `UPDATE customers SET archived = true WHERE id = $1`, id); err != nil {
		return domain.Customer{}, err
	}
	return a.Customer(ctx, id)
}

// Names reads Customer with a computed column on no write path; repo.Create
// writes Customer (a package fact).
func (a *App) Names(ctx context.Context) ([]domain.Customer, error) {
	rows, err := a.repo.DB.QueryContext(ctx, `SELECT c.id, c.name, c.email, count(o.id) AS order_count FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Customer
	for rows.Next() {
		var c domain.Customer
		if err := rows.Scan(&c.ID, &c.Name, &c.Email, &c.OrderCount); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
