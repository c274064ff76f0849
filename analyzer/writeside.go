package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/cqrslint/cqrslint/analyzer/internal/sqlinfo"
)

// findWritePaths marks every unit that executes a write: directly,
// through a same-package callee (transitively), through a function of
// another package known to write, or through a literal it runs in place.
// Each unit keeps one piece of evidence per table written, so that a load
// can be related to the writes that touch what it reads. Functions found
// to write are exported as facts.
func (st *state) findWritePaths() {
	// Direct writes.
	for _, s := range st.sites {
		if s.unit == nil || s.entry.kind == kindPrepare {
			continue
		}
		for _, stmt := range s.stmts {
			if !stmt.Writes {
				continue
			}
			tables := stmt.WriteTables
			if len(tables) == 0 {
				tables = []string{""}
			}
			for _, t := range tables {
				what := describeWrite(stmt)
				if s.entry.kind == kindCopy {
					what = "CopyFrom " + stmt.Table
				}
				if t != stmt.Table {
					what = "WITH ... a write to " + t
				}
				st.noteWrite(s.unit, &evidence{pos: s.call.Pos(), what: what, table: t})
			}
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
				prefix := fn.Pkg().Name() + "." + funcName(fn) + ": "
				for _, w := range f.Writes {
					st.noteWrite(from, &evidence{pos: call.Pos(), what: prefix + w.Evidence, table: w.Table})
				}
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, e := range edges {
			for _, w := range e.to.sortedWrites() {
				if st.noteWrite(e.from, &evidence{pos: e.call.Pos(), what: funcName(e.to.fn) + ": " + stripPos(w.what), table: w.table}) {
					changed = true
				}
			}
		}
		for _, u := range st.units {
			if !u.sync || u.parent == nil {
				continue
			}
			for _, w := range u.sortedWrites() {
				if st.noteWrite(u.parent, &evidence{pos: u.node.Pos(), what: stripPos(w.what), table: w.table}) {
					changed = true
				}
			}
		}
	}
	for _, u := range st.units {
		if u.fn != nil && u.write != nil && (u.fn.Exported() || isMethodOfExported(u.fn)) {
			f := &writesFact{Evidence: stripPos(u.write.what) + " (" + st.shortPos(u.write.pos) + ")"}
			for _, w := range u.sortedWrites() {
				f.Writes = append(f.Writes, tableWrite{Table: w.table, Evidence: stripPos(w.what)})
			}
			st.pass.ExportObjectFact(u.fn, f)
		}
	}
}

// noteWrite records e in u unless u already has evidence of a write to
// the same table at or before e; it reports whether u changed. u.write
// keeps the earliest evidence of any write.
func (st *state) noteWrite(u *unit, e *evidence) bool {
	if u.write == nil || e.pos < u.write.pos {
		u.write = e
	}
	if old, ok := u.writes[e.table]; ok && old.pos <= e.pos {
		return false
	}
	if u.writes == nil {
		u.writes = map[string]*evidence{}
	}
	u.writes[e.table] = e
	return true
}

// sortedWrites returns u's evidence in position order.
func (u *unit) sortedWrites() []*evidence {
	out := make([]*evidence, 0, len(u.writes))
	for _, e := range u.writes {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].pos != out[j].pos {
			return out[i].pos < out[j].pos
		}
		return out[i].table < out[j].table
	})
	return out
}

// writePath returns the unit on whose behalf u runs that writes (u
// itself, or a parent running u in place) and its first write, whatever
// the write touches.
func writePath(u *unit) (*unit, *evidence) {
	for ; u != nil; u = u.parent {
		if u.write != nil {
			return u, u.write
		}
		if !u.sync {
			return nil, nil
		}
	}
	return nil, nil
}

