package analyzer

// This file finds where a prepared statement comes from: the call that
// prepared it, through a local variable assigned once, a struct field of
// this package assigned once (a repository that prepares its statements
// at start-up; unexported, so that no other package sets it), or a
// transaction's copy of either (tx.Stmtx(stmt)).

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// stmtSite returns the call site that prepared the statement e holds,
// or nil when that call is not known.
func (st *state) stmtSite(e ast.Expr, depth int) *callSite {
	if depth > maxResolveDepth {
		return nil
	}
	var value ast.Expr
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := st.pass.TypesInfo.Uses[e].(*types.Var)
		if !ok || v.IsField() {
			return nil
		}
		for _, u := range st.uses.of(v) {
			if u.kind == useOther || u.kind == useAppend {
				return nil // &stmt, or something we cannot follow
			}
		}
		as := st.uses.assignments(v)
		if len(as) != 1 || (as[0].kind == useTuple && as[0].index != 0) {
			return nil
		}
		value = as[0].value
	case *ast.SelectorExpr:
		sel, ok := st.pass.TypesInfo.Selections[e]
		if !ok || sel.Kind() != types.FieldVal {
			return nil
		}
		v, ok := sel.Obj().(*types.Var)
		if !ok || v.Pkg() != st.pass.Pkg || v.Exported() {
			return nil // another package's field, or an exported one, may be set elsewhere
		}
		vals := st.fieldWrites()[v]
		if len(vals) != 1 || vals[0] == nil {
			return nil
		}
		value = vals[0]
	case *ast.CallExpr:
		value = e
	default:
		return nil
	}
	call, ok := ast.Unparen(value).(*ast.CallExpr)
	if !ok {
		return st.stmtSite(value, depth+1) // stmt := other
	}
	for _, p := range st.sites {
		if p.call == call && p.entry.kind == kindPrepare {
			return p
		}
	}
	fn, ok := typeutil.Callee(st.pass.TypesInfo, call).(*types.Func)
	if !ok {
		return nil
	}
	if i, ok := stmtPassThrough()[fn.Origin().FullName()]; ok && i < len(call.Args) && !call.Ellipsis.IsValid() {
		return st.stmtSite(call.Args[i], depth+1)
	}
	return nil
}

// fieldWrites returns the values assigned to each struct field of this
// package anywhere in the package: r.f = v, r.f, err = prepare(...),
// T{f: v}, T{v, ...}. A write whose value cannot be told (the address
// taken, a later result of a tuple) is recorded as nil.
func (st *state) fieldWrites() map[*types.Var][]ast.Expr {
	if st.fieldValues != nil {
		return st.fieldValues
	}
	info := st.pass.TypesInfo
	m := map[*types.Var][]ast.Expr{}
	field := func(e ast.Expr) *types.Var {
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		if !ok {
			return nil
		}
		s, ok := info.Selections[sel]
		if !ok || s.Kind() != types.FieldVal {
			return nil
		}
		v, _ := s.Obj().(*types.Var)
		return v
	}
	for cur := range st.root.Preorder((*ast.AssignStmt)(nil), (*ast.CompositeLit)(nil), (*ast.UnaryExpr)(nil), (*ast.IncDecStmt)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				v := field(l)
				if v == nil {
					continue
				}
				switch {
				case n.Tok != token.ASSIGN && n.Tok != token.DEFINE:
					m[v] = append(m[v], nil)
				case len(n.Lhs) == len(n.Rhs):
					m[v] = append(m[v], n.Rhs[i])
				case len(n.Rhs) == 1 && i == 0:
					m[v] = append(m[v], n.Rhs[0]) // r.stmt, err = db.Prepare(q)
				default:
					m[v] = append(m[v], nil)
				}
			}
		case *ast.UnaryExpr:
			if v := field(n.X); v != nil && n.Op == token.AND {
				m[v] = append(m[v], nil)
			}
		case *ast.IncDecStmt:
			if v := field(n.X); v != nil {
				m[v] = append(m[v], nil)
			}
		case *ast.CompositeLit:
			s := structOf(info.TypeOf(n))
			if s == nil {
				continue
			}
			for i, elt := range n.Elts {
				if kv, ok := elt.(*ast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*ast.Ident); ok {
						if v, ok := info.Uses[id].(*types.Var); ok && v.IsField() {
							m[v] = append(m[v], kv.Value)
						}
					}
					continue
				}
				if i < s.NumFields() {
					m[s.Field(i)] = append(m[s.Field(i)], elt)
				}
			}
		}
	}
	st.fieldValues = m
	return m
}
