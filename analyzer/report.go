package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"github.com/cqrslint/cqrslint/analyzer/internal/sqlinfo"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
)

// report checks every read call site against the rules.
func (st *state) report() {
	sup := st.suppressions()
	g := &godReports{reportedCallers: map[*ast.CallExpr]bool{}, onPath: map[pathKey]bool{}, written: map[*types.TypeName][]*writtenRead{}}
	for _, s := range st.sites {
		if len(s.stmts) == 0 || !loads(s) {
			continue
		}
		switch s.entry.kind {
		case kindExec, kindNamedExec, kindPrepare:
			continue
		}
		sinks, why := st.findSinks(s)
		if why != "" {
			st.stats.unmapped(why)
			continue
		}
		done, unmapped := false, ""
		for _, stmt := range s.stmts {
			if (stmt.Kind != sqlinfo.KindSelect && !stmt.Writes) || done {
				continue
			}
			for _, k := range sinks {
				targets, why := st.mapColumns(stmt.Columns, k)
				if why != "" {
					unmapped = why
					continue
				}
				if st.checkGodStruct(s, stmt, targets, sup, g) || st.checkUnusedComputed(s, targets, sup) {
					done = true
					break
				}
			}
		}
		if !done && unmapped != "" {
			st.stats.unmapped(unmapped)
		}
	}
	st.reportWritten(sup, g)
	st.reportLoaders(sup, g)
}

// loads reports whether the call loads rows worth checking: a read, or a
// write whose output (RETURNING, or the SELECT over a writing CTE)
// computes a column, which is a load on a write path by construction.
// A call whose possible texts mix reads and writes is left alone.
func loads(s *callSite) bool {
	writes, computedOut := 0, 0
	for _, stmt := range s.stmts {
		if !stmt.Writes {
			continue
		}
		writes++
		for _, c := range stmt.Columns {
			if c.Compute.IsComputed() {
				computedOut++
				break
			}
		}
	}
	return writes == 0 || (writes == len(s.stmts) && computedOut == writes)
}

// mix is what one struct receives from one scan.
type mix struct {
	owner         *types.TypeName
	stored        []string
	computed      []string // "PostCount: subquery"
	computedNames []string // "PostCount"
	tables        []string // the tables its stored fields come from
	scan          token.Pos
}

// mixes groups a scan's targets by the struct receiving them. A stored
// column whose table cannot be told takes every table the statement reads.
func mixes(targets []target, stmt *sqlinfo.Statement) []*mix {
	byOwner := map[*types.TypeName]*mix{}
	var order []*mix
	for _, t := range targets {
		if t.owner == nil {
			continue
		}
		m := byOwner[t.owner]
		if m == nil {
			m = &mix{owner: t.owner, scan: t.pos}
			byOwner[t.owner] = m
			order = append(order, m)
		}
		switch {
		case t.col.Compute.IsComputed():
			m.computed = appendOnce(m.computed, t.field+": "+computeLabel(t.col))
			m.computedNames = appendOnce(m.computedNames, t.field)
		case t.col.Compute == sqlinfo.Stored:
			m.stored = appendOnce(m.stored, t.field)
			if t.col.Table != "" {
				m.tables = appendOnce(m.tables, t.col.Table)
			} else {
				for _, r := range stmt.Reads {
					m.tables = appendOnce(m.tables, r)
				}
			}
		}
	}
	return order
}

func appendOnce(s []string, x string) []string {
	for _, y := range s {
		if y == x {
			return s
		}
	}
	return append(s, x)
}

func computeLabel(c sqlinfo.Column) string {
	l := map[sqlinfo.Compute]string{
		sqlinfo.Subquery:      "subquery",
		sqlinfo.Aggregate:     "aggregate",
		sqlinfo.Window:        "window function",
		sqlinfo.Exists:        "EXISTS subquery",
		sqlinfo.ArraySubquery: "ARRAY subquery",
	}[c.Compute]
	if c.Via != "" {
		l += " via " + c.Via
	}
	return l
}

// maxStoredNamed bounds the stored fields a message names; every computed
// field is named.
const maxStoredNamed = 5

