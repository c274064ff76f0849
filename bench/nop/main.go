// Command nop is the floor of the benchmark: an analyzer that does
// nothing, built like cqrslint (singlechecker), without facts. Standalone,
// the driver then loads only the named packages from source and their
// dependencies from export data.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/singlechecker"
)

func main() {
	singlechecker.Main(&analysis.Analyzer{
		Name: "nop",
		Doc:  "do nothing: the type-checking floor without facts",
		Run:  func(*analysis.Pass) (any, error) { return nil, nil },
	})
}
