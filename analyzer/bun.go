package analyzer

// This file reads uptrace/bun queries. A query starts at a constructor
// (db.NewSelect(), tx.NewInsert(), db.NewRaw(text, args...)), is changed
// by methods that return the same query (Model, Column, ColumnExpr,
// Table, Where, ...), in one expression or through a variable, and runs
// at Scan or Exec: that call is the call site. The methods that cannot
// change the select list or the statement kind are left out of the
// text; the others render a statement: a SELECT of the Column and
// ColumnExpr items or, with none, of the model's columns, from the
// model's table; an INSERT or UPDATE of the model's columns, bound by
// name to its fields (bunSinks, in flow.go, maps the columns: into the
// model, or Scan's destinations, by bun's names: the bun tag's name,
// else the field's name in snake_case). A select query given as a value
// for a '?' is read as a subquery, a function given to Apply as what it
// does to its query parameter. A method not modelled (With, Union, ...)
// or a query that escapes (passed to a function) makes the text
// unknown: the call site is skipped with a reason.

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/types/typeutil"
)

// Skip reasons for bun queries, counted in Stats.
const (
	skipBunModel  = "bun or go-pg model of unknown type"
	skipBunPart   = "bun or go-pg query part not constant or not modelled (With, Union, Ident values, ...)"
	skipBunOrigin = "bun or go-pg query of unknown origin (a parameter, a field, passed to a function)"
)

// bunQuery is one statement a bun query may hold.
type bunQuery struct {
	op        bunOp    // bunSelect, bunInsert, bunUpdate, bunDelete or bunRaw
	raw       string   // NewRaw's text
	model     ast.Expr // the Model argument, nil if none
	table     string   // Table, TableExpr, ModelTableExpr; "" for the model's
	cols      []string // Column names and ColumnExpr items, in order
	joins     []string
	sets      []string
	returning string
	// mode is scanBun, or scanGoPG for a go-pg query.
	mode scanMode
	// colsUnknown is set when an INSERT's or UPDATE's Column list is not
	// known: its values are then bound to no field.
	colsUnknown bool
}

// bunWrites reports whether every statement is an INSERT or an UPDATE.
func bunWrites(qs []bunQuery) bool {
	for _, q := range qs {
		if q.op != bunInsert && q.op != bunUpdate {
			return false
		}
	}
	return len(qs) > 0
}

// bunOpOf returns what a call does as a bun call.
func bunOpOf(info *types.Info, call *ast.CallExpr) bunOp {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok {
		return 0
	}
	return bunOps()[fn.Origin().FullName()]
}

// bunTexts returns the texts the bun query run by site s may hold, and
// records its model on s.
func (r *resolver) bunTexts(s *callSite) ([]string, string) {
	sel, ok := ast.Unparen(s.call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, skipBunOrigin
	}
	qs, why := r.bunQueries(sel.X, 0)
	if why != "" {
		return nil, why
	}
	var texts []string
	for i, q := range qs {
		if i > 0 && !sameModel(r.info, q.model, qs[0].model) {
			return nil, skipBunPart
		}
		if op := s.entry.runOp; op != 0 { // go-pg: the run method says what it is
			if q.op != 0 && q.op != op {
				return nil, skipBunPart
			}
			q.op = op
		}
		t, why := q.text(r.info)
		if why != "" {
			return nil, why
		}
		texts = append(texts, t)
	}
	if len(qs) > 0 {
		s.model = qs[0].model
	}
	return dedup(texts), ""
}

// sameModel reports whether two models have the same type.
func sameModel(info *types.Info, a, b ast.Expr) bool {
	if a == nil || b == nil {
		return a == b
	}
	ta, tb := info.TypeOf(a), info.TypeOf(b)
	return ta != nil && tb != nil && types.Identical(ta, tb)
}