// fieldList names fields, at most maxStoredNamed of them: "ID, Email,
// Name, Bio, … and 12 more".
func fieldList(fields []string) string {
	if len(fields) <= maxStoredNamed {
		return strings.Join(fields, ", ")
	}
	return strings.Join(fields[:maxStoredNamed-1], ", ") + fmt.Sprintf(", … and %d more", len(fields)-maxStoredNamed+1)
}

const splitAdvice = "split it into a command model and a query model"

// godReports is what the god-struct rule remembers across the reads of a
// package, so that one problem is reported once.
type godReports struct {
	reportedCallers map[*ast.CallExpr]bool
	onPath          map[pathKey]bool
	written         map[*types.TypeName][]*writtenRead
	order           []*types.TypeName
}

// pathKey is one load of one struct by one statement on one write path.
type pathKey struct {
	path  *unit
	stmt  *sqlinfo.Statement
	owner *types.TypeName
}

// writtenRead is a read of a struct that is also written.
type writtenRead struct {
	site    *callSite
	mix     *mix
	head    string
	related []analysis.RelatedInformation
	wm      *binding
	advice  string
}

// checkGodStruct reports a struct that receives stored and computed
// columns on the write side.
func (st *state) checkGodStruct(s *callSite, stmt *sqlinfo.Statement, targets []target, sup suppressions, g *godReports) bool {
	if !st.opts.enabled(RuleGodStruct) {
		return false
	}
	for _, m := range mixes(targets, stmt) {
		if len(m.stored) == 0 || len(m.computed) == 0 {
			continue
		}
		if st.projected(m.owner, m.computedNames) {
			// The computed fields feed a write: a read model refreshed from
			// a heavy query, the fix itself.
			st.stats.Projections++
			return true
		}
		head := fmt.Sprintf("%s mixes stored fields (%s) with computed fields (%s)",
			m.owner.Name(), fieldList(m.stored), strings.Join(m.computed, ", "))
		related := []analysis.RelatedInformation{{Pos: m.scan, Message: "columns scanned into " + m.owner.Name() + " here"}}
		if m.owner.Pos().IsValid() {
			related = append(related, analysis.RelatedInformation{Pos: m.owner.Pos(), Message: m.owner.Name() + " declared here"})
		}
		advice := splitAdvice
		private := st.privateToOneFunc(m.owner)
		if private {
			advice = "load only the stored fields the command needs"
		}

		wp, w := st.writePathFor(s.unit, stmt.Reads)
		if stmt.Writes && s.unit != nil {
			// The statement itself writes and returns computed columns.
			wp, w = s.unit, &evidence{pos: s.call.Pos(), what: describeWrite(stmt)}
		}
		if wp == nil && !private && s.unit != nil && s.unit.fn != nil && s.unit.parent == nil {
			st.noteLoad(s.unit, &load{
				owner: m.owner.Name(), computed: strings.Join(m.computed, ", "), reads: stmt.Reads,
				at: st.shortPos(s.call.Pos()), scan: s.call.Pos(), advice: !private,
			})
		}
		if wp != nil {
			// The same statement loading the same struct on the same write
			// path is one problem, reported once.
			k := pathKey{wp, stmt, m.owner}
			if !g.onPath[k] {
				related = append(related, analysis.RelatedInformation{Pos: w.pos, Message: "write on " + wp.name() + ": " + stripPos(w.what)})
				g.onPath[k] = st.reportf(sup, RuleGodStruct, s.call, related, "%s on write path %s (%s); %s",
					head, wp.name(), st.shortPos(w.pos), advice)
			}
			return true
		}
		// A getter called from a write path of the same package.
		if s.unit != nil && s.unit.fn != nil && s.unit.parent == nil {
			type pathCall struct {
				caller
				wp *unit
				w  *evidence
			}
			var paths []pathCall
			for _, c := range st.callers[s.unit] {
				if wp, w := st.writePathFor(c.unit, stmt.Reads); wp != nil {
					paths = append(paths, pathCall{c, wp, w})
				}
			}
			if len(paths) > 0 {
				sort.Slice(paths, func(i, j int) bool { return paths[i].call.Pos() < paths[j].call.Pos() })
				first := paths[0]
				more := ""
				if len(paths) > 1 {
					more = fmt.Sprintf(" and %d more", len(paths)-1)
				}
				rel := append(related, analysis.RelatedInformation{Pos: first.call.Pos(), Message: s.unit.name() + " called on write path " + first.wp.name()})
				st.reportf(sup, RuleGodStruct, s.call, rel, "%s, loaded by %s on write path %s (%s)%s; %s",
					head, s.unit.name(), first.wp.name(), st.shortPos(first.call.Pos()), more, advice)
				for _, c := range paths {
					if g.reportedCallers[c.call] {
						continue
					}
					g.reportedCallers[c.call] = true
					rel := append(related[:len(related):len(related)],
						analysis.RelatedInformation{Pos: s.call.Pos(), Message: "computed columns selected here"},
						analysis.RelatedInformation{Pos: c.w.pos, Message: "write on " + c.wp.name() + ": " + stripPos(c.w.what)})
					callAdvice := "load only the stored fields the command needs"
					if !private {
						callAdvice += ", or split " + m.owner.Name() + " into a command model and a query model"
					}
					st.reportf(sup, RuleGodStruct, c.call, rel, "%s loads %s with computed fields (%s) on write path %s (%s); %s",
						s.unit.name(), m.owner.Name(), strings.Join(m.computed, ", "), c.wp.name(), st.shortPos(c.w.pos), callAdvice)
				}
				return true
			}
		}
		if wm := st.writeModel(m.owner, m.tables); wm != nil {
			if _, ok := g.written[m.owner]; !ok {
				g.order = append(g.order, m.owner)
			}
			g.written[m.owner] = append(g.written[m.owner], &writtenRead{site: s, mix: m, head: head, related: related, wm: wm, advice: advice})
			return true
		}
		if st.opts.Strict {
			st.reportf(sup, RuleGodStruct, s.call, related, "%s; %s", head, advice)
			return true
		}
	}
	return false
}

