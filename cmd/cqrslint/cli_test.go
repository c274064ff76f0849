package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/stretchr/testify/require"
)

// shop copies testdata/shop, a module with three fake findings, into a
// temporary directory the test may edit.
func shop(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "shop")
	require.NoError(t, os.CopyFS(dir, os.DirFS(filepath.Join(testdata, "shop"))))
	return dir
}

// testdata is the absolute path of testdata: tests change directory.
var testdata, _ = filepath.Abs("testdata")

type result struct {
	code           int
	stdout, stderr string
}

// cli runs the command in-process in dir with the fake analyzer.
func cli(t *testing.T, dir string, args ...string) result {
	t.Helper()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	c := &command{stdout: &stdout, stderr: &stderr, newAnalyzer: newFakeAnalyzer, version: "v0.0.0-test"}
	code, delegate := c.run(args)
	require.False(t, delegate, "%v should run cqrslint's driver", args)
	return result{code, stdout.String(), stderr.String()}
}

// findingLines drops the related-position lines ("pos: \tmessage") of
// text output.
func findingLines(s string) []string {
	var out []string
	for _, l := range lines(s) {
		if !strings.Contains(l, ": \t") {
			out = append(out, l)
		}
	}
	return out
}

func lines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func TestDelegation(t *testing.T) {
	for _, args := range [][]string{
		{"./..."},                              // plain singlechecker
		{"-json", "./..."},                     // singlechecker's JSON
		{"-strict", "./..."},                   // analyzer flag only
		{"-format=sarif", "/tmp/b001/vet.cfg"}, // go vet: driver flags ignored
		{"-flags"},
		{"-V=full"},
		{"-format=sarif", "-V=full"},
		{"-h"},
		{"-format=sarif", "-help"},
	} {
		var out bytes.Buffer
		c := &command{stdout: &out, stderr: &out, newAnalyzer: newFakeAnalyzer}
		code, delegate := c.run(args)
		require.True(t, delegate, "%v", args)
		require.Zero(t, code)
		require.Empty(t, out.String())
	}
}

func TestFormats(t *testing.T) {
	dir := shop(t)

	r := cli(t, dir, "-format=text", "./...")
	require.Equal(t, exitFindings, r.code)
	require.Empty(t, r.stdout)
	require.Equal(t, []string{
		"report/report.go:8:2: struct Order (store.go:6) is scanned with computed columns here and written elsewhere",
		"report/report.go:18:3: struct Order (store.go:6) is scanned with computed columns here and written elsewhere",
		"store/store.go:18:2: struct Order (store.go:6) is scanned with computed columns here and written elsewhere",
	}, findingLines(r.stderr))
	require.Contains(t, r.stderr, "store/store.go:18:2: struct Order (store.go:6) is scanned with computed columns here and written elsewhere\n"+
		"store/store.go:6:6: \tstruct Order declared here\n"+
		"store/store.go:18:2: \tscanned here\n")

	r = cli(t, dir, "-format=github", "./...")
	require.Equal(t, exitFindings, r.code)
	require.Empty(t, r.stderr)
	require.Equal(t, 3, checkAnnotations(t, r.stdout))
	require.Equal(t, "::warning file=store/store.go,line=18,col=2,title=cqrslint/god-struct::"+
		"struct Order (store.go:6) is scanned with computed columns here and written elsewhere", lines(r.stdout)[2])

	// Machine-readable reports exit 0 with findings, like go vet -json.
	r = cli(t, dir, "-format=json", "./...")
	require.Equal(t, exitClean, r.code, r.stderr)
	var tree map[string]map[string][]map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &tree))
	require.Len(t, tree["example.com/shop/report"]["cqrslint"], 2)
	require.Len(t, tree["example.com/shop/store"]["cqrslint"], 1)
	require.Equal(t, "god-struct", tree["example.com/shop/store"]["cqrslint"][0]["category"])

	// -json in the driver is -format=json.
	r2 := cli(t, dir, "-json", "-stats", "./...")
	require.Equal(t, r.stdout, r2.stdout)

	r = cli(t, dir, "-format=sarif", "./...")
	require.Equal(t, exitClean, r.code, r.stderr)
	rep, err := sarif.FromString(r.stdout)
	require.NoError(t, err)
	require.NoError(t, rep.Validate())
	require.Len(t, rep.Runs[0].Results, 3)
	res := rep.Runs[0].Results[2]
	require.Equal(t, "store/store.go", *res.Locations[0].PhysicalLocation.ArtifactLocation.URI)
	require.Equal(t, "struct Order ([store.go:6](1)) is scanned with computed columns here and written elsewhere", *res.Message.Text)
	require.Len(t, res.RelatedLocations, 2)
	require.Nil(t, res.BaselineState, "no baseline, no baseline state")
	require.Len(t, rep.Runs[0].Results[0].Fixes, 1, "the unused-computed fix")
}

