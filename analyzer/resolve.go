package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"github.com/cqrslint/cqrslint/analyzer/internal/sqlinfo"
	"golang.org/x/tools/go/types/typeutil"
)

// Skip reasons for unresolved query text, counted in Stats.
const (
	skipNonConstant     = "query text not constant"
	skipParameter       = "query text built from a parameter"
	skipWrapper         = "query text passed in by a wrapper's callers (checked there)"
	skipTooManyTexts    = "query text has too many variants"
	skipNoSQLArg        = "query argument missing"
	skipUnknownPrepared = "prepared statement of unknown origin"
)

// maxTexts bounds the number of variants of one query text.
const maxTexts = 16

// maxResolveDepth bounds how far resolution follows variables.
const maxResolveDepth = 8

// resolver turns the query argument of a call into the texts it may hold.
type resolver struct {
	info *types.Info
	uses *useIndex
	// helpers are the package's builder pass-through helpers (helpers.go)
	// and importHelper finds those of other packages; root is the builder
	// parameter of a helper being learned.
	helpers      map[*types.Func]int
	importHelper func(*types.Func) (int, bool)
	root         *types.Var
	// passThrough finds learned query-text pass-throughs (passthrough.go);
	// param is the string parameter of one being learned.
	passThrough func(*types.Func) (*passThroughFact, bool)
	param       *types.Var
	// holes is set while evaluating partially, and counts the holes made;
	// partial tells whether the last resolve's texts have holes.
	holes   *int
	partial bool
	memo    *builderMemo // builder reads of the current resolution
	// outside reads SQL kept outside Go strings (sqlfiles.go); nil
	// reads none.
	outside *outside
	// decl finds the declaration of a function of this package (bun
	// Apply helpers); nil finds none.
	decl func(*types.Func) *ast.FuncDecl
}

// resolve returns the possible texts of e, or a skip reason. When the
// text is not constant, it is evaluated partially (partial.go): pieces
// that are not known become holes, and partial is set.
func (r *resolver) resolve(e ast.Expr) ([]string, string) {
	r.partial = false
	r.memo = nil
	texts, why := r.expr(e, 0)
	if why != skipNonConstant && why != skipParameter {
		return texts, why
	}
	if p, ok := r.resolvePartial(e); ok {
		r.partial = true
		return p, ""
	}
	return nil, why
}

func (r *resolver) exprExact(e ast.Expr, depth int) ([]string, string) {
	if depth > maxResolveDepth {
		return nil, skipNonConstant
	}
	if tv, ok := r.info.Types[e]; ok && tv.Value != nil {
		if tv.Value.Kind() != constant.String {
			return nil, skipNonConstant
		}
		return []string{constant.StringVal(tv.Value)}, ""
	}
	switch e := e.(type) {
	case *ast.ParenExpr:
		return r.expr(e.X, depth+1)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return nil, skipNonConstant
		}
		x, why := r.expr(e.X, depth+1)
		if why != "" {
			return nil, why
		}
		y, why := r.expr(e.Y, depth+1)
		if why != "" {
			return nil, why
		}
		return product(x, y)
	case *ast.Ident:
		v, ok := r.info.Uses[e].(*types.Var)
		if !ok {
			return nil, skipNonConstant
		}
		return r.variable(v, e.Pos(), depth+1)
	case *ast.CallExpr:
		return r.call(e, depth+1)
	case *ast.SelectorExpr:
		// A string field tagged query:"name", filled from named-query files.
		if name, ok := queryTagName(r.info, e); ok && r.outside != nil && isStringType(r.info.TypeOf(e)) {
			return r.outside.namedText(name)
		}
	}
	return nil, skipNonConstant
}

