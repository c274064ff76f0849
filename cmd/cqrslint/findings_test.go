package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/stretchr/testify/require"
)

// blog copies testdata/blog, a module with two real findings, into a
// temporary directory the test may edit.
func blog(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "blog")
	require.NoError(t, os.CopyFS(dir, os.DirFS(filepath.Join(testdata, "blog"))))
	return dir
}

func editFile(t *testing.T, name, old, new string) {
	t.Helper()
	data, err := os.ReadFile(name)
	require.NoError(t, err)
	require.Contains(t, string(data), old)
	require.NoError(t, os.WriteFile(name, []byte(strings.ReplaceAll(string(data), old, new)), 0o644))
}

// TestBaselineStoredColumnAdded runs the real analyzer: a stored column
// added to a baselined god query keeps the finding baselined, a computed
// one makes it new.
func TestBaselineStoredColumnAdded(t *testing.T) {
	t.Parallel() // a process of its own: overlaps the others
	dir := blog(t)
	r := cqrslint(t, dir, "-write-baseline=b.json", "./...")
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stderr, "wrote 2 findings to b.json")

	src := filepath.Join(dir, "blog.go")
	editFile(t, src, "\tTitle        string\n", "\tTitle        string\n\tBody         string\n")
	editFile(t, src, "SELECT p.id, p.title, (SELECT", "SELECT p.id, p.title, p.body, (SELECT")
	editFile(t, src, "Scan(&p.ID, &p.Title, &p.CommentCount)", "Scan(&p.ID, &p.Title, &p.Body, &p.CommentCount)")
	r = cqrslint(t, dir, "-baseline=b.json", "./...")
	require.Equal(t, 0, r.code, "a stored column added: still baselined\n%s", r.stderr)
	require.Empty(t, r.stderr)
	r = cqrslint(t, dir, "-format=json", "./...")
	require.Contains(t, r.stdout, "Post mixes stored fields (ID, Title, Body)", "the message did change")

	editFile(t, src, "AS comment_count FROM posts p WHERE p.id = $1`, id).Scan(&p.ID, &p.Title, &p.Body, &p.CommentCount)\n\tif err != nil || p.Title",
		"AS comment_count, (SELECT count(*) FROM likes l WHERE l.post_id = p.id) AS like_count FROM posts p WHERE p.id = $1`, id).Scan(&p.ID, &p.Title, &p.Body, &p.CommentCount, &p.LikeCount)\n\tif err != nil || p.Title")
	editFile(t, src, "\tCommentCount int64\n", "\tCommentCount int64\n\tLikeCount    int64\n")
	r = cqrslint(t, dir, "-baseline=b.json", "./...")
	require.Equal(t, exitFindings, r.code, r.stderr)
	require.Len(t, findingLines(r.stderr), 1, r.stderr)
	require.Contains(t, r.stderr, "LikeCount: subquery")
}

// TestFixAndDiff runs the real analyzer with -diff and -fix: the finding
// with a fix is shown as a diff or fixed, the one without is reported as
// usual, and the fixed module builds.
func TestFixAndDiff(t *testing.T) {
	t.Parallel() // a process of its own: overlaps the others
	dir := blog(t)
	src := filepath.Join(dir, "blog.go")
	orig, err := os.ReadFile(src)
	require.NoError(t, err)

	r := cqrslint(t, dir, "-diff", "./...")
	require.Equal(t, exitFindings, r.code, r.stderr)
	require.Equal(t, orig, must(os.ReadFile(src)), "-diff changes nothing")
	require.Contains(t, r.stdout, "--- blog.go\n+++ blog.go\n@@ -17,7 +17,7 @@\n")
	require.Contains(t, r.stdout, "\n+\terr := db.QueryRowContext(ctx, `SELECT p.id, p.title FROM posts p WHERE p.id = $1`, id).Scan(&p.ID, &p.Title)\n")
	require.Len(t, findingLines(r.stderr), 2, "the finding without a fix, and the note:\n%s", r.stderr)
	require.Contains(t, r.stderr, "write path Publish")
	require.Contains(t, r.stderr, "cqrslint: 1 fix shown as a diff; -fix without -diff applies them")

	// SARIF carries the fix of the first finding, and none for the other.
	r = cqrslint(t, dir, "-format=sarif", "./...")
	require.Equal(t, 0, r.code, r.stderr)
	rep, err := sarif.FromString(r.stdout)
	require.NoError(t, err)
	require.Len(t, rep.Runs[0].Results, 2)
	withFix := rep.Runs[0].Results[0]
	require.Len(t, withFix.Fixes, 1)
	require.Len(t, withFix.Fixes[0].ArtifactChanges, 1)
	require.Equal(t, "blog.go", *withFix.Fixes[0].ArtifactChanges[0].ArtifactLocation.URI)
	require.Len(t, withFix.Fixes[0].ArtifactChanges[0].Replacements, 2, "the select items and the scan destination")
	require.Empty(t, rep.Runs[0].Results[1].Fixes)

	r = cqrslint(t, dir, "-fix", "./...")
	require.Equal(t, exitFindings, r.code, "a finding without a fix is left:\n%s", r.stderr)
	require.Empty(t, r.stdout)
	require.Contains(t, r.stderr, "write path Publish")
	require.NotContains(t, r.stderr, "write path Rename")
	require.Contains(t, r.stderr, "cqrslint: applied 1 fix in 1 file")
	fixed := string(must(os.ReadFile(src)))
	require.Contains(t, fixed, "`SELECT p.id, p.title FROM posts p WHERE p.id = $1`, id).Scan(&p.ID, &p.Title)\n\tif err != nil || p.Title == title")

	build := runProcess(t, dir, "go", "build", "./...")
	require.Equal(t, 0, build.code, build.stderr)
	r = cqrslint(t, dir, "-fix", "./...")
	require.Equal(t, exitFindings, r.code)
	require.Equal(t, "cqrslint: applied 0 fixes in 0 files", findingLines(r.stderr)[1], "nothing left to fix:\n%s", r.stderr)
	require.Equal(t, fixed, string(must(os.ReadFile(src))))
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestSuggest runs -suggest with the real analyzer: the split names the
// fields and columns the analysis found, the Go compiles in the package,
// and the SQL is the stored-only query.
func TestSuggest(t *testing.T) {
	t.Parallel() // a process of its own: overlaps the others
	dir := blog(t)
	r := cqrslint(t, dir, "-suggest", "./...")
	require.Equal(t, exitFindings, r.code, r.stderr)
	require.Len(t, findingLines(r.stderr), 2, "the findings are reported as usual")
	require.Contains(t, r.stdout, "// PostCommand carries the stored fields Rename, Publish use.\ntype PostCommand struct {\n\tID    int64\n\tTitle string\n}\n")
	require.Contains(t, r.stdout, "type PostView struct {\n\tID           int64\n\tCommentCount int64\n}\n")
	require.Contains(t, r.stdout, "\n-- Rename (blog.go:20:9), Publish (blog.go:31:9): load PostCommand with\nSELECT p.id, p.title FROM posts p WHERE p.id = $1\n")

	var goCode []string
	for _, block := range strings.Split(r.stdout, "\n\n") {
		if strings.HasPrefix(block, "// Post") && strings.Contains(block, "\ntype ") {
			goCode = append(goCode, block)
		}
	}
	require.Len(t, goCode, 2)
	writeFile(t, dir, "split.go", "package blog\n\n"+strings.Join(goCode, "\n\n")+"\n")
	build := runProcess(t, dir, "go", "vet", "./...")
	require.Equal(t, 0, build.code, "the suggested Go compiles:\n%s", build.stderr)
}
