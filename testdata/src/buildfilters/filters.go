// Package buildfilters holds query-builder helpers used from another
// package: their pass-through is carried by a fact.
package buildfilters

import sq "github.com/Masterminds/squirrel"

type Filter struct {
	Owner  int64
	Closed *bool
}

// ByFilter only adds conditions: a pass-through.
func ByFilter(b sq.SelectBuilder, f Filter) sq.SelectBuilder { // want ByFilter:`builder pass-through`
	eq := sq.Eq{"owner_id": f.Owner}
	if f.Closed != nil {
		eq["closed"] = *f.Closed
	}
	b = b.Where(eq)
	return b.OrderBy("id")
}

// WithExtra adds a column: not a pass-through.
func WithExtra(b sq.SelectBuilder) sq.SelectBuilder {
	return b.Column("now()")
}
