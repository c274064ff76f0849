package analyzer_test

import (
	"testing"

	"github.com/cqrslint/cqrslint/analyzer"
	"github.com/cqrslint/cqrslint/internal/osfiles"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis/analysistest"
)

// outsideStats are the counts of the packages with SQL outside Go
// strings when the files are read.
var outsideStats = map[string]analyzer.Stats{
	"sqlfiles": {CallSites: 23, Resolved: 19, Findings: 5, Skipped: map[string]int{
		"named query not found in SQL files":                                     1,
		"prepared statement of unknown origin":                                   1,
		"query text not constant where it shapes the output (select list, FROM)": 1,
		"template marker where it shapes the output (select list, FROM)":         1,
	}},
	"embedsql": {CallSites: 12, Resolved: 10, Findings: 3, Skipped: map[string]int{"query text not constant": 2}},
}

// TestOutside checks SQL kept outside Go strings: embedded files, and
// named-query files given with -sqlfiles (relative to the module root,
// this repository) joined by name to tagged fields and dotsql calls.
func TestOutside(t *testing.T) {
	t.Parallel()
	opts := analyzer.Options{Files: osfiles.Files{}, SQLFiles: []string{"testdata/src/sqlfiles/queries/*.sql"}}
	results := analysistest.Run(t, testdata(t), analyzer.New(opts), "sqlfiles", "embedsql")
	require.Positive(t, checkStoredQueries(t, results))
	for _, r := range results {
		require.NoError(t, r.Err)
		got := *r.Result.(*analyzer.Stats)
		got.Details = nil
		assert.Equal(t, outsideStats[r.Pass.Pkg.Path()], got, r.Pass.Pkg.Path())
	}
}

// TestOutsideUnread checks the same packages when the files are not
// read: no -sqlfiles, no file access. Nothing is reported, and -stats
// says why.
func TestOutsideUnread(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		opts analyzer.Options
		pkg  string
		want map[string]int // skipped, by reason
	}{
		{"no sqlfiles", analyzer.Options{Files: osfiles.Files{}}, "sqlfiles", map[string]int{
			"named query: no SQL files given (-sqlfiles)": 19, "prepared statement of unknown origin": 1}},
		{"no match", analyzer.Options{Files: osfiles.Files{}, SQLFiles: []string{"testdata/nothing/*.sql"}}, "sqlfiles", map[string]int{
			"named query: -sqlfiles read no file (no match, no file access or module root unknown)": 19,
			"prepared statement of unknown origin":                                                  1}},
		{"no file access", analyzer.Options{SQLFiles: []string{"testdata/src/sqlfiles/queries/*.sql"}}, "embedsql", map[string]int{
			"embedded file not read (no file access, or not exactly one file)":                      7,
			"named query: -sqlfiles read no file (no match, no file access or module root unknown)": 3,
			"query text not constant": 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := &recorder{}
			results := analysistest.Run(rec, testdata(t), analyzer.New(tc.opts), tc.pkg)
			require.Len(t, results, 1)
			require.NoError(t, results[0].Err)
			assert.Empty(t, results[0].Diagnostics)
			assert.Equal(t, tc.want, results[0].Result.(*analyzer.Stats).Skipped)
		})
	}
}
