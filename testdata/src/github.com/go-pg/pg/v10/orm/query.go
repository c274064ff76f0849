// Package orm is a minimal test stub of go-pg v10's query builder.
package orm

type Result interface {
	RowsAffected() int
}

type Query struct{ _ int }

func (q *Query) Column(columns ...string) *Query                      { return q }
func (q *Query) ColumnExpr(expr string, params ...interface{}) *Query { return q }
func (q *Query) Relation(name string, apply ...func(*Query) (*Query, error)) *Query {
	return q
}
func (q *Query) Apply(fn func(*Query) (*Query, error)) *Query         { return q }
func (q *Query) Where(condition string, params ...interface{}) *Query { return q }
func (q *Query) WherePK() *Query                                      { return q }
func (q *Query) Order(orders ...string) *Query                        { return q }
func (q *Query) Limit(n int) *Query                                   { return q }
func (q *Query) With(name string, subq *Query) *Query                 { return q }
func (q *Query) Select(values ...interface{}) error                   { return nil }
func (q *Query) SelectAndCount(values ...interface{}) (int, error)    { return 0, nil }
func (q *Query) First() error                                         { return nil }
func (q *Query) Count() (int, error)                                  { return 0, nil }
func (q *Query) Insert(values ...interface{}) (Result, error)         { return nil, nil }
func (q *Query) Update(scan ...interface{}) (Result, error)           { return nil, nil }
func (q *Query) Delete(values ...interface{}) (Result, error)         { return nil, nil }