// bunQueries returns the statements the bun query expression e may hold.
func (r *resolver) bunQueries(e ast.Expr, depth int) ([]bunQuery, string) {
	if depth > maxResolveDepth {
		return nil, skipBunOrigin
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		op := bunOpOf(r.info, e)
		switch op {
		case 0:
			return nil, skipBunPart
		case bunSelect, bunInsert, bunUpdate, bunDelete:
			return []bunQuery{{op: op, mode: scanBun}}, ""
		case bunModelStart: // go-pg: db.Model(&v), db.ModelContext(ctx, &v)
			models := e.Args
			if bunOpName(r.info, e) == "ModelContext" && len(models) > 0 {
				models = models[1:]
			}
			if e.Ellipsis.IsValid() || len(models) != 1 || bunModelType(r.info.TypeOf(models[0])) == nil {
				return nil, skipBunModel
			}
			return []bunQuery{{model: models[0], mode: scanGoPG}}, ""
		case bunRaw:
			if len(e.Args) == 0 || (e.Ellipsis.IsValid() && len(e.Args) == 1) {
				return nil, skipNoSQLArg
			}
			if !r.bunValues(e.Args[1:]) {
				return nil, skipBunPart
			}
			texts, why := r.expr(e.Args[0], depth)
			if why != "" {
				return nil, why
			}
			out := make([]bunQuery, len(texts))
			for i, t := range texts {
				out[i] = bunQuery{op: bunRaw, raw: t, mode: scanBun}
			}
			return out, ""
		}
		sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr)
		if !ok {
			return nil, skipBunOrigin
		}
		base, why := r.bunQueries(sel.X, depth)
		if why != "" {
			return nil, why
		}
		return r.bunApply(base, op, e, depth)
	case *ast.Ident:
		return r.bunVar(e, depth)
	}
	return nil, skipBunOrigin
}

// bunVar returns the statements a query variable holds where it is read
// at id. bun's methods change the query in place and return it, so the
// calls chained on the variable between its one assignment and the read
// apply in source order (q.Where(...) and q = q.Where(...) alike); a
// call under a condition gives one variant with it and one without; a
// call in a loop that changes the statement, or the variable used any
// other way (passed, stored, copied), leaves the text unknown.
func (r *resolver) bunVar(id *ast.Ident, depth int) ([]bunQuery, string) {
	v, ok := r.info.Uses[id].(*types.Var)
	if !ok || v.IsField() || isParam(v) {
		return nil, skipBunOrigin
	}
	read, ok := r.uses.readAt(v, id.Pos())
	if !ok {
		return nil, skipBunOrigin
	}
	fnNode := enclosingFunc(read)
	var start []bunQuery
	var home, assignedAt ast.Node
	for _, u := range r.uses.of(v) {
		switch u.kind {
		case useRead:
		case useAssign:
			if bunSelfChain(r.info, u.value, v) {
				continue // q = q.Where(...): the chain is read below
			}
			if assignedAt != nil {
				return nil, skipBunOrigin
			}
			call, ok := ast.Unparen(u.value).(*ast.CallExpr)
			if !ok || enclosingFunc(u.ident) != fnNode {
				return nil, skipBunOrigin
			}
			qs, why := r.bunQueries(call, depth+1)
			if why != "" {
				return nil, why
			}
			start, home, assignedAt = qs, u.block, u.stmt
		default:
			return nil, skipBunOrigin
		}
	}
	if assignedAt == nil || home == nil || id.Pos() < assignedAt.End() {
		return nil, skipBunOrigin
	}
	return r.bunReplay(v, start, home, assignedAt.End(), id.Pos(), depth)
}

// bunReplay applies to start the calls chained on v between the
// positions from and at, as bunVar says; home is the block v's value
// was set in.
func (r *resolver) bunReplay(v *types.Var, start []bunQuery, home ast.Node, from, at token.Pos, depth int) ([]bunQuery, string) {
	out := start
	for _, u := range r.uses.of(v) {
		pos := u.ident.Node().Pos()
		if pos <= from || pos >= at || (u.kind == useAssign && bunSelfChain(r.info, u.value, v)) {
			continue
		}
		if u.kind != useRead {
			return nil, skipBunOrigin
		}
		if u.ident.ParentEdgeKind() == edge.ReturnStmt_Results {
			continue // an earlier return: its path does not reach at
		}
		chain, ok := mutableChain(u.ident)
		if !ok {
			return nil, skipBunOrigin // the query escapes: passed, stored, copied
		}
		optional, loop := conditional(u.ident, home)
		next, changed := out, false
		for _, call := range chain {
			op := bunOpOf(r.info, call)
			switch op {
			case bunNeutral, bunRun:
				continue
			case 0:
				return nil, skipBunPart
			}
			if loop {
				return nil, skipBunPart
			}
			var why string
			if next, why = r.bunApply(next, op, call, depth); why != "" {
				return nil, why
			}
			changed = true
		}
		if !changed {
			continue
		}
		if optional {
			next = append(append([]bunQuery(nil), out...), next...)
		}
		if len(next) > maxTexts {
			return nil, skipTooManyTexts
		}
		out = next
	}
	return out, ""
}

