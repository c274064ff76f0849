package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"github.com/cqrslint/cqrslint/analyzer/internal/sqlinfo"
	"golang.org/x/tools/go/analysis"
)

// suggestFixes returns the fix for a finding when it is safe, else none.
// The fix removes computed columns nobody reads from the query's string
// literal and their destinations from the Scan call:
//
//   - unused-computed: the computed columns whose destinations are never
//     read;
//   - god-struct, where the struct is loaded in the write path's own
//     function and none of its computed fields is read there afterwards:
//     all its computed columns.
//
// The query must be one string literal without escapes, used as written
// (no placeholders rewritten), the cut text must parse again with exactly
// the other columns (sqlinfo.CutColumns), the columns must be scanned by
// position in one Scan call, and a local variable left without use must
// be declared alone by a var statement, which goes too. Anything else
// gets no fix.
func (st *state) suggestFixes(d *analysis.Diagnostic, s *callSite, targets []target, f *Finding) []analysis.SuggestedFix {
	if d.Pos != s.call.Pos() || f.WritePath == "" {
		return nil // the fix would edit another function's query
	}
	unread := st.unreadComputed(targets)
	if d.Category == RuleGodStruct {
		var own []unreadCol
		for _, u := range unread {
			if u.owner != nil && typeNameKey(u.owner) == f.StructPath {
				own = append(own, u)
			}
		}
		if len(own) != len(f.Computed) {
			return nil // a computed field is read, or scanned elsewhere
		}
		unread = own
	}
	if len(unread) == 0 {
		return nil
	}
	drop := make([]int, len(unread))
	cols := make([]string, len(unread))
	for i, u := range unread {
		drop[i], cols[i] = u.index, u.col.Name
	}

	lit, ok := ast.Unparen(s.sql).(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING || len(s.stmts) != 1 {
		return nil
	}
	text, err := strconv.Unquote(lit.Value)
	if err != nil || strings.ContainsAny(lit.Value, "\\\r") {
		return nil // escapes: offsets in the value are not offsets in the source
	}
	if prepared, _ := sqlinfo.Prepare(text); prepared != text {
		return nil
	}
	if _, err := sqlinfo.Analyze(text); err != nil {
		return nil
	}
	_, spans, err := sqlinfo.CutColumns(text, drop)
	if err != nil {
		return nil
	}
	var edits []analysis.TextEdit
	for _, sp := range spans {
		edits = append(edits, analysis.TextEdit{Pos: lit.Pos() + 1 + token.Pos(sp.Start), End: lit.Pos() + 1 + token.Pos(sp.End)})
	}

	scanEdits, ok := st.scanEdits(s, len(targets), drop)
	if !ok {
		return nil
	}
	edits = append(edits, scanEdits...)
	removed := map[*types.Var]int{}
	for _, u := range unread {
		removed[u.local]++
	}
	for _, u := range unread {
		if u.field != "" {
			if len(st.uses.of(u.local)) <= removed[u.local] {
				return nil // the struct value would be left unused
			}
			continue // the struct value keeps its other uses
		}
		e, ok := st.dropDecl(u.local)
		if !ok {
			return nil
		}
		edits = append(edits, e)
	}
	msg := "drop the computed " + plural(len(cols), "column") + " " + strings.Join(cols, ", ") +
		" from the query and " + plural(len(cols), "its") + " scan " + plural(len(cols), "destination")
	return []analysis.SuggestedFix{{Message: msg, TextEdits: edits}}
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	if word == "its" {
		return "their"
	}
	return word + "s"
}

// scanEdits removes the destinations numbered drop from the one
// positional scan of the site's columns.
func (st *state) scanEdits(s *callSite, ncols int, drop []int) ([]analysis.TextEdit, bool) {
	sinks, why := st.findSinks(s)
	if why != "" || len(sinks) != 1 || sinks[0].mode != scanPositional || len(sinks[0].args) != ncols {
		return nil, false
	}
	args := sinks[0].args
	dropped := make([]bool, len(args))
	for _, i := range drop {
		dropped[i] = true
	}
	last := -1
	for i := range args {
		if !dropped[i] {
			last = i
		}
	}
	if last < 0 {
		return nil, false
	}
	var edits []analysis.TextEdit
	for i := 0; i < last; i++ {
		if dropped[i] {
			edits = append(edits, analysis.TextEdit{Pos: args[i].Pos(), End: args[i+1].Pos()})
		}
	}
	if last < len(args)-1 {
		edits = append(edits, analysis.TextEdit{Pos: args[last].End(), End: args[len(args)-1].End()})
	}
	return mergeEdits(edits), true
}

// mergeEdits joins adjacent deletions, which must not overlap in a fix.
func mergeEdits(edits []analysis.TextEdit) []analysis.TextEdit {
	var out []analysis.TextEdit
	for _, e := range edits {
		if k := len(out) - 1; k >= 0 && e.Pos <= out[k].End {
			out[k].End = max(out[k].End, e.End)
			continue
		}
		out = append(out, e)
	}
	return out
}

// dropDecl removes the declaration of a local variable whose one use was
// a removed scan destination: `var v T`, alone on its line(s).
func (st *state) dropDecl(v *types.Var) (analysis.TextEdit, bool) {
	if len(st.uses.of(v)) != 1 {
		return analysis.TextEdit{}, false
	}
	var (
		found *ast.DeclStmt
		block []ast.Stmt
		index int
	)
	for _, f := range st.pass.Files {
		if v.Pos() < f.FileStart || v.Pos() > f.FileEnd {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if found != nil || n == nil || n.Pos() > v.Pos() || n.End() < v.Pos() {
				return false
			}
			b, ok := n.(*ast.BlockStmt)
			if !ok {
				return true
			}
			for i, s := range b.List {
				ds, ok := s.(*ast.DeclStmt)
				if !ok || ds.Pos() > v.Pos() || ds.End() < v.Pos() {
					continue
				}
				gd, ok := ds.Decl.(*ast.GenDecl)
				if !ok || gd.Tok != token.VAR || len(gd.Specs) != 1 {
					return false
				}
				vs, ok := gd.Specs[0].(*ast.ValueSpec)
				if !ok || len(vs.Names) != 1 || len(vs.Values) != 0 || vs.Names[0].Pos() != v.Pos() {
					return false
				}
				found, block, index = ds, b.List, i
				return false
			}
			return true
		})
	}
	if found == nil {
		return analysis.TextEdit{}, false
	}
	tf := st.pass.Fset.File(found.Pos())
	first, lastLine := tf.Line(found.Pos()), tf.Line(found.End())
	if index > 0 && tf.Line(block[index-1].End()) == first ||
		index+1 < len(block) && tf.Line(block[index+1].Pos()) == lastLine ||
		lastLine >= tf.LineCount() {
		return analysis.TextEdit{}, false
	}
	return analysis.TextEdit{Pos: tf.LineStart(first), End: tf.LineStart(lastLine + 1)}, true
}