func TestCleanPackages(t *testing.T) {
	dir := shop(t)
	writeFile(t, dir, "clean/clean.go", "package clean\n\nfunc F() {}\n")
	for _, format := range formats {
		r := cli(t, dir, "-format="+format, "./clean")
		require.Equal(t, exitClean, r.code, "%s: %s", format, r.stderr)
	}
}

func TestAnalyzerFlagsApply(t *testing.T) {
	r := cli(t, shop(t), "-strict", "-format=text", "./store")
	require.Equal(t, exitFindings, r.code)
	require.True(t, strings.HasSuffix(findingLines(r.stderr)[0], "written elsewhere (strict)"), r.stderr)
}

func TestStats(t *testing.T) {
	dir := shop(t)
	r := cli(t, dir, "-stats", "./...")
	require.Equal(t, exitFindings, r.code)
	require.Contains(t, squeeze(r.stderr), `cqrslint version v0.0.0-test
cqrslint stats for 2 packages:
 SQL call sites: 5
 resolved: 3
 skipped: 2
 dynamic query: 2
 reads with columns not mapped: 0
 findings: 3
`)

	writeFile(t, dir, "b.json", string(encodeBaseline(findingsOf(t, dir))))
	r = cli(t, dir, "-stats", "-format=sarif", "-baseline=b.json", "./store")
	require.Equal(t, exitClean, r.code)
	require.Contains(t, squeeze(r.stderr), `
 findings: 1
 in baseline: 1
 new: 0
 baseline entries not found: 2
`)
}

// squeeze collapses runs of spaces.
func squeeze(s string) string { return regexp.MustCompile(` +`).ReplaceAllString(s, " ") }

// findingsOf runs the driver on dir and returns what it found.
func findingsOf(t *testing.T, dir string) []finding {
	t.Helper()
	b := filepath.Join(t.TempDir(), "all.json")
	r := cli(t, dir, "-write-baseline="+b, "./...")
	require.Equal(t, exitClean, r.code, r.stderr)
	base, err := readBaseline(b)
	require.NoError(t, err)
	var fs []finding
	for k, n := range base {
		for range n {
			fs = append(fs, finding{Rule: k.Rule, PkgPath: k.Package, Func: k.Function, Message: k.Message})
		}
	}
	return fs
}

