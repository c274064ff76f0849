// Package dbscan is a minimal test stub declaring the part of
// github.com/georgysavva/scany/v2/dbscan (v2) that cqrslint tests use.
package dbscan

// Rows is an abstract database rows that dbscan can iterate over.
type Rows interface {
	Close() error
	Err() error
	Next() bool
	Columns() ([]string, error)
	Scan(dest ...interface{}) error
	NextResultSet() bool
}

// API is the core type in dbscan.
type API struct{ _ int }

// APIOption is a function type that changes API configuration.
type APIOption func(api *API)

func NewAPI(opts ...APIOption) (*API, error)                     { panic("stub") }
func WithAllowUnknownColumns(allowUnknownColumns bool) APIOption { panic("stub") }
func ScanAll(dst interface{}, rows Rows) error                   { panic("stub") }
func ScanOne(dst interface{}, rows Rows) error                   { panic("stub") }
func (api *API) ScanAll(dst interface{}, rows Rows) error        { panic("stub") }
func (api *API) ScanOne(dst interface{}, rows Rows) error        { panic("stub") }
