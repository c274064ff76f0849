package main

import (
	"go/token"

	"github.com/cqrslint/cqrslint/analyzer"
)

// attachDetails gives each finding the analyzer's structured form of it
// (analyzer.Finding, from the action's result), matched by position, rule
// and message. A finding of another analyzer, or of the ignore-directive
// rule, has none.
func attachDetails(fs []finding, result any, fset *token.FileSet) {
	stats, ok := result.(*analyzer.Stats)
	if !ok || stats == nil {
		return
	}
	for i := range fs {
		for j := range stats.Details {
			d := &stats.Details[j]
			if d.Rule == fs[i].Rule && d.Message == fs[i].Message && fset.Position(d.Pos) == fs[i].Posn {
				fs[i].Detail = d
				break
			}
		}
	}
}
