package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"regexp"
	"strings"
	"sync"

	"github.com/cqrslint/cqrslint/analyzer/internal/sqlinfo"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// Skip reasons for call sites whose columns cannot be mapped.
const (
	skipStarPositional = "select * scanned by position (columns unknown without the schema)"
	skipCountMismatch  = "scan destinations do not match the columns"
	skipRowsReused     = "rows variable holds more than one query"
	unmappedScanyAPI   = "scanned by a scany API made with options (its column mapping is not known)"
)

// sink is one place where a call's columns are scanned.
type sink struct {
	pos  token.Pos
	mode scanMode
	args []ast.Expr // positional destinations
	typ  types.Type // the struct scanned by name or by position
	// fixed are positional destinations known from an imported helper's
	// fact, used instead of args.
	fixed []target
	// why says why positional destinations are not known, if so.
	why string
}

// target is where one output column lands.
type target struct {
	col   sqlinfo.Column
	owner *types.TypeName // the struct type whose field receives the column
	field string          // the field, also of an anonymous struct
	local *types.Var      // the local variable written: v in &v, u in &u.F
	pos   token.Pos       // the scan
	// copied is set when the column was scanned into the local and the
	// local then stored into the field: p.LikeCount = likeCount.
	copied bool
	index  int // the column's number in the select list; -1 for a star's
}

// findSinks returns the scans of the rows or row the call returns, or a
// reason why they cannot be told.
func (st *state) findSinks(s *callSite) ([]sink, string) {
	info := st.pass.TypesInfo
	call := s.call
	if s.entry.bun {
		return st.bunSinks(s)
	}
	switch s.entry.kind {
	case kindGet, kindSelect:
		if s.entry.dest < 0 || s.entry.dest >= len(call.Args) {
			return nil, ""
		}
		d := call.Args[s.entry.dest]
		if s.entry.byTag {
			t := info.TypeOf(d)
			if t == nil {
				return nil, ""
			}
			return byTagSinks(call, t)
		}
		if k, ok := st.destSink(d, s.entry.kind == kindSelect, s.entry.structMode(), call.Pos()); ok {
			return []sink{k}, ""
		}
		return nil, ""
	case kindQuery, kindQueryRow, kindNamedQuery, kindQueue:
	default:
		return nil, ""
	}

	// A wrapper of this package that scans what it runs: its scans are
	// the caller's, with the caller's type arguments for its type
	// parameters (get[User](ctx, db, q, id) over RowToStructByName[T]).
	if ks, why, ok := st.wrapperSinks(s); ok {
		return ks, why
	}

	// Chained: db.QueryRow(...).Scan(...), batch.Queue(...).QueryRow(fn).
	if s.cur.ParentEdgeKind() == edge.SelectorExpr_X && s.cur.Parent().ParentEdgeKind() == edge.CallExpr_Fun {
		outer := s.cur.Parent().Parent().Node().(*ast.CallExpr)
		fn, _ := typeutil.Callee(info, outer).(*types.Func)
		if fn == nil {
			return nil, ""
		}
		if mode, ok := scanMethods()[fn.FullName()]; ok {
			return []sink{st.scanSink(outer, mode)}, ""
		}
		if batchRowCallbacks()[fn.FullName()] && len(outer.Args) == 1 {
			if lit, ok := outer.Args[0].(*ast.FuncLit); ok {
				if p := firstParam(lit, info); p != nil {
					return st.sinksOfVar(p, 0)
				}
			}
		}
		return nil, ""
	}

	// Handed to a helper: scanUser(tx.QueryRow(ctx, q, id)).
	if s.cur.ParentEdgeKind() == edge.CallExpr_Args {
		return st.helperSinks(s.cur.Parent().Node().(*ast.CallExpr), s.cur.ParentEdgeIndex(), 0)
	}

	// Assigned: rows, err := db.Query(...); row := db.QueryRow(...).
	v := assignedVar(s.cur, info)
	if v == nil {
		switch {
		case s.entry.kind == kindQueue, s.cur.ParentEdgeKind() == edge.ExprStmt_X, discarded(s.cur):
			return nil, "" // queued, or nothing read
		case s.cur.ParentEdgeKind() == edge.ReturnStmt_Results:
			return nil, unmappedReturned
		}
		return nil, unmappedKept
	}
	if len(st.uses.assignments(v)) != 1 {
		return nil, skipRowsReused
	}
	return st.sinksOfVar(v, 0)
}

