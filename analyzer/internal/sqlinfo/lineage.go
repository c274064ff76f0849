package sqlinfo

import "strings"

// This file resolves column references against the FROM items in scope,
// following a column read from a derived table, LATERAL subquery or CTE to
// that item's own output column (its lineage).

// itemKind is the kind of a FROM item.
type itemKind int

const (
	// itemTable is a plain table or view: its columns are stored.
	itemTable itemKind = iota
	// itemDerived is a subquery in FROM (LATERAL or not) or a CTE
	// reference: its output columns are known and classified.
	itemDerived
	// itemFunction is a function or table function in FROM: its columns
	// are expressions.
	itemFunction
)

// fromItem is one relation in a FROM clause (or the target of a write).
type fromItem struct {
	kind itemKind
	// name qualifies the item's columns: the alias, else the relation,
	// CTE or function name.
	name string
	// table is, for itemTable, the real table name ("" for a hole).
	table string
	// via is, for itemDerived, what Column.Via reports: the alias of a
	// subquery, the name of a CTE.
	via string
	// cols are the output columns of an itemDerived, and the known column
	// names (as Expression columns) of an itemFunction.
	cols []Column
	// open is set when cols may not be all of the item's columns: a star
	// among a derived item's columns, a function returning a composite, a
	// recursive CTE referenced while being defined.
	open bool
	// hidden is set for a name that only qualified references reach: the
	// alias of a join, RETURNING's old and new. It takes no part in
	// resolving unqualified names or in expanding `*`.
	hidden bool
}

// cte is a common table expression visible in a scope.
type cte struct {
	name string
	cols []Column
	// pending is set while the CTE's own query is being classified, for a
	// recursive CTE that references itself.
	pending bool
}

// scope is the name space of one query level: its CTEs and FROM items,
// and the enclosing level for correlated references.
type scope struct {
	parent *scope
	ctes   []*cte
	items  []*fromItem
	// b is the work budget of the whole classification, shared by all
	// scopes.
	b *budget
}

// budget bounds the work of one classification. Lookups and copies of
// column lists spend it by the number of entries they touch, so that no
// statement within the size limit (a thousand joins, each column looked
// up in all of them; a wide CTE referenced thousands of times) can take
// long: once it is exhausted, the classification stops and reports the
// statement too large.
type budget struct{ left int }

// spend takes n units from b.
func (b *budget) spend(n int) { b.left -= n }

// exhaust uses b up.
func (b *budget) exhaust() { b.left = -1 }

// exhausted reports whether b is used up.
func (b *budget) exhausted() bool { return b.left < 0 }

// child returns a new scope below s.
func (s *scope) child() *scope { return &scope{parent: s, b: s.b} }

// lookupCTE finds the CTE called name in s or an enclosing scope.
func (s *scope) lookupCTE(name string) *cte {
	for ; s != nil; s = s.parent {
		s.b.spend(len(s.ctes))
		if s.b.exhausted() {
			return nil
		}
		for i := len(s.ctes) - 1; i >= 0; i-- {
			if s.ctes[i].name == name {
				return s.ctes[i]
			}
		}
	}
	return nil
}

// lookupItem finds the FROM item called name in s or an enclosing scope.
func (s *scope) lookupItem(name string) *fromItem {
	for ; s != nil; s = s.parent {
		s.b.spend(len(s.items))
		if s.b.exhausted() {
			return nil
		}
		for _, it := range s.items {
			if it.name == name {
				return it
			}
		}
	}
	return nil
}

// findColumn returns the first non-star column called name, or nil.
func findColumn(b *budget, cols []Column, name string) *Column {
	b.spend(len(cols))
	if b.exhausted() {
		return nil
	}
	for i := range cols {
		if !cols[i].Star && cols[i].Name == name {
			return &cols[i]
		}
	}
	return nil
}

// lineage is what a column read from it through the output column c
// is: stored with c's table when c is stored, else c's kind, via it.
func (it *fromItem) lineage(c Column) Column {
	if it.kind == itemFunction {
		return Column{Compute: Expression}
	}
	if c.Compute == Stored {
		return Column{Compute: Stored, Table: c.Table}
	}
	return Column{Compute: c.Compute, Via: it.via}
}

