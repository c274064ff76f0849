package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/cqrslint/cqrslint/analyzer"
)

// realCLI runs the command in-process in dir with the real analyzer,
// loading from export data every dependency facts cannot come from, and the
// database libraries, when factSources is set.
func realCLI(t *testing.T, dir string, factSources []string, args ...string) result {
	t.Helper()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	c := &command{
		stdout:      &stdout,
		stderr:      &stderr,
		newAnalyzer: func() *analysis.Analyzer { return analyzer.New(analyzer.Options{}) },
		version:     "v0.0.0-test",
		factSources: factSources,
	}
	if factSources != nil {
		c.library = analyzer.LibraryPackage
	}
	code, delegate := c.run(args)
	require.False(t, delegate)
	return result{code, stdout.String(), stderr.String()}
}

// TestFactsFromExportData checks that loading the dependencies that cannot
// reach a database package from export data keeps every finding facts
// find: testdata/facts has one finding through a wrapper fact and one
// through a write-model fact, both from another package.
func TestFactsFromExportData(t *testing.T) {
	dir := filepath.Join(testdata, "facts")
	want := []string{
		"app/app.go:17:9: Customer mixes stored fields (ID, Name, Email) with computed fields (OrderCount: subquery), loaded by App.Customer on write path App.Archive (app.go:29); split it into a command model and a query model",
		"app/app.go:29:9: App.Customer loads Customer with computed fields (OrderCount: subquery) on write path App.Archive (app.go:26); load only the stored fields the command needs, or split Customer into a command model and a query model",
		"app/app.go:35:15: Customer mixes stored fields (ID, Name, Email) with computed fields (OrderCount: aggregate) and is also written (Name bound in INSERT INTO customers (name) VALUES ($1) in Repo.Create (repo.go:14)); split it into a command model and a query model",
	}
	mixed := realCLI(t, dir, analyzer.DatabasePackages(), "-format=text", "./...")
	require.Equal(t, exitFindings, mixed.code, mixed.stderr)
	require.Equal(t, want, findingLines(mixed.stderr))

	// Every dependency from source, as before: the same report.
	all := realCLI(t, dir, nil, "-format=text", "./...")
	require.Equal(t, mixed, all)
}

// TestLoadGraph checks which packages the driver type-checks from source
// and analyzes.
func TestLoadGraph(t *testing.T) {
	t.Chdir(filepath.Join(testdata, "facts"))
	roots, all, err := loadPackages(loadConfig{
		patterns:    []string{"./..."},
		facts:       true,
		factSources: analyzer.DatabasePackages(),
		library:     analyzer.LibraryPackage,
	})
	require.NoError(t, err)
	require.Len(t, roots, 4)

	analyzed := map[string]bool{} // the graph checker.Analyze walks
	packages.Visit(roots, func(p *packages.Package) bool {
		analyzed[p.PkgPath] = true
		require.NotNil(t, p.TypesInfo, p.PkgPath)
		require.Empty(t, p.Errors, p.PkgPath)
		return true
	}, nil)
	for _, path := range []string{"example.com/facts/app", "example.com/facts/repo", "example.com/facts/domain",
		"example.com/facts/text"} {
		require.True(t, analyzed[path], "%s is analyzed", path)
	}
	// database/sql is the database package itself, a library whose API
	// the analyzer's tables describe: export data.
	for _, path := range []string{"strings", "unicode", "context", "database/sql/driver", "database/sql"} {
		require.False(t, analyzed[path], "%s is not analyzed", path)
	}

	loaded := map[string]*packages.Package{}
	for _, p := range all {
		loaded[p.PkgPath] = p
	}
	// context is read from export data (repo imports it); strings is
	// imported by text, a root, and comes from export data too.
	for _, path := range []string{"context", "strings", "database/sql"} {
		p := loaded[path]
		require.NotNil(t, p, path)
		require.True(t, p.Types.Complete(), "%s read from export data", path)
		require.Nil(t, p.Syntax, path)
	}
}

// TestLoadErrorsFromSource checks that a dependency that fails to compile
// (no export data) is type-checked from source, so its errors read as
// when every dependency is loaded from source (checked by hand: the same
// three lines).
func TestLoadErrorsFromSource(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "facts")
	require.NoError(t, os.CopyFS(dir, os.DirFS(filepath.Join(testdata, "facts"))))
	writeFile(t, dir, "text/bad.go", "package text\n\nfunc G() int { return \"x\" }\n")
	mixed := realCLI(t, dir, analyzer.DatabasePackages(), "-format=text", "./app")
	require.Equal(t, exitErrors, mixed.code, mixed.stderr)
	require.Equal(t, []string{
		"cqrslint: example.com/facts/text: " + filepath.Join(dir, "text", "bad.go") +
			":3:23: cannot use \"x\" (untyped string constant) as int value in return statement",
		"cqrslint: example.com/facts/text: analysis skipped due to errors in package",
		"cqrslint: example.com/facts/app: failed prerequisites: cqrslint@example.com/facts/text",
	}, lines(mixed.stderr), "the errors of every dependency loaded from source, once")
}

// TestLibrariesFlag checks that the database libraries' own packages are
// left alone unless -libraries asks for them: database/sql, analyzed as
// a root, has 30 call sites (passed in by its own wrappers' callers, or
// prepared statements of unknown origin), none counted without the flag.
func TestLibrariesFlag(t *testing.T) {
	dir := filepath.Join(testdata, "facts")
	sites := regexp.MustCompile(`SQL call sites: +(\d+)`)
	count := func(r result) string {
		t.Helper()
		require.Equal(t, exitClean, r.code, r.stderr)
		m := sites.FindStringSubmatch(r.stderr)
		require.NotNil(t, m, r.stderr)
		return m[1]
	}
	require.Equal(t, "0", count(realCLI(t, dir, analyzer.DatabasePackages(), "-stats", "database/sql")))
	require.Equal(t, "30", count(realCLI(t, dir, analyzer.DatabasePackages(), "-stats", "-libraries", "database/sql")))

	// A module that imports database/sql: with -libraries, the driver
	// type-checks database/sql from source (it is analyzed for facts),
	// and the report is the same.
	with := realCLI(t, dir, analyzer.DatabasePackages(), "-format=text", "-libraries", "./...")
	without := realCLI(t, dir, analyzer.DatabasePackages(), "-format=text", "./...")
	require.Equal(t, exitFindings, with.code, with.stderr)
	require.Equal(t, without, with)
}