func (r *resolver) call(call *ast.CallExpr, depth int) ([]string, string) {
	if tv, ok := r.info.Types[call.Fun]; ok && tv.IsType() && len(call.Args) == 1 {
		// string(b), []byte(s): the same text.
		if isStringOrBytes(tv.Type) && isStringOrBytes(r.info.TypeOf(call.Args[0])) {
			return r.expr(call.Args[0], depth)
		}
		return nil, skipNonConstant
	}
	fn, ok := typeutil.Callee(r.info, call).(*types.Func)
	if !ok {
		return nil, skipNonConstant
	}
	name := fn.Origin().FullName()
	if embedReaders()[name] {
		return r.embedFile(call, fn)
	}
	if textReplacers()[name] {
		return r.replace(call, name, depth)
	}
	if builderOps()[name] == opRender {
		return r.builtTexts(call, depth)
	}
	if mutableOps()[name] == opRender {
		return r.mutableTexts(call, depth)
	}
	if name == mutableAs {
		return r.mutableAsText(call, depth)
	}
	if name == "(*strings.Builder).String" || name == "(*bytes.Buffer).String" {
		return r.bufferText(call, depth)
	}
	if i, ok := sqlPassThrough()[name]; ok {
		if i >= len(call.Args) || call.Ellipsis.IsValid() {
			return nil, skipNonConstant
		}
		return r.expr(call.Args[i], depth)
	}
	if name == "fmt.Sprintf" && len(call.Args) > 0 {
		formats, why := r.expr(call.Args[0], depth)
		if why != "" {
			return nil, why
		}
		out := make([]string, len(formats))
		for i, f := range formats {
			// A pass-through's parameter used as the format: its verbs
			// become holes where it is called.
			before, after, found := strings.Cut(f, passMarker)
			if found {
				out[i] = fillHoles(before) + passMarkerFormat + fillHoles(after)
				continue
			}
			out[i] = fillHolesWith(f, func(n int) (string, bool) {
				// The parameter as an argument (fmt.Sprintf("%s LIMIT 10",
				// q)): the marker stands in its verb's place.
				if r.param == nil || n >= len(call.Args) || call.Ellipsis.IsValid() {
					return "", false
				}
				id, ok := ast.Unparen(call.Args[n]).(*ast.Ident)
				return passMarker, ok && r.info.Uses[id] == r.param
			})
		}
		return out, ""
	}
	if r.passThrough != nil {
		if f, ok := r.passThrough(fn.Origin()); ok {
			if f.Param >= len(call.Args) || call.Ellipsis.IsValid() {
				return nil, skipNonConstant
			}
			texts, why := r.expr(call.Args[f.Param], depth)
			if why != "" {
				return nil, why
			}
			out := make([]string, len(texts))
			for i, t := range texts {
				out[i] = f.apply(t)
			}
			return out, ""
		}
	}
	return nil, skipNonConstant
}

// variable resolves a variable read at pos: every value it may hold there.
func (r *resolver) variable(v *types.Var, at token.Pos, depth int) ([]string, string) {
	if v.IsField() {
		return nil, skipNonConstant
	}
	if isParam(v) {
		if v == r.param {
			return []string{passMarker}, ""
		}
		return nil, skipParameter
	}
	if r.outside != nil {
		if texts, why, ok := r.outside.embedded(v); ok {
			if r.written(v) {
				return nil, skipNonConstant
			}
			return texts, why
		}
	}
	// Every use of v other than a plain read must be an assignment we can
	// follow; an address taken or a write through a closure we cannot.
	type write struct {
		stmt   ast.Node
		value  ast.Expr
		append bool
		use    use
	}
	var writes []write
	for _, use := range r.uses.of(v) {
		switch use.kind {
		case useRead:
		case useAssign:
			writes = append(writes, write{stmt: use.stmt, value: use.value, use: use})
		case useAppend:
			writes = append(writes, write{stmt: use.stmt, value: use.value, append: true, use: use})
		case useTuple:
			// q, args, err := builder.ToSql(): the text is the first result.
			if use.index != 0 || !r.rendersText(use.value) && !r.readsEmbedded(use.value) {
				return nil, skipNonConstant
			}
			writes = append(writes, write{stmt: use.stmt, value: use.value, use: use})
		default:
			return nil, skipNonConstant
		}
	}
	pkgLevel := isPkgLevel(v)
	// killed reports whether a later assignment replaces w on every path
	// to the read (see replaces).
	killed := func(w write) bool {
		if pkgLevel {
			return false
		}
		for _, k := range writes {
			if !k.append && k.stmt != w.stmt && r.uses.replaces(k.use, w.stmt, v, at) {
				return true
			}
		}
		return false
	}

	var out []string
	for _, w := range writes {
		if w.append {
			continue
		}
		// A local assignment after the read cannot reach it (loops aside:
		// their texts are variants all the same).
		if !pkgLevel && w.stmt.End() > at {
			continue // after the read, or the assignment the read is part of
		}
		if killed(w) {
			continue
		}
		base, why := r.expr(w.value, depth)
		if why != "" {
			return nil, why
		}
		texts := base
		for _, a := range writes {
			if !a.append {
				continue
			}
			if pkgLevel {
				return nil, skipNonConstant
			}
			if a.stmt.Pos() < w.stmt.Pos() || a.stmt.Pos() > at {
				continue
			}
			tail, why := r.expr(a.value, depth)
			if why != "" {
				return nil, why
			}
			with, why := product(texts, tail)
			if why != "" {
				return nil, why
			}
			if r.uses.sameBlock(a.stmt, w.stmt) {
				texts = with
			} else {
				texts = append(texts, with...)
			}
			if len(texts) > maxTexts {
				return nil, skipTooManyTexts
			}
		}
		out = append(out, texts...)
		if len(out) > maxTexts {
			return nil, skipTooManyTexts
		}
	}
	if len(out) == 0 {
		return nil, skipNonConstant
	}
	return dedup(out), ""
}