// bunApplyFunc applies a function given to Apply to every statement: a
// function literal, a function or method of this package, or a call of
// one whose body returns a literal (a closure over its arguments). Its
// query parameter starts as the statements; what it returns, at each
// return, is what Apply gives.
func (r *resolver) bunApplyFunc(base []bunQuery, fn ast.Expr, depth int) ([]bunQuery, string) {
	if depth > maxResolveDepth || r.decl == nil {
		return nil, skipBunPart
	}
	var ftype *ast.FuncType
	var body *ast.BlockStmt
	switch e := ast.Unparen(fn).(type) {
	case *ast.FuncLit:
		ftype, body = e.Type, e.Body
	case *ast.Ident, *ast.SelectorExpr:
		if lit := r.localFuncLit(e); lit != nil {
			ftype, body = lit.Type, lit.Body
			break
		}
		f, ok := r.funcOf(e)
		if !ok {
			return nil, skipBunPart
		}
		d := r.decl(f)
		if d == nil {
			return nil, skipBunPart
		}
		ftype, body = d.Type, d.Body
	case *ast.CallExpr:
		f, ok := r.funcOf(e.Fun)
		if !ok {
			return nil, skipBunPart
		}
		d := r.decl(f)
		if d == nil || len(d.Body.List) != 1 {
			return nil, skipBunPart
		}
		ret, ok := d.Body.List[0].(*ast.ReturnStmt)
		if !ok || len(ret.Results) != 1 {
			return nil, skipBunPart
		}
		lit, ok := ast.Unparen(ret.Results[0]).(*ast.FuncLit)
		if !ok {
			return nil, skipBunPart
		}
		ftype, body = lit.Type, lit.Body
	default:
		return nil, skipBunPart
	}
	if ftype.Params == nil || len(ftype.Params.List) != 1 || len(ftype.Params.List[0].Names) != 1 {
		return nil, skipBunPart
	}
	v, ok := r.info.Defs[ftype.Params.List[0].Names[0]].(*types.Var)
	if !ok || !isORMQuery(v.Type()) {
		return nil, skipBunPart
	}
	var out []bunQuery
	var why string
	ast.Inspect(body, func(n ast.Node) bool {
		if why != "" {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) != 1 && len(n.Results) != 2 { // go-pg: return q, nil
				why = skipBunPart
				return false
			}
			res := ast.Unparen(n.Results[0])
			var chain []*ast.CallExpr
			for {
				call, ok := res.(*ast.CallExpr)
				if !ok {
					break
				}
				sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
				if !ok {
					why = skipBunPart
					return false
				}
				chain = append([]*ast.CallExpr{call}, chain...)
				res = ast.Unparen(sel.X)
			}
			id, ok := res.(*ast.Ident)
			if !ok || r.info.Uses[id] != v {
				why = skipBunPart
				return false
			}
			qs, w := r.bunReplay(v, base, body, body.Pos(), id.Pos(), depth+1)
			for _, call := range chain {
				if w != "" {
					break
				}
				qs, w = r.bunApply(qs, bunOpOf(r.info, call), call, depth+1)
			}
			if w != "" {
				why = w
				return false
			}
			out = append(out, qs...)
			if len(out) > maxTexts {
				why = skipTooManyTexts
			}
		}
		return true
	})
	if why != "" {
		return nil, why
	}
	if len(out) == 0 {
		return nil, skipBunPart
	}
	return out, ""
}

// localFuncLit returns the function literal a local variable holds when
// it is assigned once, from a literal (fn := func(q) {...}); else nil.
func (r *resolver) localFuncLit(e ast.Expr) *ast.FuncLit {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := r.info.Uses[id].(*types.Var)
	if !ok || v.IsField() || isParam(v) || isPkgLevel(v) {
		return nil
	}
	var lit *ast.FuncLit
	for _, u := range r.uses.of(v) {
		switch u.kind {
		case useRead:
		case useAssign:
			l, ok := ast.Unparen(u.value).(*ast.FuncLit)
			if !ok || lit != nil {
				return nil
			}
			lit = l
		default:
			return nil
		}
	}
	return lit
}

