// Package pgconn is a minimal test stub declaring the part of
// github.com/jackc/pgconn (the pgx v4 companion module) that cqrslint
// tests use.
package pgconn

type CommandTag []byte

func (ct CommandTag) RowsAffected() int64 { return 0 }
