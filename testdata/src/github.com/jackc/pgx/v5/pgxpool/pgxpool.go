// Package pgxpool is a minimal test stub mirroring the exported signatures of
// github.com/jackc/pgx/v5/pgxpool used by cqrslint tests.
package pgxpool

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Pool allows for connection reuse.
type Pool struct{ _ int }

func New(ctx context.Context, connString string) (*Pool, error) { panic("stub") }

func (p *Pool) Close()                                                     {}
func (p *Pool) Reset()                                                     {}
func (p *Pool) Acquire(ctx context.Context) (c *Conn, err error)           { panic("stub") }
func (p *Pool) AcquireFunc(ctx context.Context, f func(*Conn) error) error { panic("stub") }
func (p *Pool) Ping(ctx context.Context) error                             { panic("stub") }

func (p *Pool) Exec(ctx context.Context, sql string, arguments ...any) (pgconn.CommandTag, error) {
	panic("stub")
}

func (p *Pool) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) { panic("stub") }
func (p *Pool) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row        { panic("stub") }
func (p *Pool) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults         { panic("stub") }
func (p *Pool) Begin(ctx context.Context) (pgx.Tx, error)                            { panic("stub") }

func (p *Pool) BeginTx(ctx context.Context, txOptions pgx.TxOptions) (pgx.Tx, error) { panic("stub") }

func (p *Pool) CopyFrom(ctx context.Context, tableName pgx.Identifier, columnNames []string, rowSrc pgx.CopyFromSource) (int64, error) {
	panic("stub")
}

// Conn is an acquired *pgx.Conn from a Pool.
type Conn struct{ _ int }

func (c *Conn) Release()                       {}
func (c *Conn) Hijack() *pgx.Conn              { panic("stub") }
func (c *Conn) Conn() *pgx.Conn                { panic("stub") }
func (c *Conn) Ping(ctx context.Context) error { panic("stub") }

func (c *Conn) Exec(ctx context.Context, sql string, arguments ...any) (pgconn.CommandTag, error) {
	panic("stub")
}

func (c *Conn) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) { panic("stub") }
func (c *Conn) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row        { panic("stub") }
func (c *Conn) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults         { panic("stub") }
func (c *Conn) Begin(ctx context.Context) (pgx.Tx, error)                            { panic("stub") }

func (c *Conn) BeginTx(ctx context.Context, txOptions pgx.TxOptions) (pgx.Tx, error) { panic("stub") }

func (c *Conn) CopyFrom(ctx context.Context, tableName pgx.Identifier, columnNames []string, rowSrc pgx.CopyFromSource) (int64, error) {
	panic("stub")
}

// Tx represents a database transaction acquired from a Pool. *Tx implements pgx.Tx.
type Tx struct{ _ int }

func (tx *Tx) Begin(ctx context.Context) (pgx.Tx, error) { panic("stub") }
func (tx *Tx) Commit(ctx context.Context) error          { panic("stub") }
func (tx *Tx) Rollback(ctx context.Context) error        { panic("stub") }
func (tx *Tx) LargeObjects() pgx.LargeObjects            { panic("stub") }
func (tx *Tx) Conn() *pgx.Conn                           { panic("stub") }

func (tx *Tx) CopyFrom(ctx context.Context, tableName pgx.Identifier, columnNames []string, rowSrc pgx.CopyFromSource) (int64, error) {
	panic("stub")
}

func (tx *Tx) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults { panic("stub") }

func (tx *Tx) Prepare(ctx context.Context, name, sql string) (*pgconn.StatementDescription, error) {
	panic("stub")
}

func (tx *Tx) Exec(ctx context.Context, sql string, arguments ...any) (pgconn.CommandTag, error) {
	panic("stub")
}

func (tx *Tx) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) { panic("stub") }
func (tx *Tx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row        { panic("stub") }

var _ pgx.Tx = (*Tx)(nil)
