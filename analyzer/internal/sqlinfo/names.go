package sqlinfo

// unnamedColumn is the name PostgreSQL gives a column it cannot name.
const unnamedColumn = "?column?"

// figureColname names an unaliased output column the way PostgreSQL's
// FigureColname (parser/parse_target.c) does, from the untransformed
// expression.
//
// PostgreSQL recurses through casts, COLLATE, CASE ... ELSE and field
// selection; a name found below them is strong, except that a cast or a
// CASE replaces a weak or missing inner name with the type's name or
// "case". Here the chain is followed in a loop, so that a long chain of
// casts cannot exhaust the stack: when the innermost name is not strong,
// the outermost cast or CASE names the column.
func figureColname(n *node) string {
	outer := "" // the name the outermost cast or CASE would give
	for n != nil {
		if tc := n.GetTypeCast(); tc != nil {
			if outer == "" {
				outer = lastString(tc.GetTypeName().GetNames())
			}
			n = tc.GetArg()
			continue
		}
		if cc := n.GetCollateClause(); cc != nil {
			n = cc.GetArg()
			continue
		}
		if ce := n.GetCaseExpr(); ce != nil {
			if outer == "" {
				outer = "case"
			}
			n = ce.GetDefresult()
			continue
		}
		if ind := n.GetAIndirection(); ind != nil {
			if name := lastString(ind.GetIndirection()); name != "" {
				return name
			}
			n = ind.GetArg()
			continue
		}
		break
	}
	if name := baseColname(n); name != "" {
		return name
	}
	if outer != "" {
		return outer
	}
	return unnamedColumn
}

// baseColname is the strong name PostgreSQL gives the expression n, or ""
// when it gives none.
func baseColname(n *node) string {
	switch {
	case n == nil:
		return ""
	case n.GetColumnRef() != nil:
		return lastString(n.GetColumnRef().GetFields())
	case n.GetFuncCall() != nil:
		return lastString(n.GetFuncCall().GetFuncname())
	case n.GetAExpr() != nil:
		if n.GetAExpr().GetKind() == aexprNullif {
			return "nullif"
		}
	case n.GetGroupingFunc() != nil:
		return "grouping"
	case n.GetMergeSupportFunc() != nil:
		return "merge_action"
	case n.GetSubLink() != nil:
		switch sl := n.GetSubLink(); sl.GetSubLinkType() {
		case sublinkExists:
			return "exists"
		case sublinkArray:
			return "array"
		case sublinkExpr:
			// The name of the subquery's first output column.
			return firstColname(sl.GetSubselect().GetSelectStmt())
		}
	case n.GetAArrayExpr() != nil:
		return "array"
	case n.GetRowExpr() != nil:
		return "row"
	case n.GetCoalesceExpr() != nil:
		return "coalesce"
	case n.GetMinMaxExpr() != nil:
		switch n.GetMinMaxExpr().GetOp() {
		case minmaxGreatest:
			return "greatest"
		case minmaxLeast:
			return "least"
		}
	case n.GetSqlvalueFunction() != nil:
		return sqlValueFunctionName(n.GetSqlvalueFunction().GetOp())
	case n.GetXmlExpr() != nil:
		return xmlExprName(n.GetXmlExpr().GetOp())
	case n.GetXmlSerialize() != nil:
		return "xmlserialize"
	case n.GetJsonParseExpr() != nil:
		return "json"
	case n.GetJsonScalarExpr() != nil:
		return "json_scalar"
	case n.GetJsonSerializeExpr() != nil:
		return "json_serialize"
	case n.GetJsonObjectConstructor() != nil:
		return "json_object"
	case n.GetJsonArrayConstructor() != nil, n.GetJsonArrayQueryConstructor() != nil:
		return "json_array"
	case n.GetJsonObjectAgg() != nil:
		return "json_objectagg"
	case n.GetJsonArrayAgg() != nil:
		return "json_arrayagg"
	case n.GetJsonFuncExpr() != nil:
		switch n.GetJsonFuncExpr().GetOp() {
		case jsonExistsOp:
			return "json_exists"
		case jsonQueryOp:
			return "json_query"
		case jsonValueOp:
			return "json_value"
		}
	}
	return ""
}

// firstColname is the name of the first output column of a subquery, as
// PostgreSQL reads it from the transformed subquery: the alias, else the
// figured name; for a set operation, the left arm's; for VALUES,
// "column1". It is "?column?" when the first column is a star (its name
// would come from the catalog).
func firstColname(s *selectStmt) string {
	for s != nil && s.GetOp() != setopNone {
		s = s.GetLarg()
	}
	if s == nil {
		return unnamedColumn
	}
	if len(s.GetValuesLists()) > 0 {
		return "column1"
	}
	targets := s.GetTargetList()
	if len(targets) == 0 {
		return unnamedColumn
	}
	rt := targets[0].GetResTarget()
	if rt.GetName() != "" {
		return rt.GetName()
	}
	if isStarRef(rt.GetVal()) {
		return unnamedColumn
	}
	return figureColname(rt.GetVal())
}

// lastString returns the last String among list (a name list such as a
// function's or a type's qualified name, or a column reference's fields),
// or "".
func lastString(list []*node) string {
	for i := len(list) - 1; i >= 0; i-- {
		if s := list[i].GetString_(); s != nil {
			return s.GetSval()
		}
	}
	return ""
}

// isStarRef reports whether n is `*` or `rel.*`.
func isStarRef(n *node) bool {
	f := n.GetColumnRef().GetFields()
	return len(f) > 0 && f[len(f)-1].GetAStar() != nil
}
