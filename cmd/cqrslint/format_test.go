package main

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
)

// CQRSLINT_UPDATE_GOLDEN=1 go test rewrites the golden files. (Not a
// flag: the test binary doubles as the command, whose -h must list only
// the command's flags.)
var update = os.Getenv("CQRSLINT_UPDATE_GOLDEN") == "1"

// goldenReport is a fixed report built from fixed diagnostics on
// testdata/golden/orders.go: a god-struct finding with three related
// positions, an unused-computed finding with a fix and a message that
// needs escaping, one finding in the baseline, and one package error.
func goldenReport(t *testing.T) *report {
	t.Helper()
	root, err := filepath.Abs("testdata/golden")
	require.NoError(t, err)
	name := filepath.Join(root, "orders.go")
	src, err := os.ReadFile(name)
	require.NoError(t, err)
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, name, src, parser.ParseComments)
	require.NoError(t, err)
	tf := fset.File(file.Pos())
	at := func(substr string) token.Pos {
		i := bytes.Index(src, []byte(substr))
		require.GreaterOrEqual(t, i, 0, substr)
		return tf.Pos(i)
	}
	span := func(substr string) (token.Pos, token.Pos) {
		p := at(substr)
		return p, p + token.Pos(len(substr))
	}
	line := func(substr string) int { return fset.Position(at(substr)).Line }

	scanPos := at(`😀", o)`) + token.Pos(len(`😀", `))
	scanEnd := scanPos + 1
	writePos, writeEnd := span("r.write(o)")
	declPos := at("Order struct")
	dashPos := tf.Pos(bytes.LastIndex(src, []byte("return nil")))
	diags := []analysis.Diagnostic{
		{
			Pos: scanPos, End: scanEnd, Category: "god-struct",
			Message: "struct Order is scanned with computed column item_count here and written by Repo.write " +
				"(orders.go:" + strconv.Itoa(line("r.write(o)")) + "): split it into a command model and a query model",
			Related: []analysis.RelatedInformation{
				{Pos: scanPos, End: scanEnd, Message: "scanned with computed columns here"},
				{Pos: writePos, End: writeEnd, Message: "written here"},
				{Pos: declPos, Message: "struct Order declared here"},
			},
		},
		{
			Pos: dashPos, End: dashPos + 6, Category: "unused-computed",
			Message: "column item_count is 100% computed, never read:\nsee Dashboard, line " + strconv.Itoa(fset.Position(dashPos).Line),
			SuggestedFixes: []analysis.SuggestedFix{{
				Message:   "drop the column",
				TextEdits: []analysis.TextEdit{{Pos: dashPos, End: dashPos + 6, NewText: []byte("return []Order{}")}},
			}},
		},
		{
			Pos: writePos, End: writeEnd, Category: "god-struct",
			Message: "struct Order is written here and scanned with computed columns (orders.go:" + strconv.Itoa(line("r.scan(")) + ")",
			Related: []analysis.RelatedInformation{{Pos: scanPos, End: scanEnd, Message: "scanned here"}},
		},
	}
	pkg := pkgInfo{ID: "example.com/orders", Path: "example.com/orders", Fset: fset, Files: []*ast.File{file}}
	fs := sortFindings(newFindings(pkg, "cqrslint", diags))
	for i := range fs {
		if strings.HasPrefix(fs[i].Message, "struct Order is written") {
			fs[i].InBaseline = true
		}
	}
	return &report{
		Analyzer: "cqrslint",
		Findings: fs,
		Errors:   []runError{{PkgID: "example.com/broken", Msg: "broken.go:3:1: expected declaration, found oops"}},
		Root:     root,
		Baseline: ".cqrslint-baseline.json",
		Version:  "v1.2.3",
	}
}

// checkGolden compares got, with the root directory replaced by $ROOT,
// with testdata/golden/name, or rewrites it with -update.
func checkGolden(t *testing.T, root, name string, got []byte) {
	t.Helper()
	got = bytes.ReplaceAll(got, []byte(filepath.ToSlash(root)), []byte("$ROOT"))
	path := filepath.Join("testdata", "golden", name)
	if update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run CQRSLINT_UPDATE_GOLDEN=1 go test to create it")
	require.Equal(t, string(want), string(got), "golden file %s differs; CQRSLINT_UPDATE_GOLDEN=1 go test rewrites it", path)
}

func TestFormatGolden(t *testing.T) {
	for _, format := range formats {
		t.Run(format, func(t *testing.T) {
			r := goldenReport(t)
			var buf bytes.Buffer
			require.NoError(t, writeReport(&buf, format, r))
			checkGolden(t, r.Root, "want."+format, buf.Bytes())
		})
	}
}

func TestTextFormat(t *testing.T) {
	r := goldenReport(t)
	var buf bytes.Buffer
	require.NoError(t, writeText(&buf, r))
	// Two findings reported, the one in the baseline left out; paths are
	// relative to the root; related positions follow their finding.
	require.Equal(t, []string{
		"orders.go:15:32: struct Order is scanned with computed column item_count here and written by Repo.write (orders.go:16): split it into a command model and a query model",
		"orders.go:15:32: \tscanned with computed columns here",
		"orders.go:16:9: \twritten here",
		"orders.go:4:6: \tstruct Order declared here",
		"orders.go:25:2: column item_count is 100% computed, never read:",
		"see Dashboard, line 25",
	}, lines(buf.String()))
}

// annotationRE is the GitHub Actions workflow command for a finding.
var annotationRE = regexp.MustCompile(`^::warning file=[^,:%\r\n]+(?:%(?:25|0D|0A|3A|2C)[^,:%\r\n]*)*,line=[1-9][0-9]*,col=[1-9][0-9]*,title=cqrslint/[a-z-]+::[^\r\n]*$`)

