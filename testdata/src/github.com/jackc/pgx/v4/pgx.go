// Package pgx is a minimal test stub declaring the part of
// github.com/jackc/pgx/v4 that cqrslint tests use.
package pgx

import (
	"context"

	"github.com/jackc/pgconn"
)

type Row interface {
	Scan(dest ...interface{}) error
}

type Rows interface {
	Close()
	Err() error
	Next() bool
	Scan(dest ...interface{}) error
	Values() ([]interface{}, error)
}

type Tx interface {
	Commit(ctx context.Context) error
	Rollback(ctx context.Context) error
	Exec(ctx context.Context, sql string, arguments ...interface{}) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...interface{}) (Rows, error)
	QueryRow(ctx context.Context, sql string, args ...interface{}) Row
	CopyFrom(ctx context.Context, tableName Identifier, columnNames []string, rowSrc CopyFromSource) (int64, error)
	SendBatch(ctx context.Context, b *Batch) BatchResults
}

type Conn struct{ _ int }

func (c *Conn) Exec(ctx context.Context, sql string, arguments ...interface{}) (pgconn.CommandTag, error) {
	return nil, nil
}
func (c *Conn) Query(ctx context.Context, sql string, args ...interface{}) (Rows, error) {
	return nil, nil
}
func (c *Conn) QueryRow(ctx context.Context, sql string, args ...interface{}) Row { return nil }
func (c *Conn) BeginFunc(ctx context.Context, f func(Tx) error) error             { return nil }

// Identifier is a PostgreSQL identifier or name.
type Identifier []string

// CopyFromSource is the interface used by CopyFrom as the source of data.
type CopyFromSource interface {
	Next() bool
	Values() ([]interface{}, error)
	Err() error
}

func CopyFromRows(rows [][]interface{}) CopyFromSource { panic("stub") }

func CopyFromSlice(length int, next func(int) ([]interface{}, error)) CopyFromSource { panic("stub") }

func (c *Conn) CopyFrom(ctx context.Context, tableName Identifier, columnNames []string, rowSrc CopyFromSource) (int64, error) {
	panic("stub")
}

// Batch queries are a way of bundling multiple queries together.
type Batch struct{ _ int }

func (b *Batch) Queue(query string, arguments ...interface{}) {}

// BatchResults reads the results of a sent batch.
type BatchResults interface {
	Exec() (pgconn.CommandTag, error)
	Query() (Rows, error)
	QueryRow() Row
	Close() error
}

func (c *Conn) SendBatch(ctx context.Context, b *Batch) BatchResults { panic("stub") }
