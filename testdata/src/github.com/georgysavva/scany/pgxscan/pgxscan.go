// Package pgxscan is a minimal test stub declaring the part of
// github.com/georgysavva/scany/pgxscan (v1, over pgx v4) that cqrslint
// tests use.
package pgxscan

import (
	"context"

	"github.com/georgysavva/scany/dbscan"
	"github.com/jackc/pgx/v4"
)

// Querier is something that pgxscan can query and get the pgx.Rows from.
type Querier interface {
	Query(ctx context.Context, query string, args ...interface{}) (pgx.Rows, error)
}

// API is a wrapper around the dbscan.API type.
type API struct{ _ int }

func Select(ctx context.Context, db Querier, dst interface{}, query string, args ...interface{}) error {
	panic("stub")
}
func Get(ctx context.Context, db Querier, dst interface{}, query string, args ...interface{}) error {
	panic("stub")
}
func ScanAll(dst interface{}, rows pgx.Rows) error               { panic("stub") }
func ScanOne(dst interface{}, rows pgx.Rows) error               { panic("stub") }
func NewDBScanAPI(opts ...dbscan.APIOption) (*dbscan.API, error) { panic("stub") }
func NewAPI(dbscanAPI *dbscan.API) (*API, error)                 { panic("stub") }
func (api *API) Select(ctx context.Context, db Querier, dst interface{}, query string, args ...interface{}) error {
	panic("stub")
}
func (api *API) Get(ctx context.Context, db Querier, dst interface{}, query string, args ...interface{}) error {
	panic("stub")
}
func (api *API) ScanAll(dst interface{}, rows pgx.Rows) error { panic("stub") }
func (api *API) ScanOne(dst interface{}, rows pgx.Rows) error { panic("stub") }
func NotFound(err error) bool                                 { panic("stub") }