// reportWritten reports each struct that is also written once, at its
// first read; the other reads are related locations.
func (st *state) reportWritten(sup suppressions, g *godReports) {
	for _, owner := range g.order {
		reads := g.written[owner]
		sort.SliceStable(reads, func(i, j int) bool { return reads[i].site.call.Pos() < reads[j].site.call.Pos() })
		r := reads[0]
		related := r.related
		if r.wm.pos.IsValid() {
			related = append(related, analysis.RelatedInformation{Pos: r.wm.pos, Message: owner.Name() + "." + r.wm.field + " written here"})
		}
		for _, o := range reads[1:] {
			related = append(related, analysis.RelatedInformation{Pos: o.site.call.Pos(), Message: owner.Name() + " also read with computed columns here"})
		}
		more := ""
		if n := len(reads) - 1; n == 1 {
			more = ", and 1 more read"
		} else if n > 1 {
			more = fmt.Sprintf(", and %d more reads", n)
		}
		st.reportf(sup, RuleGodStruct, r.site.call, related, "%s and is also written (%s)%s; %s",
			r.head, r.wm.evidence, more, r.advice)
	}
}

// privateToOneFunc reports whether tn is an unexported struct type used
// inside a single function: a quota or check result, not a model.
func (st *state) privateToOneFunc(tn *types.TypeName) bool {
	if tn.Exported() || tn.Pkg() != st.pass.Pkg {
		return false
	}
	if v, ok := st.privateTypes[tn]; ok {
		return v
	}
	var fn ast.Node
	one := true
	for id, obj := range st.pass.TypesInfo.Uses {
		if obj != tn {
			continue
		}
		f := st.enclosingFuncDecl(id.Pos())
		if f == nil || (fn != nil && f != fn) {
			one = false
			break
		}
		fn = f
	}
	st.privateTypes[tn] = one
	return one
}

// enclosingFuncDecl returns the top-level function declaration around p.
func (st *state) enclosingFuncDecl(p token.Pos) ast.Node {
	for _, f := range st.pass.Files {
		if p < f.FileStart || p > f.FileEnd {
			continue
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Pos() <= p && p <= fd.End() {
				return fd
			}
		}
	}
	return nil
}

