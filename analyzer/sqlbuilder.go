package analyzer

// This file evaluates huandu/go-sqlbuilder builders. Unlike squirrel's,
// they are mutable: sb := sqlbuilder.PostgreSQL.NewSelectBuilder(), then
// statements such as sb.Select("a", "b").From("t").Where(...) change sb
// in place, and sql, args := sb.Build() renders it. The statement a Build
// renders is what the calls on the same variable before it made, in
// source order; a call that may change the select list, FROM or the
// statement kind under a condition gives one variant with it and one
// without; in a loop, or when the builder escapes (passed to a function,
// stored, copied), its text is not known.

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// mutableBuilderOf returns what a call does as a go-sqlbuilder call.
func mutableBuilderOf(info *types.Info, call *ast.CallExpr) (builderOp, *types.Func) {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok {
		return 0, nil
	}
	fn = fn.Origin()
	return mutableOps()[fn.FullName()], fn
}

// mutableTexts returns the texts of the builder a Build call renders.
func (r *resolver) mutableTexts(build *ast.CallExpr, depth int) ([]string, string) {
	sel, ok := ast.Unparen(build.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, skipBuilderOrigin
	}
	if inner, ok := ast.Unparen(sel.X).(*ast.CallExpr); ok {
		// sqlbuilder.Select("a").From("t").Build(): made and built in one expression.
		bs, why := r.mutableStart(inner, depth)
		if why != "" {
			return nil, why
		}
		return renderBuilt(bs)
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return nil, skipBuilderOrigin
	}
	v, ok := r.info.Uses[id].(*types.Var)
	if !ok || v.IsField() || isParam(v) {
		return nil, skipBuilderOrigin
	}
	read, ok := r.uses.readAt(v, id.Pos())
	if !ok {
		return nil, skipBuilderOrigin
	}
	fnNode := enclosingFunc(read)

	// The one assignment, a constructor.
	var start []built
	var home ast.Node // the block holding the assignment
	var assignedAt ast.Node
	var assignCur inspector.Cursor
	for _, u := range r.uses.of(v) {
		switch u.kind {
		case useRead:
		case useAssign:
			if assignedAt != nil {
				return nil, skipBuilderOrigin
			}
			call, ok := ast.Unparen(u.value).(*ast.CallExpr)
			if !ok {
				return nil, skipBuilderOrigin
			}
			bs, why := r.mutableStart(call, depth)
			if why != "" {
				return nil, why
			}
			start, home, assignedAt, assignCur = bs, u.block, u.stmt, u.ident
		default:
			return nil, skipBuilderOrigin
		}
	}
	if assignedAt == nil || home == nil || enclosingFunc(assignCur) != fnNode {
		return nil, skipBuilderOrigin
	}

	// The calls on v between the assignment and the Build, in order.
	out := start
	for _, u := range r.uses.of(v) {
		if u.kind != useRead || u.ident.Node().Pos() <= assignedAt.End() || u.ident.Node().Pos() >= build.Pos() {
			continue
		}
		chain, ok := mutableChain(u.ident)
		if !ok {
			return nil, skipBuilderPart // the builder escapes: passed, stored, copied
		}
		// A chain runs whole or not at all: under a condition, the
		// statements are those before it and those after it.
		optional, loop := conditional(u.ident, home)
		next, changed := out, false
		for _, call := range chain {
			op, fn := mutableBuilderOf(r.info, call)
			switch op {
			case opNeutral, opRender:
				continue
			case 0:
				if isString(resultType(fn)) {
					continue // sb.Equal(...), sb.As(...): an expression, read where it is used
				}
				return nil, skipBuilderPart // With, SQL, ...: not modelled
			}
			if loop {
				return nil, skipBuilderPart
			}
			var why string
			if next, why = r.mutableApply(next, op, fn, call, depth); why != "" {
				return nil, why
			}
			changed = true
		}
		if !changed {
			continue
		}
		if optional {
			next = dedupBuilt(append(append([]built(nil), out...), next...))
		}
		if len(next) > maxTexts {
			return nil, skipTooManyTexts
		}
		out = next
	}
	return renderBuilt(out)
}

// renderBuilt renders every statement, or says why one cannot be.
func renderBuilt(bs []built) ([]string, string) {
	texts := make([]string, 0, len(bs))
	for _, b := range bs {
		t, ok := b.text()
		if !ok {
			return nil, skipBuilderPart
		}
		texts = append(texts, t)
	}
	return dedup(texts), ""
}

// mutableChain returns the calls of the method chain rooted at the
// identifier cur, innermost first: sb.Select(...).From(...) gives Select
// then From. ok is false when the identifier is used otherwise.
func mutableChain(cur inspector.Cursor) ([]*ast.CallExpr, bool) {
	var out []*ast.CallExpr
	for cur.ParentEdgeKind() == edge.SelectorExpr_X && cur.Parent().ParentEdgeKind() == edge.CallExpr_Fun {
		cur = cur.Parent().Parent()
		out = append(out, cur.Node().(*ast.CallExpr))
	}
	if len(out) == 0 {
		return nil, false
	}
	return out, true
}

// conditional reports whether the statement at cur may not run each time
// the block home runs (it sits in an if, a case or a loop), and whether
// it sits in a loop inside home.
func conditional(cur inspector.Cursor, home ast.Node) (optional, loop bool) {
	for c := range cur.Enclosing() {
		n := c.Node()
		if n == home {
			return optional, loop
		}
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			loop = true
		case *ast.BlockStmt:
			// A bare block in a statement list always runs; the body of
			// an if, a case or a loop may not.
			if k := c.ParentEdgeKind(); k != edge.BlockStmt_List && k != edge.CaseClause_Body && k != edge.CommClause_Body {
				optional = true
			}
		case *ast.CaseClause, *ast.CommClause:
			optional = true
		case *ast.FuncLit:
			return true, true // run who knows when
		}
	}
	return optional, loop
}

