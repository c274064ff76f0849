package analyzer

// This file evaluates query builders (Masterminds/squirrel): a chain of
// builder calls whose columns, tables and joins are constant text is
// turned into the SQL it builds, so the call that sends it is a call
// site with known text. Calls that cannot change the select list or the
// statement kind (Where, OrderBy, Limit, ...) are left out of the text.

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// Skip reasons for query builders, counted in Stats.
const (
	skipBuilderPart   = "query builder part not constant or not modelled"
	skipBuilderOrigin = "query builder of unknown origin"
)

// built is one statement a builder may hold.
type built struct {
	op       builderOp // opSelect, opInsert, opUpdate or opDelete
	distinct bool
	cols     []string // select list, or the insert's columns
	from     string   // FROM, or the table written
	joins    []string // " LEFT JOIN t ON ..."
	sets     []string // the update's columns
	suffix   []string
}

// text renders the statement. Values are '?' placeholders, as squirrel
// writes them; sqlinfo.Prepare numbers them.
func (b built) text() (string, bool) {
	var s strings.Builder
	switch b.op {
	case opSelect:
		if len(b.cols) == 0 {
			return "", false
		}
		s.WriteString("SELECT ")
		if b.distinct {
			s.WriteString("DISTINCT ")
		}
		s.WriteString(strings.Join(b.cols, ", "))
		if b.from != "" {
			s.WriteString(" FROM " + b.from)
		}
		for _, j := range b.joins {
			s.WriteString(j)
		}
	case opInsert:
		if b.from == "" {
			return "", false
		}
		s.WriteString("INSERT INTO " + b.from)
		if len(b.cols) == 0 {
			s.WriteString(" DEFAULT VALUES")
			break
		}
		s.WriteString(" (" + strings.Join(b.cols, ", ") + ") VALUES (")
		s.WriteString(strings.TrimSuffix(strings.Repeat("?, ", len(b.cols)), ", ") + ")")
	case opUpdate:
		if b.from == "" || len(b.sets) == 0 {
			return "", false
		}
		s.WriteString("UPDATE " + b.from + " SET ")
		for i, c := range b.sets {
			if i > 0 {
				s.WriteString(", ")
			}
			s.WriteString(c + " = ?")
		}
	case opDelete:
		if b.from == "" {
			return "", false
		}
		s.WriteString("DELETE FROM " + b.from)
	default:
		return "", false
	}
	for _, x := range b.suffix {
		s.WriteString(" " + x)
	}
	return s.String(), true
}

// builderOf returns what a call to fn does as a builder call.
func builderOf(info *types.Info, call *ast.CallExpr) (builderOp, *types.Func) {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok {
		return 0, nil
	}
	fn = fn.Origin()
	return builderOps()[fn.FullName()], fn
}

// rendersText reports whether e is a builder's ToSql/MustSql call.
func (r *resolver) rendersText(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	op, _ := builderOf(r.info, call)
	mop, _ := mutableBuilderOf(r.info, call)
	return op == opRender || mop == opRender
}

// builtTexts returns the texts of the builder that call (ToSql) renders.
func (r *resolver) builtTexts(call *ast.CallExpr, depth int) ([]string, string) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, skipBuilderOrigin
	}
	out, why := r.builderTexts(sel.X, depth)
	if why != "" {
		return nil, why
	}
	return dedup(out), ""
}

// runTexts returns the texts of the builder a runner call (QueryRow,
// Query, Exec after RunWith) is made on.
func (r *resolver) runTexts(call *ast.CallExpr) ([]string, string) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, skipBuilderOrigin
	}
	out, why := r.builderTexts(sel.X, 0)
	if why != "" {
		return nil, why
	}
	return dedup(out), ""
}

// builder returns the statements the builder expression e may hold.
func (r *resolver) builder(e ast.Expr, depth int) ([]built, string) {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := r.info.Uses[e].(*types.Var)
		if !ok {
			return nil, skipBuilderOrigin
		}
		return r.builderVarOnce(v, e, depth)
	case *ast.CallExpr:
		// A chain's length is bounded by the source; only variables,
		// which may loop, count towards the depth.
		return r.builderCall(e, depth)
	}
	return nil, skipBuilderOrigin
}

// builderVarOnce is builderVar, computed once per read and bounded in
// the number of reads followed per query: a builder reassigned under
// many conditions is read at each of them.
func (r *resolver) builderVarOnce(v *types.Var, read *ast.Ident, depth int) ([]built, string) {
	if r.memo == nil {
		r.memo = &builderMemo{reads: map[*ast.Ident]builderResult{}}
	}
	if res, ok := r.memo.reads[read]; ok {
		return res.bs, res.why
	}
	if r.memo.followed++; r.memo.followed > maxBuilderReads {
		return nil, skipBuilderOrigin
	}
	bs, why := r.builderVar(v, read, depth)
	r.memo.reads[read] = builderResult{bs, why}
	return bs, why
}

