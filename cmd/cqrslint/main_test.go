package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/stretchr/testify/require"

	"github.com/cqrslint/cqrslint/analyzer"
)

// The test binary doubles as the cqrslint command (as in x/tools' own
// driver tests): with CQRSLINT_TEST_MAIN=1 it runs main. Tests run it to
// check the real command line, exit codes and go vet integration.
//
// Tests that run go vet use a cqrslint binary built once per test run
// instead (tool): go vet starts the tool once per package and dependency,
// and the test binary, built with -race or -cover, would make each of
// those hundreds of processes several times slower.
func TestMain(m *testing.M) {
	if os.Getenv("CQRSLINT_TEST_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	dir, err := os.MkdirTemp("", "cqrslint-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	toolDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

var (
	toolDir   string // removed when the tests end
	toolOnce  sync.Once
	toolPath  string
	toolBuild error
)

// tool returns the cqrslint binary, built on first use with the go
// command running the tests, without the test binary's -race or -cover.
func tool(t *testing.T) string {
	t.Helper()
	toolOnce.Do(func() {
		path := filepath.Join(toolDir, "cqrslint")
		// Without VCS information, like the test binary (TestVersion).
		cmd := exec.Command("go", "build", "-buildvcs=false", "-o", path, ".")
		cmd.Dir = filepath.Dir(testdata)
		if out, err := cmd.CombinedOutput(); err != nil {
			toolBuild = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		toolPath = path
	})
	require.NoError(t, toolBuild)
	return toolPath
}

// cqrslint runs the command as a process in dir: the test binary, or
// under -race the plain binary (tool). The race detector watches the
// driver's concurrency in the tests that run it in process (cli,
// realCLI); a race-instrumented process per command line would only make
// the same loads several times slower.
func cqrslint(t *testing.T, dir string, args ...string) result {
	t.Helper()
	if raceEnabled {
		return runProcess(t, dir, tool(t), args...)
	}
	exe, err := os.Executable()
	require.NoError(t, err)
	return runProcess(t, dir, exe, args...)
}

func runProcess(t *testing.T, dir, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CQRSLINT_TEST_MAIN=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return result{cmd.ProcessState.ExitCode(), stdout.String(), stderr.String()}
}

// helpFlags returns the flags `cqrslint -h` lists, without the test
// binary's own -test.* flags.
func helpFlags(t *testing.T) []string {
	t.Helper()
	r := cqrslint(t, ".", "-h")
	require.Equal(t, 0, r.code, r.stderr)
	var names []string
	for _, m := range regexp.MustCompile(`(?m)^  -(\S+)`).FindAllStringSubmatch(r.stderr, -1) {
		if !strings.HasPrefix(m[1], "test.") {
			names = append(names, m[1])
		}
	}
	slices.Sort(names)
	require.NotEmpty(t, names)
	return names
}

// TestHelpMatchesDocs checks that docs/cli.md documents every flag of
// `cqrslint -h`, and nothing else.
func TestHelpMatchesDocs(t *testing.T) {
	help := helpFlags(t)
	doc, err := os.ReadFile(filepath.Join(testdata, "..", "..", "..", "docs", "cli.md"))
	require.NoError(t, err)
	var documented []string
	for _, m := range regexp.MustCompile("(?m)^\\| `-([A-Za-z-]+)").FindAllStringSubmatch(string(doc), -1) {
		documented = append(documented, m[1])
	}
	slices.Sort(documented)
	require.Equal(t, help, documented, "the flag tables of docs/cli.md and `cqrslint -h`")
}

// TestHelpMatchesReadme checks that the README's flag table lists every
// flag of cqrslint's own (analyzer and driver flags), and only flags that
// `cqrslint -h` has.
func TestHelpMatchesReadme(t *testing.T) {
	help := helpFlags(t)
	doc, err := os.ReadFile(filepath.Join(testdata, "..", "..", "..", "README.md"))
	require.NoError(t, err)
	documented := map[string]bool{}
	for _, row := range regexp.MustCompile("(?m)^\\| (`-.*?) \\|").FindAllStringSubmatch(string(doc), -1) {
		for _, m := range regexp.MustCompile("`-([A-Za-z-]+)").FindAllStringSubmatch(row[1], -1) {
			documented[m[1]] = true
		}
	}
	for name := range documented {
		require.Contains(t, help, name, "README documents -%s, which `cqrslint -h` does not have", name)
	}
	own := append(slices.Clone(driverFlagNames), versionFlag)
	analyzer.New(analyzer.Options{}).Flags.VisitAll(func(f *flag.Flag) { own = append(own, f.Name) })
	for _, name := range own {
		require.True(t, documented[name], "README does not document -%s", name)
	}
}

// TestCheckerFlags checks checkerFlags against the flags singlechecker
// really registers, so that an x/tools upgrade adding one is noticed.
func TestCheckerFlags(t *testing.T) {
	ours := map[string]bool{}
	for _, n := range driverFlagNames {
		ours[n] = true
	}
	ours[versionFlag] = true
	analyzer.New(analyzer.Options{}).Flags.VisitAll(func(f *flag.Flag) { ours[f.Name] = true })
	var want []string
	for _, n := range helpFlags(t) {
		if !ours[n] {
			want = append(want, n)
		}
	}
	var got []string
	isBool := map[string]bool{}
	for _, cf := range checkerFlags {
		got = append(got, cf.name)
		isBool[cf.name] = cf.isBool
	}
	slices.Sort(got)
	require.Equal(t, want, got)

	// -flags tells go vet which flags are boolean.
	r := cqrslint(t, ".", "-flags")
	require.Equal(t, 0, r.code, r.stderr)
	var flags []struct {
		Name string
		Bool bool
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &flags))
	seen := map[string]bool{}
	for _, f := range flags {
		seen[f.Name] = true
		if b, ok := isBool[f.Name]; ok {
			require.Equal(t, f.Bool, b, "-%s", f.Name)
		}
	}
	// go vet passes on only the flags -flags lists.
	for _, n := range driverFlagNames {
		require.True(t, seen[n], "-flags lists -%s", n)
	}
}

// TestVersion checks both version flags of the command: -V=full stays
// go/analysis's answer, which go vet parses and keys its cache by, and
// -version prints cqrslint's own version (the test binary carries no VCS
// information: "devel").
func TestVersion(t *testing.T) {
	r := cqrslint(t, ".", "-V=full")
	require.Equal(t, 0, r.code, r.stderr)
	require.Regexp(t, `^\S+ version devel .*buildID=[0-9a-f]+\n$`, r.stdout)

	r = cqrslint(t, ".", "-version")
	require.Equal(t, 0, r.code, r.stderr)
	require.Equal(t, currentVersion().String()+"\n", r.stdout)
	require.Regexp(t, `^cqrslint devel \(go1\.\d+`, r.stdout)
	require.Empty(t, r.stderr)

	r = cqrslint(t, ".", "-version", "-format=xml", "./...")
	require.Equal(t, 0, r.code, "-version answers before the driver flags are checked: %s", r.stderr)
}

// TestGoVet runs the command under go vet -vettool: the driver flags are
// accepted and ignored, analyzer flags work.
func TestGoVet(t *testing.T) {
	t.Parallel() // a process of its own: overlaps the others
	if testing.Short() {
		t.Skip("runs go vet")
	}
	exe := tool(t)
	dir := shop(t)
	for _, args := range [][]string{
		{"vet", "-vettool=" + exe, "-strict", "-disable=unused-computed",
			"-format=sarif", "-stats", "-baseline=missing.json", "-write-baseline=out.json", "./..."},
		{"vet", "-vettool=" + exe, "-json", "-format=xml", "./..."}, // not even checked
	} {
		r := runProcess(t, dir, "go", args...)
		require.Equal(t, 0, r.code, "%v:\n%s", args, r.stderr)
		require.NotContains(t, r.stdout, `"$schema"`, "no SARIF under go vet")
		_, err := os.Stat(filepath.Join(dir, "out.json"))
		require.True(t, os.IsNotExist(err), "no baseline written under go vet")
	}
}

// TestCommand runs the real analyzer through the real command line.
func TestCommand(t *testing.T) {
	dir := shop(t)

	r := cqrslint(t, dir, "-format=sarif", "-stats", "./...")
	require.Equal(t, 0, r.code, r.stderr)
	rep, err := sarif.FromString(r.stdout)
	require.NoError(t, err)
	require.NoError(t, rep.Validate())
	require.Contains(t, r.stderr, "cqrslint stats for 2 packages:")
	version := currentVersion().Version
	require.Equal(t, version, *rep.Runs[0].Tool.Driver.Version, "SARIF carries -version's version")
	require.Contains(t, r.stderr, "cqrslint version "+version+"\n", "so does -stats")

	r = cqrslint(t, dir, "./...")
	require.Equal(t, 0, r.code, r.stderr)

	for _, args := range [][]string{
		{"-format=xml", "./..."},
		{"-baseline=missing.json", "./..."},
		{"-nosuchflag", "./..."},
		{"-disable=nosuchrule", "./..."},
	} {
		r := cqrslint(t, dir, args...)
		require.Equal(t, 2, r.code, "%v", args)
		require.Len(t, lines(r.stderr), 1, "%v: one line: %s", args, r.stderr)
		require.Empty(t, r.stdout)
	}
}