func product(x, y []string) ([]string, string) {
	if len(x)*len(y) > maxTexts {
		return nil, skipTooManyTexts
	}
	out := make([]string, 0, len(x)*len(y))
	for _, a := range x {
		for _, b := range y {
			out = append(out, a+b)
		}
	}
	return out, ""
}

func dedup(s []string) []string {
	seen := make(map[string]bool, len(s))
	out := s[:0]
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// fillHoles replaces the verbs of a fmt format with identifiers the SQL
// classifier recognises as holes, and %% with %.
func fillHoles(format string) string { return fillHolesWith(format, nil) }

// fillHolesWith is fillHoles where arg, when not nil, may give the text
// of the n-th verb (from 1) instead of a hole. A format with explicit
// argument indexes or * widths gets holes only.
func fillHolesWith(format string, arg func(n int) (string, bool)) string {
	if indexedVerbs(format) {
		arg = nil
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		if i+1 < len(format) && format[i+1] == '%' {
			b.WriteByte('%')
			i++
			continue
		}
		// Skip flags, width, precision and argument indexes up to the verb.
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.*[]", format[j]) >= 0 {
			j++
		}
		if j >= len(format) {
			b.WriteString(format[i:])
			break
		}
		n++
		if arg != nil && (format[j] == 's' || format[j] == 'v') && j == i+1 {
			if s, ok := arg(n); ok {
				b.WriteString(s)
				i = j
				continue
			}
		}
		b.WriteString(sqlinfo.HolePrefix)
		b.WriteString(strconv.Itoa(n))
		i = j
	}
	return b.String()
}

// indexedVerbs reports whether a verb of format has an explicit argument
// index or a * width or precision, which shift the verbs' arguments.
func indexedVerbs(format string) bool {
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.*[]", format[j]) >= 0 {
			if format[j] == '[' || format[j] == '*' {
				return true
			}
			j++
		}
		i = j
	}
	return false
}

// isPkgLevel reports whether v is a package-level variable.
func isPkgLevel(v *types.Var) bool {
	return v.Parent() != nil && v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// isLocal reports whether v is a variable of a function (a parameter
// included), not a field or a package-level variable.
func isLocal(v *types.Var) bool {
	return !v.IsField() && v.Parent() != nil && v.Pkg() != nil && !isPkgLevel(v)
}

// isParam reports whether v is a parameter (or named result) of a function.
func isParam(v *types.Var) bool {
	return v.Kind() == types.ParamVar || v.Kind() == types.ResultVar || v.Kind() == types.RecvVar
}
