package analyzer

// This file finds the text of a statement held in a struct field tagged
// with a named query (query:"get-user"), which goyesql's ScanToStruct
// fills from named-query files. Fields assigned a prepared statement in
// the package are followed in prepared.go.

import "go/ast"

// taggedStmtTexts returns the texts of the statement a prepared
// statement's method call s is called on, when that statement is a
// struct field tagged with a named query (ok is false otherwise).
func (st *state) taggedStmtTexts(s *callSite) ([]string, string, bool) {
	sel, ok := ast.Unparen(s.call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, "", false
	}
	recv, ok := ast.Unparen(sel.X).(*ast.SelectorExpr)
	if !ok {
		return nil, "", false
	}
	name, ok := queryTagName(st.pass.TypesInfo, recv)
	if !ok {
		return nil, "", false
	}
	texts, why := st.outside.namedText(name)
	return texts, why, true
}