// checkUnusedComputed reports a computed column selected on a write path
// into a local value that is never read.
func (st *state) checkUnusedComputed(s *callSite, targets []target, sup suppressions) bool {
	if !st.opts.enabled(RuleUnusedComputed) {
		return false
	}
	wp, w := writePath(s.unit)
	if wp == nil {
		return false
	}
	for _, t := range targets {
		if !t.col.Compute.IsComputed() || t.local == nil {
			continue
		}
		what := t.local.Name()
		if t.field != "" {
			what += "." + t.field
		}
		if st.isRead(t) {
			continue
		}
		related := []analysis.RelatedInformation{
			{Pos: t.pos, Message: "scanned into " + what + " here"},
			{Pos: w.pos, Message: "write on " + wp.name() + ": " + stripPos(w.what)},
		}
		st.reportf(sup, RuleUnusedComputed, s.call, related,
			"column %s (%s) is computed on write path %s (%s), but %s is never read; drop it from this query",
			t.col.Name, computeLabel(t.col), wp.name(), st.shortPos(w.pos), what)
		return true
	}
	return false
}

// isRead reports whether the destination of t may be read after the scan.
// Anything the analysis cannot follow counts as a read.
func (st *state) isRead(t target) bool {
	v := t.local
	if t.copied || v == nil || isParam(v) || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
		return true
	}
	if t.field == "" {
		// &v scanned: any read of v, or its address taken elsewhere.
		addr := 0
		for _, u := range st.uses.of(v) {
			switch u.kind {
			case useRead:
				return true
			case useOther:
				addr++
			}
		}
		return addr != 1
	}
	// &u.F scanned, u a local struct value: u must not escape, and no
	// other selector may read F.
	if _, ok := v.Type().Underlying().(*types.Struct); !ok {
		return true
	}
	fieldUses := 0
	for _, u := range st.uses.of(v) {
		if u.kind == useAssign && u.ident.ParentEdgeKind() == edge.ValueSpec_Names {
			continue // var u T = ...
		}
		if u.kind != useRead || u.ident.ParentEdgeKind() != edge.SelectorExpr_X {
			return true // u escapes or is reassigned
		}
		sel := u.ident.Parent().Node().(*ast.SelectorExpr)
		if sel.Sel.Name == t.field {
			fieldUses++
			continue
		}
		if s, ok := st.pass.TypesInfo.Selections[sel]; ok && s.Kind() != types.FieldVal {
			// u.Big(): the method may read the field.
			if m, ok := s.Obj().(*types.Func); !ok || st.methodReads(m, t.field) {
				return true
			}
		}
	}
	return fieldUses != 1
}

// methodReads reports whether the method m may read its receiver's field:
// it names the field, or lets the receiver go elsewhere. A method of
// another package, or without a body here, may read anything.
func (st *state) methodReads(m *types.Func, field string) bool {
	if m.Pkg() != st.pass.Pkg {
		return true
	}
	decl := st.declOf(m)
	if decl == nil || decl.Recv == nil || len(decl.Recv.List) != 1 || len(decl.Recv.List[0].Names) != 1 {
		return true
	}
	recv := st.pass.TypesInfo.Defs[decl.Recv.List[0].Names[0]]
	reads := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if reads {
			return false
		}
		id, ok := n.(*ast.Ident)
		if !ok || st.pass.TypesInfo.Uses[id] != recv {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if x, ok := ast.Unparen(sel.X).(*ast.Ident); ok && st.pass.TypesInfo.Uses[x] == recv {
					// recv.F, recv.M(): a field read, or a method that may read it.
					if sel.Sel.Name == field {
						reads = true
					} else if s, ok := st.pass.TypesInfo.Selections[sel]; ok && s.Kind() != types.FieldVal {
						reads = true
					}
					return false
				}
			}
			return true
		}
		reads = true // the receiver itself is used: it may escape
		return false
	})
	return reads
}

// reportf reports one finding unless a //cqrslint:ignore comment covers
// it, and reports whether it did.
func (st *state) reportf(sup suppressions, rule string, n ast.Node, related []analysis.RelatedInformation, format string, args ...any) bool {
	if sup.covers(st.pass.Fset, n.Pos(), rule) {
		st.stats.Suppressed++
		return false
	}
	st.stats.Findings++
	d := analysis.Diagnostic{
		Pos:      n.Pos(),
		End:      n.End(),
		Category: rule,
		URL:      URL + rule + ".md",
		Message:  fmt.Sprintf(format, args...),
		Related:  related,
	}
	st.annotate(&d) // result.go: structured data and suggested fixes
	st.pass.Report(d)
	return true
}
