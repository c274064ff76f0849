package analyzer

// This file learns the package's query-text pass-throughs: functions
// whose string result is a string parameter with constant text around it
// (q + " LIMIT $1"), rebound (s.db.Rebind(q)) or used as a fmt format
// (fmt.Sprintf(q, table)). A call to one resolves to its argument's texts,
// transformed the same way. They are learned, not listed, and carried to
// importing packages as facts.

import (
	"go/ast"
	"go/types"
	"strings"
)

// passThroughFact marks a function whose string result is its string
// parameter Param between Prefix and Suffix; with Format, the parameter
// is a fmt format whose verbs become holes.
type passThroughFact struct {
	Param          int
	Prefix, Suffix string
	Format         bool
}

func (*passThroughFact) AFact() {}
func (f *passThroughFact) String() string {
	s := "query pass-through"
	if f.Format {
		s += " (format)"
	}
	if f.Prefix != "" || f.Suffix != "" {
		s += " " + strings.TrimSpace(f.Prefix+"…"+f.Suffix)
	}
	return s
}

// The parameter of a pass-through being learned resolves to a marker,
// and to markerFormat once used as a fmt format.
const (
	passMarker       = "\x00param\x00"
	passMarkerFormat = "\x00format\x00"
)

// maxPassRounds bounds the rounds of learning: a pass-through that calls
// another one is learned in the round after it.
const maxPassRounds = 3

// apply returns text passed through the function.
func (f *passThroughFact) apply(text string) string {
	if f.Format {
		text = fillHoles(text)
	}
	return f.Prefix + text + f.Suffix
}

// learnPassThroughs finds the package's query-text pass-throughs and
// exports a fact for each exported one.
func (st *state) learnPassThroughs() {
	st.passThroughs = map[*types.Func]*passThroughFact{}
	// The candidates, found once: functions with a body and one string
	// result.
	type candidate struct {
		decl *ast.FuncDecl
		fn   *types.Func
	}
	var candidates []candidate
	for cur := range st.root.Preorder((*ast.FuncDecl)(nil)) {
		decl := cur.Node().(*ast.FuncDecl)
		fn, ok := st.pass.TypesInfo.Defs[decl.Name].(*types.Func)
		if !ok || decl.Body == nil {
			continue
		}
		if sig := fn.Type().(*types.Signature); sig.Results().Len() == 1 && isStringType(sig.Results().At(0).Type()) {
			candidates = append(candidates, candidate{decl, fn})
		}
	}
	for range maxPassRounds {
		learned := false
		for _, c := range candidates {
			decl, fn := c.decl, c.fn
			if st.passThroughs[fn] != nil {
				continue
			}
			sig := fn.Type().(*types.Signature)
			for i := 0; i < sig.Params().Len(); i++ {
				p := sig.Params().At(i)
				if !isStringType(p.Type()) || (sig.Variadic() && i == sig.Params().Len()-1) || st.reassigned(p) {
					continue
				}
				if f, ok := st.passesText(decl, p); ok {
					f.Param = i
					st.passThroughs[fn] = f
					if fn.Exported() || isMethodOfExported(fn) {
						st.pass.ExportObjectFact(fn, f)
					}
					learned = true
					break
				}
			}
		}
		if !learned {
			return
		}
	}
}

// passesText reports how every return of decl gives back p: the same
// constant text around it, in the same way.
func (st *state) passesText(decl *ast.FuncDecl, p *types.Var) (*passThroughFact, bool) {
	r := st.newResolver()
	r.param = p
	var f *passThroughFact
	for n := range ast.Preorder(decl.Body) {
		if _, ok := n.(*ast.FuncLit); ok {
			return nil, false // a return inside a literal is not this function's: keep it simple
		}
		ret, ok := n.(*ast.ReturnStmt)
		if !ok {
			continue
		}
		if len(ret.Results) != 1 {
			return nil, false
		}
		texts, why := r.expr(ret.Results[0], 0)
		if why != "" || len(texts) != 1 {
			return nil, false
		}
		g, ok := splitMarker(texts[0])
		if !ok || (f != nil && *f != *g) {
			return nil, false
		}
		f = g
	}
	return f, f != nil
}

// splitMarker reads a learned text: constant text around one marker.
func splitMarker(text string) (*passThroughFact, bool) {
	marker, format := passMarker, false
	if strings.Count(text, passMarker) == 0 {
		marker, format = passMarkerFormat, true
	}
	if strings.Count(text, passMarker)+strings.Count(text, passMarkerFormat) != 1 {
		return nil, false
	}
	before, after, _ := strings.Cut(text, marker)
	return &passThroughFact{Prefix: before, Suffix: after, Format: format}, true
}

// passThrough returns what fn does to a query text, if it is a learned
// pass-through of this package or, by fact, of another.
func (st *state) passThrough(fn *types.Func) (*passThroughFact, bool) {
	if f, ok := st.passThroughs[fn]; ok {
		return f, true
	}
	if fn.Pkg() == nil || fn.Pkg() == st.pass.Pkg {
		return nil, false
	}
	var f passThroughFact
	if !st.pass.ImportObjectFact(fn, &f) {
		return nil, false
	}
	return &f, true
}