// funcOf returns the function or method e names.
func (r *resolver) funcOf(e ast.Expr) (*types.Func, bool) {
	var id *ast.Ident
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		id = e
	case *ast.SelectorExpr:
		id = e.Sel
	default:
		return nil, false
	}
	f, ok := r.info.Uses[id].(*types.Func)
	return f, ok
}

// isORMQuery reports whether t is a select query that bun or go-pg
// builds: *bun.SelectQuery or go-pg's *orm.Query.
func isORMQuery(t types.Type) bool {
	k := typeKey(t)
	return k == "*"+bunPkg+".SelectQuery" || k == "*"+gopgOrm+".Query"
}

// bunSelfChain reports whether e is a method chain on v itself:
// v.Where(...).Order(...).
func bunSelfChain(info *types.Info, e ast.Expr, v *types.Var) bool {
	for {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			id, ok := ast.Unparen(e).(*ast.Ident)
			return ok && info.Uses[id] == v
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		e = sel.X
	}
}

// bunApply applies one call of a known op to every statement.
func (r *resolver) bunApply(base []bunQuery, op bunOp, call *ast.CallExpr, depth int) ([]bunQuery, string) {
	switch op {
	case bunNeutral, bunRun:
		return base, ""
	case 0, bunSelect, bunInsert, bunUpdate, bunDelete, bunRaw:
		return nil, skipBunPart
	case bunApplyFn:
		out := base
		for _, a := range call.Args {
			var why string
			if out, why = r.bunApplyFunc(out, a, depth+1); why != "" {
				return nil, why
			}
		}
		return out, ""
	}
	if op == bunColumns && bunWrites(base) {
		if _, why := r.strings(call.Args, call.Ellipsis.IsValid(), depth); why != "" {
			// Column(fields...) on an INSERT or UPDATE: the table written
			// is known, the fields are not.
			out := append([]bunQuery(nil), base...)
			for i := range out {
				out[i].colsUnknown = true
			}
			return out, ""
		}
	}
	if call.Ellipsis.IsValid() {
		return nil, skipBunPart
	}
	args := call.Args
	if op == bunModel {
		if len(args) != 1 || bunModelType(r.info.TypeOf(args[0])) == nil {
			return nil, skipBunModel
		}
		out := append([]bunQuery(nil), base...)
		for i := range out {
			out[i].model = args[0]
		}
		return out, ""
	}
	if op == bunColumns || (op == bunTable && bunOpName(r.info, call) == "Table") {
		lists, why := r.strings(args, false, depth)
		if why != "" {
			return nil, why
		}
		return extend(base, lists, func(q bunQuery, l []string) bunQuery {
			if op == bunTable {
				q.table = strings.Join(l, ", ")
			} else {
				q.cols = append(append([]string(nil), q.cols...), l...)
			}
			return q
		})
	}
	// The rest take a text and values for its '?' placeholders.
	if len(args) == 0 {
		return nil, skipBunPart
	}
	raw, why := r.expr(args[0], depth)
	if why != "" {
		return nil, skipBunPart
	}
	var texts []string
	for _, t := range raw {
		subst, why := r.bunSubst(t, args[1:], depth)
		if why != "" {
			return nil, why
		}
		texts = append(texts, subst...)
	}
	if len(texts) > maxTexts {
		return nil, skipTooManyTexts
	}
	return extend(base, one(texts), func(q bunQuery, l []string) bunQuery {
		switch op {
		case bunColumnExpr:
			q.cols = append(append([]string(nil), q.cols...), l[0])
		case bunTable:
			q.table = l[0]
		case bunJoin:
			q.joins = append(append([]string(nil), q.joins...), l[0])
		case bunSet:
			q.sets = append(append([]string(nil), q.sets...), l[0])
		case bunReturning:
			q.returning = l[0]
		}
		return q
	})
}

