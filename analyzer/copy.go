package analyzer

// This file reads pgx's CopyFrom(ctx, pgx.Identifier{table}, columns,
// rows) as the INSERT it amounts to, so that a bulk load is a write of
// its table for the write side, and the struct fields it copies are
// bound into that table's columns.

import (
	"go/ast"
	"go/types"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/tools/go/types/typeutil"
)

// Skip reason for a CopyFrom whose table or columns are not constant.
const skipCopyTarget = "copy target not constant (table or columns)"

// copyFromSources are pgx's row sources whose values can be read:
// CopyFromRows([][]any{{...}}) and CopyFromSlice(n, func(i int) ([]any,
// error) { return []any{...}, nil }).
var copyFromSources = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"github.com/jackc/pgx/v5.CopyFromRows":  true,
		"github.com/jackc/pgx/v5.CopyFromSlice": true,
		"github.com/jackc/pgx/v4.CopyFromRows":  true,
		"github.com/jackc/pgx/v4.CopyFromSlice": true,
	}
})

// copyFromTypes are the parameter types of pgx's CopyFrom, by which an
// interface method (sqlc's DBTX) is recognised as one.
var copyFromTypes = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"github.com/jackc/pgx/v5.Identifier":     true,
		"github.com/jackc/pgx/v5.CopyFromSource": true,
		"github.com/jackc/pgx/v4.Identifier":     true,
		"github.com/jackc/pgx/v4.CopyFromSource": true,
	}
})

// copyText renders a CopyFrom call as "INSERT INTO "t" ("a", "b") VALUES
// ($1, $2)", or says why it cannot: the table and the column names must
// be constant lists, as pgx quotes each name as given.
func (r *resolver) copyText(call *ast.CallExpr) ([]string, string) {
	if len(call.Args) != 4 || call.Ellipsis.IsValid() {
		return nil, skipNoSQLArg
	}
	table, ok := r.constList(call.Args[1])
	if !ok || len(table) == 0 {
		return nil, skipCopyTarget
	}
	cols, ok := r.constList(call.Args[2])
	if !ok || len(cols) == 0 {
		return nil, skipCopyTarget
	}
	var b strings.Builder
	b.WriteString("INSERT INTO ")
	for i, t := range table {
		if i > 0 {
			b.WriteString(".")
		}
		b.WriteString(quoteIdent(t))
	}
	b.WriteString(" (")
	for i, c := range cols {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quoteIdent(c))
	}
	b.WriteString(") VALUES (")
	for i := range cols {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("$" + strconv.Itoa(i+1))
	}
	b.WriteString(")")
	return []string{b.String()}, ""
}

// constList reads a literal list of constant strings, []string{"a", "b"}
// or pgx.Identifier{"a"}, directly or through a variable assigned once.
func (r *resolver) constList(e ast.Expr) ([]string, bool) {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		v, ok := r.info.Uses[id].(*types.Var)
		if !ok || v.IsField() || isParam(v) {
			return nil, false
		}
		var value ast.Expr
		for _, u := range r.uses.of(v) {
			switch u.kind {
			case useRead:
			case useAssign:
				if value != nil {
					return nil, false
				}
				value = u.value
			default:
				return nil, false
			}
		}
		if value == nil {
			return nil, false
		}
		e = value
	}
	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(lit.Elts))
	for _, elt := range lit.Elts {
		tv, ok := r.info.Types[elt]
		if !ok || tv.Value == nil {
			return nil, false
		}
		texts, why := r.exprExact(elt, 0)
		if why != "" || len(texts) != 1 {
			return nil, false
		}
		out = append(out, texts[0])
	}
	return out, true
}

// quoteIdent quotes a name as pgx.Identifier.Sanitize does.
func quoteIdent(s string) string {
	return `"` + strings.ReplaceAll(strings.ReplaceAll(s, `"`, `""`), "\x00", "") + `"`
}

// copyValues returns, for a CopyFrom call, the value expression copied
// into each column, in column order, when the row source is a literal
// that shows them; else nil.
func copyValues(info *types.Info, call *ast.CallExpr) []ast.Expr {
	if len(call.Args) != 4 {
		return nil
	}
	src, ok := ast.Unparen(call.Args[3]).(*ast.CallExpr)
	if !ok {
		return nil
	}
	fn, ok := typeutil.Callee(info, src).(*types.Func)
	if !ok || !copyFromSources()[fn.FullName()] {
		return nil
	}
	switch fn.Name() {
	case "CopyFromRows":
		// [][]any{{u.Name, u.Email}}: one literal row.
		if len(src.Args) != 1 {
			return nil
		}
		rows, ok := ast.Unparen(src.Args[0]).(*ast.CompositeLit)
		if !ok || len(rows.Elts) != 1 {
			return nil
		}
		row, ok := rows.Elts[0].(*ast.CompositeLit)
		if !ok {
			return nil
		}
		return row.Elts
	case "CopyFromSlice":
		// func(i int) ([]any, error) { return []any{us[i].Name}, nil }
		if len(src.Args) != 2 {
			return nil
		}
		lit, ok := ast.Unparen(src.Args[1]).(*ast.FuncLit)
		if !ok {
			return nil
		}
		return returnedElts(lit.Body, 2)
	}
	return nil
}
