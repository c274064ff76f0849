package sqlinfo

import "slices"

// This file records the write side of a statement: whether it writes, the
// table it writes, the columns it writes, and the parameters whose values
// are written into them.

// isWriteStmt reports whether n is an INSERT, UPDATE, DELETE or MERGE.
func isWriteStmt(n *node) bool {
	return n.GetInsertStmt() != nil || n.GetUpdateStmt() != nil ||
		n.GetDeleteStmt() != nil || n.GetMergeStmt() != nil
}

// writeTarget is the target relation of the write statement n.
func writeTarget(n *node) *rangeVar {
	switch {
	case n.GetInsertStmt() != nil:
		return n.GetInsertStmt().GetRelation()
	case n.GetUpdateStmt() != nil:
		return n.GetUpdateStmt().GetRelation()
	case n.GetDeleteStmt() != nil:
		return n.GetDeleteStmt().GetRelation()
	case n.GetMergeStmt() != nil:
		return n.GetMergeStmt().GetRelation()
	}
	return nil
}

// writes records the writes of the statement root and of its
// data-modifying CTEs (writeCTEs, in any order). The CTEs come first, in
// the order of the text, then the statement itself. Statement.Table is the
// target of the top-level write, else of the first data-modifying CTE.
func (a *analysis) writes(root *node, writeCTEs []*commonTableExpr) {
	slices.SortStableFunc(writeCTEs, func(x, y *commonTableExpr) int {
		return int(x.GetLocation()) - int(y.GetLocation())
	})
	top := isWriteStmt(root)
	switch {
	case top:
		a.st.Writes, a.st.Table = true, tableName(writeTarget(root))
	case len(writeCTEs) > 0:
		a.st.Writes, a.st.Table = true, tableName(writeTarget(writeCTEs[0].GetCtequery()))
	}
	for _, c := range writeCTEs {
		a.write(c.GetCtequery())
	}
	if top {
		a.write(root)
	}
}

// write records the columns the write statement n writes, and the
// parameters written into them.
func (a *analysis) write(n *node) {
	a.target = tableName(writeTarget(n))
	if a.target != "" && !slices.Contains(a.st.WriteTables, a.target) {
		a.st.WriteTables = append(a.st.WriteTables, a.target)
	}
	defer func() { a.target = "" }()
	switch {
	case n.GetInsertStmt() != nil:
		s := n.GetInsertStmt()
		cols := targetNames(s.GetCols())
		a.addWritten(cols...)
		a.insertSource(s.GetSelectStmt().GetSelectStmt(), cols)
		if oc := s.GetOnConflictClause(); oc.GetAction() == onConflictUpdate {
			a.setList(oc.GetTargetList())
		}
	case n.GetUpdateStmt() != nil:
		a.setList(n.GetUpdateStmt().GetTargetList())
	case n.GetMergeStmt() != nil:
		for _, w := range n.GetMergeStmt().GetMergeWhenClauses() {
			mw := w.GetMergeWhenClause()
			switch mw.GetCommandType() {
			case cmdUpdate:
				a.setList(mw.GetTargetList())
			case cmdInsert:
				cols := targetNames(mw.GetTargetList())
				a.addWritten(cols...)
				a.valuesRow(mw.GetValues(), cols)
			}
		}
	}
}

// insertSource marks the parameters of an INSERT's source written: those
// in each VALUES row, and those in the target list of INSERT ... SELECT,
// into the column at their position. The arms of a set operation are each
// a source.
func (a *analysis) insertSource(s *selectStmt, cols []string) {
	stack := []*selectStmt{s}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch {
		case x == nil:
		case x.GetOp() != setopNone:
			stack = append(stack, x.GetRarg(), x.GetLarg())
		case len(x.GetValuesLists()) > 0:
			for _, row := range x.GetValuesLists() {
				a.valuesRow(row.GetList().GetItems(), cols)
			}
		default:
			for i, t := range x.GetTargetList() {
				a.markWritten(t.GetResTarget().GetVal(), columnAt(cols, i))
			}
		}
	}
}

// valuesRow marks the parameters of a VALUES row written into the column
// at their position ("" when the INSERT has no column list).
func (a *analysis) valuesRow(items []*node, cols []string) {
	for i, e := range items {
		a.markWritten(e, columnAt(cols, i))
	}
}

// setList records the columns of an UPDATE / ON CONFLICT DO UPDATE / MERGE
// UPDATE SET list and marks the parameters of each value written into its
// column. For SET (a, b) = (...), each column takes the value at its
// position; the parameters elsewhere in a sub-SELECT source are written,
// into no column in particular.
func (a *analysis) setList(targets []*node) {
	a.inSet = true
	defer func() { a.inSet = false }()
	for _, t := range targets {
		rt := t.GetResTarget()
		col := rt.GetName()
		a.addWritten(col)
		mar := rt.GetVal().GetMultiAssignRef()
		if mar == nil {
			a.markWritten(rt.GetVal(), col)
			continue
		}
		src := mar.GetSource()
		i := int(mar.GetColno()) - 1
		if row := src.GetRowExpr(); row != nil {
			if args := row.GetArgs(); i >= 0 && i < len(args) {
				a.markWritten(args[i], col)
			}
			continue
		}
		if sel := src.GetSubLink().GetSubselect().GetSelectStmt(); sel != nil && sel.GetOp() == setopNone {
			if tl := sel.GetTargetList(); i >= 0 && i < len(tl) {
				a.markWritten(tl[i].GetResTarget().GetVal(), col)
			}
		}
		if mar.GetColno() == mar.GetNcolumns() {
			a.markWritten(src, "")
		}
	}
}

// targetNames returns the column names of an INSERT column list (or a
// MERGE INSERT's).
func targetNames(list []*node) []string {
	if len(list) == 0 {
		return nil
	}
	names := make([]string, 0, len(list))
	for _, n := range list {
		names = append(names, n.GetResTarget().GetName())
	}
	return names
}

// columnAt returns cols[i], or "" when there is no such column.
func columnAt(cols []string, i int) string {
	if i < len(cols) {
		return cols[i]
	}
	return ""
}

// addWritten appends names to Statement.Written, skipping duplicates.
func (a *analysis) addWritten(names ...string) {
	for _, name := range names {
		if name == "" || a.written[name] {
			continue
		}
		if a.written == nil {
			a.written = map[string]bool{}
		}
		a.written[name] = true
		a.st.Written = append(a.st.Written, name)
	}
}