// resultType returns the type of fn's only result, nil otherwise.
func resultType(fn *types.Func) types.Type {
	if fn == nil {
		return nil
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Results().Len() != 1 {
		return nil
	}
	return sig.Results().At(0).Type()
}

// mutableStart reads a constructor: NewSelectBuilder() (a package
// function or a flavor's method), Select(cols...), Update(tables...),
// DeleteFrom(tables...), InsertInto(table), and the calls chained on it
// in the same expression: sqlbuilder.Select("a").From("t").
func (r *resolver) mutableStart(call *ast.CallExpr, depth int) ([]built, string) {
	op, fn := mutableBuilderOf(r.info, call)
	if fn == nil {
		return nil, skipBuilderOrigin
	}
	if kind := mutableNew()[fn.FullName()]; kind != 0 {
		start := []built{{op: kind}}
		if op == 0 {
			return start, "" // New...Builder(): empty
		}
		return r.mutableApply(start, op, fn, call, depth)
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, skipBuilderOrigin
	}
	inner, ok := ast.Unparen(sel.X).(*ast.CallExpr)
	if !ok {
		return nil, skipBuilderOrigin
	}
	base, why := r.mutableStart(inner, depth)
	if why != "" {
		return nil, why
	}
	switch op {
	case opNeutral:
		return base, ""
	case 0, opRender:
		return nil, skipBuilderPart
	}
	return r.mutableApply(base, op, fn, call, depth)
}

// mutableApply applies one call of a known op to the statements.
func (r *resolver) mutableApply(base []built, op builderOp, fn *types.Func, call *ast.CallExpr, depth int) ([]built, string) {
	if call.Ellipsis.IsValid() {
		return nil, skipBuilderPart
	}
	args := call.Args
	switch op {
	case opDistinct:
		out := append([]built(nil), base...)
		for i := range out {
			out[i].distinct = true
		}
		return out, ""
	case opSelect, opColumns: // Select replaces the list, SelectMore and Cols add
		lists, why := r.strings(args, false, depth)
		if why != "" {
			return nil, why
		}
		return extend(base, lists, func(b built, c []string) built {
			if op == opSelect {
				b.cols = nil
			}
			b.cols = append(append([]string(nil), b.cols...), c...)
			return b
		})
	case opFrom, opInsert, opUpdate, opDelete: // the tables, joined by commas
		lists, why := r.strings(args, false, depth)
		if why != "" || len(args) == 0 {
			return nil, skipBuilderPart
		}
		return extend(base, lists, func(b built, t []string) built {
			b.from = joinComma(t)
			return b
		})
	case opJoin: // Join(table, on...), JoinWithOption(option, table, on...)
		lists, why := r.strings(args, false, depth)
		if why != "" {
			return nil, why
		}
		withOption := fn.Name() == "JoinWithOption"
		return extend(base, lists, func(b built, a []string) built {
			kw := " JOIN "
			if withOption && len(a) > 0 {
				kw = " " + a[0] + " JOIN "
				a = a[1:]
			}
			if len(a) == 0 {
				return b
			}
			j := kw + a[0]
			if len(a) > 1 {
				j += " ON " + joinAnd(a[1:])
			}
			b.joins = append(append([]string(nil), b.joins...), j)
			return b
		})
	case opSet: // Set(ub.Assign("col", v), ...) replaces, SetMore adds
		var cols []string
		for _, a := range args {
			c, ok := r.assignedColumn(a, depth)
			if !ok {
				return nil, skipBuilderPart
			}
			cols = append(cols, c)
		}
		out := append([]built(nil), base...)
		for i := range out {
			if fn.Name() == "Set" {
				out[i].sets = nil
			}
			out[i].sets = append(append([]string(nil), out[i].sets...), cols...)
		}
		return out, ""
	case opSuffix: // SQL("RETURNING *") on an update, delete or insert
		if len(args) != 1 {
			return nil, skipBuilderPart
		}
		texts, why := r.expr(args[0], depth)
		if why != "" || len(texts) != 1 {
			return nil, skipBuilderPart
		}
		out := append([]built(nil), base...)
		for i := range out {
			if out[i].op == opSelect {
				return nil, skipBuilderPart // placed where the last clause is: not known here
			}
			out[i].suffix = append(append([]string(nil), out[i].suffix...), texts[0])
		}
		return out, ""
	}
	return nil, skipBuilderPart
}

// assignedColumn reads ub.Assign("col", v), ub.Incr("col") and the
// like: the column an UPDATE assignment writes.
func (r *resolver) assignedColumn(e ast.Expr, depth int) (string, bool) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return "", false
	}
	fn, ok := typeutil.Callee(r.info, call).(*types.Func)
	if !ok || !mutableAssigns()[fn.Origin().FullName()] {
		return "", false
	}
	texts, why := r.exprExact(call.Args[0], depth)
	if why != "" || len(texts) != 1 {
		return "", false
	}
	return texts[0], true
}

// mutableAs renders sb.As("t", "a") as "t AS a".
func (r *resolver) mutableAsText(call *ast.CallExpr, depth int) ([]string, string) {
	if len(call.Args) != 2 || call.Ellipsis.IsValid() {
		return nil, skipNonConstant
	}
	lists, why := r.strings(call.Args, false, depth)
	if why != "" {
		return nil, skipNonConstant
	}
	out := make([]string, 0, len(lists))
	for _, l := range lists {
		out = append(out, l[0]+" AS "+l[1])
	}
	return out, ""
}

func joinComma(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ", "
		}
		out += x
	}
	return out
}

func joinAnd(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += " AND "
		}
		out += x
	}
	return out
}
