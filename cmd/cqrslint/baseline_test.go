package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cqrslint/cqrslint/analyzer"
)

func TestNormalizeMessage(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"struct User is written (store.go:42) and scanned (app.go:7:3)", "struct User is written and scanned"},
		{"written at store.go:42:7 and app.go:9", "written at store.go and app.go"},
		{"scanned at line 42, written at lines 50-52", "scanned at line N, written at lines N"},
		{"no positions at all", "no positions at all"},
		{"a (not a position) stays", "a (not a position) stays"},
	} {
		require.Equal(t, tc.want, normalizeMessage(tc.in), tc.in)
	}
}

func TestEnclosingFunc(t *testing.T) {
	const src = `package p

var x = 1 // package level

func F() {
	_ = func() {
		_ = 1 // in a literal in F
	}
}

type T[K comparable] struct{}

func (t *T[K]) M() {
	_ = 2 // in a generic method
}

func (T[K]) N() { _ = 3 }

func (*S) P() { _ = 4 }

type S struct{}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	require.NoError(t, err)
	at := func(s string) token.Pos { return f.FileStart + token.Pos(strings.Index(src, s)) }
	files := []*ast.File{f}
	require.Equal(t, "", enclosingFunc(files, at("x = 1")))
	require.Equal(t, "F", enclosingFunc(files, at("_ = 1")))
	require.Equal(t, "T.M", enclosingFunc(files, at("_ = 2")))
	require.Equal(t, "T.N", enclosingFunc(files, at("_ = 3")))
	require.Equal(t, "S.P", enclosingFunc(files, at("_ = 4")))
	require.Equal(t, "", enclosingFunc(files, token.NoPos))
}

func mkFinding(rule, pkg, fn, msg string, line int) finding {
	return finding{Rule: rule, PkgPath: pkg, Func: fn, Message: msg, Posn: token.Position{Filename: "/m/x.go", Line: line}}
}

func TestBaselineRoundTrip(t *testing.T) {
	fs := []finding{
		mkFinding("god-struct", "example.com/a", "Store.Save", "struct User (user.go:3) is written here", 10),
		mkFinding("god-struct", "example.com/a", "Store.Save", "struct User (user.go:3) is written here", 12),
		mkFinding("unused-computed", "example.com/b", "", "column n is never read", 1),
	}
	name := filepath.Join(t.TempDir(), "baseline.json")
	p, err := createPending(name)
	require.NoError(t, err)
	require.NoError(t, p.commit(encodeBaseline(fs)))

	data, err := os.ReadFile(name)
	require.NoError(t, err)
	require.Equal(t, `{
  "version": 2,
  "findings": [
    {
      "rule": "god-struct",
      "package": "example.com/a",
      "function": "Store.Save",
      "message": "struct User is written here",
      "count": 2
    },
    {
      "rule": "unused-computed",
      "package": "example.com/b",
      "function": "",
      "message": "column n is never read",
      "count": 1
    }
  ]
}
`, string(data))
	info, err := os.Stat(name)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o644), info.Mode().Perm())
	entries, err := os.ReadDir(filepath.Dir(name))
	require.NoError(t, err)
	require.Len(t, entries, 1, "no temporary file left behind")

	b, err := readBaseline(name)
	require.NoError(t, err)

	// Same findings, lines moved: all in the baseline.
	moved := []finding{
		mkFinding("god-struct", "example.com/a", "Store.Save", "struct User (user.go:9) is written here", 20),
		mkFinding("god-struct", "example.com/a", "Store.Save", "struct User (user.go:9) is written here", 22),
		mkFinding("unused-computed", "example.com/b", "", "column n is never read", 5),
	}
	require.Equal(t, 0, b.apply(moved))
	for _, f := range moved {
		require.True(t, f.InBaseline, f.Message)
	}

	// A third identical finding is new: the baseline counts two.
	three := append(moved[:2:2], mkFinding("god-struct", "example.com/a", "Store.Save", "struct User (user.go:9) is written here", 30))
	for i := range three {
		three[i].InBaseline = false
	}
	require.Equal(t, 1, b.apply(three)) // the unused-computed entry is unused
	require.True(t, three[0].InBaseline)
	require.True(t, three[1].InBaseline)
	require.False(t, three[2].InBaseline)

	// Another function, package or rule is another key.
	other := []finding{
		mkFinding("god-struct", "example.com/a", "Store.Load", "struct User (user.go:9) is written here", 20),
		mkFinding("god-struct", "example.com/c", "Store.Save", "struct User (user.go:9) is written here", 20),
		mkFinding("unused-computed", "example.com/a", "Store.Save", "struct User (user.go:9) is written here", 20),
	}
	b.apply(other)
	for _, f := range other {
		require.False(t, f.InBaseline, f.Message)
	}
}

func TestReadBaselineErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ name, content, want string }{
		{"notjson.json", "not json", "malformed baseline: invalid character"},
		{"truncated.json", `{"version": 1, "findings": [`, "malformed baseline: unexpected EOF"},
		{"unknown.json", `{"version": 1, "entries": []}`, `malformed baseline: json: unknown field "entries"`},
		{"wrongtype.json", `{"version": "1"}`, "malformed baseline: json: cannot unmarshal string"},
		{"version.json", `{"version": 3, "findings": []}`, "unsupported baseline version 3 (want 1 or 2; -write-baseline writes version 2)"},
		{"noversion.json", `{"findings": []}`, "unsupported baseline version 0 (want 1 or 2"},
		{"nokey.json", `{"version": 2, "findings": [{"rule": "god-struct", "package": "p", "count": 1}]}`, "findings[0] has no message and no computed fields"},
		{"v1computed.json", `{"version": 1, "findings": [{"rule": "god-struct", "package": "p", "computed": ["N"], "message": "m", "count": 1}]}`, "which version 1 does not know"},
		{"norule.json", `{"version": 1, "findings": [{"package": "p", "message": "m", "count": 1}]}`, "findings[0] has no rule"},
		{"count.json", `{"version": 1, "findings": [{"rule": "god-struct", "package": "p", "message": "m", "count": 0}]}`, "findings[0] has count 0"},
		{"trailing.json", `{"version": 1, "findings": []} {}`, "data after the JSON document"},
	} {
		name := filepath.Join(dir, tc.name)
		require.NoError(t, os.WriteFile(name, []byte(tc.content), 0o644))
		_, err := readBaseline(name)
		require.Error(t, err, tc.name)
		require.Contains(t, err.Error(), tc.want, tc.name)
		require.Contains(t, err.Error(), name, "the error names the file")
		require.NotContains(t, err.Error(), "\n", "one line")
	}
	_, err := readBaseline(filepath.Join(dir, "missing.json"))
	require.ErrorContains(t, err, "missing.json: no such file or directory")

	b, err := readBaseline(writeFile(t, dir, "empty.json", `{"version": 1, "findings": []}`))
	require.NoError(t, err)
	require.Empty(t, b)
}

// TestBaselineStructuredKey checks that a finding the analyzer describes
// is keyed by its struct and computed fields: a stored field added to the
// query (which changes the message) keeps it in the baseline, a computed
// one does not.
func TestBaselineStructuredKey(t *testing.T) {
	god := func(stored, computed []string) finding {
		f := mkFinding("god-struct", "example.com/blog", "Store.Rename",
			"Post mixes stored fields ("+strings.Join(stored, ", ")+") with computed fields ("+strings.Join(computed, ", ")+")", 10)
		f.Detail = &analyzer.Finding{Rule: "god-struct", Struct: "Post", Stored: stored, Computed: computed}
		return f
	}
	name := filepath.Join(t.TempDir(), "baseline.json")
	p, err := createPending(name)
	require.NoError(t, err)
	require.NoError(t, p.commit(encodeBaseline([]finding{god([]string{"ID", "Title"}, []string{"CommentCount", "LikeCount"})})))
	data, err := os.ReadFile(name)
	require.NoError(t, err)
	require.Equal(t, `{
  "version": 2,
  "findings": [
    {
      "rule": "god-struct",
      "package": "example.com/blog",
      "function": "Store.Rename",
      "struct": "Post",
      "computed": [
        "CommentCount",
        "LikeCount"
      ],
      "count": 1
    }
  ]
}
`, string(data))
	b, err := readBaseline(name)
	require.NoError(t, err)

	fs := []finding{god([]string{"ID", "Title", "Body"}, []string{"LikeCount", "CommentCount"})}
	require.Equal(t, 0, b.apply(fs))
	require.True(t, fs[0].InBaseline, "a stored column added: still in the baseline")

	fs = []finding{god([]string{"ID", "Title"}, []string{"CommentCount", "LikeCount", "Rank"})}
	require.Equal(t, 1, b.apply(fs))
	require.False(t, fs[0].InBaseline, "a computed column added: a new finding")
}

// TestBaselineVersion1 checks that a version 1 baseline, keyed by
// messages, still matches the findings it recorded.
func TestBaselineVersion1(t *testing.T) {
	msg := "Post mixes stored fields (ID, Title) with computed fields (CommentCount: subquery) on write path Store.Rename (store.go:12)"
	name := writeFile(t, t.TempDir(), "v1.json", `{"version": 1, "findings": [
		{"rule": "god-struct", "package": "example.com/blog", "function": "Store.Rename",
		 "message": "Post mixes stored fields (ID, Title) with computed fields (CommentCount: subquery) on write path Store.Rename", "count": 1}]}`)
	b, err := readBaseline(name)
	require.NoError(t, err)
	f := mkFinding("god-struct", "example.com/blog", "Store.Rename", msg, 30)
	f.Detail = &analyzer.Finding{Rule: "god-struct", Struct: "Post", Stored: []string{"ID", "Title"}, Computed: []string{"CommentCount"}}
	fs := []finding{f}
	require.Equal(t, 0, b.apply(fs))
	require.True(t, fs[0].InBaseline)
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	return p
}
