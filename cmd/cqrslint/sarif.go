package main

import (
	"crypto/sha256"
	"encoding/hex"
	"go/token"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

const (
	informationURI = "https://github.com/cqrslint/cqrslint"
	// srcRoot is the uriBaseId of every location inside the root.
	srcRoot = "%SRCROOT%"
	// fingerprintKey names cqrslint's line-independent fingerprint in
	// partialFingerprints: a hash of the baseline key and its occurrence.
	fingerprintKey = "cqrslintKey/v1"
)

func writeSARIF(w io.Writer, r *report) error {
	rep := buildSARIF(r)
	if err := rep.PrettyWrite(w); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// buildSARIF renders r as a SARIF 2.1.0 log with one run. Findings in the
// baseline are included, marked with an external suppression and
// baselineState "unchanged"; the others are "new" when a baseline is used.
func buildSARIF(r *report) *sarif.Report {
	src := newSourceCache()
	run := sarif.NewRunWithInformationURI(r.Analyzer, informationURI)
	if r.Version != "" {
		run.Tool.Driver.WithVersion(r.Version)
	}
	run.WithColumnKind("utf16CodeUnits")
	if r.Root != "" {
		run.WithOriginalUriBaseIds(map[string]sarif.ArtifactLocation{
			srcRoot: *sarif.NewArtifactLocation().WithURI(dirURI(r.Root)),
		})
	}
	for _, d := range catalogue() {
		run.AddRule(d.ID).
			WithName(ruleName(d.ID)).
			WithShortDescription(sarif.NewMultiformatMessageString().WithText(d.Short)).
			WithFullDescription(sarif.NewMultiformatMessageString().WithText(d.Full)).
			WithHelpURI(helpURI(d.ID)).
			WithHelp(sarif.NewMultiformatMessageString().
				WithText(d.Full + " See " + helpURI(d.ID)).
				WithMarkdown(d.Full + "\n\nSee [docs/rules/" + d.ID + ".md](" + helpURI(d.ID) + ").")).
			WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarif.LevelWarning)).
			WithProperties(sarif.NewPropertyBag().
				WithTags([]string{"maintainability", "performance", "sql"}).
				Add("precision", "high"))
	}

	seen := map[string]int{}
	for _, f := range r.Findings {
		res := run.CreateResultForRule(f.Rule).
			WithLevel(sarif.LevelWarning).
			AddLocation(location(r.Root, src, f.Posn, f.End, ""))
		for i, rel := range f.Related {
			res.AddRelatedLocation(location(r.Root, src, rel.Posn, rel.End, rel.Message).WithID(i + 1))
		}
		res.WithMessage(sarif.NewTextMessage(linkPositions(f.messageWithExplain(), f.Related)))
		if f.Explain != nil {
			res.WithProperties(sarif.NewPropertyBag().Add("explain", f.Explain))
		}

		k := keyOf(f)
		id := k.String()
		seen[id]++
		sum := sha256.Sum256([]byte(id))
		res.WithPartialFingerprints(map[string]string{
			fingerprintKey: hex.EncodeToString(sum[:16]) + ":" + strconv.Itoa(seen[id]),
		})

		for _, fix := range f.Fixes {
			res.AddFixe(sarifFix(r.Root, src, fix))
		}
		if r.Baseline != "" {
			if f.InBaseline {
				res.WithBaselineState("unchanged")
				res.AddSuppression(sarif.NewSuppression().
					WithKind("external").
					WithStatus("accepted").
					WithJustification("in baseline " + r.Baseline))
			} else {
				res.WithBaselineState("new")
			}
		}
	}

	inv := sarif.NewInvocation().WithExecutionSuccessful(len(r.Errors) == 0)
	if r.Root != "" {
		inv.WithWorkingDirectory(sarif.NewArtifactLocation().WithURI(dirURI(r.Root)))
	}
	for _, e := range r.Errors {
		msg := e.Msg
		if e.PkgID != "" {
			msg = e.PkgID + ": " + msg
		}
		inv.AddToolExecutionNotification(sarif.NewNotification().
			WithLevel(sarif.LevelError).
			WithMessage(sarif.NewTextMessage(msg)))
	}
	run.AddInvocation(inv)

	return sarif.NewReport().AddRun(run)
}

