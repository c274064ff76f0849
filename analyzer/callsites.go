package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/cqrslint/cqrslint/analyzer/internal/sqlinfo"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// unit is one function body: a declared function or a function literal.
type unit struct {
	node   ast.Node    // *ast.FuncDecl or *ast.FuncLit
	fn     *types.Func // the declared function, nil for a literal
	parent *unit       // the unit around a literal
	// sync is set for a literal that runs while its parent runs: called
	// in place, or handed to a transaction runner or a same-package
	// function. What it writes, its parent writes.
	sync   bool
	write  *evidence            // the first write seen in this unit, nil if none
	writes map[string]*evidence // the first write of each table ("" unknown)
}

// evidence is a write as seen from inside one unit: a write statement, or
// a call that leads to one.
type evidence struct {
	pos   token.Pos
	what  string // "INSERT INTO users", or "CreateUser: INSERT INTO users"
	table string // the table written, without schema; "" when unknown
}

// name returns how messages call the unit.
func (u *unit) name() string {
	if u.fn != nil {
		return funcName(u.fn)
	}
	if u.parent != nil {
		return "a function literal in " + u.parent.name()
	}
	return "a function literal"
}

// funcName returns Name for a function and Type.Name for a method.
func funcName(fn *types.Func) string {
	sig, ok := fn.Type().(*types.Signature)
	if ok && sig.Recv() != nil {
		t := sig.Recv().Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := t.(*types.Named); ok {
			return n.Obj().Name() + "." + fn.Name()
		}
	}
	return fn.Name()
}

// call is one call of a function or method of known identity, found once
// per pass and shared by the phases.
type call struct {
	cur inspector.Cursor
	fn  *types.Func // as typeutil.Callee gives it: interface methods included
}

// static reports whether the call's callee is known statically, as for
// typeutil.StaticCallee: not an interface method.
func (c call) static() bool {
	sig, ok := c.fn.Type().(*types.Signature)
	return ok && (sig.Recv() == nil || !types.IsInterface(sig.Recv().Type()))
}

// callSite is one call that sends SQL to the database.
type callSite struct {
	call  *ast.CallExpr
	cur   inspector.Cursor
	entry apiEntry
	unit  *unit
	// sql is the query text argument, nil for a prepared statement's
	// methods; texts are the texts it may hold and stmts their
	// classifications, in the same order; names are the sqlx :name
	// parameters of each text.
	sql   ast.Expr
	name  ast.Expr // the query's name, for entries by name (dotsql); sql is nil then
	stmts []*sqlinfo.Statement
	names [][]string
	skip  string // why the call was left out, "" if it was resolved
	// model is a bun query's Model argument (bun.go), nil if none.
	model ast.Expr
}

// namedArg returns the value whose fields the statement binds by name:
// sqlx's named argument, or a bun query's model; nil if none.
func (c *callSite) namedArg() ast.Expr {
	if nm := c.entry.named; nm >= 0 && nm < len(c.call.Args) {
		return c.call.Args[nm]
	}
	if c.entry.bun {
		return c.model
	}
	return nil
}

// writes reports whether the call executes a write statement.
func (c *callSite) writes() *sqlinfo.Statement {
	if c.entry.kind == kindPrepare {
		return nil // preparing is not executing
	}
	for _, s := range c.stmts {
		if s.Writes {
			return s
		}
	}
	return nil
}

// matchCall returns the API entry for a call to fn, if fn sends SQL.
func (st *state) matchCall(fn *types.Func) (apiEntry, bool) {
	fn = fn.Origin()
	if e, ok := sqlCalls()[fn.FullName()]; ok {
		return e, true
	}
	if w, ok := st.wrappers[fn]; ok {
		return w.entry(), true
	}
	if fn.Pkg() != nil && fn.Pkg() != st.pass.Pkg {
		var w wrapperFact
		if st.pass.ImportObjectFact(fn, &w) {
			return w.entry(), true
		}
	}
	return matchShape(fn)
}