// errorAnnotationRE is the workflow command for an error.
var errorAnnotationRE = regexp.MustCompile(`^::error title=cqrslint::[^\r\n]+$`)

func checkAnnotations(t *testing.T, out string) (warnings int) {
	t.Helper()
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if l == "" {
			continue
		}
		switch {
		case annotationRE.MatchString(l):
			warnings++
			// The message of a workflow command escapes only %, CR and LF.
			msg := l[strings.Index(l[2:], "::")+4:]
			require.NotRegexp(t, `%(?:[^20]|2[^5]|0[^DA])`, msg, "stray %% in %q", l)
		case errorAnnotationRE.MatchString(l):
		default:
			t.Errorf("not a GitHub annotation: %q", l)
		}
	}
	return warnings
}

func TestGitHubFormat(t *testing.T) {
	r := goldenReport(t)
	var buf bytes.Buffer
	require.NoError(t, writeGitHub(&buf, r))
	require.Equal(t, 2, checkAnnotations(t, buf.String()))
	require.Contains(t, buf.String(), "100%25 computed, never read:%0Asee Dashboard")
	require.Contains(t, buf.String(), "::error title=cqrslint::example.com/broken: broken.go:3:1: expected declaration, found oops")
}

func TestGitHubEscaping(t *testing.T) {
	require.Equal(t, "a%25b%0D%0Ac:d,e", ghData("a%b\r\nc:d,e"))
	require.Equal(t, "a%25b%0D%0Ac%3Ad%2Ce", ghProperty("a%b\r\nc:d,e"))
}

func TestSARIFFormat(t *testing.T) {
	r := goldenReport(t)
	var buf bytes.Buffer
	require.NoError(t, writeSARIF(&buf, r))
	rep, err := sarif.FromBytes(buf.Bytes())
	require.NoError(t, err)
	require.NoError(t, rep.Validate())

	run := rep.Runs[0]
	require.Equal(t, "cqrslint", *run.Tool.Driver.Name)
	require.Equal(t, "v1.2.3", *run.Tool.Driver.Version)
	require.Len(t, run.Tool.Driver.Rules, len(catalogue()))
	for _, rule := range run.Tool.Driver.Rules {
		require.Equal(t, "https://github.com/cqrslint/cqrslint/blob/main/docs/rules/"+*rule.ID+".md", *rule.HelpURI)
		require.NotEmpty(t, *rule.ShortDescription.Text)
		require.NotEmpty(t, *rule.FullDescription.Text)
	}

	// All three findings, the baselined one suppressed.
	require.Len(t, run.Results, 3)
	var suppressed, fixes int
	for _, res := range run.Results {
		require.Equal(t, "warning", res.Level)
		require.Equal(t, *res.RuleID, *run.Tool.Driver.Rules[res.RuleIndex].ID)
		loc := res.Locations[0].PhysicalLocation
		require.Equal(t, "orders.go", *loc.ArtifactLocation.URI)
		require.Equal(t, srcRoot, *loc.ArtifactLocation.URIBaseID)
		if len(res.Suppressions) > 0 {
			suppressed++
			require.Equal(t, "external", *res.Suppressions[0].Kind)
			require.Equal(t, "in baseline .cqrslint-baseline.json", *res.Suppressions[0].Justification)
			require.Equal(t, "unchanged", *res.BaselineState)
		} else {
			require.Equal(t, "new", *res.BaselineState)
		}
		fixes += len(res.Fixes)
	}
	require.Equal(t, 1, suppressed)
	require.Equal(t, 1, fixes)

	// The god-struct finding: related locations for scan, write and
	// declaration; its message links the written position to them.
	god := run.Results[0]
	require.Equal(t, "god-struct", *god.RuleID)
	require.Len(t, god.RelatedLocations, 3)
	require.Contains(t, *god.Message.Text, "([orders.go:16](2))")
	// Columns count UTF-16 code units: "😀" is two, "é" and "ö" one each.
	start := *god.Locations[0].PhysicalLocation.Region.StartColumn
	require.Equal(t, len([]rune("\tr.scan(\"héllo, wörld \", "))+2+1, start)

	// The error becomes a failed invocation with a notification.
	inv := run.Invocations[0]
	require.False(t, *inv.ExecutionSuccessful)
	require.Len(t, inv.ToolExecutionNotifications, 1)
}

func TestSARIFEmpty(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, writeSARIF(&buf, &report{Analyzer: "cqrslint", Root: t.TempDir()}))
	rep, err := sarif.FromBytes(buf.Bytes())
	require.NoError(t, err)
	require.NoError(t, rep.Validate())
	// GitHub needs "results" even when empty.
	require.Contains(t, buf.String(), `"results": []`)
}

func TestLinkPositions(t *testing.T) {
	rel := []relatedInfo{
		{Posn: token.Position{Filename: "/m/a/store.go", Line: 42}},
		{Posn: token.Position{Filename: "/m/b/app.go", Line: 7}},
	}
	for _, tc := range []struct{ in, want string }{
		{"written at (app.go:7)", "written at ([app.go:7](2))"},
		{"scanned (store.go:42:5) and (other.go:1)", "scanned ([store.go:42:5](1)) and (other.go:1)"},
		{"no positions", "no positions"},
		{"[]byte](x) at (store.go:42)", `\[\]byte\](x) at ([store.go:42](1))`},
	} {
		require.Equal(t, tc.want, linkPositions(tc.in, rel), tc.in)
	}
}
