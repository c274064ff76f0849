// Package sqlcdb is laid out as sqlc generates it: one Queries type over a
// DBTX interface, one method per named query.
package sqlcdb

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

func New(db DBTX) *Queries { return &Queries{db: db} }

const createUser = `-- name: CreateUser :one
INSERT INTO users (email, name) VALUES ($1, $2) RETURNING id`

func (q *Queries) CreateUser(ctx context.Context, email, name string) (int64, error) {
	var id int64
	err := q.db.QueryRow(ctx, createUser, email, name).Scan(&id)
	return id, err
}

const createAuditEntry = `-- name: CreateAuditEntry :exec
INSERT INTO audit (what) VALUES ($1)`

func (q *Queries) CreateAuditEntry(ctx context.Context, what string) error {
	_, err := q.db.Exec(ctx, createAuditEntry, what)
	return err
}

type GetUserWithStatsRow struct {
	ID        int64
	Email     string
	Name      string
	PostCount int64
}

const getUserWithStats = `-- name: GetUserWithStats :one
SELECT u.id, u.email, u.name, (SELECT count(*) FROM posts p WHERE p.author_id = u.id) AS post_count
FROM users u WHERE u.id = $1`

func (q *Queries) GetUserWithStats(ctx context.Context, id int64) (GetUserWithStatsRow, error) {
	row := q.db.QueryRow(ctx, getUserWithStats, id)
	var i GetUserWithStatsRow
	err := row.Scan(&i.ID, &i.Email, &i.Name, &i.PostCount)
	return i, err
}

type GetUserRow struct {
	ID    int64
	Email string
}

const getUser = `-- name: GetUser :one
SELECT id, email FROM users WHERE id = $1`

func (q *Queries) GetUser(ctx context.Context, id int64) (GetUserRow, error) {
	var i GetUserRow
	err := q.db.QueryRow(ctx, getUser, id).Scan(&i.ID, &i.Email)
	return i, err
}
