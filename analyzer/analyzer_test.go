package analyzer_test

import (
	"path/filepath"
	"testing"

	"github.com/cqrslint/cqrslint/analyzer"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis/analysistest"
)

func testdata(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../testdata")
	require.NoError(t, err)
	return dir
}

// analyzed are the testdata packages TestAnalyzer checks with the default
// options. They are analyzed in one analysistest.Run: the standard library
// and the stubs they share are loaded and analyzed once, and the checker
// runs the packages in parallel, which the race detector (CI's race pass)
// watches for state shared between passes.
var analyzed = []string{"pgxgod", "sqlgod", "sqlxgod", "dbtx", "crossapp", "resolve", "collect", "unused",
	"suppress", "clean", "apis", "testfiles", "cgouse", "crashes", "writeside", "inplace", "helpers", "rowhelpuse", "sqlcsvc",
	"directives", "builders", "scripts", "pgx4", "unmodelled", "buildhelpers", "buildfilters", "partial", "reflectget", "reflectuse", "passthru", "passthruuse", "textbuf",
	"scany", "sqlxstmt", "copyfrom", "gosqlbuilder", "bunorm", "gopg", "github.com/lib/pq/libcheck"}

// TestAnalyzer checks each package's diagnostics and facts against its
// want comments (analysistest reports each mismatch at its position), and
// the coverage counts of the packages with skipped sites.
func TestAnalyzer(t *testing.T) {
	t.Parallel()
	const spread = "row scanned into a list of destinations built at run time (a spread slice, as in a reflection-based helper)"
	results := analysistest.Run(t, testdata(t), analyzer.New(analyzer.Options{}), analyzed...)
	byPkg := map[string]*analyzer.Stats{}
	for _, r := range results {
		require.NoError(t, r.Err, r.Pass.Pkg.Path())
		byPkg[r.Pass.Pkg.Path()] = r.Result.(*analyzer.Stats)
	}
	for _, pkg := range analyzed {
		require.Contains(t, byPkg, pkg) // test variants come on top
	}
	require.Positive(t, checkStoredQueries(t, results), "stored-only queries checked")

	for _, tc := range []struct {
		pkg  string
		want analyzer.Stats
	}{
		// A library's own package: not analyzed (no call site counted).
		{pkg: "github.com/lib/pq/libcheck", want: analyzer.Stats{}},
		{pkg: "clean", want: analyzer.Stats{CallSites: 14, Resolved: 12,
			Skipped: map[string]int{"query text not constant where it shapes the output (select list, FROM)": 2}}},
		{pkg: "dbtx", want: analyzer.Stats{CallSites: 7, Resolved: 5, Findings: 1,
			Skipped: map[string]int{"query text passed in by a wrapper's callers (checked there)": 2}}},
		{pkg: "crashes", want: analyzer.Stats{CallSites: 8, Resolved: 4, Skipped: map[string]int{
			"empty sql": 1, "not exactly one statement": 1, "query argument missing": 1, "sql parse error": 1},
			Unmapped: map[string]int{spread: 1}}},
		{pkg: "textbuf", want: analyzer.Stats{CallSites: 10, Resolved: 7, Findings: 2, Skipped: map[string]int{
			"query text not constant": 2, "query text not constant where it shapes the output (select list, FROM)": 1}}},
		{pkg: "passthru", want: analyzer.Stats{CallSites: 12, Resolved: 10, Findings: 4, Skipped: map[string]int{"query text not constant": 2}}},
		{pkg: "reflectget", want: analyzer.Stats{CallSites: 11, Resolved: 8, Findings: 1,
			Skipped: map[string]int{"query text passed in by a wrapper's callers (checked there)": 3},
			Unmapped: map[string]int{spread: 1, "row or rows returned to the caller (not followed)": 1,
				"reflection-based helper called with a destination that is not a struct or a slice of structs": 1}}},
		{pkg: "suppress", want: analyzer.Stats{CallSites: 4, Resolved: 4, Findings: 1, Suppressed: 2}},
		{pkg: "sqlxgod", want: analyzer.Stats{CallSites: 7, Resolved: 7, Findings: 3}},
		{pkg: "helpers", want: analyzer.Stats{CallSites: 16, Resolved: 14, Findings: 4,
			Skipped:  map[string]int{"query text passed in by a wrapper's callers (checked there)": 2},
			Unmapped: map[string]int{"row passed to a function without a body here (an interface method, a func value)": 1}}},
		{pkg: "writeside", want: analyzer.Stats{CallSites: 26, Resolved: 26, Findings: 9, Projections: 1}},
		{pkg: "scripts", want: analyzer.Stats{CallSites: 6, Resolved: 4, Findings: 1, Skipped: map[string]int{
			"not exactly one statement": 2}}},
		{pkg: "unmodelled", want: analyzer.Stats{CallSites: 4, Resolved: 2, Skipped: map[string]int{
			"API not modelled: go-pg": 2}}},
		{pkg: "buildhelpers", want: analyzer.Stats{CallSites: 5, Resolved: 4, Findings: 1, Skipped: map[string]int{
			"query builder part not constant or not modelled": 1}}},
		{pkg: "partial", want: analyzer.Stats{CallSites: 9, Resolved: 6, Findings: 2, Skipped: map[string]int{
			"query text not constant where it shapes the output (select list, FROM)": 2, "query text built from a parameter": 1}}},
		{pkg: "builders", want: analyzer.Stats{CallSites: 14, Resolved: 11, Findings: 3, Skipped: map[string]int{
			"query builder of unknown origin": 1, "query builder part not constant or not modelled": 2}}},
		{pkg: "scany", want: analyzer.Stats{CallSites: 19, Resolved: 19, Findings: 7, Unmapped: map[string]int{
			"scanned by a scany API made with options (its column mapping is not known)": 1}}},
		{pkg: "sqlxstmt", want: analyzer.Stats{CallSites: 16, Resolved: 14, Findings: 4, Skipped: map[string]int{
			"prepared statement of unknown origin": 2}}},
		{pkg: "copyfrom", want: analyzer.Stats{CallSites: 7, Resolved: 6, Findings: 2, Skipped: map[string]int{
			"copy target not constant (table or columns)": 1}}},
		{pkg: "gosqlbuilder", want: analyzer.Stats{CallSites: 16, Resolved: 12, Findings: 2, Skipped: map[string]int{
			"query builder part not constant or not modelled": 3, "query text not constant": 1}}},
		{pkg: "bunorm", want: analyzer.Stats{CallSites: 32, Resolved: 28, Findings: 8, Skipped: map[string]int{
			"API not modelled: bun schema change (CreateTable, AddColumn, ...)":                     1,
			"bun or go-pg query of unknown origin (a parameter, a field, passed to a function)":     1,
			"bun or go-pg query part not constant or not modelled (With, Union, Ident values, ...)": 2}}},
		{pkg: "gopg", want: analyzer.Stats{CallSites: 10, Resolved: 9, Findings: 2, Skipped: map[string]int{
			"bun or go-pg query part not constant or not modelled (With, Union, Ident values, ...)": 1}}},
	} {
		t.Run("stats/"+tc.pkg, func(t *testing.T) {
			got := *byPkg[tc.pkg]
			got.Details = nil // checked by checkStoredQueries
			assert.Equal(t, tc.want, got)
		})
	}
}

// TestStrict checks the packages whose want comments hold with -strict.
func TestStrict(t *testing.T) {
	t.Parallel()
	results := analysistest.Run(t, testdata(t), analyzer.New(analyzer.Options{Strict: true}), "strict", "writesidestrict")
	checkStoredQueries(t, results)
}

// TestDirectivesStrict checks the //cqrslint:ignore comments reported with
// -strict, for a rule turned off too.
func TestDirectivesStrict(t *testing.T) {
	t.Parallel()
	opts := analyzer.Options{Strict: true, Disable: []string{analyzer.RuleUnusedComputed}}
	analysistest.Run(t, testdata(t), analyzer.New(opts), "directivesstrict")
}
