// Package dbtx is sqlc-shaped: queries go through a DBTX interface that is
// matched by its method shapes, and through hand-written wrappers.
package dbtx

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

type DBTX interface {
	Exec(context.Context, string, ...interface{}) (pgconn.CommandTag, error)
	Query(context.Context, string, ...interface{}) (pgx.Rows, error)
	QueryRow(context.Context, string, ...interface{}) pgx.Row
}

type Queries struct{ db DBTX }

type Order struct {
	ID         int64
	Status     string
	ItemCount  int64
	TotalCents int64
}

const getOrder = `-- name: GetOrder :one
SELECT o.id, o.status,
       (SELECT count(*) FROM items i WHERE i.order_id = o.id) AS item_count,
       sum(o.amount) OVER (PARTITION BY o.customer_id) AS total_cents
FROM orders o WHERE o.id = $1`

func (q *Queries) GetOrder(ctx context.Context, id int64) (Order, error) { // want GetOrder:`loads Order with ItemCount: subquery, TotalCents: window function \(queries\.go:34\)`
	row := q.db.QueryRow(ctx, getOrder, id)
	var o Order
	err := row.Scan(&o.ID, &o.Status, &o.ItemCount, &o.TotalCents) // the report is at the query call, not here
	return o, err
}

// exec is a wrapper: callers' SQL is resolved at their call sites.
func (q *Queries) exec(ctx context.Context, sql string, args ...any) error {
	_, err := q.db.Exec(ctx, sql, args...)
	return err
}

// queryRow is a wrapper returning the row for chained scans.
func (q *Queries) queryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	return q.db.QueryRow(ctx, sql, args...)
}

func (q *Queries) Ship(ctx context.Context, id int64) (Order, error) { // want Ship:`writes UPDATE orders \(queries\.go:52\)`
	if err := q.exec(ctx, `UPDATE orders SET status = 'shipped' WHERE id = $1`, id); err != nil {
		return Order{}, err
	}
	var o Order
	err := q.queryRow(ctx, getOrder, id).Scan(&o.ID, &o.Status, &o.ItemCount, &o.TotalCents) // want `Order mixes stored fields \(ID, Status\) with computed fields \(ItemCount: subquery, TotalCents: window function\) on write path Queries.Ship \(queries.go:52\)`
	return o, err
}

// Cancel only reads stored columns on its write path: no finding.
func (q *Queries) Cancel(ctx context.Context, id int64) (Order, error) { // want Cancel:`writes UPDATE orders \(queries\.go:62\)`
	if err := q.exec(ctx, `UPDATE orders SET status = 'cancelled' WHERE id = $1`, id); err != nil {
		return Order{}, err
	}
	var o Order
	err := q.queryRow(ctx, `SELECT id, status FROM orders WHERE id = $1`, id).Scan(&o.ID, &o.Status)
	return o, err
}
