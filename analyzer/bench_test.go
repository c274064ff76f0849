package analyzer_test

import (
	"go/types"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/packages"

	"github.com/cqrslint/cqrslint/analyzer"
)

// benchPackages are typical testdata packages: pgx with a getter on a
// write path, an sqlc-style DBTX interface with wrappers, database/sql
// with prepared statements, sqlx, and the negative twins.
var benchPackages = []string{"pgxgod", "dbtx", "sqlgod", "sqlxgod", "clean"}

// loadGOPATH loads patterns from the GOPATH-style tree under
// ../testdata, every dependency from source, as analysistest does.
func loadGOPATH(tb testing.TB, patterns ...string) []*packages.Package {
	tb.Helper()
	dir, err := filepath.Abs("../testdata")
	if err != nil {
		tb.Fatal(err)
	}
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  dir,
		Env:  append(os.Environ(), "GOPATH="+dir, "GO111MODULE=off", "GOPROXY=off", "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		tb.Fatal(err)
	}
	if n := packages.PrintErrors(pkgs); n > 0 {
		tb.Fatalf("%d errors loading %v", n, patterns)
	}
	return pkgs
}

// nopFact is the fact type of the do-nothing analyzer.
type nopFact struct{}

func (*nopFact) AFact()         {}
func (*nopFact) String() string { return "nop" }

// nopFactAnalyzer does nothing but declares a fact type, like
// bench/nopfact: it costs what the checker costs on the same graph.
func nopFactAnalyzer() *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:      "nopfact",
		Doc:       "do nothing",
		FactTypes: []analysis.Fact{new(nopFact)},
		Run:       func(*analysis.Pass) (any, error) { return nil, nil },
	}
}

// BenchmarkChecker runs the analyzer with go/analysis/checker on one
// package already loaded and type-checked: the analyzer on the package
// and, because it declares facts, on every dependency (the standard
// library packages it imports, and the pgx/sqlx stubs), as the
// standalone driver does. The nopfact rows are the checker's own cost on
// the same graph.
func BenchmarkChecker(b *testing.B) {
	for _, name := range benchPackages {
		pkgs := loadGOPATH(b, name)
		for _, tc := range []struct {
			label string
			new   func() *analysis.Analyzer
		}{
			{"cqrslint", func() *analysis.Analyzer { return analyzer.New(analyzer.Options{}) }},
			{"nopfact", nopFactAnalyzer},
		} {
			b.Run(name+"/"+tc.label, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					g, err := checker.Analyze([]*analysis.Analyzer{tc.new()}, pkgs, nil)
					if err != nil {
						b.Fatal(err)
					}
					for act := range g.All() {
						if act.Err != nil {
							b.Fatalf("%s: %v", act, act.Err)
						}
					}
				}
			})
		}
	}
}

// BenchmarkPass runs one pass of the analyzer on one package, as go vet
// does in each per-package process: inspector construction included, no
// facts from dependencies (the testdata stubs declare no wrappers), type
// checking excluded.
func BenchmarkPass(b *testing.B) {
	for _, name := range benchPackages {
		pkg := loadGOPATH(b, name)[0]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			diags := 0
			for b.Loop() {
				a := analyzer.New(analyzer.Options{})
				pass := &analysis.Pass{
					Analyzer:   a,
					Fset:       pkg.Fset,
					Files:      pkg.Syntax,
					Pkg:        pkg.Types,
					TypesInfo:  pkg.TypesInfo,
					TypesSizes: pkg.TypesSizes,
					Module:     &analysis.Module{},
					ResultOf: map[*analysis.Analyzer]any{
						inspect.Analyzer: inspector.New(pkg.Syntax),
					},
					Report:            func(analysis.Diagnostic) { diags++ },
					ImportObjectFact:  func(types.Object, analysis.Fact) bool { return false },
					ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
					ExportObjectFact:  func(types.Object, analysis.Fact) {},
					ExportPackageFact: func(analysis.Fact) {},
					AllObjectFacts:    func() []analysis.ObjectFact { return nil },
					AllPackageFacts:   func() []analysis.PackageFact { return nil },
					ReadFile:          os.ReadFile,
				}
				if _, err := a.Run(pass); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(diags)/float64(b.N), "diags/op")
		})
	}
}
