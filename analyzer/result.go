package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/cqrslint/cqrslint/analyzer/internal/sqlinfo"
	"golang.org/x/tools/go/analysis"
)

// A Finding is the structured form of one diagnostic of the god-struct or
// unused-computed rule: what the analysis knew when it reported it. Drivers
// read it from the analyzer's result (Stats.Details) to key baselines, to
// plan the query on a database (-explain) and to print a split (-suggest),
// without parsing messages. Positions are the pass's.
type Finding struct {
	Pos, End token.Pos
	Rule     string
	Message  string

	// Struct is the struct type receiving the columns ("Post"), and
	// StructPath its package-qualified name; both are "" for a local
	// variable (unused-computed on &v).
	Struct, StructPath string
	// Stored are the struct's fields receiving stored columns, and
	// Computed the fields (or, for unused-computed, the destinations:
	// "r.Total") receiving computed columns, in select-list order.
	Stored, Computed []string
	// Kinds are the computed columns' kinds ("subquery", "aggregate"),
	// ComputedColumns their SQL names, both in Computed's order.
	Kinds, ComputedColumns []string
	// Used are the struct's stored fields the write path's function
	// reads or writes (the command model's fields), in select-list order.
	Used []string
	// Fields are the struct's declared fields.
	Fields []Field

	// Query is the query text as parsed ($N parameters), "" when the call
	// may send more than one text or the text has parts only known at run
	// time (fmt.Sprintf holes). Params is its highest $N.
	Query  string
	Params int
	// StoredQuery is Query without its computed columns, cut at the
	// parser's locations and parsed again; "" when it cannot be cut
	// safely. Cut are the byte spans of Query it removes. CommandQuery
	// also drops the stored columns not in Used (when Used is not empty).
	StoredQuery  string
	Cut          []sqlinfo.Span
	CommandQuery string

	// Scan is the call scanning the columns; WritePath names the write
	// path's function ("" when the struct is written elsewhere) and
	// WritePos is its write.
	Scan      token.Pos
	WritePath string
	WritePos  token.Pos
}

// annotate completes a diagnostic about to be reported: it records its
// structured form in the pass's result and attaches the suggested fixes
// that are safe (fixes.go).
func (st *state) annotate(d *analysis.Diagnostic) {
	f := Finding{Pos: d.Pos, End: d.End, Rule: d.Category, Message: d.Message}
	s, stmt, targets := st.findingSite(d)
	if s == nil {
		st.stats.Details = append(st.stats.Details, f)
		return
	}
	f.Scan = s.call.Pos()
	if len(targets) > 0 {
		f.Scan = targets[0].pos
	}
	// The write path: the site's own, or the caller's for a getter's
	// finding reported at the call on a write path.
	wp, w := st.writePathFor(s.unit, stmt.Reads)
	if d.Category == RuleUnusedComputed {
		wp, w = writePath(s.unit)
	}
	if stmt.Writes && s.unit != nil {
		wp, w = s.unit, &evidence{pos: s.call.Pos(), what: describeWrite(stmt)}
	}
	if s.unit != nil && d.Pos != s.call.Pos() {
		for _, c := range st.callers[s.unit] {
			if c.call.Pos() == d.Pos {
				wp, w = st.writePathFor(c.unit, stmt.Reads)
			}
		}
	}
	var drop, unused []int
	switch d.Category {
	case RuleGodStruct:
		m := chooseMix(targets, stmt, d.Related)
		if m != nil {
			f.Struct, f.StructPath = m.owner.Name(), typeNameKey(m.owner)
			f.Fields = structFieldsOf(m.owner)
			for _, t := range targets {
				if t.owner != m.owner {
					continue
				}
				switch {
				case t.col.Compute.IsComputed():
					if n := len(f.Computed); len(appendOnce(f.Computed, t.field)) > n {
						f.Computed = append(f.Computed, t.field)
						f.Kinds = append(f.Kinds, computeLabel(t.col))
						f.ComputedColumns = append(f.ComputedColumns, t.col.Name)
					}
					drop = append(drop, t.index)
				case t.col.Compute == sqlinfo.Stored:
					f.Stored = appendOnce(f.Stored, t.field)
				}
			}
		}
		if wp != nil && f.Struct != "" {
			f.Used = st.usedFields(wp, f.StructPath, f.Stored)
			for _, t := range targets {
				if t.owner == m.owner && t.col.Compute == sqlinfo.Stored && !t.col.Star && len(f.Used) > 0 && !slices.Contains(f.Used, t.field) {
					unused = append(unused, t.index)
				}
			}
		}
	case RuleUnusedComputed:
		for i, t := range st.unreadComputed(targets) {
			f.Computed = append(f.Computed, t.what)
			f.Kinds = append(f.Kinds, computeLabel(t.col))
			f.ComputedColumns = append(f.ComputedColumns, t.col.Name)
			drop = append(drop, t.index)
			if i == 0 && t.owner != nil && !t.copied {
				f.Struct, f.StructPath = t.owner.Name(), typeNameKey(t.owner)
			}
		}
	}
	if wp != nil {
		f.WritePath, f.WritePos = wp.name(), w.pos
	}
	// Only a query that does not write is kept: -explain plans it.
	for _, t := range targets {
		if t.index >= len(stmt.Columns) || t.index >= 0 && stmt.Columns[t.index] != t.col {
			drop = nil // a column whose place is not known for sure: nothing is cut
		}
	}
	if text, stmt := st.siteText(s); stmt != nil && !stmt.Writes && !strings.Contains(text, sqlinfo.HolePrefix) {
		f.Query = text
		for n := range stmt.Params {
			f.Params = max(f.Params, n)
		}
		if len(drop) > 0 && !hasStar(stmt) {
			if cut, spans, err := sqlinfo.CutColumns(text, drop); err == nil {
				f.StoredQuery, f.Cut = cut, spans
			}
			if cmd, _, err := sqlinfo.CutColumns(text, append(drop, unused...)); err == nil && len(unused) > 0 {
				f.CommandQuery = cmd
			}
		}
	}
	d.SuggestedFixes = st.suggestFixes(d, s, targets, &f)
	st.stats.Details = append(st.stats.Details, f)
}

