package main

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestVetAPIs runs the command under go vet on the nested test module
// analyzer/internal/e2e/apis, whose packages use the real scany v1 and
// v2, pgx v4 and v5, go-sqlbuilder, squirrel, bun, go-pg, sqlx, goyesql and dotsql: the test stubs in
// testdata/src must match what those modules really are. Each god struct
// is reported once, at its load; the negative twins (a column scany maps
// to no field, a stored-only read, a batch) stay silent.
func TestVetAPIs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go vet on a module with its own dependencies")
	}
	dir := filepath.Join(testdata, "..", "..", "..", "analyzer", "internal", "e2e", "apis")
	// Downloading first keeps go's "go: downloading" lines out of the
	// output below on a machine whose module cache lacks these modules.
	dl := runProcess(t, dir, "go", "mod", "download")
	require.Equal(t, 0, dl.code, dl.stderr)
	r := runProcess(t, dir, "go", "vet", "-vettool="+vetTool(t), "./...")
	require.Equal(t, 1, r.code, r.stderr)
	var got []string
	for _, line := range strings.Split(r.stderr, "\n") {
		if line != "" && !strings.HasPrefix(line, "#") && !strings.Contains(line, ": \t") {
			got = append(got, line)
		}
	}
	sort.Strings(got) // go vet prints each package when it is done; the list below is sorted too
	require.Equal(t, []string{
		"bunorm/repo.go:36:9: User mixes stored fields (ID, Email) with computed fields (PostCount: subquery) on write path Repo.Register (repo.go:31); split it into a command model and a query model",
		"gopg/repo.go:31:9: Article mixes stored fields (ID, Title) with computed fields (FavoritesCount: subquery) on write path Repo.Create (repo.go:28); split it into a command model and a query model",
		"namedsql/store.go:58:9: Feed mixes stored fields (ID, Title) with computed fields (Unread: subquery) on write path Store.Refresh (store.go:55); split it into a command model and a query model",
		"namedsql/store.go:68:14: Feed mixes stored fields (ID, Title) with computed fields (Unread: subquery) on write path Store.RefreshDot (store.go:65); split it into a command model and a query model",
		"scany1/repo.go:27:9: Project mixes stored fields (ID, Name) with computed fields (TaskCount: subquery) on write path Store.Rename (repo.go:24); split it into a command model and a query model",
		"scany1/repo.go:44:15: Project mixes stored fields (ID, Name) with computed fields (TaskCount: subquery) on write path Store.Import (repo.go:38); split it into a command model and a query model",
		"scany2/repo.go:100:9: Store mixes stored fields (ID, Name) with computed fields (Wallets: subquery) on write path Runner (repo.go:97); split it into a command model and a query model",
		"scany2/repo.go:37:9: Store mixes stored fields (ID, Name) with computed fields (Wallets: subquery) on write path Repo.Rename (repo.go:28); split it into a command model and a query model",
		"scany2/repo.go:67:8: Store mixes stored fields (ID, Name) with computed fields (Wallets: aggregate) on write path Repo.Squirrel (repo.go:57); split it into a command model and a query model",
		"scany2/repo.go:91:9: Store mixes stored fields (ID, Name) with computed fields (Wallets: subquery) on write path Prepared.Save (repo.go:88); split it into a command model and a query model",
	}, got)
}