// column resolves the column called name of it.
func (it *fromItem) column(b *budget, name string) Column {
	switch it.kind {
	case itemTable:
		return Column{Compute: Stored, Table: it.table}
	case itemFunction:
		return Column{Compute: Expression}
	}
	if c := findColumn(b, it.cols, name); c != nil {
		return it.lineage(*c)
	}
	// The column must come from a star among the item's columns.
	var table string
	stars := 0
	for _, c := range it.cols {
		if c.Star {
			stars++
			table = c.Table
		}
	}
	if stars != 1 {
		table = ""
	}
	return Column{Compute: Stored, Table: table}
}

// expand returns the columns `it.*` stands for.
func (it *fromItem) expand(b *budget) []Column {
	star := Column{Name: "*", Star: true, Compute: Stored}
	switch {
	case it.kind == itemTable:
		star.Table = it.table
		return []Column{star}
	case it.kind == itemFunction && it.open, len(it.cols) == 0:
		return []Column{star}
	}
	b.spend(len(it.cols))
	if b.exhausted() {
		return nil
	}
	out := make([]Column, 0, len(it.cols))
	for _, c := range it.cols {
		if c.Star {
			out = append(out, c)
			continue
		}
		l := it.lineage(c)
		l.Name = c.Name
		out = append(out, l)
	}
	return out
}

// resolveColumn resolves a column reference (not a star) given by its
// field names: [col], [rel, col], [schema, rel, col], ...
func resolveColumn(sc *scope, names []string) Column {
	col := names[len(names)-1]
	if isHole(col) {
		return Column{Compute: Unknown}
	}
	if len(names) == 1 {
		return resolveUnqualified(sc, col)
	}
	if it := sc.lookupItem(names[len(names)-2]); it != nil {
		return it.column(sc.b, col)
	}
	// rel.col.field: a field of a composite column.
	if it := sc.lookupItem(names[0]); it != nil && len(names) == 3 {
		return it.column(sc.b, names[1])
	}
	return Column{Compute: Stored}
}

// resolveUnqualified resolves an unqualified column name: first against
// the known output columns of the derived and function items of the
// nearest scope, then against the items whose columns are not known (plain
// tables above all). A name that only an enclosing scope can have is
// looked up there (a correlated reference).
func resolveUnqualified(sc *scope, name string) Column {
	for s := sc; s != nil; s = s.parent {
		s.b.spend(len(s.items))
		if s.b.exhausted() {
			break
		}
		for _, it := range s.items {
			if it.kind == itemTable || it.hidden {
				continue
			}
			if c := findColumn(s.b, it.cols, name); c != nil {
				return it.lineage(*c)
			}
		}
		var candidate *fromItem
		n := 0
		for _, it := range s.items {
			if !it.hidden && (it.kind == itemTable || it.open) {
				candidate = it
				n++
			}
		}
		switch {
		case n == 1:
			return candidate.column(s.b, name)
		case n > 1:
			// Several tables could hold it: stored, table unknown.
			return Column{Compute: Stored}
		}
	}
	return Column{Compute: Stored}
}

// expandStar returns the columns `*` (qual == "") or `qual.*` stand for.
func expandStar(sc *scope, qual string) []Column {
	var items []*fromItem
	for _, it := range sc.items {
		if !it.hidden {
			items = append(items, it)
		}
	}
	if qual != "" {
		items = nil
		if it := sc.lookupItem(qual); it != nil {
			items = []*fromItem{it}
		}
	}
	if len(items) == 0 {
		return []Column{{Name: "*", Star: true, Compute: Stored}}
	}
	var out []Column
	for _, it := range items {
		out = append(out, it.expand(sc.b)...)
	}
	return out
}

// renameColumns applies an alias column list, `AS fc(a, b)` or
// `WITH c(a, b) AS ...`, to cols by position. Positions after a star are
// unknown and keep their names.
func renameColumns(b *budget, cols []Column, names []string) []Column {
	if len(names) == 0 {
		return cols
	}
	b.spend(len(cols))
	if b.exhausted() {
		return nil
	}
	out := make([]Column, len(cols))
	copy(out, cols)
	for i := range out {
		if i >= len(names) || out[i].Star {
			break
		}
		out[i].Name = names[i]
	}
	return out
}

// isHole reports whether name stands for a fmt.Sprintf hole.
func isHole(name string) bool { return strings.HasPrefix(name, HolePrefix) }