func TestBaselineWorkflow(t *testing.T) {
	dir := shop(t)
	base := filepath.Join(dir, ".cqrslint-baseline.json")

	// Adopt: record today's findings.
	r := cli(t, dir, "-write-baseline="+base, "./...")
	require.Equal(t, exitClean, r.code, r.stderr)
	require.Equal(t, "cqrslint: wrote 3 findings to "+base+"\n", r.stderr)
	require.Empty(t, r.stdout)
	data, err := os.ReadFile(base)
	require.NoError(t, err)
	require.Contains(t, string(data), `"function": "Store.Load"`)
	require.Contains(t, string(data), `"function": "Pager.Next"`)
	require.Contains(t, string(data), `"function": "Summary"`)
	require.Contains(t, string(data), `"message": "struct Order is scanned with computed columns here and written elsewhere"`)

	// Nothing new: clean.
	r = cli(t, dir, "-baseline="+base, "./...")
	require.Equal(t, exitClean, r.code, r.stderr)
	require.Empty(t, r.stderr)

	// Unrelated edits move every line, including the struct declaration
	// the messages point to: still suppressed.
	store := filepath.Join(dir, "store", "store.go")
	src, err := os.ReadFile(store)
	require.NoError(t, err)
	moved := strings.Replace(string(src), "package store\n",
		"package store\n\nimport \"fmt\"\n\n// Hello is new.\nfunc Hello() { fmt.Println(\"hello\") }\n", 1)
	require.NoError(t, os.WriteFile(store, []byte(moved), 0o644))
	r = cli(t, dir, "-format=text", "-baseline="+base, "./...")
	require.Equal(t, exitClean, r.code, r.stderr)
	require.Empty(t, r.stderr)

	// A new finding in a new function is reported, alone.
	added := moved + "\n// Audit reads orders.\nfunc Audit() {\n\t//fake:god-struct Order\n}\n"
	require.NoError(t, os.WriteFile(store, []byte(added), 0o644))
	r = cli(t, dir, "-format=text", "-baseline="+base, "./...")
	require.Equal(t, exitFindings, r.code)
	require.Len(t, findingLines(r.stderr), 1, r.stderr)
	require.Contains(t, r.stderr, "store/store.go:35:2: struct Order (store.go:11)")

	// A second identical finding in a baselined function is new too: the
	// baseline counts findings.
	twice := strings.Replace(moved, "\t//fake:god-struct Order\n", "\t//fake:god-struct Order\n\t//fake:god-struct Order\n", 1)
	require.NoError(t, os.WriteFile(store, []byte(twice), 0o644))
	r = cli(t, dir, "-format=github", "-baseline="+base, "./...")
	require.Equal(t, exitFindings, r.code)
	require.Len(t, lines(r.stdout), 1, r.stdout)
	require.Contains(t, r.stdout, "line=24,")

	// SARIF keeps the baselined findings, marked as suppressed.
	r = cli(t, dir, "-format=sarif", "-baseline="+base, "./...")
	require.Equal(t, exitClean, r.code)
	rep, err := sarif.FromString(r.stdout)
	require.NoError(t, err)
	require.NoError(t, rep.Validate())
	states := map[string]int{}
	for _, res := range rep.Runs[0].Results {
		states[*res.BaselineState]++
		if *res.BaselineState == "unchanged" {
			require.Len(t, res.Suppressions, 1)
			require.Equal(t, "external", *res.Suppressions[0].Kind)
			require.Equal(t, "in baseline "+base, *res.Suppressions[0].Justification)
		} else {
			require.Empty(t, res.Suppressions)
		}
	}
	require.Equal(t, map[string]int{"unchanged": 3, "new": 1}, states)

	// Re-recording over the old file takes the new finding in.
	r = cli(t, dir, "-baseline="+base, "-write-baseline="+base, "./...")
	require.Equal(t, exitClean, r.code, r.stderr)
	r = cli(t, dir, "-baseline="+base, "./...")
	require.Equal(t, exitClean, r.code, r.stderr)
}

func TestWriteBaselineNotOnErrors(t *testing.T) {
	dir := shop(t)
	base := writeFile(t, dir, "b.json", "previous content\n")
	writeFile(t, dir, "broken/broken.go", "package broken\n\nfunc F() { undefined() }\n")
	r := cli(t, dir, "-write-baseline=b.json", "./...")
	require.Equal(t, exitErrors, r.code)
	require.Contains(t, r.stderr, "undefined: undefined")
	require.Contains(t, r.stderr, "cqrslint: -write-baseline: b.json not written: the analysis had errors\n")
	data, err := os.ReadFile(base)
	require.NoError(t, err)
	require.Equal(t, "previous content\n", string(data))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		require.NotContains(t, e.Name(), ".tmp", "temporary file left behind")
	}
}