// builderMemo remembers the statements found at each builder read of
// one resolution.
type builderMemo struct {
	reads    map[*ast.Ident]builderResult
	followed int
}

type builderResult struct {
	bs  []built
	why string
}

// maxBuilderReads bounds the builder variable reads followed for one
// query text.
const maxBuilderReads = 256

// builderVar returns the statements a builder variable may hold where it
// is read, as for query text (see variable).
func (r *resolver) builderVar(v *types.Var, read *ast.Ident, depth int) ([]built, string) {
	if v == r.root && r.root != nil {
		return r.rootValues(v, read.Pos(), depth)
	}
	if v.IsField() || isParam(v) {
		return nil, skipBuilderOrigin
	}
	var writes []use
	for _, u := range r.uses.of(v) {
		switch u.kind {
		case useRead:
		case useAssign:
			writes = append(writes, u)
		default:
			return nil, skipBuilderOrigin
		}
	}
	pkgLevel := isPkgLevel(v)
	at := read.Pos()
	out, why := r.buildersOf(writes, nil, depth, func(w use) bool {
		// Not after the read (nor the assignment the read is part of),
		// not replaced by a later assignment before it.
		return pkgLevel || (w.stmt.End() <= at && !r.replaced(writes, w, v, at))
	})
	if why != "" {
		return nil, why
	}
	if len(out) == 0 {
		return nil, skipBuilderOrigin
	}
	return out, ""
}

// dedupBuilt drops repeated statements: a conditional Where leaves the
// statement as it was.
func dedupBuilt(bs []built) []built {
	seen := map[string]bool{}
	out := bs[:0]
	for _, b := range bs {
		k := strings.Join([]string{strconv.Itoa(int(b.op)), strconv.FormatBool(b.distinct), strings.Join(b.cols, "\x00"),
			b.from, strings.Join(b.joins, "\x00"), strings.Join(b.sets, "\x00"), strings.Join(b.suffix, "\x00")}, "\x01")
		if !seen[k] {
			seen[k] = true
			out = append(out, b)
		}
	}
	return out
}

// replaced reports whether another assignment among writes replaces w on
// every path to the read of v at pos.
func (r *resolver) replaced(writes []use, w use, v *types.Var, at token.Pos) bool {
	for _, k := range writes {
		if k.stmt != w.stmt && r.uses.replaces(k, w.stmt, v, at) {
			return true
		}
	}
	return false
}

// builderCall applies one builder call to the statements of its receiver.
func (r *resolver) builderCall(call *ast.CallExpr, depth int) ([]built, string) {
	op, fn := builderOf(r.info, call)
	switch op {
	case 0:
		if fn != nil && !call.Ellipsis.IsValid() {
			if i, ok := r.helperParam(fn); ok && i < len(call.Args) {
				return r.builder(call.Args[i], depth+1)
			}
		}
		return nil, skipBuilderPart
	case opBase, opRender:
		return nil, skipBuilderPart
	case opSelect:
		cols, why := r.strings(call.Args, call.Ellipsis.IsValid(), depth)
		if why != "" {
			return nil, why
		}
		return variants(cols, func(c []string) built { return built{op: opSelect, cols: c} })
	case opInsert, opUpdate, opDelete:
		if len(call.Args) != 1 {
			return nil, skipBuilderPart
		}
		tables, why := r.expr(call.Args[0], depth)
		if why != "" {
			return nil, skipBuilderPart
		}
		out := make([]built, len(tables))
		for i, t := range tables {
			out[i] = built{op: op, from: t}
		}
		return out, ""
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, skipBuilderOrigin
	}
	base, why := r.builder(sel.X, depth)
	if why != "" {
		return nil, why
	}
	switch op {
	case opNeutral:
		return base, ""
	case opDistinct:
		for i := range base {
			base[i].distinct = true
		}
		return base, ""
	case opColumns:
		cols, why := r.strings(call.Args, call.Ellipsis.IsValid(), depth)
		if why != "" {
			return nil, why
		}
		return extend(base, cols, func(b built, c []string) built {
			b.cols = append(append([]string(nil), b.cols...), c...)
			return b
		})
	case opColumn:
		if len(call.Args) != 1 {
			return nil, skipBuilderPart // column arguments: '?' values in the column
		}
		cols, why := r.columnExpr(call.Args[0], depth)
		if why != "" {
			return nil, why
		}
		return extend(base, one(cols), func(b built, c []string) built {
			b.cols = append(append([]string(nil), b.cols...), c...)
			return b
		})
	}
	if len(call.Args) < 1 {
		return nil, skipBuilderPart
	}
	texts, why := r.expr(call.Args[0], depth)
	if why != "" {
		return nil, skipBuilderPart
	}
	return extend(base, one(texts), func(b built, t []string) built {
		switch op {
		case opFrom:
			b.from = t[0]
		case opJoin:
			b.joins = append(append([]string(nil), b.joins...), " "+builderJoins()[fn.Name()]+" "+t[0])
		case opSet:
			b.sets = append(append([]string(nil), b.sets...), t[0])
		case opSuffix:
			b.suffix = append(append([]string(nil), b.suffix...), t[0])
		}
		return b
	})
}

