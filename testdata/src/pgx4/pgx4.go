// Package pgx4 covers pgx v4: the same methods as v5, under v4 paths.
package pgx4

import (
	"context"

	"github.com/jackc/pgx/v4"
	"github.com/jackc/pgx/v4/pgxpool"
)

type Order struct {
	ID        int64
	Status    string
	LineCount int64
}

const loadOrder = `SELECT o.id, o.status, (SELECT count(*) FROM lines l WHERE l.order_id = o.id) FROM orders o WHERE o.id = $1`

type Store struct{ pool *pgxpool.Pool }

func (s *Store) Ship(ctx context.Context, id int64) (Order, error) { // want Ship:`writes UPDATE orders \(pgx4\.go:22\)`
	err := s.pool.BeginFunc(ctx, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `UPDATE orders SET status = 'shipped' WHERE id = $1`, id)
		return err
	})
	if err != nil {
		return Order{}, err
	}
	var o Order
	err = s.pool.QueryRow(ctx, loadOrder, id).Scan(&o.ID, &o.Status, &o.LineCount) // want `Order mixes stored fields \(ID, Status\) with computed fields \(LineCount: subquery\) on write path Store.Ship \(pgx4.go:22\)`
	return o, err
}

// The negative twin: a read path.
func (s *Store) Show(ctx context.Context, id int64) (Order, error) { // want Show:`loads Order with LineCount: subquery \(pgx4\.go:36\)`
	rows, err := s.pool.Query(ctx, loadOrder, id)
	if err != nil {
		return Order{}, err
	}
	defer rows.Close()
	var o Order
	for rows.Next() {
		if err := rows.Scan(&o.ID, &o.Status, &o.LineCount); err != nil {
			return Order{}, err
		}
	}
	return o, rows.Err()
}
