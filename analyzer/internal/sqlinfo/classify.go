package sqlinfo

import "strconv"

// maxQueryDepth bounds how many query levels (subqueries in FROM, CTEs,
// set operation arms in parentheses) the classifier follows. Every level
// needs a pair of parentheses, which Analyze already bounds, so this is a
// second line of defence only.
const maxQueryDepth = 512

// workBudget is the work one classification may do (see budget): a
// typical statement spends a few hundred units; a pathological one stops
// after a few million, in well under a second.
const workBudget = 1 << 22

// maxColumns bounds the output columns of one query level, as
// PostgreSQL's own limit on target lists (1664) does.
const maxColumns = 1664

// analysis holds the state of one Analyze call.
type analysis struct {
	st      *Statement
	written map[string]bool // the names already in st.Written
	depth   int             // current query nesting
	tooDeep bool            // maxQueryDepth was exceeded
	budget  budget          // shared by all scopes
	reads   []readRef       // the relations named in FROM items, in no order
	ctes    []string        // the names of the statement's CTEs
	target  string          // the table of the write being recorded
	inSet   bool            // a SET list is being recorded
}

// classify builds the Statement for the parsed statement root.
func classify(root *node) (*Statement, error) {
	a := &analysis{st: &Statement{Kind: kindOf(root)}, budget: budget{left: workBudget}}
	writeCTEs := a.collect(root)
	a.setReads()
	a.writes(root, writeCTEs)
	a.st.Columns = a.columns(root)
	switch {
	case a.tooDeep:
		return nil, skip(ReasonTooDeep, "query levels nest too deeply")
	case a.budget.exhausted():
		return nil, skip(ReasonTooLarge, "statement too large to classify")
	}
	return a.st, nil
}

// scope returns a new scope below parent (nil for the top level).
func (a *analysis) scope(parent *scope) *scope {
	if parent == nil {
		return &scope{b: &a.budget}
	}
	return parent.child()
}

// kindOf is the kind of the top-level statement n.
func kindOf(n *node) Kind {
	switch {
	case n.GetSelectStmt() != nil:
		return KindSelect
	case n.GetInsertStmt() != nil:
		return KindInsert
	case n.GetUpdateStmt() != nil:
		return KindUpdate
	case n.GetDeleteStmt() != nil:
		return KindDelete
	case n.GetMergeStmt() != nil:
		return KindMerge
	}
	return KindOther
}

// enter notes one more query level; it reports false, and marks the
// analysis, when the levels nest too deeply.
func (a *analysis) enter() bool {
	a.depth++
	if a.depth > maxQueryDepth {
		a.tooDeep = true
		return false
	}
	return true
}

// leave undoes enter.
func (a *analysis) leave() { a.depth-- }

// columns returns the output columns of the top-level statement n: the
// target list of a SELECT, the RETURNING list of a write.
func (a *analysis) columns(n *node) []Column {
	if s := n.GetSelectStmt(); s != nil {
		return a.selectColumns(s, nil)
	}
	if isWriteStmt(n) {
		return a.returning(n, nil)
	}
	return nil
}

// selectColumns classifies the output columns of the SELECT s, evaluated
// in a new scope below parent.
func (a *analysis) selectColumns(s *selectStmt, parent *scope) []Column {
	if s == nil || a.budget.exhausted() || !a.enter() {
		return nil
	}
	defer a.leave()
	sc := a.scope(parent)
	a.defineCTEs(s.GetWithClause(), sc)
	switch {
	case s.GetOp() != setopNone:
		return a.setOperation(s, sc)
	case len(s.GetValuesLists()) > 0:
		return a.values(s, sc)
	}
	a.addFrom(sc, s.GetFromClause())
	return a.targets(sc, s.GetTargetList())
}

