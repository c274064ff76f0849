// Package sqlscan is a minimal test stub declaring the part of
// github.com/georgysavva/scany/sqlscan (v1) that cqrslint tests use.
package sqlscan

import (
	"context"
	"database/sql"
)

// Querier is something that sqlscan can query and get the *sql.Rows from.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...interface{}) (*sql.Rows, error)
}

func Select(ctx context.Context, db Querier, dst interface{}, query string, args ...interface{}) error {
	panic("stub")
}
func Get(ctx context.Context, db Querier, dst interface{}, query string, args ...interface{}) error {
	panic("stub")
}
func ScanAll(dst interface{}, rows *sql.Rows) error { panic("stub") }
func ScanOne(dst interface{}, rows *sql.Rows) error { panic("stub") }
