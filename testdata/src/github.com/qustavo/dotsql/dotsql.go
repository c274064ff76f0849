// Package dotsql is a minimal stub of github.com/qustavo/dotsql.
package dotsql

import (
	"context"
	"database/sql"
)

type Preparer interface {
	Prepare(query string) (*sql.Stmt, error)
}

type Queryer interface {
	Query(query string, args ...interface{}) (*sql.Rows, error)
}

type QueryRower interface {
	QueryRow(query string, args ...interface{}) *sql.Row
}

type QueryRowerContext interface {
	QueryRowContext(ctx context.Context, query string, args ...interface{}) *sql.Row
}

type Execer interface {
	Exec(query string, args ...interface{}) (sql.Result, error)
}

type DotSql struct{ queries map[string]string }

func (d DotSql) Prepare(db Preparer, name string) (*sql.Stmt, error)                   { panic("stub") }
func (d DotSql) Query(db Queryer, name string, args ...interface{}) (*sql.Rows, error) { panic("stub") }
func (d DotSql) QueryRow(db QueryRower, name string, args ...interface{}) (*sql.Row, error) {
	panic("stub")
}
func (d DotSql) QueryRowContext(ctx context.Context, db QueryRowerContext, name string, args ...interface{}) (*sql.Row, error) {
	panic("stub")
}
func (d DotSql) Exec(db Execer, name string, args ...interface{}) (sql.Result, error) { panic("stub") }
func (d DotSql) Raw(name string) (string, error)                                      { panic("stub") }

func LoadFromFile(sqlFile string) (*DotSql, error) { panic("stub") }
func LoadFromString(sql string) (*DotSql, error)   { panic("stub") }
