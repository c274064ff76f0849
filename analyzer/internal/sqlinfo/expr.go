package sqlinfo

// This file classifies the expression of one output column.

// column classifies the expression of one output column, without its name.
func (a *analysis) column(sc *scope, val *node) Column {
	if cr := val.GetColumnRef(); cr != nil && !isStarRef(val) {
		return resolveColumn(sc, fieldNames(cr))
	}
	if names := fieldSelection(val); names != nil {
		return resolveColumn(sc, names)
	}
	kind, via := a.exprKind(sc, val)
	return Column{Compute: kind, Via: via}
}

// exprKind classifies an expression: the kind of the first subquery,
// aggregate or window call found in it (looking through references to
// computed columns of derived tables and CTEs, but not into subqueries),
// else Unknown when it reads a hole, else Expression. via is set when the
// kind comes from a derived table or CTE.
func (a *analysis) exprKind(sc *scope, root *node) (kind Compute, via string) {
	kind = Expression
	found := func(k Compute, v string) {
		if k.IsComputed() {
			kind, via = k, v
		} else if k == Unknown {
			kind = Unknown
		}
	}
	walk(root, func(n *node) bool {
		if kind.IsComputed() {
			return false
		}
		switch {
		case n.GetSubLink() != nil:
			if !a.lookup(sc, n.GetSubLink()) {
				found(sublinkKind(n.GetSubLink()), "")
			}
			return false
		case n.GetFuncCall() != nil:
			fc := n.GetFuncCall()
			switch {
			case fc.GetOver() != nil:
				found(Window, "")
				return false
			case isAggregateCall(fc):
				found(Aggregate, "")
				return false
			case isHole(lastString(fc.GetFuncname())):
				found(Unknown, "")
			}
		case n.GetJsonObjectAgg() != nil:
			found(jsonAggKind(n.GetJsonObjectAgg().GetConstructor().GetOver() != nil), "")
			return false
		case n.GetJsonArrayAgg() != nil:
			found(jsonAggKind(n.GetJsonArrayAgg().GetConstructor().GetOver() != nil), "")
			return false
		case n.GetGroupingFunc() != nil:
			found(Aggregate, "")
			return false
		case n.GetColumnRef() != nil:
			cr := n.GetColumnRef()
			if isStarRef(n) {
				for _, c := range expandStar(sc, starQualifier(cr)) {
					found(c.Compute, c.Via)
					if kind.IsComputed() {
						break
					}
				}
				return false
			}
			c := resolveColumn(sc, fieldNames(cr))
			found(c.Compute, c.Via)
			return false
		}
		return true
	})
	return kind, via
}

// lookup reports whether a scalar subquery only looks up one stored
// column of a row (SELECT body FROM templates WHERE is_default LIMIT 1):
// no aggregate, window, GROUP BY, DISTINCT, set operation or CTE. It reads
// like a join, whose columns are stored too, so it computes nothing.
func (a *analysis) lookup(sc *scope, sl *subLink) bool {
	if sl.GetSubLinkType() != sublinkExpr {
		return false
	}
	s := sl.GetSubselect().GetSelectStmt()
	if s == nil || s.GetOp() != setopNone || s.GetWithClause() != nil || len(s.GetGroupClause()) > 0 ||
		s.GetHavingClause() != nil || len(s.GetDistinctClause()) > 0 || len(s.GetTargetList()) != 1 {
		return false
	}
	cols := a.selectColumns(s, sc)
	return len(cols) == 1 && !cols[0].Star && cols[0].Compute == Stored
}

// sublinkKind is the kind of a subquery used as a value.
func sublinkKind(sl *subLink) Compute {
	switch sl.GetSubLinkType() {
	case sublinkExists:
		return Exists
	case sublinkArray:
		return ArraySubquery
	}
	return Subquery
}

// jsonAggKind is the kind of JSON_OBJECTAGG / JSON_ARRAYAGG: a window
// call when it has OVER, else an aggregate.
func jsonAggKind(over bool) Compute {
	if over {
		return Window
	}
	return Aggregate
}

// fieldNames returns the fields of a column reference as strings, "*" for
// a star.
func fieldNames(cr *columnRef) []string {
	fields := cr.GetFields()
	names := make([]string, 0, len(fields))
	for _, f := range fields {
		if s := f.GetString_(); s != nil {
			names = append(names, s.GetSval())
		} else {
			names = append(names, "*")
		}
	}
	return names
}

// fieldSelection returns the names of a field selection written with
// parentheses, (u).id or (u.address).city, as if it were the column
// reference u.id or u.address.city; nil for any other expression.
func fieldSelection(n *node) []string {
	ind := n.GetAIndirection()
	cr := ind.GetArg().GetColumnRef()
	if cr == nil || isStarRef(ind.GetArg()) {
		return nil
	}
	names := fieldNames(cr)
	for _, f := range ind.GetIndirection() {
		s := f.GetString_()
		if s == nil {
			return nil
		}
		names = append(names, s.GetSval())
	}
	return names
}

// starQualifier returns the relation a star reference is qualified with
// ("" for a bare `*`).
func starQualifier(cr *columnRef) string {
	fields := cr.GetFields()
	if len(fields) < 2 {
		return ""
	}
	return fields[len(fields)-2].GetString_().GetSval()
}

// isStarIndirection reports whether an indirection list ends with `.*`.
func isStarIndirection(list []*node) bool {
	return len(list) > 0 && list[len(list)-1].GetAStar() != nil
}