func TestLoadErrors(t *testing.T) {
	dir := shop(t)
	writeFile(t, dir, "broken/broken.go", "package broken\n\nfunc F() { undefined() }\n")
	for _, format := range formats {
		r := cli(t, dir, "-format="+format, "./...")
		require.Equal(t, exitErrors, r.code, format)
		switch format {
		case formatGitHub:
			require.Contains(t, r.stdout, "::error title=cqrslint::example.com/shop/broken: ")
		case formatSARIF:
			rep, err := sarif.FromString(r.stdout)
			require.NoError(t, err)
			require.NoError(t, rep.Validate())
			require.False(t, *rep.Runs[0].Invocations[0].ExecutionSuccessful)
			require.Len(t, rep.Runs[0].Results, 3, "findings of the other packages are still reported")
			fallthrough
		default:
			require.Contains(t, r.stderr, "cqrslint: example.com/shop/broken: ")
			require.Contains(t, r.stderr, "undefined: undefined")
		}
	}

	r := cli(t, dir, "-format=text", "./nosuchdir/...")
	require.Equal(t, exitErrors, r.code)
	require.NotEmpty(t, r.stderr)
}

func TestUsageErrors(t *testing.T) {
	dir := shop(t)
	writeFile(t, dir, "bad.json", "{not json")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-format=xml", "./..."}, `cqrslint: -format: unknown format "xml" (want text, json, sarif, github)`},
		{[]string{"-format=", "./..."}, `cqrslint: -format: unknown format "" (want text, json, sarif, github)`},
		{[]string{"-nosuchflag", "./..."}, "cqrslint: flag provided but not defined: -nosuchflag (see cqrslint -h)"},
		{[]string{"-stats=maybe", "./..."}, `cqrslint: invalid boolean value "maybe" for -stats: parse error (see cqrslint -h)`},
		{[]string{"-baseline=missing.json", "./..."}, "cqrslint: -baseline: open missing.json: no such file or directory"},
		{[]string{"-baseline=bad.json", "./..."}, "cqrslint: -baseline: bad.json: malformed baseline: invalid character 'n' looking for beginning of object key string"},
		{[]string{"-write-baseline=nodir/b.json", "./..."}, "cqrslint: -write-baseline: cannot write nodir/b.json: no such file or directory"},
		{[]string{"-json", "-format=sarif", "./..."}, "cqrslint: -json conflicts with -format=sarif"},
		{[]string{"-fix", "-write-baseline=b.json", "./..."}, "cqrslint: -fix and -diff cannot be combined with -write-baseline"},
		{[]string{"-diff", "-format=json", "./..."}, "cqrslint: -diff prints the diff on standard output: it cannot be combined with -format=json"},
		{[]string{"-fix=maybe", "./..."}, `cqrslint: invalid boolean value "maybe" for -fix`},
		{[]string{"-c=2", "-stats", "./..."}, "cqrslint: -c cannot be combined with -format, -stats, -baseline or -write-baseline"},
		{[]string{"-format=sarif"}, "cqrslint: no packages to analyze (usage: cqrslint [-flag] package...)"},
		{[]string{"-test=sometimes", "-stats", "./..."}, `cqrslint: invalid boolean value "sometimes" for -test`},
	} {
		t.Chdir(dir)
		var stdout, stderr bytes.Buffer
		c := &command{stdout: &stdout, stderr: &stderr, newAnalyzer: newFakeAnalyzer}
		code, delegate := c.run(tc.args)
		require.False(t, delegate, "%v", tc.args)
		require.Equal(t, exitUsage, code, "%v: %s", tc.args, stderr.String())
		require.Equal(t, tc.want+"\n", stderr.String(), "%v", tc.args)
		require.Empty(t, stdout.String())
	}
	_, err := os.Stat(filepath.Join(dir, "nodir"))
	require.True(t, os.IsNotExist(err))
}

func TestTestsFlag(t *testing.T) {
	dir := shop(t)
	writeFile(t, dir, "store/store_test.go", "package store\n\nfunc helper() {\n\t//fake:god-struct Order\n}\n")
	r := cli(t, dir, "-format=text", "-test=false", "./store")
	require.Len(t, findingLines(r.stderr), 1, "-test=false leaves test files out")
	// Test packages are loaded by default, as in singlechecker. The package
	// and its test variant both report store.go's finding: reported once.
	r = cli(t, dir, "-format=text", "./store")
	require.Len(t, findingLines(r.stderr), 2, r.stderr)
}
