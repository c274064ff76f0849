package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSQLOutsideGo runs the command on testdata/named, a module whose SQL
// is in an embedded file and in named-query files loaded at run time: the
// command gives the analyzer file access, and -sqlfiles, relative to the
// module root, joins the files' blocks to the tagged fields. Under go vet
// too.
func TestSQLOutsideGo(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the analyzer and go vet")
	}
	dir := filepath.Join(t.TempDir(), "named")
	require.NoError(t, os.CopyFS(dir, os.DirFS(filepath.Join(testdata, "named"))))
	touch := "named.go:41:9: User mixes stored fields (ID, Name) with computed fields (PostCount: subquery) on write path Touch (named.go:37); split it into a command model and a query model"
	rename := "named.go:31:9: User mixes stored fields (ID, Name) with computed fields (PostCount: subquery) on write path Rename (named.go:27); split it into a command model and a query model"

	r := cqrslint(t, dir, "-stats", "./...")
	require.Equal(t, exitFindings, r.code, r.stderr)
	require.Contains(t, r.stderr, touch)
	require.NotContains(t, r.stderr, "named.go:31:9")
	require.Contains(t, r.stderr, "named query: no SQL files given (-sqlfiles):")

	r = cqrslint(t, dir, "-stats", "-sqlfiles=queries/*.sql", "./...")
	require.Equal(t, exitFindings, r.code, r.stderr)
	require.Contains(t, r.stderr, touch)
	require.Contains(t, r.stderr, rename)
	require.NotContains(t, r.stderr, "named query")

	r = runProcess(t, dir, "go", "vet", "-vettool="+vetTool(t), "-sqlfiles=queries/*.sql", "./...")
	require.Equal(t, 1, r.code, r.stderr)
	var got []string
	for _, line := range strings.Split(r.stderr, "\n") {
		if line != "" && !strings.HasPrefix(line, "#") && !strings.HasPrefix(line, "\t") && !strings.Contains(line, ": \t") {
			got = append(got, line)
		}
	}
	require.Equal(t, []string{rename, touch}, got)
}