// setOperation classifies UNION, INTERSECT and EXCEPT: the arms are
// classified one by one (a chain of arms is followed without recursion)
// and merged by mergeArms.
func (a *analysis) setOperation(s *selectStmt, sc *scope) []Column {
	var arms [][]Column
	stack := []*selectStmt{s.GetRarg(), s.GetLarg()}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x == nil {
			continue
		}
		if x.GetOp() != setopNone && x.GetWithClause() == nil {
			stack = append(stack, x.GetRarg(), x.GetLarg())
			continue
		}
		arms = append(arms, a.selectColumns(x, sc))
	}
	return mergeArms(sc.b, arms)
}

// values classifies VALUES (...), (...): its columns are named column1,
// column2, ...; each row is merged like an arm of a UNION.
func (a *analysis) values(s *selectStmt, sc *scope) []Column {
	rows := s.GetValuesLists()
	arms := make([][]Column, 0, len(rows))
	for _, row := range rows {
		items := row.GetList().GetItems()
		if len(items) > maxColumns {
			sc.b.exhaust()
			return nil
		}
		cols := make([]Column, 0, len(items))
		for i, e := range items {
			c := a.column(sc, e)
			c.Name = columnN(i)
			cols = append(cols, c)
		}
		arms = append(arms, cols)
	}
	return mergeArms(sc.b, arms)
}

// mergeArms merges the columns of the arms of a set operation (or the rows
// of VALUES): names come from the first arm; a column is computed when it
// is computed in any arm (the first arm's kind when it is computed there,
// else the first computed arm's); else Unknown when it is Unknown in any
// arm; else the first arm's. When an arm has a star the positions cannot
// be lined up, and the first arm is returned as it is.
func mergeArms(b *budget, arms [][]Column) []Column {
	if len(arms) == 0 || len(arms[0]) == 0 {
		return nil
	}
	b.spend(len(arms) * len(arms[0]))
	if b.exhausted() {
		return nil
	}
	out := append([]Column(nil), arms[0]...)
	for _, arm := range arms {
		if hasStar(arm) {
			return out
		}
	}
	for i := range out {
		if out[i].Compute.IsComputed() {
			continue
		}
		if c, ok := firstInArms(arms[1:], i, Compute.IsComputed); ok {
			out[i] = Column{Name: out[i].Name, Compute: c.Compute, Via: c.Via}
			continue
		}
		if _, ok := firstInArms(arms[1:], i, func(c Compute) bool { return c == Unknown }); ok {
			out[i] = Column{Name: out[i].Name, Compute: Unknown}
		}
	}
	return out
}

// firstInArms returns the column at position i of the first arm where its
// kind satisfies ok.
func firstInArms(arms [][]Column, i int, ok func(Compute) bool) (Column, bool) {
	for _, arm := range arms {
		if i < len(arm) && ok(arm[i].Compute) {
			return arm[i], true
		}
	}
	return Column{}, false
}

// hasStar reports whether cols has a star column.
func hasStar(cols []Column) bool {
	for _, c := range cols {
		if c.Star {
			return true
		}
	}
	return false
}

// targets classifies a target list (or a RETURNING list) in scope sc.
func (a *analysis) targets(sc *scope, list []*node) []Column {
	var out []Column
	for _, n := range list {
		rt := n.GetResTarget()
		if rt == nil {
			continue
		}
		val := rt.GetVal()
		if isStarRef(val) {
			out = append(out, expandStar(sc, starQualifier(val.GetColumnRef()))...)
			if len(out) > maxColumns {
				sc.b.exhaust()
			}
			if sc.b.exhausted() {
				return nil
			}
			continue
		}
		if ind := val.GetAIndirection(); ind != nil && isStarIndirection(ind.GetIndirection()) {
			// (expr).* : a composite expanded into its fields.
			c := a.column(sc, ind.GetArg())
			if !c.Compute.IsComputed() {
				c = Column{Compute: Stored}
			}
			c.Name, c.Star = "*", true
			out = append(out, c)
			continue
		}
		c := a.column(sc, val)
		c.Name = rt.GetName()
		if c.Name == "" {
			c.Name = figureColname(val)
		}
		out = append(out, c)
	}
	return out
}

// columnN is the name PostgreSQL gives column i (from 0) of VALUES.
func columnN(i int) string {
	return "column" + strconv.Itoa(i+1)
}
