package analyzer

// This file learns the package's query-builder helpers: functions that
// take a builder and return it with only neutral calls applied (a Where
// from a filter, a snapshot condition), so that a builder passed through
// them keeps its known select list. They are learned, not listed, and
// carried to importing packages as facts.

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
)

// builderPassFact marks a function whose first result is its builder
// parameter Param with only neutral builder calls applied.
type builderPassFact struct {
	Param int
}

func (*builderPassFact) AFact()         {}
func (*builderPassFact) String() string { return "builder pass-through" }

// opRoot is the builder parameter of a helper being learned.
const opRoot builderOp = -1

// newResolver returns the pass's resolver of query text.
func (st *state) newResolver() *resolver {
	return &resolver{info: st.pass.TypesInfo, uses: st.uses, helpers: st.builderHelpers, passThrough: st.passThrough, outside: st.outside, decl: st.declOf, importHelper: func(fn *types.Func) (int, bool) {
		var f builderPassFact
		if fn.Pkg() == nil || fn.Pkg() == st.pass.Pkg || !st.pass.ImportObjectFact(fn, &f) {
			return 0, false
		}
		return f.Param, true
	}}
}

// learnBuilderHelpers finds the package's builder pass-through helpers
// and exports a fact for each exported one.
func (st *state) learnBuilderHelpers() {
	st.builderHelpers = map[*types.Func]int{}
	r := st.newResolver()
	for cur := range st.root.Preorder((*ast.FuncDecl)(nil)) {
		decl := cur.Node().(*ast.FuncDecl)
		fn, ok := st.pass.TypesInfo.Defs[decl.Name].(*types.Func)
		if !ok || decl.Body == nil {
			continue
		}
		i, ok := builderParam(fn)
		if !ok {
			continue
		}
		sig := fn.Type().(*types.Signature)
		if passesThrough(r, cur, sig.Params().At(i)) {
			st.builderHelpers[fn] = i
			if fn.Exported() || isMethodOfExported(fn) {
				st.pass.ExportObjectFact(fn, &builderPassFact{Param: i})
			}
		}
	}
}

// builderParam returns the index of fn's parameter of the type of its
// first result, a squirrel builder.
func builderParam(fn *types.Func) (int, bool) {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Results().Len() == 0 {
		return 0, false
	}
	res := sig.Results().At(0).Type()
	n, ok := types.Unalias(res).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != squirrel {
		return 0, false
	}
	switch n.Obj().Name() {
	case "SelectBuilder", "InsertBuilder", "UpdateBuilder", "DeleteBuilder":
	default:
		return 0, false
	}
	for i := 0; i < sig.Params().Len(); i++ {
		if types.Identical(sig.Params().At(i).Type(), res) {
			return i, true
		}
	}
	return 0, false
}

// passesThrough reports whether every return of the function at cur
// gives back param with only neutral builder calls applied.
func passesThrough(r *resolver, cur inspector.Cursor, param *types.Var) bool {
	learn := *r
	learn.root = param
	learn.memo = nil
	returns := 0
	for c := range cur.Preorder((*ast.ReturnStmt)(nil), (*ast.FuncLit)(nil)) {
		ret, ok := c.Node().(*ast.ReturnStmt)
		if !ok || enclosingFunc(c) != cur.Node() {
			continue
		}
		if len(ret.Results) == 0 {
			return false
		}
		bs, why := learn.builder(ret.Results[0], 0)
		if why != "" || len(bs) == 0 {
			return false
		}
		for _, b := range bs {
			if !b.untouched() {
				return false
			}
		}
		returns++
	}
	return returns > 0
}

// untouched reports whether b is a helper's builder parameter with only
// neutral calls applied.
func (b built) untouched() bool {
	return b.op == opRoot && !b.distinct && len(b.cols) == 0 && b.from == "" &&
		len(b.joins) == 0 && len(b.sets) == 0 && len(b.suffix) == 0
}

// rootValues returns what the helper's builder parameter may hold at the
// read at pos: the argument, unless an assignment replaces it, and the
// parameter's assignments before the read.
func (r *resolver) rootValues(v *types.Var, at token.Pos, depth int) ([]built, string) {
	var writes []use
	for _, u := range r.uses.of(v) {
		switch u.kind {
		case useRead:
		case useAssign:
			writes = append(writes, u)
		default:
			return nil, skipBuilderOrigin
		}
	}
	entry := &ast.Ident{NamePos: v.Pos()} // the value passed in, at the parameter
	var out []built
	if !r.replaced(writes, use{stmt: entry}, v, at) {
		out = append(out, built{op: opRoot})
	}
	return r.buildersOf(writes, out, depth, func(w use) bool {
		return w.stmt.End() <= at && !r.replaced(writes, w, v, at)
	})
}

// helperParam returns the builder parameter a call's callee passes
// through, if it is a learned helper.
func (r *resolver) helperParam(fn *types.Func) (int, bool) {
	if i, ok := r.helpers[fn]; ok {
		return i, true
	}
	if r.importHelper != nil {
		return r.importHelper(fn)
	}
	return 0, false
}
