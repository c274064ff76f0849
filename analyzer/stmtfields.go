package analyzer

// This file finds the text of statements held in struct fields, prepared
// once and used in many methods: a field tagged with a named query
// (query:"get-user", filled by goyesql's ScanToStruct from named-query
// files), or an unexported field that the package assigns only the
// results of prepare calls with known text.

import (
	"go/ast"
	"go/token"
	"go/types"
)

// fieldWrites is what the package assigns to one struct field.
type fieldWrites struct {
	values  []ast.Expr // assigned values; a prepare call for a tuple (stmt, err)
	escapes bool       // its address is taken, or it is assigned in a way not followed
}

// fieldStmtTexts returns the texts of the statement a prepared
// statement's method call s is called on, when that statement is a
// struct field (ok is false otherwise).
func (st *state) fieldStmtTexts(s *callSite, r *resolver, depth int) ([]string, string, bool) {
	sel, ok := ast.Unparen(s.call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, "", false
	}
	recv, ok := ast.Unparen(sel.X).(*ast.SelectorExpr)
	if !ok {
		return nil, "", false
	}
	if name, ok := queryTagName(st.pass.TypesInfo, recv); ok {
		texts, why := st.outside.namedText(name)
		return texts, why, true
	}
	f, ok := st.pass.TypesInfo.Uses[recv.Sel].(*types.Var)
	if !ok || !f.IsField() || f.Pkg() != st.pass.Pkg || f.Exported() {
		return nil, "", false
	}
	w := st.fieldWritesOf(f)
	if w == nil || w.escapes || len(w.values) == 0 {
		return nil, "", false
	}
	var out []string
	partial := false
	for _, v := range w.values {
		p := st.prepareCall(v)
		if p == nil {
			return nil, skipUnknownPrepared, true
		}
		texts, why := st.siteTexts(p, r, depth+1)
		if why != "" {
			return nil, why, true
		}
		partial = partial || r.partial
		out = append(out, texts...)
	}
	if len(out) > maxTexts {
		return nil, skipTooManyTexts, true
	}
	r.partial = partial
	return dedup(out), "", true
}

// fieldWritesOf returns what the package assigns to field f.
func (st *state) fieldWritesOf(f *types.Var) *fieldWrites {
	if st.fields == nil {
		st.fields = map[*types.Var]*fieldWrites{}
		at := func(v *types.Var) *fieldWrites {
			w := st.fields[v]
			if w == nil {
				w = &fieldWrites{}
				st.fields[v] = w
			}
			return w
		}
		info := st.pass.TypesInfo
		fieldOf := func(e ast.Expr) *types.Var {
			sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
			if !ok {
				return nil
			}
			if s, ok := info.Selections[sel]; ok && s.Kind() == types.FieldVal {
				return s.Obj().(*types.Var)
			}
			return nil
		}
		for cur := range st.root.Preorder((*ast.AssignStmt)(nil), (*ast.CompositeLit)(nil), (*ast.UnaryExpr)(nil), (*ast.IncDecStmt)(nil)) {
			switch n := cur.Node().(type) {
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					v := fieldOf(lhs)
					if v == nil {
						continue
					}
					w := at(v)
					switch {
					case n.Tok == token.ASSIGN && len(n.Lhs) == len(n.Rhs):
						w.values = append(w.values, n.Rhs[i])
					case n.Tok == token.ASSIGN && len(n.Rhs) == 1 && i == 0:
						w.values = append(w.values, n.Rhs[0]) // s.stmt, err = db.Prepare(q)
					default:
						w.escapes = true
					}
				}
			case *ast.CompositeLit:
				typ := info.TypeOf(n)
				if typ == nil {
					continue
				}
				t, ok := typ.Underlying().(*types.Struct)
				if !ok {
					continue
				}
				for i, elt := range n.Elts {
					if kv, ok := elt.(*ast.KeyValueExpr); ok {
						if id, ok := kv.Key.(*ast.Ident); ok {
							if v, ok := info.Uses[id].(*types.Var); ok && v.IsField() {
								at(v).values = append(at(v).values, kv.Value)
							}
						}
					} else if i < t.NumFields() {
						at(t.Field(i)).escapes = true // positional: not followed
					}
				}
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					if v := fieldOf(n.X); v != nil {
						at(v).escapes = true
					}
				}
			case *ast.IncDecStmt:
				if v := fieldOf(n.X); v != nil {
					at(v).escapes = true
				}
			}
		}
	}
	return st.fields[f]
}
