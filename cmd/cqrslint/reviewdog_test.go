package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// reviewdog returns the reviewdog binary make test installs (at the
// version the Makefile pins). Outside CI the test is skipped without it.
func reviewdog(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CQRSLINT_REVIEWDOG"); p != "" {
		require.FileExists(t, p, "CQRSLINT_REVIEWDOG")
		return p
	}
	if os.Getenv("CI") != "" {
		t.Fatal("CQRSLINT_REVIEWDOG is not set: make test installs reviewdog and sets it")
	}
	t.Skip("CQRSLINT_REVIEWDOG is not set (make test sets it)")
	return ""
}

// rdDiagnostic is the part of reviewdog's rdjsonl output the test reads.
type rdDiagnostic struct {
	Message  string
	Location struct {
		Path  string
		Range struct {
			Start struct{ Line, Column int }
		}
	}
	Code struct{ Value string }
}

// TestReviewdogRecipe runs docs/ci.md's reviewdog command lines on the
// real output of cqrslint for demo/before, with reviewdog's local rdjsonl
// reporter in place of GitHub's and a diff that changes the line of one
// finding: reviewdog keeps exactly the findings on that line, with their
// paths, lines and messages; without the diff filter it keeps all of them.
func TestReviewdogRecipe(t *testing.T) {
	if testing.Short() {
		t.Skip("runs cqrslint on the demo")
	}
	rd := reviewdog(t)
	root := repoRoot()
	doc, err := os.ReadFile(filepath.Join(root, "docs", "ci.md"))
	require.NoError(t, err)
	recipes := regexp.MustCompile(`(?m)cqrslint (-format=.*?) \| reviewdog (.*)$`).FindAllStringSubmatch(string(doc), -1)
	require.Len(t, recipes, 2, "docs/ci.md: SARIF and errorformat")

	// go vet's findings on the demo (TestVetDemo checks this file).
	golden, err := os.ReadFile(filepath.Join(testdata, "golden", "vet-demo.txt"))
	require.NoError(t, err)
	var all []string
	for _, l := range lines(string(golden)) {
		if m := regexp.MustCompile(`^(\S+\.go:\d+:\d+): ([^\t].*)$`).FindStringSubmatch(l); m != nil {
			all = append(all, m[1]+": "+m[2])
		}
	}
	require.NotEmpty(t, all)
	// The diff changes the line of the last finding: reviewdog keeps the
	// findings on that line.
	file, line, _ := strings.Cut(all[len(all)-1], ":")
	lineNo := 0
	_, err = fmt.Sscanf(line, "%d", &lineNo)
	require.NoError(t, err)
	src, err := os.ReadFile(filepath.Join(root, file))
	require.NoError(t, err)
	srcLine := strings.Split(string(src), "\n")[lineNo-1]
	var onLine []string
	for _, f := range all {
		if strings.HasPrefix(f, fmt.Sprintf("%s:%d:", file, lineNo)) {
			onLine = append(onLine, f)
		}
	}
	patch := filepath.Join(t.TempDir(), "change.patch")
	require.NoError(t, os.WriteFile(patch, fmt.Appendf(nil,
		"diff --git a/%[1]s b/%[1]s\n--- a/%[1]s\n+++ b/%[1]s\n@@ -%[2]d,1 +%[2]d,1 @@\n-\t// before\n+%[3]s\n",
		file, lineNo, srcLine), 0o644))

	for _, recipe := range recipes {
		t.Run(strings.Fields(recipe[1])[0], func(t *testing.T) {
			var args []string
			for _, a := range strings.Fields(recipe[1]) {
				switch {
				case a == "./...":
					args = append(args, "./demo/before")
				case strings.HasPrefix(a, "-baseline="):
					// the demo has no baseline: every finding is new
				default:
					args = append(args, a)
				}
			}
			out := cqrslint(t, root, args...)
			require.Contains(t, []int{exitClean, exitFindings}, out.code, out.stderr)

			var rdArgs []string
			for _, a := range regexp.MustCompile(`\S*"[^"]*"\S*|\S+`).FindAllString(recipe[2], -1) {
				a = strings.ReplaceAll(a, `"`, "")
				if strings.HasPrefix(a, "-reporter=") {
					a = "-reporter=rdjsonl" // the local reporter in reviewdog's JSON lines
				}
				rdArgs = append(rdArgs, a)
			}
			require.Contains(t, rdArgs, "-filter-mode=added")
			review := func(args ...string) (int, []string) {
				t.Helper()
				cmd := exec.Command(rd, args...)
				cmd.Dir = root
				cmd.Stdin = strings.NewReader(out.stdout)
				var stdout, stderr bytes.Buffer
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				err := cmd.Run()
				if _, ok := err.(*exec.ExitError); err != nil && !ok {
					t.Fatal(err)
				}
				var got []string
				sc := bufio.NewScanner(&stdout)
				sc.Buffer(nil, 1<<20)
				for sc.Scan() {
					var d rdDiagnostic
					require.NoError(t, json.Unmarshal(sc.Bytes(), &d), sc.Text())
					// SARIF's message links a position to a related location.
					msg := regexp.MustCompile(`\(\[([^]]+)\]\(\d+\)\)`).ReplaceAllString(d.Message, "($1)")
					got = append(got, fmt.Sprintf("%s:%d:%d: %s", d.Location.Path, d.Location.Range.Start.Line, d.Location.Range.Start.Column, msg))
				}
				require.NoError(t, sc.Err())
				return cmd.ProcessState.ExitCode(), got
			}

			code, got := review(append(rdArgs, "-diff=cat "+patch)...)
			require.Equal(t, onLine, got, "reviewdog keeps the finding on the changed line")
			require.Equal(t, 1, code, "-fail-level=any fails on it")

			code, got = review(append(slices.Clone(rdArgs), "-filter-mode=nofilter")...)
			require.Equal(t, all, got, "without the diff filter reviewdog has every finding")
			require.Equal(t, 1, code)
		})
	}
}
