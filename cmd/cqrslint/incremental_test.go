package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestIncremental runs -incremental (the findings rendered from go vet's
// cached per-package records) beside the driver on testdata/facts, whose
// findings need facts from other packages: the same JSON and SARIF
// reports, before and after an edit of a dependency that changes a fact
// an importer's finding rests on, and baselines and -stats work the same.
func TestIncremental(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go vet")
	}
	t.Parallel() // a process of its own: overlaps the others
	exe := tool(t)
	dir := filepath.Join(t.TempDir(), "facts")
	require.NoError(t, os.CopyFS(dir, os.DirFS(filepath.Join(testdata, "facts"))))

	same := func(wantFindings int) {
		t.Helper()
		for _, format := range []string{"json", "sarif"} {
			inc := runProcess(t, dir, exe, "-incremental", "-format="+format, "./...")
			drv := runProcess(t, dir, exe, "-format="+format, "./...")
			require.Equal(t, exitClean, inc.code, inc.stderr)
			require.Equal(t, drv, inc, "-incremental -format=%s and the driver", format)
		}
		text := runProcess(t, dir, exe, "-incremental", "./...")
		require.Len(t, findingLines(text.stderr), wantFindings, text.stderr)
	}
	same(3)

	// repo.Create stops writing customers: app's finding that rests on
	// repo's write-model fact goes, although app did not change.
	editFile(t, filepath.Join(dir, "repo", "repo.go"), "INSERT INTO customers (name, email)", "INSERT INTO leads (name, email)")
	same(2)

	r := runProcess(t, dir, exe, "-incremental", "-write-baseline=b.json", "./...")
	require.Equal(t, exitClean, r.code, r.stderr)
	require.Contains(t, r.stderr, "wrote 2 findings to b.json")
	r = runProcess(t, dir, exe, "-incremental", "-baseline=b.json", "./...")
	require.Equal(t, exitClean, r.code, r.stderr)
	require.Empty(t, r.stderr)
	drv := runProcess(t, dir, exe, "-baseline=b.json", "-format=sarif", "./...")
	inc := runProcess(t, dir, exe, "-incremental", "-baseline=b.json", "-format=sarif", "./...")
	require.Equal(t, drv, inc, "the same baselined SARIF")

	// -stats sums the counts the records carry: the driver's summary.
	inc = runProcess(t, dir, exe, "-incremental", "-stats", "-format=json", "./...")
	drv = runProcess(t, dir, exe, "-stats", "-format=json", "./...")
	require.Equal(t, exitClean, inc.code, inc.stderr)
	require.Contains(t, inc.stderr, "SQL call sites:")
	require.Equal(t, drv, inc, "-incremental -stats and the driver's")

	r = runProcess(t, dir, exe, "-incremental", "-suggest", "./...")
	require.Equal(t, exitUsage, r.code)
	require.Equal(t, "cqrslint: -suggest cannot be combined with -incremental\n", r.stderr)
}
