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
	reportedCallers := map[*ast.CallExpr]bool{}
	for _, s := range st.sites {
		if len(s.stmts) == 0 || s.writes() != nil {
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
			if stmt.Kind != sqlinfo.KindSelect || done {
				continue
			}
			for _, k := range sinks {
				targets, why := st.mapColumns(stmt.Columns, k)
				if why != "" {
					unmapped = why
					continue
				}
				if st.checkGodStruct(s, targets, sup, reportedCallers) || st.checkUnusedComputed(s, targets, sup) {
					done = true
					break
				}
			}
		}
		if !done && unmapped != "" {
			st.stats.unmapped(unmapped)
		}
	}
}

// mix is what one struct receives from one scan.
type mix struct {
	owner    *types.TypeName
	stored   []string
	computed []string // "PostCount: subquery"
	scan     token.Pos
}

func mixes(targets []target) []*mix {
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
		case t.col.Compute == sqlinfo.Stored:
			m.stored = appendOnce(m.stored, t.field)
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

const splitAdvice = "split it into a command model and a query model"

// checkGodStruct reports a struct that receives stored and computed
// columns on the write side.
func (st *state) checkGodStruct(s *callSite, targets []target, sup suppressions, reportedCallers map[*ast.CallExpr]bool) bool {
	if !st.opts.enabled(RuleGodStruct) {
		return false
	}
	for _, m := range mixes(targets) {
		if len(m.stored) == 0 || len(m.computed) == 0 {
			continue
		}
		head := fmt.Sprintf("%s mixes stored fields (%s) with computed fields (%s)",
			m.owner.Name(), strings.Join(m.stored, ", "), strings.Join(m.computed, ", "))
		related := []analysis.RelatedInformation{{Pos: m.scan, Message: "columns scanned into " + m.owner.Name() + " here"}}
		if m.owner.Pos().IsValid() {
			related = append(related, analysis.RelatedInformation{Pos: m.owner.Pos(), Message: m.owner.Name() + " declared here"})
		}

		if wp := writePath(s.unit); wp != nil {
			related = append(related, analysis.RelatedInformation{Pos: wp.write.pos, Message: "write on " + wp.name() + ": " + stripPos(wp.write.what)})
			st.reportf(sup, RuleGodStruct, s.call, related, "%s on write path %s (%s); %s",
				head, wp.name(), st.shortPos(wp.write.pos), splitAdvice)
			return true
		}
		// A getter called from a write path of the same package.
		if s.unit != nil && s.unit.fn != nil && s.unit.parent == nil {
			var paths []caller
			for _, c := range st.callers[s.unit] {
				if writePath(c.unit) != nil {
					paths = append(paths, c)
				}
			}
			if len(paths) > 0 {
				sort.Slice(paths, func(i, j int) bool { return paths[i].call.Pos() < paths[j].call.Pos() })
				wp := writePath(paths[0].unit)
				more := ""
				if len(paths) > 1 {
					more = fmt.Sprintf(" and %d more", len(paths)-1)
				}
				rel := append(related, analysis.RelatedInformation{Pos: paths[0].call.Pos(), Message: s.unit.name() + " called on write path " + wp.name()})
				st.reportf(sup, RuleGodStruct, s.call, rel, "%s, loaded by %s on write path %s (%s)%s; %s",
					head, s.unit.name(), wp.name(), st.shortPos(paths[0].call.Pos()), more, splitAdvice)
				for _, c := range paths {
					if reportedCallers[c.call] {
						continue
					}
					reportedCallers[c.call] = true
					cw := writePath(c.unit)
					rel := append(related[:len(related):len(related)],
						analysis.RelatedInformation{Pos: s.call.Pos(), Message: "computed columns selected here"},
						analysis.RelatedInformation{Pos: cw.write.pos, Message: "write on " + cw.name() + ": " + stripPos(cw.write.what)})
					st.reportf(sup, RuleGodStruct, c.call, rel, "%s loads %s with computed fields (%s) on write path %s (%s); load only the stored fields the command needs, or split %s into a command model and a query model",
						s.unit.name(), m.owner.Name(), strings.Join(m.computed, ", "), cw.name(), st.shortPos(cw.write.pos), m.owner.Name())
				}
				return true
			}
		}
		if wm, ok := st.writeModels[typeNameKey(m.owner)]; ok {
			if wm.pos.IsValid() {
				related = append(related, analysis.RelatedInformation{Pos: wm.pos, Message: m.owner.Name() + "." + wm.field + " written here"})
			}
			st.reportf(sup, RuleGodStruct, s.call, related, "%s and is also written (%s by %s); %s",
				head, wm.field, wm.evidence, splitAdvice)
			return true
		}
		if st.opts.Strict {
			st.reportf(sup, RuleGodStruct, s.call, related, "%s; %s", head, splitAdvice)
			return true
		}
	}
	return false
}

// checkUnusedComputed reports a computed column selected on a write path
// into a local value that is never read.
func (st *state) checkUnusedComputed(s *callSite, targets []target, sup suppressions) bool {
	if !st.opts.enabled(RuleUnusedComputed) {
		return false
	}
	wp := writePath(s.unit)
	if wp == nil {
		return false
	}
	for _, t := range targets {
		if !t.col.Compute.IsComputed() || t.local == nil {
			continue
		}
		what := t.local.Name()
		if t.owner != nil {
			what += "." + t.field
		}
		if st.isRead(t) {
			continue
		}
		related := []analysis.RelatedInformation{
			{Pos: t.pos, Message: "scanned into " + what + " here"},
			{Pos: wp.write.pos, Message: "write on " + wp.name() + ": " + stripPos(wp.write.what)},
		}
		st.reportf(sup, RuleUnusedComputed, s.call, related,
			"column %s (%s) is computed on write path %s (%s), but %s is never read; drop it from this query",
			t.col.Name, computeLabel(t.col), wp.name(), st.shortPos(wp.write.pos), what)
		return true
	}
	return false
}

// isRead reports whether the destination of t may be read after the scan.
// Anything the analysis cannot follow counts as a read.
func (st *state) isRead(t target) bool {
	v := t.local
	if v == nil || isParam(v) || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
		return true
	}
	if t.owner == nil {
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
		}
	}
	return fieldUses != 1
}

// reportf reports one finding unless a //cqrslint:ignore comment covers it.
func (st *state) reportf(sup suppressions, rule string, n ast.Node, related []analysis.RelatedInformation, format string, args ...any) {
	if sup.covers(st.pass.Fset, n.Pos(), rule) {
		st.stats.Suppressed++
		return
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
}
