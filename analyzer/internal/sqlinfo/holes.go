package sqlinfo

import "google.golang.org/protobuf/proto"

// holeInOutput reports whether a hole (an identifier starting with
// HolePrefix, standing for query text not known statically) sits where
// it could change the statement's output columns or its target: the
// select list, FROM and its joins, WITH, VALUES, the relation written and
// RETURNING. Holes in WHERE, GROUP BY, HAVING, ORDER BY, LIMIT, OFFSET
// and written values cannot, and are allowed.
func holeInOutput(root *node) bool {
	switch {
	case root.GetSelectStmt() != nil:
		return selectHole(root.GetSelectStmt())
	case root.GetInsertStmt() != nil:
		s := root.GetInsertStmt()
		return rangeVarHole(s.GetRelation()) || hasHole(s.GetWithClause()) || hasHole(s.GetReturningClause()) ||
			nodesHole(s.GetCols())
	case root.GetUpdateStmt() != nil:
		s := root.GetUpdateStmt()
		return rangeVarHole(s.GetRelation()) || hasHole(s.GetWithClause()) || hasHole(s.GetReturningClause()) ||
			nodesHole(s.GetFromClause()) || targetNamesHole(s.GetTargetList())
	case root.GetDeleteStmt() != nil:
		s := root.GetDeleteStmt()
		return rangeVarHole(s.GetRelation()) || hasHole(s.GetWithClause()) || hasHole(s.GetReturningClause()) ||
			nodesHole(s.GetUsingClause())
	}
	return hasHole(root)
}

func selectHole(s *selectStmt) bool {
	if s == nil {
		return false
	}
	if s.GetOp() != setopNone {
		return selectHole(s.GetLarg()) || selectHole(s.GetRarg()) || hasHole(s.GetWithClause())
	}
	return hasHole(s.GetWithClause()) || nodesHole(s.GetTargetList()) || nodesHole(s.GetFromClause()) ||
		nodesHole(s.GetValuesLists())
}

// targetNamesHole reports whether an UPDATE's SET names a hole column.
func targetNamesHole(list []*node) bool {
	for _, n := range list {
		if rt := n.GetResTarget(); rt != nil && isHole(rt.GetName()) {
			return true
		}
	}
	return false
}

func rangeVarHole(rv *rangeVar) bool {
	return rv != nil && (isHole(rv.GetRelname()) || isHole(rv.GetSchemaname()) || isHole(rv.GetAlias().GetAliasname()))
}

func nodesHole(list []*node) bool {
	for _, n := range list {
		if hasHole(n) {
			return true
		}
	}
	return false
}

// hasHole reports whether any name under m is a hole: column references,
// strings (function and type names), relations, aliases and targets.
func hasHole(m proto.Message) bool {
	found := false
	walkUnordered(m, func(n *node) bool {
		switch {
		case found:
		case n.GetString_() != nil:
			found = isHole(n.GetString_().GetSval())
		case n.GetColumnRef() != nil:
			for _, f := range n.GetColumnRef().GetFields() {
				found = found || isHole(f.GetString_().GetSval())
			}
		case n.GetRangeVar() != nil:
			found = rangeVarHole(n.GetRangeVar())
		case n.GetResTarget() != nil:
			found = isHole(n.GetResTarget().GetName())
		case n.GetRangeSubselect() != nil:
			found = isHole(n.GetRangeSubselect().GetAlias().GetAliasname())
		case n.GetRangeFunction() != nil:
			found = isHole(n.GetRangeFunction().GetAlias().GetAliasname())
		case n.GetCommonTableExpr() != nil:
			found = isHole(n.GetCommonTableExpr().GetCtename())
		}
		return !found
	})
	return found
}