// matchShape matches a method or function by its signature: a query text
// parameter (after an optional context), variadic bind arguments, and a
// result the database packages use for rows, a row or a command result.
// This finds sqlc-style DBTX interfaces and hand-written wrappers.
func matchShape(fn *types.Func) (apiEntry, bool) {
	sig, ok := fn.Type().(*types.Signature)
	if ok && isCopyFrom(sig) {
		return apiEntry{kind: kindCopy, sql: -1, args: -1, dest: -1, named: -1}, true
	}
	if !ok || !sig.Variadic() {
		return apiEntry{}, false
	}
	params, results := sig.Params(), sig.Results()
	if results.Len() == 0 || results.Len() > 2 {
		return apiEntry{}, false
	}
	if results.Len() == 2 && !isError(results.At(1).Type()) {
		return apiEntry{}, false
	}
	first := 0
	if params.Len() > 0 && isContext(params.At(0).Type()) {
		first = 1
	}
	switch {
	case params.Len() == first+2 && isString(params.At(first).Type()):
		kind, ok := resultKinds()[typeKey(results.At(0).Type())]
		if !ok {
			return apiEntry{}, false
		}
		return positional(kind, first), true
	case params.Len() == first+3 && isEmptyInterface(params.At(first).Type()) && isString(params.At(first+1).Type()) &&
		results.Len() == 1 && isError(results.At(0).Type()):
		// sqlx-style Get/Select(dest, query, args...) error.
		switch fn.Name() {
		case "Get", "GetContext":
			return apiEntry{kind: kindGet, sql: first + 1, args: first + 2, dest: first, named: -1}, true
		case "Select", "SelectContext":
			return apiEntry{kind: kindSelect, sql: first + 1, args: first + 2, dest: first, named: -1}, true
		}
	}
	return apiEntry{}, false
}

// isCopyFrom reports whether sig is pgx's CopyFrom(ctx, pgx.Identifier,
// []string, pgx.CopyFromSource) (int64, error), as sqlc's DBTX declares it.
func isCopyFrom(sig *types.Signature) bool {
	p, r := sig.Params(), sig.Results()
	if p.Len() != 4 || r.Len() != 2 || !isContext(p.At(0).Type()) || !isError(r.At(1).Type()) {
		return false
	}
	id, src := typeKey(p.At(1).Type()), typeKey(p.At(3).Type())
	return copyFromTypes()[id] && copyFromTypes()[src]
}

// findCallSites finds every SQL call site of the package, learning the
// package's own wrappers as it goes.
func (st *state) findCallSites() {
	for cur := range st.root.Preorder((*ast.CallExpr)(nil)) {
		if fn, ok := typeutil.Callee(st.pass.TypesInfo, cur.Node().(*ast.CallExpr)).(*types.Func); ok {
			st.calls = append(st.calls, call{cur, fn})
		}
	}
	// Wrappers of wrappers need a few rounds; each round can only add.
	for round := 0; round < 4; round++ {
		st.sites = st.sites[:0]
		for _, c := range st.calls {
			e, ok := st.matchCall(c.fn)
			if !ok {
				continue
			}
			st.sites = append(st.sites, st.newSite(c.cur, e))
		}
		if !st.learnWrappers() {
			break
		}
	}
}

func (st *state) newSite(cur inspector.Cursor, e apiEntry) *callSite {
	call := cur.Node().(*ast.CallExpr)
	s := &callSite{call: call, cur: cur, entry: e, unit: st.unitOf(cur)}
	switch {
	case e.sql < 0:
		s.sql = nil
	case e.sql < len(call.Args) && !(call.Ellipsis.IsValid() && e.sql >= len(call.Args)-1):
		s.sql = call.Args[e.sql]
		if e.byName {
			s.sql, s.name = nil, call.Args[e.sql]
		}
	default:
		s.skip = skipNoSQLArg
	}
	return s
}

// learnWrappers records the package's functions that pass a string
// parameter straight through as a call's query text. It reports whether
// it learned a new one.
func (st *state) learnWrappers() bool {
	learned := false
	for _, s := range st.sites {
		if s.unit == nil || s.unit.fn == nil || s.sql == nil {
			continue
		}
		if _, ok := st.wrappers[s.unit.fn]; ok {
			continue
		}
		id, ok := ast.Unparen(s.sql).(*ast.Ident)
		if !ok {
			continue
		}
		sig := s.unit.fn.Type().(*types.Signature)
		sqlIdx := paramIndex(sig, st.pass.TypesInfo.Uses[id])
		if sqlIdx < 0 || st.reassigned(sig.Params().At(sqlIdx)) {
			continue
		}
		w := &wrapperFact{Kind: s.entry.kind, SQL: sqlIdx, Args: -1, Dest: -1, Named: -1, Mode: s.entry.mode}
		if a := s.entry.args; a >= 0 && a < len(s.call.Args) && s.call.Ellipsis.IsValid() && a == len(s.call.Args)-1 {
			if id, ok := s.call.Args[a].(*ast.Ident); ok {
				if i := paramIndex(sig, st.pass.TypesInfo.Uses[id]); i == sig.Params().Len()-1 && sig.Variadic() {
					w.Args = i
				}
			}
		}
		w.Dest = st.paramArg(sig, s.call, s.entry.dest)
		w.Named = st.paramArg(sig, s.call, s.entry.named)
		if w.Dest < 0 && (w.Kind == kindQuery || w.Kind == kindQueryRow) {
			if d, ok := st.reflectDest(s.unit.fn); ok {
				w.Kind, w.Dest, w.ByTag = kindGet, d, true
			}
		}
		st.wrappers[s.unit.fn] = w
		if s.unit.fn.Exported() || isMethodOfExported(s.unit.fn) {
			st.pass.ExportObjectFact(s.unit.fn, w)
		}
		learned = true
	}
	return learned
}

