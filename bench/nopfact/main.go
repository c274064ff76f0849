// Command nopfact is the second floor of the benchmark: an analyzer that
// does nothing but declares one fact type, built like cqrslint
// (singlechecker). Declaring a fact type makes the standalone driver load
// and type-check every dependency from source, and makes go vet run the
// tool on every dependency as well.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/singlechecker"
)

// noFact is declared and never exported.
type noFact struct{}

func (*noFact) AFact()         {}
func (*noFact) String() string { return "nofact" }

func main() {
	singlechecker.Main(&analysis.Analyzer{
		Name:      "nopfact",
		Doc:       "do nothing: the type-checking floor with one fact type",
		FactTypes: []analysis.Fact{new(noFact)},
		Run:       func(*analysis.Pass) (any, error) { return nil, nil },
	})
}
