// Package pgx is a minimal test stub mirroring the exported signatures of
// github.com/jackc/pgx/v5 used by cqrslint tests. Bodies are placeholders.
package pgx

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

var (
	ErrNoRows      = errors.New("no rows in result set")
	ErrTooManyRows = errors.New("too many rows in result set")
)

// Conn is a PostgreSQL connection handle.
type Conn struct{ _ int }

// Identifier is a PostgreSQL identifier or name.
type Identifier []string

func (ident Identifier) Sanitize() string { panic("stub") }

// CopyFromSource is the interface used by CopyFrom as the source of data.
type CopyFromSource interface {
	Next() bool
	Values() ([]any, error)
	Err() error
}

func Connect(ctx context.Context, connString string) (*Conn, error) { panic("stub") }

func (c *Conn) Close(ctx context.Context) error { panic("stub") }
func (c *Conn) Ping(ctx context.Context) error  { panic("stub") }
func (c *Conn) IsClosed() bool                  { panic("stub") }
func (c *Conn) PgConn() *pgconn.PgConn          { panic("stub") }
func (c *Conn) TypeMap() *pgtype.Map            { panic("stub") }

func (c *Conn) Prepare(ctx context.Context, name, sql string) (sd *pgconn.StatementDescription, err error) {
	panic("stub")
}

func (c *Conn) Deallocate(ctx context.Context, name string) error { panic("stub") }

func (c *Conn) Exec(ctx context.Context, sql string, arguments ...any) (pgconn.CommandTag, error) {
	panic("stub")
}

func (c *Conn) Query(ctx context.Context, sql string, args ...any) (Rows, error) { panic("stub") }
func (c *Conn) QueryRow(ctx context.Context, sql string, args ...any) Row        { panic("stub") }
func (c *Conn) SendBatch(ctx context.Context, b *Batch) BatchResults             { panic("stub") }
func (c *Conn) Begin(ctx context.Context) (Tx, error)                            { panic("stub") }

func (c *Conn) BeginTx(ctx context.Context, txOptions TxOptions) (Tx, error) { panic("stub") }

func (c *Conn) CopyFrom(ctx context.Context, tableName Identifier, columnNames []string, rowSrc CopyFromSource) (int64, error) {
	panic("stub")
}
