package main

import (
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"strconv"
	"strings"
)

// Output formats of -format.
const (
	formatText   = "text"
	formatJSON   = "json"
	formatSARIF  = "sarif"
	formatGitHub = "github"
)

var formats = []string{formatText, formatJSON, formatSARIF, formatGitHub}

// A report is everything a formatter prints: the findings (sorted; those in
// the baseline are marked) and the errors of one run.
type report struct {
	Analyzer string // analyzer name: the second key of the JSON tree
	Findings []finding
	Errors   []runError
	Root     string // directory paths are shown relative to
	Baseline string // -baseline file as given, or ""
	Version  string // cqrslint version for SARIF
}

// A runError is a package that failed to load or to be analyzed.
type runError struct {
	PkgID string // "" when not about one package
	Msg   string
}

func (r *report) reported() []finding {
	var out []finding
	for _, f := range r.Findings {
		if !f.InBaseline {
			out = append(out, f)
		}
	}
	return out
}

func writeReport(w io.Writer, format string, r *report) error {
	switch format {
	case formatText:
		return writeText(w, r)
	case formatJSON:
		return writeJSON(w, r)
	case formatSARIF:
		return writeSARIF(w, r)
	case formatGitHub:
		return writeGitHub(w, r)
	}
	return fmt.Errorf("unknown format %q", format)
}

// writeText prints each finding as "file:line:col: message", followed by
// its related positions as "file:line:col: \tmessage", like singlechecker
// and go vet, with paths relative to the root.
func writeText(w io.Writer, r *report) error {
	var b strings.Builder
	for _, f := range r.reported() {
		fmt.Fprintf(&b, "%s: %s\n", posString(r.Root, f.Posn), f.Message)
		if f.Explain != nil {
			fmt.Fprintf(&b, "%s: \t%s\n", posString(r.Root, f.Posn), f.Explain.line())
		}
		for _, rel := range f.Related {
			fmt.Fprintf(&b, "%s: \t%s\n", posString(r.Root, rel.Posn), rel.Message)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// posString is "file:line:col" with the file relative to root, like
// token.Position.String.
func posString(root string, p token.Position) string {
	if p.Filename == "" && p.Line == 0 {
		return "-"
	}
	s := relPath(root, p.Filename)
	if p.Line > 0 {
		s += ":" + strconv.Itoa(p.Line)
		if p.Column > 0 {
			s += ":" + strconv.Itoa(p.Column)
		}
	}
	return s
}

// writeJSON prints the JSON tree of go vet -json (package ID → analyzer →
// diagnostics or error), with the findings in the baseline left out.
func writeJSON(w io.Writer, r *report) error {
	type jsonEdit struct {
		Filename string `json:"filename"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		New      string `json:"new"`
	}
	type jsonFix struct {
		Message string     `json:"message"`
		Edits   []jsonEdit `json:"edits"`
	}
	type jsonRelated struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	}
	type jsonDiag struct {
		Category       string        `json:"category,omitempty"`
		Posn           string        `json:"posn"`
		End            string        `json:"end"`
		Message        string        `json:"message"`
		SuggestedFixes []jsonFix     `json:"suggested_fixes,omitempty"`
		Related        []jsonRelated `json:"related,omitempty"`
		Explain        *explanation  `json:"explain,omitempty"`
	}
	type jsonError struct {
		Err string `json:"error"`
	}
	tree := map[string]map[string]any{}
	add := func(id string, v any) {
		m, ok := tree[id]
		if !ok {
			m = map[string]any{}
			tree[id] = m
		}
		m[r.Analyzer] = v
	}
	diags := map[string][]jsonDiag{}
	for _, f := range r.reported() {
		d := jsonDiag{
			Category: f.Rule,
			Posn:     f.Posn.String(),
			End:      f.End.String(),
			Message:  f.messageWithExplain(),
			Explain:  f.Explain,
		}
		for _, fix := range f.Fixes {
			jf := jsonFix{Message: fix.Message}
			for _, e := range fix.Edits {
				jf.Edits = append(jf.Edits, jsonEdit{e.Posn.Filename, e.Posn.Offset, e.End.Offset, e.NewText})
			}
			d.SuggestedFixes = append(d.SuggestedFixes, jf)
		}
		for _, rel := range f.Related {
			d.Related = append(d.Related, jsonRelated{rel.Posn.String(), rel.End.String(), rel.Message})
		}
		diags[f.PkgID] = append(diags[f.PkgID], d)
	}
	for id, ds := range diags {
		add(id, ds)
	}
	for _, e := range r.Errors {
		if e.PkgID != "" {
			add(e.PkgID, jsonError{e.Msg})
		}
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

// writeGitHub prints one GitHub Actions workflow command per finding:
//
//	::warning file=PATH,line=L,col=C,title=cqrslint/RULE::MESSAGE
//
// and an ::error command per error. PATH is relative to the root (the
// repository root when run there); C counts UTF-16 code units, as in SARIF.
func writeGitHub(w io.Writer, r *report) error {
	var b strings.Builder
	src := newSourceCache()
	for _, f := range r.reported() {
		props := []string{"file=" + ghProperty(relPath(r.Root, f.Posn.Filename))}
		if f.Posn.Line > 0 {
			props = append(props, "line="+strconv.Itoa(f.Posn.Line))
			if f.Posn.Column > 0 {
				props = append(props, "col="+strconv.Itoa(src.utf16Column(f.Posn)))
			}
		}
		props = append(props, "title="+ghProperty(r.Analyzer+"/"+f.Rule))
		fmt.Fprintf(&b, "::warning %s::%s\n", strings.Join(props, ","), ghData(f.messageWithExplain()))
	}
	for _, e := range r.Errors {
		msg := e.Msg
		if e.PkgID != "" {
			msg = e.PkgID + ": " + msg
		}
		fmt.Fprintf(&b, "::error title=%s::%s\n", ghProperty(r.Analyzer), ghData(msg))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// ghData escapes the message of a workflow command as the Actions runner
// expects (toolkit's escapeData).
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a property value of a workflow command (toolkit's
// escapeProperty).
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// messageWithExplain is the message with the -explain line, if any, on a
// line of its own.
func (f finding) messageWithExplain() string {
	if f.Explain == nil {
		return f.Message
	}
	return f.Message + "\n" + f.Explain.line()
}