// findingSite returns the read call site a diagnostic is about and the
// targets of its columns: the site at the diagnostic, or (for a write path
// calling a getter) the site among its related positions.
func (st *state) findingSite(d *analysis.Diagnostic) (*callSite, *sqlinfo.Statement, []target) {
	at := map[token.Pos]bool{d.Pos: true}
	for _, r := range d.Related {
		at[r.Pos] = true
	}
	for _, pass := range []bool{true, false} {
		for _, s := range st.sites {
			if len(s.stmts) == 0 || (pass && s.call.Pos() != d.Pos) || (!pass && !at[s.call.Pos()]) {
				continue
			}
			if stmt, targets := st.siteTargets(s, d.Category); targets != nil {
				return s, stmt, targets
			}
		}
	}
	return nil, nil, nil
}

// siteTargets maps a site's columns as report does, and returns the first
// mapping on which rule can fire, with its statement.
func (st *state) siteTargets(s *callSite, rule string) (*sqlinfo.Statement, []target) {
	sinks, why := st.findSinks(s)
	if why != "" {
		return nil, nil
	}
	for _, stmt := range s.stmts {
		if stmt.Kind != sqlinfo.KindSelect && !stmt.Writes {
			continue
		}
		for _, k := range sinks {
			targets, why := st.mapColumns(stmt.Columns, k)
			if why != "" || targets == nil {
				continue
			}
			switch rule {
			case RuleGodStruct:
				for _, m := range mixes(targets, stmt) {
					if len(m.stored) > 0 && len(m.computed) > 0 {
						return stmt, targets
					}
				}
			case RuleUnusedComputed:
				if len(st.unreadComputed(targets)) > 0 {
					return stmt, targets
				}
			}
		}
	}
	return nil, nil
}

// chooseMix returns the struct the god-struct diagnostic is about: the one
// declared at a related position, else the first mixing both kinds.
func chooseMix(targets []target, stmt *sqlinfo.Statement, related []analysis.RelatedInformation) *mix {
	var first *mix
	for _, m := range mixes(targets, stmt) {
		if len(m.stored) == 0 || len(m.computed) == 0 {
			continue
		}
		for _, r := range related {
			if m.owner.Pos().IsValid() && r.Pos == m.owner.Pos() {
				return m
			}
		}
		if first == nil {
			first = m
		}
	}
	return first
}

// unreadCol is a computed column scanned into a destination never read.
type unreadCol struct {
	target
	index int    // the column's number in the select list
	what  string // "r.Total", "n"
}

// unreadComputed returns the computed columns of targets whose
// destinations are never read, as checkUnusedComputed sees them.
func (st *state) unreadComputed(targets []target) []unreadCol {
	var out []unreadCol
	for _, t := range targets {
		if !t.col.Compute.IsComputed() || t.local == nil || t.index < 0 || st.isRead(t) {
			continue
		}
		what := t.local.Name()
		if t.field != "" {
			what += "." + t.field
		}
		out = append(out, unreadCol{target: t, index: t.index, what: what})
	}
	return out
}

// siteText returns the one query text a site sends, and its statement.
func (st *state) siteText(s *callSite) (string, *sqlinfo.Statement) {
	if len(s.stmts) != 1 {
		return "", nil
	}
	for text, p := range st.parsed {
		if p.stmt == s.stmts[0] {
			prepared, _ := sqlinfo.Prepare(text)
			return prepared, p.stmt
		}
	}
	return "", nil
}

func hasStar(stmt *sqlinfo.Statement) bool {
	for _, c := range stmt.Columns {
		if c.Star {
			return true
		}
	}
	return false
}

// usedFields returns the fields among stored that the write path's
// function selects on a value of the struct type key.
func (st *state) usedFields(wp *unit, key string, stored []string) []string {
	seen := map[string]bool{}
	ast.Inspect(wp.node, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		owner, ok := fieldOwner(st.pass.TypesInfo, sel)
		if ok && typeNameKey(owner) == key {
			seen[sel.Sel.Name] = true
		}
		return true
	})
	var out []string
	for _, f := range stored {
		if seen[f] {
			out = append(out, f)
		}
	}
	return out
}

// structFieldsOf describes the fields of the struct named by tn, for
// -suggest: names, types as written in tn's package, and tags.
func structFieldsOf(tn *types.TypeName) []Field {
	st := structOf(tn.Type())
	if st == nil {
		return nil
	}
	q := types.RelativeTo(tn.Pkg())
	var out []Field
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		out = append(out, Field{Name: f.Name(), Type: types.TypeString(f.Type(), q), Tag: st.Tag(i)})
	}
	return out
}

// A Field is one field of a struct, as declared.
type Field struct {
	Name, Type, Tag string
}