// bunSubst returns the variants of a text whose '?' placeholders take
// args: a bun select query there ("(?) AS n", subq) is its own text,
// other values stay placeholders; SQL text given as a value (bun.Ident,
// bun.Safe) leaves the text unknown.
func (r *resolver) bunSubst(text string, args []ast.Expr, depth int) ([]string, string) {
	// The text between placeholders, in one pass: "??" is a literal
	// question mark, "?Name" a marker (expanded when rendered).
	var segs []string
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '?' && i+1 < len(text) && text[i+1] == '?':
			b.WriteByte('?')
			i++
		case c == '?' && (i+1 == len(text) || !isIdentByte(text[i+1])):
			segs = append(segs, b.String())
			b.Reset()
		default:
			b.WriteByte(c)
		}
	}
	segs = append(segs, b.String())
	// What each placeholder holds: a select query's text, else '?'.
	choices := [][]string{nil} // one list of pieces per variant
	for n := 0; n < len(segs)-1; n++ {
		piece := []string{"?"}
		if n < len(args) {
			if t := r.info.TypeOf(args[n]); t != nil && isORMQuery(t) {
				qs, why := r.bunQueries(args[n], depth+1)
				if why != "" {
					return nil, why
				}
				piece = piece[:0]
				for _, q := range qs {
					if q.op == 0 {
						q.op = bunSelect // a go-pg query used as a subquery
					}
					sub, why := q.text(r.info)
					if why != "" {
						return nil, why
					}
					piece = append(piece, sub)
				}
			} else if !r.bunValues(args[n : n+1]) {
				return nil, skipBunPart
			}
		}
		if len(choices)*len(piece) > maxTexts {
			return nil, skipTooManyTexts
		}
		var next [][]string
		for _, c := range choices {
			for _, p := range piece {
				next = append(next, append(c[:len(c):len(c)], p))
			}
		}
		choices = next
	}
	if !r.bunValues(args[min(len(segs)-1, len(args)):]) {
		return nil, skipBunPart
	}
	out := make([]string, len(choices))
	for i, c := range choices {
		b.Reset()
		for k, seg := range segs {
			b.WriteString(seg)
			if k < len(c) {
				b.WriteString(c[k])
			}
		}
		out[i] = b.String()
	}
	return out, ""
}

// bunValues reports whether args are values for '?' placeholders, not
// SQL text: a value of bun's own types (bun.Ident, bun.Safe) is text,
// bun.In(list) is values.
func (r *resolver) bunValues(args []ast.Expr) bool {
	for _, a := range args {
		if call, ok := ast.Unparen(a).(*ast.CallExpr); ok {
			if fn, ok := typeutil.Callee(r.info, call).(*types.Func); ok && (fn.FullName() == bunPkg+".In" || fn.FullName() == gopgPkg+".In") {
				continue
			}
		}
		if t := r.info.TypeOf(a); t == nil || bunTyped(t) {
			return false
		}
	}
	return true
}

// bunOpName returns the name of the method a call calls.
func bunOpName(info *types.Info, call *ast.CallExpr) string {
	if fn, ok := typeutil.Callee(info, call).(*types.Func); ok {
		return fn.Name()
	}
	return ""
}

// bunTyped reports whether t is one of bun's own types (or schema's),
// which bun writes into the text as SQL.
func bunTyped(t types.Type) bool {
	n, ok := types.Unalias(deref(t)).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return isEmptyInterface(t) // any: could be either
	}
	p := n.Obj().Pkg().Path()
	return p == bunPkg || strings.HasPrefix(p, bunPkg+"/") || p == gopgPkg || strings.HasPrefix(p, gopgPkg+"/")
}

// bunModelType returns the named struct a model stands for: &T, &[]T or
// &[]*T; nil for anything else (a map, an interface value).
func bunModelType(t types.Type) *types.Named {
	n, ok := types.Unalias(elemType(t)).(*types.Named)
	if !ok || structOf(n) == nil {
		return nil
	}
	return n
}

// elemType returns what a pointer points to, or a slice's elements
// (dereferenced) when that is a slice.
func elemType(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	t = deref(t)
	if sl, ok := t.Underlying().(*types.Slice); ok {
		return deref(sl.Elem())
	}
	return t
}

// bunTableName is a model's table and alias in bun.
type bunTableName struct{ table, alias string }

