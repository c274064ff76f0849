package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSharedCacheVet runs cqrslint under go vet with this program as
// GOCACHEPROG, as a team shares a build cache between machines: a first
// run fills the shared cache; a second run from an empty local GOCACHE
// (another machine) reports the same findings, facts included, without
// analyzing anything; after an edit of one package, a third run analyzes
// only that package.
func TestSharedCacheVet(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the standard library's database/sql closure into an empty cache")
	}
	tmp := t.TempDir()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	cqrslint := filepath.Join(tmp, "cqrslint")
	prog := filepath.Join(tmp, "cacheprog")
	run(t, root, nil, "go", "build", "-o", cqrslint, "./cmd/cqrslint")
	run(t, root, nil, "go", "build", "-o", prog, "./bench/cacheprog")
	// go vet runs the tool through a script that records the package of
	// each analysis (go vet passes a vet.cfg file naming it); -V=full and
	// -flags pass through, so the tool's ID is cqrslint's.
	analyzed := filepath.Join(tmp, "analyzed.txt")
	tool := filepath.Join(tmp, "cqrslint.sh")
	require.NoError(t, os.WriteFile(tool, []byte("#!/bin/sh\n"+
		"for a; do case $a in *.cfg) grep -o '\"ImportPath\": *\"[^\"]*\"' \"$a\" >> "+analyzed+";; esac; done\n"+
		"exec "+cqrslint+" \"$@\"\n"), 0o755))

	// The module of cmd/cqrslint's load tests: findings through a wrapper
	// fact and a write-model fact from another package.
	mod := filepath.Join(tmp, "facts")
	require.NoError(t, os.CopyFS(mod, os.DirFS(filepath.Join(root, "cmd", "cqrslint", "testdata", "facts"))))
	shared := filepath.Join(tmp, "shared")
	logFile := filepath.Join(tmp, "stats.jsonl")
	vet := func(gocache string) (findings []string, s Stats, pkgs []string) {
		t.Helper()
		require.NoError(t, os.WriteFile(analyzed, nil, 0o644))
		env := []string{"GOCACHE=" + filepath.Join(tmp, gocache), "GOCACHEPROG=" + prog + " -dir " + shared + " -log " + logFile}
		stderr := run(t, mod, env, "go", "vet", "-vettool="+tool, "./...")
		data, err := os.ReadFile(analyzed)
		require.NoError(t, err)
		for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			if _, path, ok := strings.Cut(l, `: "`); ok {
				pkgs = append(pkgs, strings.TrimSuffix(path, `"`))
			}
		}
		for _, l := range strings.Split(stderr, "\n") {
			if strings.HasPrefix(l, "app/") && !strings.Contains(l, ": \t") {
				findings = append(findings, l)
			}
		}
		all := readStats(t, logFile)
		return findings, all[len(all)-1], pkgs
	}

	first, s1, pkgs1 := vet("machine1")
	require.Len(t, first, 3, "the three findings of testdata/facts")
	require.Contains(t, first[2], "is also written (Name bound in INSERT INTO customers (name) VALUES ($1) in Repo.Create (repo.go:14))", "a package fact")
	require.Contains(t, pkgs1, "example.com/facts/app")
	require.Contains(t, pkgs1, "database/sql", "dependencies are analyzed for their facts")
	t.Logf("first run: %d packages analyzed, cache %+v", len(pkgs1), s1)

	second, s2, pkgs2 := vet("machine2")
	require.Equal(t, first, second, "findings replayed from the shared cache")
	require.Empty(t, pkgs2, "nothing analyzed on the second machine")
	require.Positive(t, s2.Hits)
	t.Logf("second run, empty GOCACHE: %d packages analyzed, cache %+v", len(pkgs2), s2)

	f, err := os.OpenFile(filepath.Join(mod, "app", "app.go"), os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString("\nfunc Edited() {}\n")
	require.NoError(t, err)
	require.NoError(t, f.Close())
	third, s3, pkgs3 := vet("machine2")
	require.Equal(t, first, third, "the edit moves no finding")
	require.Equal(t, []string{"example.com/facts/app"}, pkgs3, "only the edited package (nothing imports it)")
	t.Logf("after editing app: %d packages analyzed, cache %+v", len(pkgs3), s3)
}

// run runs a command in dir and returns its stderr; go vet's exit status 1
// (findings) is expected, anything else fails the test.
func run(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1 && args[0] == "vet") {
		t.Fatalf("%s %v: %v\n%s%s", name, args, err, stdout.String(), stderr.String())
	}
	return stderr.String()
}

func readStats(t *testing.T, path string) []Stats {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var all []Stats
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var s Stats
		require.NoError(t, json.Unmarshal(sc.Bytes(), &s))
		all = append(all, s)
	}
	require.NoError(t, sc.Err())
	require.NotEmpty(t, all)
	return all
}
