package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"
	"unicode"

	"github.com/cqrslint/cqrslint/analyzer/internal/sqlinfo"
)

// findWritePaths marks every unit that executes a write: directly,
// through a same-package callee (transitively), through a function of
// another package known to write, or through a literal it runs in place.
// Functions found to write are exported as facts.
func (st *state) findWritePaths() {
	// Direct writes.
	for _, s := range st.sites {
		if s.unit == nil {
			continue
		}
		if w := s.writes(); w != nil {
			st.noteWrite(s.unit, &evidence{pos: s.call.Pos(), what: describeWrite(w)})
		}
	}
	// Calls: to imported writers now, to local functions until nothing changes.
	type edge struct {
		from *unit
		to   *unit
		call *ast.CallExpr
	}
	var edges []edge
	byFunc := map[*types.Func]*unit{}
	for _, u := range st.units {
		if u.fn != nil {
			byFunc[u.fn] = u
		}
	}
	for _, c := range st.calls {
		if !c.static() {
			continue
		}
		call, fn := c.cur.Node().(*ast.CallExpr), c.fn
		from := st.unitOf(c.cur)
		if from == nil || st.inTestFile(call.Pos()) {
			continue
		}
		fn = fn.Origin()
		if to, ok := byFunc[fn]; ok {
			edges = append(edges, edge{from, to, call})
			st.callers[to] = append(st.callers[to], caller{unit: from, call: call})
			continue
		}
		if fn.Pkg() != nil && fn.Pkg() != st.pass.Pkg {
			var f writesFact
			if st.pass.ImportObjectFact(fn, &f) {
				st.noteWrite(from, &evidence{pos: call.Pos(), what: fn.Pkg().Name() + "." + funcName(fn) + ": " + f.Evidence})
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, e := range edges {
			if e.to.write != nil && e.from.write == nil {
				st.noteWrite(e.from, &evidence{pos: e.call.Pos(), what: funcName(e.to.fn) + ": " + stripPos(e.to.write.what)})
				changed = true
			}
		}
		for _, u := range st.units {
			if u.sync && u.write != nil && u.parent != nil && u.parent.write == nil {
				st.noteWrite(u.parent, &evidence{pos: u.node.Pos(), what: stripPos(u.write.what)})
				changed = true
			}
		}
	}
	for _, u := range st.units {
		if u.fn != nil && u.write != nil && (u.fn.Exported() || isMethodOfExported(u.fn)) {
			st.pass.ExportObjectFact(u.fn, &writesFact{Evidence: stripPos(u.write.what) + " (" + st.shortPos(u.write.pos) + ")"})
		}
	}
}

// noteWrite keeps the earliest evidence of a write in u.
func (st *state) noteWrite(u *unit, e *evidence) {
	if u.write == nil || e.pos < u.write.pos {
		u.write = e
	}
}

// writePath returns the unit on whose behalf u runs that writes: u
// itself, or a parent running u in place.
func writePath(u *unit) *unit {
	for ; u != nil; u = u.parent {
		if u.write != nil {
			return u
		}
		if !u.sync {
			return nil
		}
	}
	return nil
}

// describeWrite names a write statement: "INSERT INTO users".
func describeWrite(s *sqlinfo.Statement) string {
	verb := map[sqlinfo.Kind]string{
		sqlinfo.KindInsert: "INSERT INTO",
		sqlinfo.KindUpdate: "UPDATE",
		sqlinfo.KindDelete: "DELETE FROM",
		sqlinfo.KindMerge:  "MERGE INTO",
	}[s.Kind]
	if verb == "" {
		verb = "a write to"
		if s.Kind == sqlinfo.KindSelect {
			verb = "WITH ... a write to"
		}
	}
	if s.Table == "" {
		return strings.TrimSuffix(verb, " INTO")
	}
	return verb + " " + s.Table
}

func stripPos(s string) string {
	if i := strings.LastIndex(s, " ("); i >= 0 && strings.HasSuffix(s, ")") {
		return s[:i]
	}
	return s
}

// findWriteModels records the struct types whose non-key fields flow
// into written columns: as bind arguments, bound by name, or receiving
// RETURNING columns. The package's findings are exported as a fact.
func (st *state) findWriteModels() {
	info := st.pass.TypesInfo
	for _, s := range st.sites {
		for i, stmt := range s.stmts {
			if !stmt.Writes {
				continue
			}
			ev := describeWrite(stmt)
			if s.unit != nil {
				ev += " in " + s.unit.name()
			}
			ev += " (" + st.shortPos(s.call.Pos()) + ")"
			// Bind arguments: $N is argument args+N-1.
			if a := s.entry.args; a >= 0 && !s.call.Ellipsis.IsValid() {
				for _, n := range paramNumbers(stmt) {
					use := stmt.Params[n]
					if !use.Written || a+n-1 >= len(s.call.Args) || n < 1 {
						continue
					}
					sel, ok := ast.Unparen(s.call.Args[a+n-1]).(*ast.SelectorExpr)
					if !ok {
						continue
					}
					if owner, ok := fieldOwner(info, sel); ok && !isKey(sel.Sel.Name, use.Column) {
						st.addWriteModel(owner, sel.Sel.Name, ev, s.call.Pos())
					}
				}
			}
			// A value bound by name: sqlx NamedExec(query, &u).
			if nm := s.entry.named; nm >= 0 && nm < len(s.call.Args) && i < len(s.names) {
				owner, fields := structFields(info.TypeOf(s.call.Args[nm]))
				for _, n := range paramNumbers(stmt) {
					use := stmt.Params[n]
					if !use.Written || n < 1 || n > len(s.names[i]) || owner == nil {
						continue
					}
					name := s.names[i][n-1]
					for _, f := range fields {
						if columnMatches(f, name, scanSqlxStruct) && !isKey(f.name, use.Column) {
							st.addWriteModel(owner, f.name, ev, s.call.Pos())
						}
					}
				}
			}
			// RETURNING columns scanned into fields.
			sinks, _ := st.findSinks(s)
			for _, k := range sinks {
				targets, _ := st.mapColumns(stmt.Columns, k)
				for _, t := range targets {
					if t.owner != nil && !isKey(t.field, t.col.Name) {
						st.addWriteModel(t.owner, t.field, ev, s.call.Pos())
					}
				}
			}
		}
	}
	if len(st.writeModels) > 0 {
		f := &writeModelsFact{}
		for key, w := range st.writeModels {
			if w.pos.IsValid() {
				f.Types = append(f.Types, writtenType{Type: key, Field: w.field, Evidence: w.evidence})
			}
		}
		sort.Slice(f.Types, func(i, j int) bool { return f.Types[i].Type < f.Types[j].Type })
		if len(f.Types) > 0 {
			st.pass.ExportPackageFact(f)
		}
	}
	// What imported packages learned.
	for _, pf := range st.pass.AllPackageFacts() {
		f, ok := pf.Fact.(*writeModelsFact)
		if !ok || pf.Package == st.pass.Pkg {
			continue
		}
		for _, t := range f.Types {
			if _, ok := st.writeModels[t.Type]; !ok {
				st.writeModels[t.Type] = &writeModel{field: t.Field, evidence: t.Evidence}
			}
		}
	}
}

// writeModel is the evidence that a struct type is written.
type writeModel struct {
	field    string
	evidence string
	pos      token.Pos // the write, when found in this package
}

func (st *state) addWriteModel(owner *types.TypeName, field, ev string, pos token.Pos) {
	key := typeNameKey(owner)
	if _, ok := st.writeModels[key]; !ok {
		st.writeModels[key] = &writeModel{field: field, evidence: ev, pos: pos}
	}
}

func typeNameKey(tn *types.TypeName) string {
	if tn.Pkg() == nil {
		return tn.Name()
	}
	return tn.Pkg().Path() + "." + tn.Name()
}

// fieldOwner returns the named struct type whose field sel selects.
func fieldOwner(info *types.Info, sel *ast.SelectorExpr) (*types.TypeName, bool) {
	s, ok := info.Selections[sel]
	if !ok || s.Kind() != types.FieldVal {
		return nil, false
	}
	n, ok := types.Unalias(deref(info.TypeOf(sel.X))).(*types.Named)
	if !ok || structOf(n) == nil {
		return nil, false
	}
	return n.Obj(), true
}

// isKey reports whether a field or the column it meets is an identity:
// ID, UserID, id, user_id. Keys used as values (foreign keys) do not make
// a struct a write model.
func isKey(field, column string) bool {
	if field == "ID" || field == "Id" || (strings.HasSuffix(field, "ID") && len(field) > 2 && unicode.IsLower(rune(field[len(field)-3]))) {
		return true
	}
	c := strings.ToLower(column)
	return c == "id" || strings.HasSuffix(c, "_id")
}

// paramNumbers returns the statement's parameter numbers in order.
func paramNumbers(s *sqlinfo.Statement) []int {
	ns := make([]int, 0, len(s.Params))
	for n := range s.Params {
		ns = append(ns, n)
	}
	sort.Ints(ns)
	return ns
}

func (st *state) inTestFile(p token.Pos) bool {
	f := st.pass.Fset.File(p)
	return f != nil && strings.HasSuffix(f.Name(), "_test.go")
}