// bunTableOf returns the table and alias of a model: those of its
// bun.BaseModel tag, else the snake_case name, plural for the table.
func bunTableOf(n *types.Named, mode scanMode) bunTableName {
	base := bunName(n.Obj().Name())
	out := bunTableName{table: bunPlural(base), alias: base}
	s := structOf(n)
	for i := 0; i < s.NumFields(); i++ {
		f := s.Field(i)
		key := "bun"
		if mode == scanGoPG {
			key = "pg" // go-pg: tableName struct{} `pg:"users,alias:u"`
			if f.Name() != "tableName" {
				continue
			}
		} else if k := typeKey(f.Type()); !f.Embedded() || (k != bunPkg+".BaseModel" && k != bunPkg+"/schema.BaseModel") {
			continue
		}
		tag, _ := reflect.StructTag(s.Tag(i)).Lookup(key)
		for i, part := range strings.Split(tag, ",") {
			k, v, ok := strings.Cut(part, ":")
			switch {
			case i == 0 && !ok && part != "":
				out.table = part // bun:"users,alias:u"
			case ok && k == "table":
				out.table = v
			case ok && k == "alias":
				out.alias = v
			}
		}
	}
	return out
}

// bunPlural is the common English plural of a snake_case name, as bun's
// inflection gives it for ordinary nouns.
func bunPlural(s string) string {
	switch {
	case strings.HasSuffix(s, "y") && len(s) > 1 && !strings.ContainsRune("aeiou", rune(s[len(s)-2])):
		return s[:len(s)-1] + "ies"
	case strings.HasSuffix(s, "s"), strings.HasSuffix(s, "x"), strings.HasSuffix(s, "ch"), strings.HasSuffix(s, "sh"):
		return s + "es"
	}
	return s + "s"
}

// bunName is bun's column name for a field without a tag name:
// "UserID" is "user_id", "HTTPServer" is "http_server".
func bunName(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			lowerAround := (i > 0 && isLowerASCII(s[i-1])) || (i+1 < len(s) && isLowerASCII(s[i+1]))
			if i > 0 && i+1 < len(s) && lowerAround {
				b.WriteByte('_')
			}
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isLowerASCII(c byte) bool { return c >= 'a' && c <= 'z' }

// bunField reads a field's bun (go-pg) tag: its name, unless the first
// part is an option (rel:has-many), and the options that matter here.
// go-pg's "-" is a column it scans into but never writes (bun's
// scanonly).
func bunField(tag string, mode scanMode) structField {
	var f structField
	for i, part := range strings.Split(tag, ",") {
		k, _, isOpt := strings.Cut(part, ":")
		switch {
		case i == 0 && part == "-" && mode == scanGoPG:
			f.scanOnly = true
		case i == 0 && !isOpt:
			f.tag = part
		case isOpt && (k == "rel" || k == "m2m" || k == "many2many"):
			f.relation = true
		case part == "scanonly":
			f.scanOnly = true
		case part == "pk":
			f.pk = true
		}
	}
	return f
}

// column returns the column a bun field maps to.
func (f structField) column() string {
	if f.hasTag {
		return f.tag
	}
	return bunName(f.name)
}

// bunQuote quotes a plain name as bun does, so that a keyword (user,
// type) stays a name; anything else (u.id, an expression) is left alone.
func bunQuote(s string) string {
	if s == "" || !isIdentStart(s[0]) {
		return s
	}
	for i := 1; i < len(s); i++ {
		if !isIdentByte(s[i]) {
			return s
		}
	}
	return quoteIdent(s)
}

func isIdentStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// replaceMarkers returns s with each of bun's named placeholders
// (?TableAlias, ?TableName, ?TableColumns, ?Columns, ?PKs) replaced by
// what f gives for it, in one pass.
func replaceMarkers(s string, f func(marker string) string) string {
	if !strings.Contains(s, "?") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '?' || i+1 == len(s) || !isIdentStart(s[i+1]) {
			b.WriteByte(s[i])
			continue
		}
		j := i + 2
		for j < len(s) && isIdentByte(s[j]) {
			j++
		}
		b.WriteString(f(s[i:j]))
		i = j - 1
	}
	return b.String()
}