// columnExpr returns the texts of a select-list item given as a string,
// sq.Expr(text) or sq.Alias(expr, name).
func (r *resolver) columnExpr(e ast.Expr, depth int) ([]string, string) {
	if isString(r.info.TypeOf(e)) {
		t, why := r.expr(e, depth)
		if why != "" {
			return nil, skipBuilderPart
		}
		return t, ""
	}
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return nil, skipBuilderPart
	}
	fn, ok := typeutil.Callee(r.info, call).(*types.Func)
	if !ok || builderExprs()[fn.Origin().FullName()] == 0 || len(call.Args) == 0 {
		return nil, skipBuilderPart
	}
	if fn.Name() == "Expr" {
		if len(call.Args) != 1 {
			return nil, skipBuilderPart // '?' values inside the expression
		}
		t, why := r.expr(call.Args[0], depth)
		if why != "" {
			return nil, skipBuilderPart
		}
		return t, ""
	}
	if len(call.Args) != 2 { // Alias(expr, name)
		return nil, skipBuilderPart
	}
	inner, why := r.sqlizer(call.Args[0], depth)
	if why != "" {
		return nil, why
	}
	names, why := r.expr(call.Args[1], depth)
	if why != "" {
		return nil, skipBuilderPart
	}
	var out []string
	for _, in := range inner {
		for _, n := range names {
			out = append(out, "("+in+") AS "+n)
		}
	}
	if len(out) > maxTexts {
		return nil, skipTooManyTexts
	}
	return out, ""
}

// sqlizer returns the texts of an expression or a select builder used
// inside another statement.
func (r *resolver) sqlizer(e ast.Expr, depth int) ([]string, string) {
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok {
		if fn, ok := typeutil.Callee(r.info, call).(*types.Func); ok && fn.Origin().FullName() == squirrel+".Expr" {
			return r.columnExpr(call, depth)
		}
	}
	return r.builderTexts(e, depth)
}

// builderTexts renders every builder e may hold, or says why one cannot be.
func (r *resolver) builderTexts(e ast.Expr, depth int) ([]string, string) {
	bs, why := r.builder(e, depth)
	if why != "" {
		return nil, why
	}
	out := make([]string, 0, len(bs))
	for _, b := range bs {
		t, ok := b.text()
		if !ok {
			return nil, skipBuilderPart
		}
		out = append(out, t)
	}
	return out, ""
}

// strings resolves string arguments: each argument's variants, combined.
func (r *resolver) strings(args []ast.Expr, spread bool, depth int) ([][]string, string) {
	if spread {
		return nil, skipBuilderPart
	}
	out := [][]string{nil}
	for _, a := range args {
		texts, why := r.expr(a, depth)
		if why != "" {
			return nil, skipBuilderPart
		}
		var next [][]string
		for _, prefix := range out {
			for _, t := range texts {
				next = append(next, append(append([]string(nil), prefix...), t))
			}
		}
		if len(next) > maxTexts {
			return nil, skipTooManyTexts
		}
		out = next
	}
	return out, ""
}

// one turns the variants of one text into variants of one-element lists.
func one(texts []string) [][]string {
	out := make([][]string, len(texts))
	for i, t := range texts {
		out[i] = []string{t}
	}
	return out
}

func variants(lists [][]string, f func([]string) built) ([]built, string) {
	out := make([]built, len(lists))
	for i, l := range lists {
		out[i] = f(l)
	}
	return out, ""
}

// extend applies f to every combination of a statement (a built, a
// bunQuery) and a variant.
func extend[T any](base []T, lists [][]string, f func(T, []string) T) ([]T, string) {
	if len(base)*len(lists) > maxTexts {
		return nil, skipTooManyTexts
	}
	out := make([]T, 0, len(base)*len(lists))
	for _, b := range base {
		for _, l := range lists {
			out = append(out, f(b, l))
		}
	}
	return out, ""
}

// buildersOf adds to out the builders the writes that keep accepts may
// assign, or says why one cannot be read.
func (r *resolver) buildersOf(writes []use, out []built, depth int, keep func(use) bool) ([]built, string) {
	for _, w := range writes {
		if !keep(w) {
			continue
		}
		bs, why := r.builder(w.value, depth)
		if why != "" {
			return nil, why
		}
		out = dedupBuilt(append(out, bs...))
		if len(out) > maxTexts {
			return nil, skipTooManyTexts
		}
	}
	return out, ""
}
