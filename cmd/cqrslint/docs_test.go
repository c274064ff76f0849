package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/stretchr/testify/require"
)

// TestCIWorkflow runs the cqrslint commands of the GitHub Actions workflow
// without the action in docs/ci.md, and checks that the annotations have GitHub's format and
// that the SARIF file the workflow uploads is valid SARIF 2.1.0.
func TestCIWorkflow(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join(testdata, "..", "..", "..", "docs", "ci.md"))
	require.NoError(t, err)
	var workflow string
	for _, m := range regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllSubmatch(doc, -1) {
		if strings.Contains(string(m[1]), "go install") && strings.Contains(string(m[1]), "upload-sarif@") {
			workflow = string(m[1])
		}
	}
	require.NotEmpty(t, workflow, "docs/ci.md has a workflow without the action")

	require.Contains(t, workflow, "security-events: write")
	require.Contains(t, workflow, "uses: github/codeql-action/upload-sarif@")
	require.Contains(t, workflow, "run: go install github.com/cqrslint/cqrslint/cmd/cqrslint@")
	uploaded := regexp.MustCompile(`(?m)^\s+sarif_file: (\S+)$`).FindStringSubmatch(workflow)
	require.NotNil(t, uploaded, "the workflow uploads a sarif_file")

	// A module with findings in the baseline and one new finding.
	dir := shop(t)
	r := cli(t, dir, "-write-baseline=.cqrslint-baseline.json", "./...")
	require.Equal(t, 0, r.code, r.stderr)
	writeFile(t, dir, "store/audit.go", "package store\n\n// Audit reads orders.\nfunc Audit() {\n\t//fake:god-struct Order\n}\n")

	var ran []string
	for _, cmdline := range regexp.MustCompile(`(?m)^\s+run: (cqrslint .*)$`).FindAllStringSubmatch(workflow, -1) {
		args := strings.Fields(cmdline[1])[1:]
		var out string
		if i := slices.Index(args, ">"); i >= 0 {
			require.Len(t, args, i+2, cmdline[1])
			out = args[i+1]
			args = args[:i]
		}
		r := cli(t, dir, args...)
		switch {
		case strings.Contains(cmdline[1], "-format=github"):
			require.Equal(t, exitFindings, r.code, "%s: the gate fails on the new finding\n%s", cmdline[1], r.stderr)
			require.Equal(t, 1, checkAnnotations(t, r.stdout), "only the new finding is annotated")
			require.Contains(t, r.stdout, "::warning file=store/audit.go,line=5,col=2,title=cqrslint/god-struct::")
		case strings.Contains(cmdline[1], "-format=sarif"):
			require.Equal(t, exitClean, r.code, "%s: SARIF exits 0 so that the upload runs\n%s", cmdline[1], r.stderr)
			require.Equal(t, uploaded[1], out, "the SARIF step writes the file the upload step sends")
			rep, err := sarif.FromString(r.stdout)
			require.NoError(t, err)
			require.NoError(t, rep.Validate(), "SARIF 2.1.0 schema")
			require.Len(t, rep.Runs[0].Results, 4)
		default:
			t.Fatalf("unexpected command in docs/ci.md: %s", cmdline[1])
		}
		ran = append(ran, cmdline[1])
	}
	require.Len(t, ran, 2, "docs/ci.md runs cqrslint twice: annotations and SARIF")
}

// TestCIActionDoc checks docs/ci.md's one-step workflow and its input
// table against action.yml.
func TestCIActionDoc(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join(repoRoot(), "docs", "ci.md"))
	require.NoError(t, err)
	m := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindSubmatch(doc)
	require.NotNil(t, m)
	workflow := string(m[1])
	require.Contains(t, workflow, "security-events: write")
	require.Regexp(t, `(?m)^\s+- uses: cqrslint/cqrslint@\S+`, workflow)
	with := regexp.MustCompile(`(?m)^\s+([a-z-]+): \S+`).FindAllStringSubmatch(workflow[strings.Index(workflow, "with:"):], -1)
	a := readAction(t)
	for _, w := range with {
		require.Contains(t, a.Inputs, w[1], "the workflow's with: %s is an input of action.yml", w[1])
	}

	documented := map[string]string{}
	for _, row := range regexp.MustCompile("(?m)^\\| `([a-z-]+)` \\| ([^|]+) \\|").FindAllStringSubmatch(string(doc), -1) {
		documented[row[1]] = strings.TrimSpace(row[2])
	}
	require.Len(t, documented, len(a.Inputs), "docs/ci.md's input table lists action.yml's inputs")
	for name, in := range a.Inputs {
		def, ok := documented[name]
		require.True(t, ok, "docs/ci.md documents input %s", name)
		if *in.Default == "" {
			require.Equal(t, "none", def, name)
		} else {
			require.Equal(t, "`"+*in.Default+"`", def, name)
		}
	}
}
