package analyzer

// This file recognises a project's own reflection-based scanning helper:
// Get(dest any, query string, args ...any) that runs the query and fills
// dest's fields from the columns whose names equal their db tags. Such a
// helper is a wrapper whose callers' destinations are known by type, like
// sqlx's Get and Select.

import (
	"go/ast"
	"go/constant"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/types/typeutil"
)

// Reasons a read through a reflection-based helper cannot be mapped.
const (
	unmappedSpread      = "row scanned into a list of destinations built at run time (a spread slice, as in a reflection-based helper)"
	unmappedReflectDest = "reflection-based helper called with a destination that is not a struct or a slice of structs"
)

// reflectDest returns the index of fn's destination parameter when fn is
// a reflection-based scanning helper: one parameter of an empty interface
// type, never assigned, handed to a function of package reflect, and a
// body that reads struct tags under the constant key "db".
func (st *state) reflectDest(fn *types.Func) (int, bool) {
	fd := st.declOf(fn)
	if fd == nil || fd.Body == nil {
		return -1, false
	}
	sig := fn.Type().(*types.Signature)
	dest := -1
	for i := 0; i < sig.Params().Len(); i++ {
		if sig.Variadic() && i == sig.Params().Len()-1 {
			break
		}
		if it, ok := sig.Params().At(i).Type().Underlying().(*types.Interface); ok && it.Empty() {
			if dest >= 0 {
				return -1, false // two candidates: which one is filled is not clear
			}
			dest = i
		}
	}
	if dest < 0 || st.reassigned(sig.Params().At(dest)) || !st.toReflect(sig.Params().At(dest)) {
		return -1, false
	}
	info := st.pass.TypesInfo
	byTag := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || byTag || len(call.Args) != 1 {
			return !byTag
		}
		if f, ok := typeutil.Callee(info, call).(*types.Func); ok && tagLookups()[f.FullName()] {
			if tv, ok := info.Types[call.Args[0]]; ok && tv.Value != nil && tv.Value.Kind() == constant.String && constant.StringVal(tv.Value) == "db" {
				byTag = true
			}
		}
		return !byTag
	})
	if !byTag {
		return -1, false
	}
	return dest, true
}

// toReflect reports whether v is passed to a function of package reflect
// (reflect.ValueOf(dest), reflect.TypeOf(dest)).
func (st *state) toReflect(v *types.Var) bool {
	for _, u := range st.uses.of(v) {
		if u.kind != useRead || u.ident.ParentEdgeKind() != edge.CallExpr_Args {
			continue
		}
		call := u.ident.Parent().Node().(*ast.CallExpr)
		if f, ok := typeutil.Callee(st.pass.TypesInfo, call).(*types.Func); ok && f.Pkg() != nil && f.Pkg().Path() == "reflect" {
			return true
		}
	}
	return false
}

// byTagSinks returns the sink of a call to a reflection-based helper: the
// struct its destination points to, or the element of the slice it
// points to.
func byTagSinks(call *ast.CallExpr, t types.Type) ([]sink, string) {
	elem := deref(t)
	if sl, ok := elem.Underlying().(*types.Slice); ok {
		elem = deref(sl.Elem())
	}
	if structOf(elem) == nil {
		return nil, unmappedReflectDest
	}
	return []sink{{pos: call.Pos(), mode: scanDBTag, typ: elem}}, ""
}
