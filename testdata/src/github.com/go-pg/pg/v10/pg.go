// Package pg is a minimal test stub declaring a few of go-pg's
// signatures (the query type lives in package orm in the real module).
package pg

type Result interface {
	RowsAffected() int
}

type DB struct{ _ int }

type Query struct{ _ int }

func (db *DB) Model(model ...interface{}) *Query                             { return nil }
func (db *DB) Exec(query interface{}, params ...interface{}) (Result, error) { return nil, nil }
func (q *Query) Where(condition string, params ...interface{}) *Query        { return q }
func (q *Query) Select(values ...interface{}) error                          { return nil }
func (q *Query) Insert(values ...interface{}) (Result, error)                { return nil, nil }
