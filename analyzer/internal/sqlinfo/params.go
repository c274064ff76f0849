package sqlinfo

// collect walks the whole statement once: it gives every parameter $N an
// entry in Statement.Params (not written, until a write says otherwise)
// and returns the data-modifying CTEs, at any depth of WITH.
func (a *analysis) collect(root *node) []*commonTableExpr {
	var writeCTEs []*commonTableExpr
	walkUnordered(root, func(n *node) bool {
		switch {
		case n.GetParamRef() != nil:
			a.param(int(n.GetParamRef().GetNumber()))
		case n.GetRangeVar() != nil:
			if t := tableName(n.GetRangeVar()); t != "" {
				a.reads = append(a.reads, readRef{table: t, bare: n.GetRangeVar().GetSchemaname() == ""})
			}
		case n.GetCommonTableExpr() != nil:
			c := n.GetCommonTableExpr()
			a.ctes = append(a.ctes, c.GetCtename())
			if isWriteStmt(c.GetCtequery()) {
				writeCTEs = append(writeCTEs, c)
			}
		case n.GetMultiAssignRef() != nil:
			// SET (a, b, ...) = source: every column of the group points
			// at the same source; walk it once, not once per column.
			return n.GetMultiAssignRef().GetColno() <= 1
		}
		return true
	})
	return writeCTEs
}

// param returns the use of parameter number, adding an entry for it.
func (a *analysis) param(number int) ParamUse {
	use, ok := a.st.Params[number]
	if !ok {
		if a.st.Params == nil {
			a.st.Params = map[int]ParamUse{}
		}
		a.st.Params[number] = use
	}
	return use
}

// markWritten marks every parameter in expr as written into col. A
// parameter already written keeps the column it was first written into.
func (a *analysis) markWritten(expr *node, col string) {
	if expr == nil {
		return
	}
	walkUnordered(expr, func(n *node) bool {
		if p := n.GetParamRef(); p != nil {
			number := int(p.GetNumber())
			if !a.param(number).Written {
				a.st.Params[number] = ParamUse{Written: true, Column: col, Table: a.target, Set: a.inSet}
			}
		}
		return true
	})
}

// readRef is a relation named in the statement; bare is set when it has no
// schema, so that it may name one of the statement's CTEs.
type readRef struct {
	table string
	bare  bool
}

// setReads fills Statement.Reads from the relations collect saw, leaving
// out the names of the statement's CTEs.
func (a *analysis) setReads() {
	seen := map[string]bool{}
	for _, c := range a.ctes {
		seen["cte:"+c] = true
	}
	for _, r := range a.reads {
		if (r.bare && seen["cte:"+r.table]) || seen[r.table] {
			continue
		}
		seen[r.table] = true
		a.st.Reads = append(a.st.Reads, r.table)
	}
}
