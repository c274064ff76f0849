package sqlinfo

// This file builds scopes: the CTEs of a WITH clause, the items of a FROM
// clause, and the relations a RETURNING list can read.

// defineCTEs classifies the CTEs of with, in order, and adds them to sc. A
// CTE is visible to the ones after it, and (pending) to itself.
func (a *analysis) defineCTEs(with *withClause, sc *scope) {
	for _, n := range with.GetCtes() {
		c := n.GetCommonTableExpr()
		if c == nil {
			continue
		}
		def := &cte{name: c.GetCtename(), pending: true}
		sc.ctes = append(sc.ctes, def)
		var cols []Column
		switch q := c.GetCtequery(); {
		case q.GetSelectStmt() != nil:
			cols = a.selectColumns(q.GetSelectStmt(), sc)
		case isWriteStmt(q):
			cols = a.returning(q, sc)
		}
		def.cols = renameColumns(sc.b, cols, stringList(c.GetAliascolnames()))
		def.pending = false
	}
}

// fromWork is one entry of addFrom's work stack: a FROM clause node, or
// (node nil) the alias of a join, added after the join's own items.
type fromWork struct {
	n     *node
	alias *alias
}

// addFrom adds the items of a FROM clause to sc, left to right, so that a
// LATERAL subquery sees the items before it. Joins are flattened with an
// explicit stack: a long chain of JOINs needs no parentheses.
func (a *analysis) addFrom(sc *scope, from []*node) {
	stack := make([]fromWork, 0, len(from))
	for i := len(from) - 1; i >= 0; i-- {
		stack = append(stack, fromWork{n: from[i]})
	}
	for len(stack) > 0 {
		w := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if w.n == nil {
			if name := w.alias.GetAliasname(); name != "" {
				sc.items = append(sc.items, &fromItem{kind: itemTable, name: name, hidden: true})
			}
			continue
		}
		switch n := w.n; {
		case n.GetJoinExpr() != nil:
			j := n.GetJoinExpr()
			if j.GetAlias() != nil {
				stack = append(stack, fromWork{alias: j.GetAlias()})
			}
			if j.GetJoinUsingAlias() != nil {
				stack = append(stack, fromWork{alias: j.GetJoinUsingAlias()})
			}
			stack = append(stack, fromWork{n: j.GetRarg()}, fromWork{n: j.GetLarg()})
		case n.GetRangeVar() != nil:
			sc.items = append(sc.items, rangeVarItem(sc, n.GetRangeVar()))
		case n.GetRangeSubselect() != nil:
			sc.items = append(sc.items, a.subselectItem(sc, n))
		case n.GetRangeFunction() != nil:
			sc.items = append(sc.items, functionItem(n))
		case n.GetRangeTableSample() != nil:
			stack = append(stack, fromWork{n: n.GetRangeTableSample().GetRelation()})
		case n.GetRangeTableFunc() != nil:
			sc.items = append(sc.items, &fromItem{kind: itemFunction, name: n.GetRangeTableFunc().GetAlias().GetAliasname(), open: true})
		case n.GetJsonTable() != nil:
			sc.items = append(sc.items, &fromItem{kind: itemFunction, name: n.GetJsonTable().GetAlias().GetAliasname(), open: true})
		}
	}
}

// rangeVarItem is the FROM item for a relation name: a reference to a CTE
// in scope, else a table.
func rangeVarItem(sc *scope, rv *rangeVar) *fromItem {
	name := rv.GetRelname()
	if al := rv.GetAlias().GetAliasname(); al != "" {
		name = al
	}
	if rv.GetSchemaname() == "" && rv.GetCatalogname() == "" {
		if c := sc.lookupCTE(rv.GetRelname()); c != nil {
			cols := renameColumns(sc.b, c.cols, stringList(rv.GetAlias().GetColnames()))
			return &fromItem{kind: itemDerived, name: name, via: c.name, cols: cols, open: c.pending || hasStar(cols)}
		}
	}
	return &fromItem{kind: itemTable, name: name, table: tableName(rv)}
}

// tableName is the name of a table as Column.Table and Statement.Table
// report it: without schema, "" for a hole.
func tableName(rv *rangeVar) string {
	if isHole(rv.GetRelname()) {
		return ""
	}
	return rv.GetRelname()
}

