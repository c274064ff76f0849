package analyzer

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// This file summarises which function parameters a function calls while
// it runs: withTx(ctx, fn) calls fn before it returns, register(fn) only
// keeps fn for later, and go fn() runs it elsewhere. A function literal
// runs in place only when it is called directly (not by a go statement)
// or handed to such a parameter; only then are its writes its parent's.

// syncParamsFact marks a function that calls some of its func-typed
// parameters synchronously: Params are their indices.
type syncParamsFact struct {
	Params []int
}

func (*syncParamsFact) AFact()         {}
func (*syncParamsFact) String() string { return "calls its func parameters in place" }

// findSyncParams computes, for every function declared in the package,
// the indices of the parameters it calls synchronously: directly, in a
// defer, or by handing them to a transaction runner or another function
// that does. Exported functions are summarised as facts.
func (st *state) findSyncParams() {
	info := st.pass.TypesInfo
	type fnBody struct {
		fn   *types.Func
		decl *ast.FuncDecl
	}
	var fns []fnBody
	for _, f := range st.pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			if fn, ok := info.Defs[fd.Name].(*types.Func); ok && hasFuncParam(fn) {
				fns = append(fns, fnBody{fn, fd})
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, b := range fns {
			sig := b.fn.Type().(*types.Signature)
			inPlace(b.decl.Body, func(call *ast.CallExpr) {
				// p(...): the parameter itself is called.
				if i := paramIndex(sig, identObj(info, call.Fun)); i >= 0 && !st.syncParams[b.fn][i] {
					st.markSync(b.fn, i)
					changed = true
				}
				// g(..., p, ...): handed to a function that calls it in place.
				callee, ok := typeutil.Callee(info, call).(*types.Func)
				if !ok {
					return
				}
				for j, a := range call.Args {
					i := paramIndex(sig, identObj(info, a))
					if i < 0 || st.syncParams[b.fn][i] || !st.callsInPlace(callee, j) {
						continue
					}
					st.markSync(b.fn, i)
					changed = true
				}
			})
		}
	}
	for _, b := range fns {
		ps := st.syncParams[b.fn]
		if len(ps) == 0 || !(b.fn.Exported() || isMethodOfExported(b.fn)) {
			continue
		}
		f := &syncParamsFact{}
		for i := range sigParams(b.fn) {
			if ps[i] {
				f.Params = append(f.Params, i)
			}
		}
		st.pass.ExportObjectFact(b.fn, f)
	}
}

func (st *state) markSync(fn *types.Func, i int) {
	if st.syncParams[fn] == nil {
		st.syncParams[fn] = map[int]bool{}
	}
	st.syncParams[fn][i] = true
}

// callsInPlace reports whether fn calls its argument at index arg in
// place: a transaction runner's function, a summarised parameter of this
// package, or one an imported package's fact names.
func (st *state) callsInPlace(fn *types.Func, arg int) bool {
	fn = fn.Origin()
	if txRunners()[fn.FullName()] {
		return true
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok {
		return false
	}
	i := arg
	if sig.Variadic() && i >= sig.Params().Len()-1 {
		return false
	}
	if fn.Pkg() == st.pass.Pkg {
		return st.syncParams[fn][i]
	}
	var f syncParamsFact
	if fn.Pkg() != nil && st.pass.ImportObjectFact(fn, &f) {
		for _, p := range f.Params {
			if p == i {
				return true
			}
		}
	}
	return false
}

// inPlace calls visit for every call that runs while body runs: it skips
// go statements and function literals (a literal's calls run when the
// literal does, which is decided where it is used).
func inPlace(body ast.Node, visit func(*ast.CallExpr)) {
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt, *ast.FuncLit:
			return false
		case *ast.CallExpr:
			visit(n)
		}
		return true
	})
}

func identObj(info *types.Info, e ast.Expr) types.Object {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	return info.Uses[id]
}

func hasFuncParam(fn *types.Func) bool {
	for _, p := range sigParams(fn) {
		if _, ok := p.Type().Underlying().(*types.Signature); ok {
			return true
		}
	}
	return false
}

func sigParams(fn *types.Func) []*types.Var {
	sig, ok := fn.Type().(*types.Signature)
	if !ok {
		return nil
	}
	out := make([]*types.Var, sig.Params().Len())
	for i := range out {
		out[i] = sig.Params().At(i)
	}
	return out
}
