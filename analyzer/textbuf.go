package analyzer

// This file resolves query text written into a strings.Builder or a
// bytes.Buffer: the writes before the String() call, in order; a write
// in a block that does not hold the String() call (an if, a loop) may or
// may not have happened, so it makes a variant.

import (
	"go/ast"
	"go/constant"
	"go/types"
	"sync"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/types/typeutil"
)

// textBuffers are the types whose String method returns what was written.
var textBuffers = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"strings.Builder": true,
		"bytes.Buffer":    true,
	}
})

// textBufferWrites are the methods that append their one argument, and
// those that leave the text as it is.
var textBufferWrites = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"(*strings.Builder).WriteString": true,
		"(*strings.Builder).WriteByte":   true,
		"(*strings.Builder).WriteRune":   true,
		"(*bytes.Buffer).WriteString":    true,
		"(*bytes.Buffer).WriteByte":      true,
		"(*bytes.Buffer).WriteRune":      true,
	}
})

var textBufferReads = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"(*strings.Builder).String": true,
		"(*strings.Builder).Len":    true,
		"(*strings.Builder).Grow":   true,
		"(*bytes.Buffer).String":    true,
		"(*bytes.Buffer).Len":       true,
		"(*bytes.Buffer).Grow":      true,
	}
})

// fmtWriters write a format to their first argument (&b).
var fmtWriters = sync.OnceValue(func() map[string]bool { return map[string]bool{"fmt.Fprintf": true} })

// isTextBuffer reports whether t is strings.Builder or bytes.Buffer.
func isTextBuffer(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && textBuffers()[n.Obj().Pkg().Path()+"."+n.Obj().Name()]
}

// bufferText returns the texts of b.String() called at call: b a local
// strings.Builder or bytes.Buffer only written by the methods above and
// fmt.Fprintf(&b, ...).
func (r *resolver) bufferText(call *ast.CallExpr, depth int) ([]string, string) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, skipNonConstant
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return nil, skipNonConstant
	}
	v, ok := r.info.Uses[id].(*types.Var)
	if !ok || !isLocal(v) || isParam(v) || !isTextBuffer(v.Type()) {
		return nil, skipNonConstant
	}
	at := call.Pos()
	texts := []string{""}
	for _, u := range r.uses.of(v) {
		var value ast.Expr
		format := false
		switch {
		case u.kind == useRead && u.ident.ParentEdgeKind() == edge.SelectorExpr_X && u.ident.Parent().ParentEdgeKind() == edge.CallExpr_Fun:
			c := u.ident.Parent().Parent().Node().(*ast.CallExpr)
			fn, _ := typeutil.Callee(r.info, c).(*types.Func)
			switch {
			case fn == nil:
				return nil, skipNonConstant
			case textBufferReads()[fn.FullName()]:
				continue
			case textBufferWrites()[fn.FullName()] && len(c.Args) == 1:
				value = c.Args[0]
			default:
				return nil, skipNonConstant // Reset, Truncate, ReadFrom, ...
			}
		case u.kind == useOther && u.ident.ParentEdgeKind() == edge.UnaryExpr_X &&
			u.ident.Parent().ParentEdgeKind() == edge.CallExpr_Args && u.ident.Parent().ParentEdgeIndex() == 0:
			c := u.ident.Parent().Parent().Node().(*ast.CallExpr)
			fn, _ := typeutil.Callee(r.info, c).(*types.Func)
			if fn == nil || !fmtWriters()[fn.FullName()] || len(c.Args) < 2 {
				return nil, skipNonConstant
			}
			value, format = c.Args[1], true
		default:
			return nil, skipNonConstant // assigned, copied, passed on
		}
		if u.ident.Node().Pos() > at {
			continue // written after the read (a loop aside)
		}
		tails, why := r.bufferPiece(value, format, depth)
		if why != "" {
			return nil, why
		}
		with, why := product(texts, tails)
		if why != "" {
			return nil, why
		}
		if b := enclosingBlock(u.ident); b != nil && b.Pos() <= at && at < b.End() {
			texts = with // always written before the read
		} else {
			texts = append(texts, with...) // written on some paths only
		}
		if len(texts) > maxTexts {
			return nil, skipTooManyTexts
		}
	}
	return dedup(texts), ""
}

// bufferPiece returns the texts one write appends: a string, a byte or
// rune constant, or a fmt format with its verbs as holes.
func (r *resolver) bufferPiece(e ast.Expr, format bool, depth int) ([]string, string) {
	if tv, ok := r.info.Types[e]; ok && tv.Value != nil && !isStringType(tv.Type) {
		if c, ok := constRune(tv); ok {
			return []string{string(c)}, ""
		}
		return nil, skipNonConstant
	}
	texts, why := r.expr(e, depth)
	if why != "" || !format {
		return texts, why
	}
	out := make([]string, len(texts))
	for i, t := range texts {
		out[i] = fillHoles(t)
	}
	return out, ""
}

// constRune returns the value of a byte or rune constant.
func constRune(tv types.TypeAndValue) (rune, bool) {
	b, ok := tv.Type.Underlying().(*types.Basic)
	if !ok || b.Info()&types.IsInteger == 0 {
		return 0, false
	}
	n, ok := constant.Int64Val(tv.Value)
	return rune(n), ok && n >= 0 && n <= 0x10FFFF
}
