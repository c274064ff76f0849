// Command nopdeps is the third floor of the benchmark: nopfact (a
// do-nothing analyzer with one fact type) that also links the libraries
// cqrslint's binary links besides the analysis framework: the SQL parser
// (oliphant, with its generated protobuf AST), go-sarif and pgx. Their
// package initialisers run at every process start, which go vet pays once
// per package; set against nopfact, this floor measures that start cost,
// and set against cqrslint, cqrslint's own work (docs/performance.md).
package main

import (
	_ "github.com/jackc/pgx/v5"
	_ "github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	_ "github.com/sqlc-dev/oliphant"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/singlechecker"
)

// noFact is declared and never exported.
type noFact struct{}

func (*noFact) AFact()         {}
func (*noFact) String() string { return "nofact" }

func main() {
	singlechecker.Main(&analysis.Analyzer{
		Name:      "nopdeps",
		Doc:       "do nothing, linking cqrslint's libraries: the floor with their start cost",
		FactTypes: []analysis.Fact{new(noFact)},
		Run:       func(*analysis.Pass) (any, error) { return nil, nil },
	})
}