// subselectItem classifies a subquery in FROM (LATERAL or not) in scope
// sc, which holds the items before it.
func (a *analysis) subselectItem(sc *scope, n *node) *fromItem {
	rs := n.GetRangeSubselect()
	name := rs.GetAlias().GetAliasname()
	via := name
	if via == "" {
		// PostgreSQL 16 and later accept a subquery without an alias and
		// call it so.
		via = "unnamed_subquery"
	}
	cols := a.selectColumns(rs.GetSubquery().GetSelectStmt(), sc)
	cols = renameColumns(sc.b, cols, stringList(rs.GetAlias().GetColnames()))
	return &fromItem{kind: itemDerived, name: name, via: via, cols: cols, open: hasStar(cols)}
}

// functionItem is the FROM item for a function call (or ROWS FROM). Its
// column names come from the alias column list, a column definition list,
// or, for a single function, the alias or function name, as PostgreSQL
// names a scalar function's column; then the function may also return a
// composite, so the item stays open.
func functionItem(n *node) *fromItem {
	rf := n.GetRangeFunction()
	funcs := rf.GetFunctions()
	var first *node
	var firstDefs []*node
	if len(funcs) > 0 {
		if pair := funcs[0].GetList().GetItems(); len(pair) > 0 {
			first = pair[0]
			if len(pair) > 1 {
				firstDefs = pair[1].GetList().GetItems()
			}
		}
	}
	it := &fromItem{kind: itemFunction, name: rf.GetAlias().GetAliasname()}
	if it.name == "" && first != nil {
		it.name = figureColname(first)
	}
	names := stringList(rf.GetAlias().GetColnames())
	switch {
	case len(names) > 0:
	case len(rf.GetColdeflist()) > 0:
		names = columnDefNames(rf.GetColdeflist())
	case len(funcs) == 1 && len(firstDefs) > 0:
		names = columnDefNames(firstDefs)
	case len(funcs) == 1:
		names = []string{it.name}
		it.open = true
	default:
		it.open = true
	}
	if rf.GetOrdinality() && len(rf.GetAlias().GetColnames()) == 0 {
		names = append(names, "ordinality")
	}
	for _, name := range names {
		it.cols = append(it.cols, Column{Name: name, Compute: Expression})
	}
	return it
}

// columnDefNames returns the column names of a column definition list.
func columnDefNames(defs []*node) []string {
	names := make([]string, 0, len(defs))
	for _, d := range defs {
		names = append(names, d.GetColumnDef().GetColname())
	}
	return names
}

// stringList returns the String values of list (alias column names, CTE
// column names).
func stringList(list []*node) []string {
	if len(list) == 0 {
		return nil
	}
	out := make([]string, 0, len(list))
	for _, n := range list {
		out = append(out, n.GetString_().GetSval())
	}
	return out
}

// returning classifies the RETURNING list of the write statement n in a
// scope below parent holding its CTEs, its target (also as old and new,
// PostgreSQL 18's RETURNING old.*, new.*), and the relations of UPDATE
// ... FROM, DELETE ... USING or MERGE ... USING.
func (a *analysis) returning(n *node, parent *scope) []Column {
	var (
		with   *withClause
		target *rangeVar
		ret    *returningClause
		from   []*node
	)
	switch {
	case n.GetInsertStmt() != nil:
		s := n.GetInsertStmt()
		with, target, ret = s.GetWithClause(), s.GetRelation(), s.GetReturningClause()
	case n.GetUpdateStmt() != nil:
		s := n.GetUpdateStmt()
		with, target, ret, from = s.GetWithClause(), s.GetRelation(), s.GetReturningClause(), s.GetFromClause()
	case n.GetDeleteStmt() != nil:
		s := n.GetDeleteStmt()
		with, target, ret, from = s.GetWithClause(), s.GetRelation(), s.GetReturningClause(), s.GetUsingClause()
	case n.GetMergeStmt() != nil:
		s := n.GetMergeStmt()
		with, target, ret = s.GetWithClause(), s.GetRelation(), s.GetReturningClause()
		from = []*node{s.GetSourceRelation()}
	}
	if len(ret.GetExprs()) == 0 || !a.enter() {
		return nil
	}
	defer a.leave()
	sc := a.scope(parent)
	a.defineCTEs(with, sc)
	table := tableName(target)
	name := target.GetRelname()
	if al := target.GetAlias().GetAliasname(); al != "" {
		name = al
	}
	sc.items = append(sc.items, &fromItem{kind: itemTable, name: name, table: table})
	a.addFrom(sc, from)
	for _, name := range []string{"old", "new"} {
		if sc.lookupItem(name) == nil {
			sc.items = append(sc.items, &fromItem{kind: itemTable, name: name, table: table, hidden: true})
		}
	}
	return a.targets(sc, ret.GetExprs())
}