// destSink reads the destination of a call that scans into an argument:
// sqlx Get (one row into a struct or a single value) and Select (every
// row into a slice), scany's Get/Select/ScanOne/ScanAll. mode says how a
// struct receives the columns.
func (st *state) destSink(d ast.Expr, all bool, mode scanMode, pos token.Pos) (sink, bool) {
	t := st.pass.TypesInfo.TypeOf(d)
	if t == nil {
		return sink{}, false
	}
	elem := deref(t)
	if all {
		sl, ok := elem.Underlying().(*types.Slice)
		if !ok {
			return sink{}, false
		}
		elem = deref(sl.Elem())
	}
	if structOf(elem) != nil {
		return sink{pos: pos, mode: mode, typ: elem}, true
	}
	if !all {
		return sink{pos: pos, mode: scanPositional, args: []ast.Expr{d}}, true
	}
	return sink{}, false
}

// bunSinks returns where the columns of a bun query's Scan land: the
// destinations the call names after its context, else the model; for
// go-pg's Select, the values it is given, else the model.
func (st *state) bunSinks(s *callSite) ([]sink, string) {
	call := s.call
	if call.Ellipsis.IsValid() {
		return nil, unmappedKept
	}
	first := 1 // bun: Scan(ctx, dest...)
	if s.entry.mode == scanGoPG {
		first = 0 // go-pg: Select(values...)
	}
	var dests []ast.Expr
	if len(call.Args) > first {
		dests = call.Args[first:]
	}
	if len(dests) == 0 {
		if name := bunOpName(st.pass.TypesInfo, call); s.model == nil || !modelScanners()[name] {
			return nil, "" // Exec, Count, Exists: nothing scanned into the model
		}
		dests = []ast.Expr{s.model}
	}
	if len(dests) > 1 {
		return []sink{{pos: call.Pos(), mode: scanPositional, args: dests}}, ""
	}
	t := st.pass.TypesInfo.TypeOf(dests[0])
	if t == nil {
		return nil, ""
	}
	if _, isMap := deref(t).Underlying().(*types.Map); isMap {
		return nil, ""
	}
	_, all := deref(t).Underlying().(*types.Slice)
	if k, ok := st.destSink(dests[0], all, s.entry.mode, call.Pos()); ok {
		return []sink{k}, ""
	}
	return nil, ""
}

// Reasons a read's columns cannot be followed into a helper.
const (
	unmappedHelperElsewhere   = "row passed to a function of another package"
	unmappedHelperNoBody      = "row passed to a function without a body here (an interface method, a func value)"
	unmappedHelperDeep        = "row passed through too many helpers"
	unmappedGenericNoInstance = "generic helper whose type argument is not known at the call"
	unmappedReturned          = "row or rows returned to the caller (not followed)"
	unmappedKept              = "row or rows kept where cqrslint does not follow them (a field, a composite value)"
)

// maxHelperDepth bounds how many helpers a row is followed through.
const maxHelperDepth = 3