// paramArg returns the index of the parameter passed as the call's
// argument i, or -1.
func (st *state) paramArg(sig *types.Signature, call *ast.CallExpr, i int) int {
	if i < 0 || i >= len(call.Args) {
		return -1
	}
	id, ok := ast.Unparen(call.Args[i]).(*ast.Ident)
	if !ok {
		return -1
	}
	return paramIndex(sig, st.pass.TypesInfo.Uses[id])
}

// reassigned reports whether anything assigns to v or takes its address.
func (st *state) reassigned(v *types.Var) bool {
	for _, u := range st.uses.of(v) {
		if u.kind != useRead {
			return true
		}
	}
	return false
}

func paramIndex(sig *types.Signature, obj types.Object) int {
	if obj == nil {
		return -1
	}
	for i := 0; i < sig.Params().Len(); i++ {
		if sig.Params().At(i) == obj {
			return i
		}
	}
	return -1
}

func isMethodOfExported(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return false
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	return ok && n.Obj().Exported() && fn.Exported()
}

// unitOf returns the unit around cur (cur itself if it is a function),
// nil at package level.
func (st *state) unitOf(cur inspector.Cursor) *unit {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return st.units[c.Node()]
	}
	return nil
}

// findUnits records every function body of the package and, for each
// literal, whether it runs synchronously inside its parent.
func (st *state) findUnits() {
	for cur := range st.root.Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		u := &unit{node: cur.Node()}
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			if n.Body == nil {
				continue
			}
			u.fn, _ = st.pass.TypesInfo.Defs[n.Name].(*types.Func)
		case *ast.FuncLit:
			u.parent = st.unitOf(cur.Parent())
			u.sync = st.runsInPlace(cur)
		}
		st.units[cur.Node()] = u
	}
}

// runsInPlace reports whether the literal at cur runs while the function
// around it runs: called directly (not by a go statement), or passed to
// a parameter that its callee calls in place (a transaction runner, a
// function whose summary says so). A literal that is stored, registered
// or run by a goroutine does not run in place.
func (st *state) runsInPlace(cur inspector.Cursor) bool {
	parent := cur.Parent()
	call, ok := parent.Node().(*ast.CallExpr)
	if !ok {
		return false
	}
	if call.Fun == cur.Node() {
		_, isGo := parent.Parent().Node().(*ast.GoStmt)
		return !isGo // func() { ... }(), or defer func() { ... }()
	}
	if _, isGo := parent.Parent().Node().(*ast.GoStmt); isGo {
		return false // go run(func() { ... })
	}
	fn, ok := typeutil.Callee(st.pass.TypesInfo, call).(*types.Func)
	if !ok {
		return false
	}
	for i, a := range call.Args {
		if a == cur.Node() {
			return st.callsInPlace(fn, i)
		}
	}
	return false
}

func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

func isString(t types.Type) bool {
	b, ok := t.(*types.Basic)
	return ok && b.Kind() == types.String
}

func isEmptyInterface(t types.Type) bool {
	i, ok := t.Underlying().(*types.Interface)
	return ok && i.Empty()
}

func isContext(t types.Type) bool {
	return typeKey(t) == "context.Context"
}

// typeKey names a named type, or a pointer to one, as "pkg.Name" or
// "*pkg.Name"; anything else gives "".
func typeKey(t types.Type) string {
	star := ""
	if p, ok := t.(*types.Pointer); ok {
		star, t = "*", p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return ""
	}
	return star + n.Obj().Pkg().Path() + "." + n.Obj().Name()
}