// ruleName turns "god-struct" into "GodStruct", the form SARIF viewers
// show as a rule's name.
func ruleName(id string) string {
	var b strings.Builder
	for part := range strings.SplitSeq(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

func location(root string, src *sourceCache, start, end token.Position, msg string) *sarif.Location {
	loc := sarif.NewLocationWithPhysicalLocation(sarif.NewPhysicalLocation().
		WithArtifactLocation(artifact(root, start.Filename)).
		WithRegion(region(src, start, end)))
	if msg != "" {
		loc.WithMessage(sarif.NewTextMessage(msg))
	}
	return loc
}

// artifact locates filename relative to %SRCROOT% when it is under root,
// else by an absolute file URI.
func artifact(root, filename string) *sarif.ArtifactLocation {
	rel := relPath(root, filename)
	if root != "" && !filepath.IsAbs(filepath.FromSlash(rel)) {
		u := url.URL{Path: rel}
		return sarif.NewArtifactLocation().WithURI(u.String()).WithURIBaseID(srcRoot)
	}
	return sarif.NewArtifactLocation().WithURI(fileURI(filename))
}

func fileURI(name string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(name)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path // Windows drive letters
	}
	return u.String()
}

func dirURI(dir string) string {
	s := fileURI(dir)
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s
}

// region is the text region from start to end, columns in UTF-16 code
// units (SARIF's default columnKind, which GitHub assumes).
func region(src *sourceCache, start, end token.Position) *sarif.Region {
	reg := sarif.NewRegion()
	if start.Line <= 0 {
		return reg
	}
	reg.WithStartLine(start.Line)
	if start.Column > 0 {
		reg.WithStartColumn(src.utf16Column(start))
	}
	// A point (a position without an end) leaves the end out: the region
	// then runs to the end of the line, which viewers can highlight.
	if end.Filename == start.Filename && end.Offset > start.Offset {
		reg.WithEndLine(end.Line)
		if end.Column > 0 {
			reg.WithEndColumn(src.utf16Column(end))
		}
	}
	return reg
}

func sarifFix(root string, src *sourceCache, fix fixInfo) *sarif.Fix {
	sf := sarif.NewFix().WithDescription(sarif.NewTextMessage(fix.Message))
	changes := map[string]*sarif.ArtifactChange{}
	var order []string
	for _, e := range fix.Edits {
		ch, ok := changes[e.Posn.Filename]
		if !ok {
			ch = sarif.NewArtifactChange().WithArtifactLocation(artifact(root, e.Posn.Filename))
			changes[e.Posn.Filename] = ch
			order = append(order, e.Posn.Filename)
		}
		ch.AddReplacement(sarif.NewReplacement().
			WithDeletedRegion(region(src, e.Posn, e.End)).
			WithInsertedContent(sarif.NewArtifactContent().WithText(e.NewText)))
	}
	for _, name := range order {
		sf.AddArtifactChange(changes[name])
	}
	return sf
}

// positionRE matches a position written into a message: "(orders.go:42)"
// or "(orders.go:42:7)".
var positionRE = regexp.MustCompile(`\(([^()\s]+\.go):(\d+)((?::\d+)?)\)`)

// linkPositions turns each "(file.go:NN)" in msg that names a related
// location into a SARIF embedded link to it, "([file.go:NN](id))", which
// code scanning shows as a link to that line.
func linkPositions(msg string, related []relatedInfo) string {
	if !positionRE.MatchString(msg) {
		return msg
	}
	escape := strings.Contains(msg, "](")
	var b strings.Builder
	last := 0
	for _, m := range positionRE.FindAllStringSubmatchIndex(msg, -1) {
		file, line := msg[m[2]:m[3]], msg[m[4]:m[5]]
		id := 0
		for i, rel := range related {
			if strconv.Itoa(rel.Posn.Line) == line &&
				(path.Base(filepath.ToSlash(rel.Posn.Filename)) == path.Base(file)) {
				id = i + 1
				break
			}
		}
		if id == 0 {
			continue
		}
		b.WriteString(escapeBrackets(msg[last:m[0]], escape))
		b.WriteString("([" + msg[m[2]:m[1]-1] + "](" + strconv.Itoa(id) + "))")
		last = m[1]
	}
	b.WriteString(escapeBrackets(msg[last:], escape))
	return b.String()
}

func escapeBrackets(s string, escape bool) string {
	if !escape {
		return s
	}
	return strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`).Replace(s)
}

// A sourceCache reads files to convert byte columns into UTF-16 columns.
type sourceCache struct {
	files map[string][]byte
}

func newSourceCache() *sourceCache { return &sourceCache{files: map[string][]byte{}} }

// utf16Column is p's column counted in UTF-16 code units (1-based). It is
// the byte column when the file cannot be read or does not match p.
func (c *sourceCache) utf16Column(p token.Position) int {
	data, ok := c.files[p.Filename]
	if !ok {
		data, _ = os.ReadFile(p.Filename)
		c.files[p.Filename] = data
	}
	lineStart := p.Offset - (p.Column - 1)
	if data == nil || lineStart < 0 || p.Offset > len(data) {
		return p.Column
	}
	n := 0
	for s := data[lineStart:p.Offset]; len(s) > 0; {
		r, size := utf8.DecodeRune(s)
		n += utf16.RuneLen(r)
		s = s[size:]
	}
	return n + 1
}
