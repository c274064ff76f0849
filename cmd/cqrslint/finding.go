package main

import (
	"cmp"
	"go/ast"
	"go/token"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/cqrslint/cqrslint/analyzer"
)

// A finding is one diagnostic with every position resolved, ready for any
// output format. Formatters see findings only, never token.Pos.
type finding struct {
	Rule      string // the diagnostic's Category: a rule id
	PkgID     string // go/packages ID, the key of the JSON tree
	PkgPath   string // import path, part of the baseline key
	Func      string // enclosing function: "Recv.Method", "Func" or ""
	Posn, End token.Position
	Message   string
	Related   []relatedInfo
	Fixes     []fixInfo
	// InBaseline is set for a finding the -baseline file accounts for.
	InBaseline bool
	// Detail is the analyzer's structured form of the finding, nil when
	// there is none (detail.go).
	Detail *analyzer.Finding
	// Explain is what -explain learned from the database, or nil.
	Explain *explanation
}

type relatedInfo struct {
	Posn, End token.Position
	Message   string
}

type fixInfo struct {
	Message string
	Edits   []editInfo
}

type editInfo struct {
	Posn, End token.Position // Offset is set: edits are byte ranges
	NewText   string
}

// pkgInfo is what newFindings needs to know about the package a diagnostic
// was reported in.
type pkgInfo struct {
	ID, Path string
	Fset     *token.FileSet
	Files    []*ast.File
}

// newFindings resolves diags reported in pkg. rule is used for a
// diagnostic without a Category.
func newFindings(pkg pkgInfo, rule string, diags []analysis.Diagnostic) []finding {
	var out []finding
	for _, d := range diags {
		f := finding{
			Rule:    cmp.Or(d.Category, rule),
			PkgID:   pkg.ID,
			PkgPath: pkg.Path,
			Func:    enclosingFunc(pkg.Files, d.Pos),
			Posn:    pkg.Fset.Position(d.Pos),
			End:     endPosition(pkg.Fset, d.Pos, d.End),
			Message: d.Message,
		}
		for _, r := range d.Related {
			f.Related = append(f.Related, relatedInfo{
				Posn:    pkg.Fset.Position(r.Pos),
				End:     endPosition(pkg.Fset, r.Pos, r.End),
				Message: r.Message,
			})
		}
		for _, sf := range d.SuggestedFixes {
			fi := fixInfo{Message: sf.Message}
			for _, e := range sf.TextEdits {
				fi.Edits = append(fi.Edits, editInfo{
					Posn:    pkg.Fset.Position(e.Pos),
					End:     endPosition(pkg.Fset, e.Pos, e.End),
					NewText: string(e.NewText),
				})
			}
			f.Fixes = append(f.Fixes, fi)
		}
		out = append(out, f)
	}
	return out
}

// endPosition is the position of end, or of pos when end is not set.
func endPosition(fset *token.FileSet, pos, end token.Pos) token.Position {
	if !end.IsValid() {
		end = pos
	}
	return fset.Position(end)
}

// enclosingFunc names the innermost function declaration around pos:
// "Func", or "Recv.Method" for a method (the receiver's type name without
// pointer or type parameters). Function literals count as part of the
// declaration they are in. It is "" at package level.
func enclosingFunc(files []*ast.File, pos token.Pos) string {
	if !pos.IsValid() {
		return ""
	}
	for _, file := range files {
		if pos < file.FileStart || pos > file.FileEnd {
			continue
		}
		path, _ := astutil.PathEnclosingInterval(file, pos, pos)
		for _, n := range path {
			decl, ok := n.(*ast.FuncDecl)
			if !ok {
				continue
			}
			if decl.Recv == nil || len(decl.Recv.List) == 0 {
				return decl.Name.Name
			}
			if recv := recvTypeName(decl.Recv.List[0].Type); recv != "" {
				return recv + "." + decl.Name.Name
			}
			return decl.Name.Name
		}
		return ""
	}
	return ""
}

func recvTypeName(t ast.Expr) string {
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
		case *ast.ParenExpr:
			t = x.X
		case *ast.IndexExpr:
			t = x.X
		case *ast.IndexListExpr:
			t = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

// sortFindings orders findings by position, then rule and message, and
// drops exact duplicates (a file analyzed in both a package and its test
// variant reports the same finding twice).
func sortFindings(fs []finding) []finding {
	slices.SortStableFunc(fs, func(a, b finding) int {
		return cmp.Or(
			cmp.Compare(a.Posn.Filename, b.Posn.Filename),
			cmp.Compare(a.Posn.Offset, b.Posn.Offset),
			cmp.Compare(a.End.Offset, b.End.Offset),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return slices.CompactFunc(fs, func(a, b finding) bool {
		return a.Posn == b.Posn && a.End == b.End && a.Rule == b.Rule && a.Message == b.Message
	})
}

// relPath is filename relative to root with forward slashes when it is
// inside root, else filename unchanged.
func relPath(root, filename string) string {
	if root == "" || !filepath.IsAbs(filename) {
		return filepath.ToSlash(filename)
	}
	rel, err := filepath.Rel(root, filename)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(filename)
	}
	return filepath.ToSlash(rel)
}
