package pgx

import "github.com/jackc/pgx/v5/pgconn"

type batchItemFunc func(br BatchResults) error

// QueuedQuery is a query that has been queued for execution via a Batch.
type QueuedQuery struct {
	SQL       string
	Arguments []any
	Fn        batchItemFunc
}

func (qq *QueuedQuery) Query(fn func(rows Rows) error)           {}
func (qq *QueuedQuery) QueryRow(fn func(row Row) error)          {}
func (qq *QueuedQuery) Exec(fn func(ct pgconn.CommandTag) error) {}

// Batch queries are a way of bundling multiple queries together.
type Batch struct {
	QueuedQueries []*QueuedQuery
}

func (b *Batch) BeginTx(txOptions TxOptions) {}

func (b *Batch) Queue(query string, arguments ...any) *QueuedQuery { panic("stub") }

func (b *Batch) Len() int { return len(b.QueuedQueries) }

type BatchResults interface {
	Exec() (pgconn.CommandTag, error)
	Query() (Rows, error)
	QueryRow() Row
	Close() error
	Tx() Tx
}