// helperSinks follows a row or rows value passed as argument i of call
// into the function of this package that receives it: the scans made
// through that parameter are the call's. A helper of another package, or
// one whose body is not here, gives a reason instead.
func (st *state) helperSinks(call *ast.CallExpr, i, depth int) ([]sink, string) {
	fn, ok := typeutil.Callee(st.pass.TypesInfo, call).(*types.Func)
	if !ok {
		return nil, unmappedHelperNoBody
	}
	fn = fn.Origin()
	if fn.Pkg() != st.pass.Pkg {
		if ks, ok := st.importedRowSinks(fn, i, call.Pos()); ok {
			return ks, ""
		}
		return nil, unmappedHelperElsewhere
	}
	if depth >= maxHelperDepth {
		return nil, unmappedHelperDeep
	}
	sig := fn.Type().(*types.Signature)
	if call.Ellipsis.IsValid() || i >= sig.Params().Len() || (sig.Variadic() && i >= sig.Params().Len()-1) {
		return nil, ""
	}
	p := sig.Params().At(i)
	if len(st.uses.of(p)) == 0 {
		return nil, unmappedHelperNoBody
	}
	if len(st.uses.assignments(p)) != 0 {
		return nil, skipRowsReused
	}
	return st.sinksOfVar(p, depth+1)
}

// sinksOfVar returns the scans made through a rows or row variable, and
// why some could not be followed when none could. depth counts the
// helpers the value went through.
func (st *state) sinksOfVar(v *types.Var, depth int) ([]sink, string) {
	info := st.pass.TypesInfo
	var out []sink
	why := ""
	for _, u := range st.uses.of(v) {
		if u.kind != useRead {
			continue
		}
		cur := u.ident
		switch cur.ParentEdgeKind() {
		case edge.SelectorExpr_X: // rows.Scan(...)
			if cur.Parent().ParentEdgeKind() != edge.CallExpr_Fun {
				continue
			}
			call := cur.Parent().Parent().Node().(*ast.CallExpr)
			fn, _ := typeutil.Callee(info, call).(*types.Func)
			if fn == nil {
				continue
			}
			if mode, ok := scanMethods()[fn.FullName()]; ok {
				out = append(out, st.scanSink(call, mode))
			}
		case edge.CallExpr_Args: // pgx.CollectRows(rows, pgx.RowToStructByName[T]), scanUser(row)
			call := cur.Parent().Node().(*ast.CallExpr)
			fn, _ := typeutil.Callee(info, call).(*types.Func)
			if fn == nil {
				continue
			}
			name := fn.Origin().FullName()
			switch {
			case cur.ParentEdgeIndex() == 0 && len(call.Args) >= 2 && rowCollectors()[name]:
				if k, ok := rowFuncSink(call.Args[1], info); ok {
					k.pos = call.Pos()
					out = append(out, k)
				}
			case rowsScanners()[name].rows == cur.ParentEdgeIndex() && rowsScanners()[name].mode != 0 && !call.Ellipsis.IsValid():
				// pgxscan.ScanAll(&out, rows)
				rs := rowsScanners()[name]
				if rs.dest < len(call.Args) {
					if k, ok := st.destSink(call.Args[rs.dest], rs.all, rs.mode, call.Pos()); ok {
						out = append(out, k)
					}
				}
			case cur.ParentEdgeIndex() == 0 && len(call.Args) >= 2 && name == forEachRow:
				if lit, ok := call.Args[1].(*ast.CompositeLit); ok {
					out = append(out, sink{pos: call.Pos(), mode: scanPositional, args: lit.Elts})
				}
			case isDBType(v.Type()):
				ks, reason := st.helperSinks(call, cur.ParentEdgeIndex(), depth)
				out = append(out, ks...)
				if reason != "" {
					why = reason
				}
			}
		}
	}
	if len(out) > 0 {
		why = ""
	}
	return out, why
}

// isDBType reports whether t is a row or rows type of a database package
// (not, say, a context or an ID that travels beside them).
func isDBType(t types.Type) bool {
	n, ok := types.Unalias(deref(t)).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	for _, d := range dbPackages {
		if n.Obj().Pkg().Path() == d {
			return true
		}
	}
	return false
}

