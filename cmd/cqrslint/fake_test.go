package main

import (
	"fmt"
	"go/types"
	"path/filepath"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/cqrslint/cqrslint/analyzer"
)

// newFakeAnalyzer returns a stand-in for the real analyzer: it reports a
// finding at each "//fake:RULE TYPE" comment, with a message carrying a
// position, Related positions and, for unused-computed, a suggested fix.
// The command's paths are tested with it, independently of the analyzer's
// own detection.
func newFakeAnalyzer() *analysis.Analyzer {
	var strict bool
	a := &analysis.Analyzer{
		Name:       "cqrslint",
		Doc:        "fake cqrslint for the command's tests",
		ResultType: reflect.TypeFor[*analyzer.Stats](),
	}
	a.Flags.BoolVar(&strict, "strict", false, "fake strict")
	a.Run = func(pass *analysis.Pass) (any, error) {
		stats := &analyzer.Stats{}
		for _, file := range pass.Files {
			for _, cg := range file.Comments {
				for _, c := range cg.List {
					rest, ok := strings.CutPrefix(c.Text, "//fake:")
					if !ok {
						continue
					}
					rule, typ, _ := strings.Cut(rest, " ")
					stats.CallSites++
					stats.Resolved++
					obj := lookup(pass.Pkg, typ)
					if obj == nil {
						return nil, fmt.Errorf("no type %s", typ)
					}
					decl := pass.Fset.Position(obj.Pos())
					d := analysis.Diagnostic{
						Pos:      c.Pos(),
						End:      c.End(),
						Category: rule,
						Message: fmt.Sprintf("struct %s (%s:%d) is scanned with computed columns here and written elsewhere",
							typ, filepath.Base(decl.Filename), decl.Line),
						Related: []analysis.RelatedInformation{
							{Pos: obj.Pos(), Message: "struct " + typ + " declared here"},
							{Pos: c.Pos(), End: c.End(), Message: "scanned here"},
						},
					}
					if strict {
						d.Message += " (strict)"
					}
					if rule == analyzer.RuleUnusedComputed {
						d.SuggestedFixes = []analysis.SuggestedFix{{
							Message:   "drop the computed column",
							TextEdits: []analysis.TextEdit{{Pos: c.Pos(), End: c.End(), NewText: []byte("// dropped")}},
						}}
					}
					pass.Report(d)
					stats.Findings++
				}
			}
		}
		stats.CallSites++
		if stats.Skipped == nil {
			stats.Skipped = map[string]int{}
		}
		stats.Skipped["dynamic query"]++
		return stats, nil
	}
	return a
}

func lookup(pkg *types.Package, name string) types.Object {
	if obj := pkg.Scope().Lookup(name); obj != nil {
		return obj
	}
	for _, imp := range pkg.Imports() {
		if obj := imp.Scope().Lookup(name); obj != nil {
			return obj
		}
	}
	return nil
}
