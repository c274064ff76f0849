// Package analyzer reports Go structs that serve both the write model and
// the read model of a PostgreSQL-backed application: a struct scanned from
// a SELECT with computed columns (subqueries, aggregates, window functions)
// on a write path, or a struct that is also written.
package analyzer

import (
	"reflect"

	"golang.org/x/tools/go/analysis"
)

// Rule ids: the Category of every diagnostic, the names used by
// //cqrslint:ignore and -disable, and the pages under docs/rules.
const (
	RuleGodStruct      = "god-struct"
	RuleUnusedComputed = "unused-computed"
	// RuleIgnoreDirective reports a //cqrslint:ignore comment naming an
	// unknown rule, or (with -strict) suppressing nothing.
	RuleIgnoreDirective = "ignore-directive"
)

// Rules lists every rule id, in documentation order.
var Rules = []string{RuleGodStruct, RuleUnusedComputed, RuleIgnoreDirective}

func knownRule(r string) bool {
	for _, k := range Rules {
		if k == r {
			return true
		}
	}
	return false
}

const doc = `report structs that mix the write model and the read model

cqrslint finds SQL call sites (database/sql, pgx v5 and v4 with CopyFrom,
sqlx and its prepared statements, scany, squirrel and go-sqlbuilder
builders, and structurally matching wrappers), parses their query text
with a PostgreSQL parser, maps
each output column to the Go field it is scanned into, and reports a
struct that receives both stored columns and computed ones (subqueries,
aggregates, window functions) when that SELECT runs on a write path or
the struct is also written. Such a struct makes every command pay for the
heaviest read; split it into a command model and a query model.`

// URL is the documentation root; each rule has a page under it.
const URL = "https://github.com/cqrslint/cqrslint/blob/main/docs/rules/"

// Analyzer is an analyzer with the default options whose flags write into
// its own Options.
var Analyzer = New(Options{})

// New returns a fresh analyzer for opts. Every instance has its own flag
// set and options: two instances never share state.
func New(opts Options) *analysis.Analyzer {
	o := opts
	o.Disable = append([]string(nil), opts.Disable...)
	a := &analysis.Analyzer{
		Name:       "cqrslint",
		Doc:        doc,
		URL:        URL,
		ResultType: reflect.TypeFor[*Stats](),
		FactTypes:  append(factTypes(), new(builderPassFact), new(passThroughFact)),
	}
	o.bindFlags(&a.Flags)
	a.Run = func(pass *analysis.Pass) (any, error) { return run(pass, &o) }
	return a
}