func (st *state) scanSink(call *ast.CallExpr, mode scanMode) sink {
	info := st.pass.TypesInfo
	k := sink{pos: call.Pos(), mode: mode}
	if mode == scanPositional {
		if !call.Ellipsis.IsValid() {
			k.args = call.Args
		} else if len(call.Args) == 1 {
			k.args = st.targetsList(call.Args[0]) // rows.Scan(w.scanTargets()...)
		}
		if k.args == nil && call.Ellipsis.IsValid() {
			k.why = unmappedSpread
		}
		return k
	}
	if len(call.Args) == 1 {
		if t := info.TypeOf(call.Args[0]); t != nil {
			k.typ = deref(t)
		}
	}
	return k
}

// rowFuncSink reads pgx.RowToStructByName[T] and friends.
func rowFuncSink(e ast.Expr, info *types.Info) (sink, bool) {
	var id *ast.Ident
	switch e := ast.Unparen(e).(type) {
	case *ast.IndexExpr:
		id = identOf(e.X)
	case *ast.IndexListExpr:
		id = identOf(e.X)
	}
	if id == nil {
		return sink{}, false
	}
	fn, ok := info.Uses[id].(*types.Func)
	if !ok {
		return sink{}, false
	}
	mode, ok := rowFuncs()[fn.Origin().FullName()]
	if !ok {
		return sink{}, false
	}
	inst, ok := info.Instances[id]
	if !ok || inst.TypeArgs.Len() != 1 {
		return sink{}, false
	}
	return sink{mode: mode, typ: inst.TypeArgs.At(0)}, true
}

func identOf(e ast.Expr) *ast.Ident {
	switch e := e.(type) {
	case *ast.Ident:
		return e
	case *ast.SelectorExpr:
		return e.Sel
	}
	return nil
}