// writePathFor is writePath for a load that reads the tables reads: only
// a write to one of them counts, a reload after the write, a check before
// it, a count the command maintains. A write to an unrelated table (an
// access log, an outbox) does not make a read a write path, except under
// -strict, where any write does.
func (st *state) writePathFor(u *unit, reads []string) (*unit, *evidence) {
	if st.opts.Strict {
		return writePath(u)
	}
	for ; u != nil; u = u.parent {
		for _, w := range u.sortedWrites() {
			if w.table != "" && slices.Contains(reads, w.table) {
				return u, w
			}
		}
		if !u.sync {
			return nil, nil
		}
	}
	return nil, nil
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

// findWriteModels records, for every struct type, which of its fields
// flow into written columns and of which table: as bind arguments, bound
// by name, or (weaker evidence) receiving RETURNING columns. The
// package's bindings are exported as a fact.
func (st *state) findWriteModels() {
	info := st.pass.TypesInfo
	for _, s := range st.sites {
		for i, stmt := range s.stmts {
			if !stmt.Writes || s.entry.kind == kindPrepare {
				continue
			}
			where := ""
			if s.unit != nil {
				where = " in " + s.unit.name()
			}
			where += " (" + st.shortPos(s.call.Pos()) + ")"
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
					if owner, ok := fieldOwner(info, sel); ok {
						st.addBinding(owner, &binding{
							table: use.Table, field: sel.Sel.Name, key: isKey(sel.Sel.Name, use.Column),
							evidence: sel.Sel.Name + " bound in " + bindClause(stmt, use, "$"+strconv.Itoa(n)) + where,
							pos:      s.call.Pos(),
						})
					}
				}
			}
			// A CopyFrom row source that shows its values: $N is column N.
			if s.entry.kind == kindCopy {
				vals := copyValues(info, s.call)
				for _, n := range paramNumbers(stmt) {
					use := stmt.Params[n]
					if !use.Written || n < 1 || n > len(vals) {
						continue
					}
					sel, ok := ast.Unparen(vals[n-1]).(*ast.SelectorExpr)
					if !ok {
						continue
					}
					table := use.Table
					if table == "" {
						table = stmt.Table
					}
					if owner, ok := fieldOwner(info, sel); ok {
						st.addBinding(owner, &binding{
							table: table, field: sel.Sel.Name, key: isKey(sel.Sel.Name, use.Column),
							evidence: sel.Sel.Name + " copied into " + table + " (" + use.Column + ") by CopyFrom" + where,
							pos:      s.call.Pos(),
						})
					}
				}
			}
			// A value bound by name: sqlx NamedExec(query, &u), a bun
			// model inserted or updated.
			if named := s.namedArg(); named != nil && i < len(s.names) {
				mode, t := s.entry.structMode(), info.TypeOf(named)
				if s.entry.bun {
					t = elemType(t) // bun inserts a slice's elements
				}
				owner, fields := structFields(t, mode)
				for _, n := range paramNumbers(stmt) {
					use := stmt.Params[n]
					if !use.Written || n < 1 || n > len(s.names[i]) || owner == nil {
						continue
					}
					name := s.names[i][n-1]
					for _, f := range fields {
						if columnMatches(f, name, mode) {
							st.addBinding(owner, &binding{
								table: use.Table, field: f.name, key: isKey(f.name, use.Column),
								evidence: f.name + " bound in " + bindClause(stmt, use, ":"+name) + where,
								pos:      s.call.Pos(),
							})
						}
					}
				}
			}
			// RETURNING columns scanned into fields.
			sinks, _ := st.findSinks(s)
			for _, k := range sinks {
				targets, _ := st.mapColumns(stmt.Columns, k)
				for _, t := range targets {
					if t.owner != nil {
						st.addBinding(t.owner, &binding{
							table: stmt.Table, field: t.field, key: isKey(t.field, t.col.Name), returning: true,
							evidence: t.field + " received from " + describeWrite(stmt) + " ... RETURNING" + where,
							pos:      s.call.Pos(),
						})
					}
				}
			}
		}
	}
	f := &writeModelsFact{}
	for _, key := range slices.Sorted(maps.Keys(st.bindings)) {
		for _, b := range st.bindings[key] {
			f.Types = append(f.Types, writtenType{Type: key, Field: b.field, Table: b.table, Key: b.key, Returning: b.returning, Evidence: b.evidence})
		}
	}
	if len(f.Types) > 0 {
		st.pass.ExportPackageFact(f)
	}
	// What imported packages learned.
	for _, pf := range st.pass.AllPackageFacts() {
		f, ok := pf.Fact.(*writeModelsFact)
		if !ok || pf.Package == st.pass.Pkg {
			continue
		}
		for _, t := range f.Types {
			st.bindings[t.Type] = append(st.bindings[t.Type], &binding{
				table: t.Table, field: t.Field, key: t.Key, returning: t.Returning, evidence: t.Evidence, imported: true})
		}
	}
}