// text renders the statement, or says why it cannot be.
func (q bunQuery) text(info *types.Info) (string, string) {
	var model *types.Named
	var fields []structField
	var name bunTableName
	if q.model != nil {
		if model = bunModelType(info.TypeOf(q.model)); model == nil {
			return "", skipBunModel
		}
		_, fields = structFields(model, q.mode)
		name = bunTableOf(model, q.mode)
	}
	// The model's columns that bun selects and writes, and its keys.
	var cols, pks, nonPK []string
	for _, f := range fields {
		if f.scanOnly {
			continue
		}
		cols = append(cols, f.column())
		if f.pk {
			pks = append(pks, f.column())
		} else {
			nonPK = append(nonPK, f.column())
		}
	}
	// bun quotes the alias: the default one may be a keyword ("user").
	alias := `"` + name.alias + `"`
	qualified := func(cs []string) string {
		out := make([]string, len(cs))
		for i, c := range cs {
			out[i] = alias + "." + bunQuote(c)
		}
		return strings.Join(out, ", ")
	}
	quoted := func(cs []string) string {
		out := make([]string, len(cs))
		for i, c := range cs {
			out[i] = bunQuote(c)
		}
		return strings.Join(out, ", ")
	}
	bad := false
	expand := func(s string) string {
		return replaceMarkers(s, func(m string) string {
			switch {
			case m == "?TableAlias" && model != nil:
				return alias
			case m == "?TableName" && model != nil:
				return bunQuote(name.table)
			case m == "?TableColumns" && len(cols) > 0:
				return qualified(cols)
			case m == "?Columns" && len(cols) > 0:
				return quoted(cols)
			case m == "?PKs" && len(pks) > 0:
				return quoted(pks)
			}
			bad = true
			return m
		})
	}
	table := q.table
	if table == "" && model != nil {
		table = bunQuote(name.table) + " AS " + alias
	}
	table = expand(table)

	var s strings.Builder
	switch q.op {
	case bunRaw:
		s.WriteString(expand(q.raw))
	case bunSelect:
		items := make([]string, len(q.cols))
		for i, c := range q.cols {
			items[i] = expand(c)
		}
		if len(items) == 0 {
			if len(cols) == 0 {
				return "", skipBunPart
			}
			items = []string{qualified(cols)}
		}
		s.WriteString("SELECT " + strings.Join(items, ", "))
		if table != "" {
			s.WriteString(" FROM " + table)
		}
		for _, j := range q.joins {
			s.WriteString(" " + expand(j))
		}
	case bunInsert:
		if table == "" {
			return "", skipBunPart
		}
		ins := q.cols
		if len(ins) == 0 {
			ins = cols
		}
		s.WriteString("INSERT INTO " + table)
		if len(ins) == 0 {
			s.WriteString(" DEFAULT VALUES")
			break
		}
		if q.colsUnknown {
			ins = cols
			if len(ins) == 0 {
				return "", skipBunPart
			}
			s.WriteString(" (" + quoted(ins) + ") VALUES (" + strings.TrimSuffix(strings.Repeat("?, ", len(ins)), ", ") + ")")
			break
		}
		s.WriteString(" (" + quoted(ins) + ") VALUES (:" + strings.Join(ins, ", :") + ")")
	case bunUpdate:
		if table == "" {
			return "", skipBunPart
		}
		var sets []string
		for _, x := range q.sets {
			sets = append(sets, expand(x))
		}
		if len(sets) == 0 {
			upd := q.cols
			if len(upd) == 0 {
				upd = nonPK
			}
			if q.colsUnknown {
				upd = nonPK
			}
			for _, c := range upd {
				if q.colsUnknown {
					sets = append(sets, bunQuote(c)+" = ?")
				} else {
					sets = append(sets, bunQuote(c)+" = :"+c)
				}
			}
		}
		if len(sets) == 0 {
			return "", skipBunPart
		}
		s.WriteString("UPDATE " + table + " SET " + strings.Join(sets, ", "))
	case bunDelete:
		if table == "" {
			return "", skipBunPart
		}
		s.WriteString("DELETE FROM " + table)
	default:
		return "", skipBunPart
	}
	if q.returning != "" && q.op != bunSelect && q.op != bunRaw {
		s.WriteString(" RETURNING " + expand(q.returning))
	}
	if bad {
		return "", skipBunPart
	}
	return s.String(), ""
}