// assignedVar returns the variable the call's (first) result is assigned
// to: x := call, x, err := call, var x = call.
func assignedVar(cur inspector.Cursor, info *types.Info) *types.Var {
	var lhs ast.Expr
	switch cur.ParentEdgeKind() {
	case edge.AssignStmt_Rhs:
		as := cur.Parent().Node().(*ast.AssignStmt)
		if len(as.Rhs) == 1 && len(as.Lhs) > 0 {
			lhs = as.Lhs[0]
		}
	case edge.ValueSpec_Values:
		spec := cur.Parent().Node().(*ast.ValueSpec)
		if len(spec.Values) == 1 && len(spec.Names) > 0 {
			lhs = spec.Names[0]
		}
	}
	id, ok := lhs.(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.ObjectOf(id).(*types.Var)
	return v
}

// discarded reports whether the call's result is assigned to _.
func discarded(cur inspector.Cursor) bool {
	if cur.ParentEdgeKind() != edge.AssignStmt_Rhs {
		return false
	}
	as := cur.Parent().Node().(*ast.AssignStmt)
	id, ok := as.Lhs[0].(*ast.Ident)
	return ok && id.Name == "_" && len(as.Rhs) == 1
}

func firstParam(lit *ast.FuncLit, info *types.Info) *types.Var {
	if lit.Type.Params == nil || len(lit.Type.Params.List) == 0 || len(lit.Type.Params.List[0].Names) == 0 {
		return nil
	}
	v, _ := info.Defs[lit.Type.Params.List[0].Names[0]].(*types.Var)
	return v
}

// mapColumns maps a statement's output columns through one sink to their
// destinations. It returns nil and a reason when it cannot.
func (st *state) mapColumns(cols []sqlinfo.Column, k sink) ([]target, string) {
	hasStar := false
	for _, c := range cols {
		if c.Star {
			hasStar = true
		}
	}
	switch k.mode {
	case scanPositional:
		if k.fixed != nil {
			if hasStar {
				return nil, skipStarPositional
			}
			if len(k.fixed) != len(cols) {
				return nil, skipCountMismatch
			}
			out := make([]target, len(cols))
			for i, t := range k.fixed {
				t.col, t.pos, t.index = cols[i], k.pos, i
				out[i] = t
			}
			return out, ""
		}
		if k.args == nil {
			return nil, k.why
		}
		if hasStar {
			return nil, skipStarPositional
		}
		if len(k.args) != len(cols) {
			return nil, skipCountMismatch
		}
		out := make([]target, 0, len(cols))
		for i, a := range k.args {
			t := st.destination(a)
			if t.owner == nil && t.field == "" && t.local != nil {
				// Scanned into a local, then stored into a field.
				if owner, field := st.storedInto(t.local); owner != nil {
					t.owner, t.field, t.copied = owner, field, true
				}
			}
			t.col, t.pos, t.index = cols[i], k.pos, i
			out = append(out, t)
		}
		return out, ""
	case scanByPos:
		if hasStar {
			return nil, skipStarPositional
		}
		owner, fields := structFields(k.typ, k.mode)
		if owner == nil {
			return nil, ""
		}
		if len(fields) < len(cols) {
			return nil, skipCountMismatch
		}
		out := make([]target, 0, len(cols))
		for i, c := range cols {
			out = append(out, target{col: c, owner: owner, field: fields[i].name, pos: k.pos, index: i})
		}
		return out, ""
	case scanScanyAPI:
		return nil, unmappedScanyAPI
	case scanByName, scanByNameLax, scanSqlxStruct, scanScany, scanDBTag, scanBun, scanGoPG:
		owner, fields := structFields(k.typ, k.mode)
		if owner == nil {
			return nil, ""
		}
		var out []target
		matched := map[string]bool{}
		for i, c := range cols {
			if c.Star {
				continue
			}
			for _, f := range fields {
				if columnMatches(f, c.Name, k.mode) {
					out = append(out, target{col: c, owner: owner, field: f.name, pos: k.pos, index: i})
					matched[f.name] = true
					break
				}
			}
		}
		if hasStar {
			// The fields no named column fills are filled by the star's
			// stored columns.
			for _, f := range fields {
				if !matched[f.name] {
					out = append(out, target{col: sqlinfo.Column{Name: "*", Star: true}, owner: owner, field: f.name, pos: k.pos, index: -1})
				}
			}
		}
		return out, ""
	}
	return nil, ""
}

// destination reads a positional scan destination: &v.F, &v, &p.F.
func (st *state) destination(e ast.Expr) target {
	info := st.pass.TypesInfo
	u, ok := ast.Unparen(e).(*ast.UnaryExpr)
	if !ok || u.Op != token.AND {
		return target{}
	}
	switch x := ast.Unparen(u.X).(type) {
	case *ast.Ident:
		v, _ := info.Uses[x].(*types.Var)
		if v != nil && isLocal(v) {
			return target{local: v}
		}
	case *ast.SelectorExpr:
		sel, ok := info.Selections[x]
		if !ok || sel.Kind() != types.FieldVal {
			return target{}
		}
		var t target
		switch n := types.Unalias(deref(info.TypeOf(x.X))).(type) {
		case *types.Named:
			if structOf(n) == nil {
				return target{}
			}
			t = target{owner: n.Obj(), field: x.Sel.Name}
		case *types.Struct:
			t = target{field: x.Sel.Name} // an anonymous struct: no model, but a local
		default:
			return target{}
		}
		if id, ok := ast.Unparen(x.X).(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok && !v.IsField() {
				t.local = v
			}
		}
		return t
	}
	return target{}
}

// structFields returns the named struct type and its columns' fields in
// order, flattening embedded structs as pgx and sqlx do. Under scanBun
// (scanGoPG) the bun (pg) tag names the columns and relations (rel:,
// m2m:, many2many:) are not columns; every other mode reads the db tag.
func structFields(t types.Type, mode scanMode) (*types.TypeName, []structField) {
	if t == nil {
		return nil, nil
	}
	n, ok := types.Unalias(deref(t)).(*types.Named)
	if !ok {
		return nil, nil
	}
	s := structOf(n)
	if s == nil {
		return nil, nil
	}
	key := "db"
	switch mode {
	case scanBun:
		key = "bun"
	case scanGoPG:
		key = "pg"
	}
	var fields []structField
	var walk func(s *types.Struct, depth int)
	walk = func(s *types.Struct, depth int) {
		for i := 0; i < s.NumFields(); i++ {
			f := s.Field(i)
			tag, hasTag := reflect.StructTag(s.Tag(i)).Lookup(key)
			var sf structField
			if mode == scanBun || mode == scanGoPG {
				sf = bunField(tag, mode)
				if sf.relation {
					continue
				}
			} else {
				sf.tag, _, _ = strings.Cut(tag, ",")
			}
			if sf.tag == "-" {
				continue
			}
			if f.Embedded() {
				if inner := structOf(f.Type()); inner != nil && depth < 4 {
					walk(inner, depth+1)
					continue
				}
			}
			if f.Exported() {
				sf.name, sf.hasTag = f.Name(), hasTag && sf.tag != ""
				fields = append(fields, sf)
			}
		}
	}
	walk(s, 0)
	return n.Obj(), fields
}

// structField is one field that can receive a column.
type structField struct {
	name   string
	tag    string // the db (bun) tag's name part
	hasTag bool
	// For bun: the field is only scanned into (scanonly), or is a
	// primary key, or a relation (not a column at all).
	scanOnly, pk, relation bool
}

// columnMatches reports whether field f receives column name under mode.
func columnMatches(f structField, name string, mode scanMode) bool {
	switch mode {
	case scanDBTag:
		return f.hasTag && f.tag == name
	case scanSqlxStruct:
		if f.hasTag {
			return f.tag == name
		}
		return strings.ToLower(f.name) == name
	case scanScany:
		if f.hasTag {
			return f.tag == name
		}
		return snakeCase(f.name) == name
	case scanBun, scanGoPG:
		return f.column() == name
	default: // pgx
		if f.hasTag {
			return strings.EqualFold(f.tag, name)
		}
		return strings.EqualFold(f.name, strings.ReplaceAll(name, "_", ""))
	}
}

func deref(t types.Type) types.Type {
	if p, ok := t.(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

func structOf(t types.Type) *types.Struct {
	if t == nil {
		return nil
	}
	s, _ := t.Underlying().(*types.Struct)
	return s
}

// storedInto returns the named struct field a local is stored into in
// its function: p.F = v, p.F = &v, T{F: v}, T{F: &v}. It returns nil when
// there is no such store, or more than one field receives it.
func (st *state) storedInto(v *types.Var) (*types.TypeName, string) {
	info := st.pass.TypesInfo
	var owner *types.TypeName
	var field string
	for _, u := range st.uses.of(v) {
		cur := u.ident
		if cur.ParentEdgeKind() == edge.UnaryExpr_X && cur.Parent().Node().(*ast.UnaryExpr).Op == token.AND {
			cur = cur.Parent() // &v
		}
		var o *types.TypeName
		var f string
		switch cur.ParentEdgeKind() {
		case edge.AssignStmt_Rhs:
			as := cur.Parent().Node().(*ast.AssignStmt)
			i := cur.ParentEdgeIndex()
			if len(as.Lhs) != len(as.Rhs) || as.Tok != token.ASSIGN {
				continue
			}
			sel, ok := ast.Unparen(as.Lhs[i]).(*ast.SelectorExpr)
			if !ok {
				continue
			}
			if o, ok = fieldOwner(info, sel); !ok {
				continue
			}
			f = sel.Sel.Name
		case edge.KeyValueExpr_Value:
			kv := cur.Parent().Node().(*ast.KeyValueExpr)
			key, ok := kv.Key.(*ast.Ident)
			lit, isLit := cur.Parent().Parent().Node().(*ast.CompositeLit)
			if !ok || !isLit {
				continue
			}
			n, ok := types.Unalias(deref(info.TypeOf(lit))).(*types.Named)
			if !ok || structOf(n) == nil {
				continue
			}
			o, f = n.Obj(), key.Name
		default:
			continue
		}
		if owner != nil && (owner != o || field != f) {
			return nil, ""
		}
		owner, field = o, f
	}
	return owner, field
}

// targetsList reads the destinations a method of this package returns
// for a spread scan, rows.Scan(w.scanTargets()...), when its body is a
// single return of a slice literal: return []any{&w.ID, &w.Name}. The
// receiver's fields are then the destinations. Anything else is nil.
func (st *state) targetsList(e ast.Expr) []ast.Expr {
	info := st.pass.TypesInfo
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return nil
	}
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Pkg() != st.pass.Pkg {
		return nil
	}
	fd := st.declOf(fn)
	if fd == nil || fd.Recv == nil {
		return nil
	}
	return returnedElts(fd.Body, 1)
}

// returnedElts returns the elements of the composite literal a body of
// one statement returns first, among results results: return []any{...}.
func returnedElts(body *ast.BlockStmt, results int) []ast.Expr {
	if body == nil || len(body.List) != 1 {
		return nil
	}
	ret, ok := body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != results {
		return nil
	}
	lit, ok := ast.Unparen(ret.Results[0]).(*ast.CompositeLit)
	if !ok {
		return nil
	}
	return lit.Elts
}

// wrapperSinks returns the scans made inside the same-package wrapper
// that s calls, when the wrapper consumes the rows itself; ok is false
// when it does not. A scan into a type parameter the call does not name
// gives a reason instead.
func (st *state) wrapperSinks(s *callSite) ([]sink, string, bool) {
	info := st.pass.TypesInfo
	fn, ok := typeutil.Callee(info, s.call).(*types.Func)
	if !ok {
		return nil, "", false
	}
	fn = fn.Origin()
	if fn.Pkg() != st.pass.Pkg || st.wrappers[fn] == nil || st.inWrapper[fn] {
		return nil, "", false
	}
	var inner *callSite
	for _, x := range st.sites {
		if x.unit != nil && x.unit.fn == fn && x.skip == skipWrapper {
			if inner != nil {
				return nil, "", false // more than one query in the wrapper
			}
			inner = x
		}
	}
	if inner == nil {
		return nil, "", false
	}
	st.inWrapper[fn] = true
	ks, _ := st.findSinks(inner)
	delete(st.inWrapper, fn)
	if len(ks) == 0 {
		return nil, "", false
	}
	var targs *types.TypeList
	if id := calleeIdent(s.call.Fun); id != nil {
		if inst, ok := info.Instances[id]; ok {
			targs = inst.TypeArgs
		}
	}
	out := make([]sink, 0, len(ks))
	for _, k := range ks {
		if tp, ok := types.Unalias(deref(k.typ)).(*types.TypeParam); k.typ != nil && ok {
			if targs == nil || tp.Index() >= targs.Len() {
				return nil, unmappedGenericNoInstance, true
			}
			k.typ = targs.At(tp.Index())
		}
		out = append(out, k)
	}
	return out, "", true
}

// calleeIdent returns the identifier naming a call's function: f, pkg.F,
// x.M, f[T], pkg.F[T, U].
func calleeIdent(fun ast.Expr) *ast.Ident {
	switch e := ast.Unparen(fun).(type) {
	case *ast.IndexExpr:
		return identOf(e.X)
	case *ast.IndexListExpr:
		return identOf(e.X)
	}
	return identOf(ast.Unparen(fun))
}

// scany's SnakeCaseMapper: "(.)([A-Z][a-z]+)" then "([a-z0-9])([A-Z])"
// each become "${1}_${2}", then the name is lower-cased. These are
// scany's own expressions, so that names map exactly as it maps them.
var (
	snakeFirstCap = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile("(.)([A-Z][a-z]+)") })
	snakeAllCap   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile("([a-z0-9])([A-Z])") })
)

// snakeCase maps a field name to its column as scany's default API does:
// BookCount → book_count, UserID → user_id, ID → id.
func snakeCase(name string) string {
	s := snakeFirstCap().ReplaceAllString(name, "${1}_${2}")
	s = snakeAllCap().ReplaceAllString(s, "${1}_${2}")
	return strings.ToLower(s)
}
