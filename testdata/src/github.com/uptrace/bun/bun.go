// Package bun declares the part of github.com/uptrace/bun the analyzer
// matches: the query constructors, the query methods and BaseModel.
package bun

import (
	"context"
	"database/sql"
)

type BaseModel struct{}

type Ident string

type Safe string

type IDB interface {
	NewSelect() *SelectQuery
	NewInsert() *InsertQuery
	NewUpdate() *UpdateQuery
	NewDelete() *DeleteQuery
	NewRaw(query string, args ...any) *RawQuery
}

type DB struct{ *sql.DB }

func (db *DB) NewSelect() *SelectQuery                    { return nil }
func (db *DB) NewInsert() *InsertQuery                    { return nil }
func (db *DB) NewUpdate() *UpdateQuery                    { return nil }
func (db *DB) NewDelete() *DeleteQuery                    { return nil }
func (db *DB) NewRaw(query string, args ...any) *RawQuery { return nil }
func (db *DB) NewCreateTable() *CreateTableQuery          { return nil }
func (db *DB) RunInTx(ctx context.Context, opts *sql.TxOptions, f func(ctx context.Context, tx Tx) error) error {
	return nil
}

type Tx struct{ *sql.Tx }

func (tx Tx) NewSelect() *SelectQuery                    { return nil }
func (tx Tx) NewInsert() *InsertQuery                    { return nil }
func (tx Tx) NewUpdate() *UpdateQuery                    { return nil }
func (tx Tx) NewDelete() *DeleteQuery                    { return nil }
func (tx Tx) NewRaw(query string, args ...any) *RawQuery { return nil }

type SelectQuery struct{}

func (q *SelectQuery) Model(model any) *SelectQuery                              { return q }
func (q *SelectQuery) Column(columns ...string) *SelectQuery                     { return q }
func (q *SelectQuery) ColumnExpr(query string, args ...any) *SelectQuery         { return q }
func (q *SelectQuery) ExcludeColumn(columns ...string) *SelectQuery              { return q }
func (q *SelectQuery) Table(tables ...string) *SelectQuery                       { return q }
func (q *SelectQuery) TableExpr(query string, args ...any) *SelectQuery          { return q }
func (q *SelectQuery) Join(join string, args ...any) *SelectQuery                { return q }
func (q *SelectQuery) Where(query string, args ...any) *SelectQuery              { return q }
func (q *SelectQuery) WherePK(cols ...string) *SelectQuery                       { return q }
func (q *SelectQuery) Order(orders ...string) *SelectQuery                       { return q }
func (q *SelectQuery) Limit(n int) *SelectQuery                                  { return q }
func (q *SelectQuery) Apply(fns ...func(*SelectQuery) *SelectQuery) *SelectQuery { return q }
func (q *SelectQuery) Relation(name string, apply ...func(*SelectQuery) *SelectQuery) *SelectQuery {
	return q
}
func (q *SelectQuery) Scan(ctx context.Context, dest ...any) error                { return nil }
func (q *SelectQuery) Exec(ctx context.Context, dest ...any) (sql.Result, error)  { return nil, nil }
func (q *SelectQuery) ScanAndCount(ctx context.Context, dest ...any) (int, error) { return 0, nil }
func (q *SelectQuery) Count(ctx context.Context) (int, error)                     { return 0, nil }

type InsertQuery struct{}

func (q *InsertQuery) Model(model any) *InsertQuery                              { return q }
func (q *InsertQuery) Column(columns ...string) *InsertQuery                     { return q }
func (q *InsertQuery) Returning(query string, args ...any) *InsertQuery          { return q }
func (q *InsertQuery) On(s string, args ...any) *InsertQuery                     { return q }
func (q *InsertQuery) Exec(ctx context.Context, dest ...any) (sql.Result, error) { return nil, nil }
func (q *InsertQuery) Scan(ctx context.Context, dest ...any) error               { return nil }

type UpdateQuery struct{}

func (q *UpdateQuery) Model(model any) *UpdateQuery                              { return q }
func (q *UpdateQuery) Column(columns ...string) *UpdateQuery                     { return q }
func (q *UpdateQuery) Set(query string, args ...any) *UpdateQuery                { return q }
func (q *UpdateQuery) Where(query string, args ...any) *UpdateQuery              { return q }
func (q *UpdateQuery) WherePK(cols ...string) *UpdateQuery                       { return q }
func (q *UpdateQuery) Exec(ctx context.Context, dest ...any) (sql.Result, error) { return nil, nil }

type DeleteQuery struct{}

func (q *DeleteQuery) Model(model any) *DeleteQuery                              { return q }
func (q *DeleteQuery) Where(query string, args ...any) *DeleteQuery              { return q }
func (q *DeleteQuery) WherePK(cols ...string) *DeleteQuery                       { return q }
func (q *DeleteQuery) Exec(ctx context.Context, dest ...any) (sql.Result, error) { return nil, nil }

type RawQuery struct{}

func (q *RawQuery) Scan(ctx context.Context, dest ...any) error               { return nil }
func (q *RawQuery) Exec(ctx context.Context, dest ...any) (sql.Result, error) { return nil, nil }

type CreateTableQuery struct{}

func (q *CreateTableQuery) Model(model any) *CreateTableQuery { return q }
func (q *CreateTableQuery) Exec(ctx context.Context, dest ...any) (sql.Result, error) {
	return nil, nil
}