// binding is one field of a struct type flowing into a written column.
type binding struct {
	table     string // the table written; "" when unknown
	field     string
	key       bool // an identity (ID, user_id): it names the row, it is not data
	returning bool // the field only receives a RETURNING column
	evidence  string
	pos       token.Pos // the write, when found in this package
	imported  bool      // learned from an imported package's fact
}

// addBinding records b for owner, once per table, field and kind.
func (st *state) addBinding(owner *types.TypeName, b *binding) {
	key := typeNameKey(owner)
	for _, old := range st.bindings[key] {
		if old.table == b.table && old.field == b.field && old.returning == b.returning {
			return
		}
	}
	st.bindings[key] = append(st.bindings[key], b)
}

// writeModel returns the strongest evidence that owner is the write model
// of one of tables: a non-key field bound in an INSERT, UPDATE or MERGE
// of that table, else (under -strict only) a field receiving its
// RETURNING columns. Copies of fields into other tables (snapshots,
// audit rows, an outbox) do not make a struct a write model.
func (st *state) writeModel(owner *types.TypeName, tables []string) *binding {
	var best *binding
	for _, b := range st.bindings[typeNameKey(owner)] {
		if b.key || b.table == "" || !slices.Contains(tables, b.table) || (b.returning && !st.opts.Strict) {
			continue
		}
		if best == nil || (best.returning && !b.returning) {
			best = b
		}
	}
	return best
}

// projected reports whether one of owner's fields named in computed is
// bound into a write: the load feeds a read model (a cache table, a
// summary), which is CQRS at work, not a god struct.
func (st *state) projected(owner *types.TypeName, computed []string) bool {
	for _, b := range st.bindings[typeNameKey(owner)] {
		if !b.returning && slices.Contains(computed, b.field) {
			return true
		}
	}
	return false
}

// bindClause shows where a parameter is written, as SQL a reader
// recognises: "UPDATE categories SET title = $1", "INSERT INTO users
// (email) VALUES ($2)".
func bindClause(stmt *sqlinfo.Statement, use sqlinfo.ParamUse, param string) string {
	t := use.Table
	if t == "" {
		t = stmt.Table
	}
	col := use.Column
	switch {
	case col == "":
		return describeWrite(stmt) + " (" + param + ")"
	case use.Set && stmt.Kind == sqlinfo.KindInsert && t == stmt.Table:
		return "INSERT INTO " + t + " ... ON CONFLICT DO UPDATE SET " + col + " = " + param
	case use.Set && stmt.Kind == sqlinfo.KindMerge && t == stmt.Table:
		return "MERGE INTO " + t + " ... UPDATE SET " + col + " = " + param
	case use.Set:
		return "UPDATE " + t + " SET " + col + " = " + param
	case stmt.Kind == sqlinfo.KindMerge && t == stmt.Table:
		return "MERGE INTO " + t + " ... INSERT (" + col + ") VALUES (" + param + ")"
	}
	return "INSERT INTO " + t + " (" + col + ") VALUES (" + param + ")"
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
