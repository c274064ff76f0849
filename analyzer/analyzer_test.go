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

func TestAnalyzer(t *testing.T) {
	cut := 0
	for _, tc := range []struct {
		pkg  string
		opts analyzer.Options
	}{
		{pkg: "pgxgod"},
		{pkg: "sqlgod"},
		{pkg: "sqlxgod"},
		{pkg: "dbtx"},
		{pkg: "crossapp"},
		{pkg: "resolve"},
		{pkg: "collect"},
		{pkg: "unused"},
		{pkg: "suppress"},
		{pkg: "clean"},
		{pkg: "apis"},
		{pkg: "testfiles"},
		{pkg: "cgouse"},
		{pkg: "crashes"},
		{pkg: "strict", opts: analyzer.Options{Strict: true}},
		{pkg: "directives"},
		{pkg: "directivesstrict", opts: analyzer.Options{Strict: true, Disable: []string{analyzer.RuleUnusedComputed}}},
		{pkg: "writeside"},
		{pkg: "inplace"},
		{pkg: "helpers"},
		{pkg: "rowhelpuse"},
		{pkg: "sqlcsvc"},
		{pkg: "writesidestrict", opts: analyzer.Options{Strict: true}},
	} {
		t.Run(tc.pkg, func(t *testing.T) {
			results := analysistest.Run(t, testdata(t), analyzer.New(tc.opts), tc.pkg)
			cut += checkStoredQueries(t, results)
		})
	}
	require.Positive(t, cut, "stored-only queries checked")
}

// TestStats checks the coverage counts on the packages with skipped sites.
func TestStats(t *testing.T) {
	for _, tc := range []struct {
		pkg  string
		want analyzer.Stats
	}{
		{pkg: "clean", want: analyzer.Stats{CallSites: 14, Resolved: 12,
			Skipped: map[string]int{"query text built from a parameter": 2}}},
		{pkg: "dbtx", want: analyzer.Stats{CallSites: 7, Resolved: 5, Findings: 1,
			Skipped: map[string]int{"query text passed in by a wrapper's callers (checked there)": 2}}},
		{pkg: "crashes", want: analyzer.Stats{CallSites: 8, Resolved: 4, Skipped: map[string]int{
			"empty sql": 1, "not exactly one statement": 1, "query argument missing": 1, "sql parse error": 1}}},
		{pkg: "suppress", want: analyzer.Stats{CallSites: 4, Resolved: 4, Findings: 1, Suppressed: 2}},
		{pkg: "sqlxgod", want: analyzer.Stats{CallSites: 7, Resolved: 7, Findings: 3}},
		{pkg: "helpers", want: analyzer.Stats{CallSites: 16, Resolved: 14, Findings: 4,
			Skipped:  map[string]int{"query text passed in by a wrapper's callers (checked there)": 2},
			Unmapped: map[string]int{"row passed to a function without a body here (an interface method, a func value)": 1}}},
		{pkg: "writeside", want: analyzer.Stats{CallSites: 26, Resolved: 26, Findings: 9, Projections: 1}},
	} {
		t.Run(tc.pkg, func(t *testing.T) {
			results := analysistest.Run(t, testdata(t), analyzer.New(analyzer.Options{}), tc.pkg)
			require.Len(t, results, 1)
			got := *results[0].Result.(*analyzer.Stats)
			got.Details = nil
			assert.Equal(t, tc.want, got)
		})
	}
}
