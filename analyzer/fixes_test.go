package analyzer_test

import (
	"go/ast"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/cqrslint/cqrslint/analyzer"
	"github.com/cqrslint/cqrslint/analyzer/internal/sqlinfo"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// TestSuggestedFixes checks the fixes against fixes.go.golden, and the
// structured form of a finding that drivers read.
func TestSuggestedFixes(t *testing.T) {
	results := analysistest.RunWithSuggestedFixes(t, testdata(t), analyzer.New(analyzer.Options{}), "fixes")
	require.Len(t, results, 1)
	var rename *analyzer.Finding
	details := results[0].Result.(*analyzer.Stats).Details
	for i, d := range details {
		if d.WritePath == "Rename" {
			rename = &details[i]
		}
	}
	require.NotNil(t, rename)
	require.Equal(t, analyzer.RuleGodStruct, rename.Rule)
	require.Equal(t, "Post", rename.Struct)
	require.Equal(t, "fixes.Post", rename.StructPath)
	require.Equal(t, []string{"ID", "Title"}, rename.Stored)
	require.Equal(t, []string{"CommentCount"}, rename.Computed)
	require.Equal(t, []string{"subquery"}, rename.Kinds)
	require.Equal(t, []string{"comment_count"}, rename.ComputedColumns)
	require.Equal(t, []string{"ID", "Title"}, rename.Used)
	require.Equal(t, 1, rename.Params)
	require.Equal(t, "SELECT p.id, p.title FROM posts p WHERE p.id = $1", rename.StoredQuery)
	require.Empty(t, rename.CommandQuery, "the write path uses every stored field")
	require.Equal(t, []analyzer.Field{{Name: "ID", Type: "int64"}, {Name: "Title", Type: "string"}, {Name: "CommentCount", Type: "int64"}}, rename.Fields)
}

// TestFixesApplied applies every suggested fix of every testdata package
// to a copy of testdata, builds the fixed packages with the go command,
// and runs the analyzer again: each fixed finding is gone, and nothing
// else changed.
func TestFixesApplied(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the testdata packages")
	}
	tmp := t.TempDir()
	require.NoError(t, os.CopyFS(filepath.Join(tmp, "src"), os.DirFS(filepath.Join(testdata(t), "src"))))
	env := append(os.Environ(), "GO111MODULE=off", "GOPATH="+tmp, "GOFLAGS=", "GOWORK=off")
	var pkgs []string
	entries, err := os.ReadDir(filepath.Join(tmp, "src"))
	require.NoError(t, err)
	for _, e := range entries {
		// crashes holds code that does not type-check on purpose.
		if e.IsDir() && e.Name() != "github.com" && e.Name() != "crashes" {
			pkgs = append(pkgs, e.Name())
		}
	}

	before, fixes := analyze(t, tmp, env, pkgs)
	require.NotEmpty(t, fixes, "testdata has fixes")
	fixed := map[siteKey]int{}
	byFile := map[string][]edit{}
	for _, f := range fixes {
		fixed[f.key]++
		for _, e := range f.edits {
			byFile[e.file] = append(byFile[e.file], e)
		}
	}
	for file, edits := range byFile {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		slices.SortFunc(edits, func(a, b edit) int { return b.start - a.start })
		for i, e := range edits {
			require.True(t, i == 0 || e.end <= edits[i-1].start, "overlapping edits in %s", file)
			data = append(data[:e.start:e.start], append([]byte(e.text), data[e.end:]...)...)
		}
		require.NoError(t, os.WriteFile(file, data, 0o644))
	}

	t.Logf("%d fixes applied in %d files", len(fixes), len(byFile))
	build := exec.Command("go", append([]string{"build"}, pkgs...)...)
	build.Dir, build.Env = tmp, env
	out, err := build.CombinedOutput()
	require.NoError(t, err, "the fixed testdata builds:\n%s", out)

	after, _ := analyze(t, tmp, env, pkgs)
	for k, n := range before {
		require.Equal(t, n-fixed[k], after[k], "%v: findings before %d, fixed %d", k, n, fixed[k])
	}
	for k, n := range after {
		require.Contains(t, before, k, "a new finding after the fixes: %v (%d)", k, n)
	}
}

// siteKey names a finding across edits: file, function and rule.
type siteKey struct{ file, fn, rule string }

type edit struct {
	file       string
	start, end int
	text       string
}

type fix struct {
	key   siteKey
	edits []edit
}

// analyze runs the analyzer on pkgs in GOPATH mode and returns the
// findings by site and the first fix of each.
func analyze(t *testing.T, gopath string, env []string, pkgs []string) (map[siteKey]int, []fix) {
	t.Helper()
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Env: env, Dir: filepath.Join(gopath, "src")}
	loaded, err := packages.Load(cfg, pkgs...)
	require.NoError(t, err)
	packages.Visit(loaded, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			t.Errorf("%s: %v", p.ID, e)
		}
	})
	a := analyzer.New(analyzer.Options{})
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, loaded, nil)
	require.NoError(t, err)
	found := map[siteKey]int{}
	var fixes []fix
	for _, act := range graph.Roots {
		require.NoError(t, act.Err)
		for _, d := range act.Diagnostics {
			posn := act.Package.Fset.Position(d.Pos)
			k := siteKey{posn.Filename, enclosingFunc(act.Package.Syntax, d.Pos), d.Category}
			found[k]++
			if len(d.SuggestedFixes) == 0 {
				continue
			}
			f := fix{key: k}
			for _, e := range d.SuggestedFixes[0].TextEdits {
				start, end := act.Package.Fset.Position(e.Pos), act.Package.Fset.Position(e.End)
				f.edits = append(f.edits, edit{start.Filename, start.Offset, end.Offset, string(e.NewText)})
			}
			fixes = append(fixes, f)
		}
	}
	return found, fixes
}

func enclosingFunc(files []*ast.File, pos token.Pos) string {
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Pos() <= pos && pos <= fd.End() {
				return fd.Name.Name
			}
		}
	}
	return ""
}

// checkStoredQueries checks that each finding's stored-only query parses,
// has no computed column of the struct left, and has the original's
// columns but those, in order. It returns how many it checked.
func checkStoredQueries(t *testing.T, results []*analysistest.Result) int {
	t.Helper()
	n := 0
	for _, r := range results {
		stats, ok := r.Result.(*analyzer.Stats)
		if !ok {
			continue
		}
		require.Len(t, stats.Details, stats.Findings-directives(r), "one detail per god-struct and unused-computed finding")
		for _, d := range stats.Details {
			if d.StoredQuery == "" {
				continue
			}
			n++
			before, err := sqlinfo.Analyze(d.Query)
			require.NoError(t, err)
			after, err := sqlinfo.Analyze(d.StoredQuery)
			require.NoError(t, err, d.StoredQuery)
			var want []sqlinfo.Column
			for _, c := range before.Columns {
				if !slices.Contains(d.ComputedColumns, c.Name) || !c.Compute.IsComputed() {
					want = append(want, c)
				}
			}
			require.Equal(t, want, after.Columns, "%s\n→ %s", d.Query, d.StoredQuery)
		}
	}
	return n
}

// directives counts the ignore-directive findings of a result.
func directives(r *analysistest.Result) int {
	n := 0
	for _, d := range r.Diagnostics {
		if d.Category == analyzer.RuleIgnoreDirective {
			n++
		}
	}
	return n
}
