package main

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestVetDemo runs the real command under `go vet -vettool` on the demo's
// two services, which use the real pgx/v5 module from go.mod: the god
// struct of demo/before is reported exactly, demo/after is clean.
func TestVetDemo(t *testing.T) {
	t.Parallel() // a process of its own: overlaps the others
	if testing.Short() {
		t.Skip("runs go vet on the demo")
	}
	exe := vetTool(t)
	root := filepath.Join(testdata, "..", "..", "..")

	r := runProcess(t, root, "go", "vet", "-vettool="+exe, "./demo/before", "./demo/after")
	require.Equal(t, 1, r.code, "go vet exits 1 on findings:\n%s", r.stderr)
	var got []string
	for _, line := range strings.Split(r.stderr, "\n") {
		if line != "" && !strings.HasPrefix(line, "#") {
			got = append(got, line)
		}
	}
	golden := filepath.Join(testdata, "golden", "vet-demo.txt")
	if update {
		require.NoError(t, os.WriteFile(golden, []byte(strings.Join(got, "\n")+"\n"), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	require.Equal(t, string(want), strings.Join(got, "\n")+"\n")
	require.NotContains(t, r.stderr, "demo/after", "the CQRS side has no finding")
}

// TestVetSqlx runs the command under go vet on a package using the real
// sqlx module: the stubs in testdata/src must match what sqlx really is.
func TestVetSqlx(t *testing.T) {
	t.Parallel() // a process of its own: overlaps the others
	if testing.Short() {
		t.Skip("runs go vet")
	}
	root := filepath.Join(testdata, "..", "..", "..")
	r := runProcess(t, root, "go", "vet", "-vettool="+vetTool(t), "./analyzer/internal/e2e/sqlxrepo")
	require.Equal(t, 1, r.code, r.stderr)
	var got []string
	for _, line := range strings.Split(r.stderr, "\n") {
		if line != "" && !strings.HasPrefix(line, "#") && !strings.HasPrefix(line, "\t") && !strings.Contains(line, ": \t") {
			got = append(got, line)
		}
	}
	require.Equal(t, []string{
		"analyzer/internal/e2e/sqlxrepo/repo.go:36:9: Author mixes stored fields (ID, Name) with computed fields (BookCount: subquery) and is also written (Name bound in UPDATE authors SET name = :name in Repo.Save (repo.go:30)); split it into a command model and a query model",
	}, got)
}

// vetTool returns a copy of the cqrslint binary (tool) with bytes appended,
// made once per test run: go vet keys its cache by the tool's hash, so a
// new copy is never answered from an earlier run's cache. Go 1.26's go vet
// keys a package's cached result the same whether it was analyzed for its
// own report or only for the facts of an importer, so a cached facts-only
// run would replay as "no findings" (the pitfall in docs/cli.md). TestVetDemo and TestVetSqlx share it, so the second reuses
// the first's results for the dependencies they share; neither vets a
// package the other only imports.
func vetTool(t *testing.T) string {
	t.Helper()
	exe := tool(t)
	vetOnce.Do(func() {
		data, err := os.ReadFile(exe)
		if err != nil {
			vetErr = err
			return
		}
		fresh := filepath.Join(toolDir, "cqrslint-vet")
		data = append(data, []byte(time.Now().String())...)
		vetErr = os.WriteFile(fresh, data, 0o755)
		vetPath = fresh
	})
	require.NoError(t, vetErr)
	return vetPath
}

var (
	vetOnce sync.Once
	vetPath string
	vetErr  error
)
