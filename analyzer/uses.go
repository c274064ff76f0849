package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// useKind says how an identifier uses its variable.
type useKind int

const (
	useRead   useKind = iota // any read
	useAssign                // v = e, v := e
	useAppend                // v += e
	useTuple                 // v, err := f(): value is the call, index is v's position
	useOther                 // &v, v++, v -= e, multi-value assignment, range variable, ...
)

// use is one occurrence of a variable.
type use struct {
	kind  useKind
	ident inspector.Cursor
	stmt  ast.Node // the assignment, for useAssign and useAppend
	value ast.Expr // the assigned or appended value
	block ast.Node // the block holding stmt
	index int      // for useTuple, the variable's position on the left
}

// useIndex lists every occurrence of every variable of one package,
// built once per pass.
type useIndex struct {
	uses   map[*types.Var][]use
	blocks map[ast.Node]ast.Node // assignment → the block holding it
}

// assignments returns the uses of v that give it a value.
func (x *useIndex) assignments(v *types.Var) []use {
	var out []use
	for _, u := range x.uses[v] {
		if u.kind == useAssign || u.kind == useTuple {
			out = append(out, u)
		}
	}
	return out
}

func newUseIndex(root inspector.Cursor, info *types.Info) *useIndex {
	x := &useIndex{uses: map[*types.Var][]use{}, blocks: map[ast.Node]ast.Node{}}
	for cur := range root.Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		v, ok := info.Uses[id].(*types.Var)
		def := false
		if !ok {
			v, ok = info.Defs[id].(*types.Var)
			def = true
		}
		if !ok || v == nil {
			continue
		}
		u := use{kind: useRead, ident: cur}
		switch cur.ParentEdgeKind() {
		case edge.AssignStmt_Lhs:
			as := cur.Parent().Node().(*ast.AssignStmt)
			u.stmt = as
			u.block = enclosingBlock(cur)
			i := cur.ParentEdgeIndex()
			switch {
			case (as.Tok == token.ASSIGN || as.Tok == token.DEFINE) && len(as.Lhs) == len(as.Rhs):
				u.kind, u.value = useAssign, as.Rhs[i]
			case as.Tok == token.ADD_ASSIGN && len(as.Rhs) == 1:
				u.kind, u.value = useAppend, as.Rhs[0]
			case (as.Tok == token.ASSIGN || as.Tok == token.DEFINE) && len(as.Rhs) == 1:
				u.kind, u.value, u.index = useTuple, as.Rhs[0], i
			default:
				u.kind = useOther
			}
		case edge.ValueSpec_Names:
			spec := cur.Parent().Node().(*ast.ValueSpec)
			i := cur.ParentEdgeIndex()
			switch {
			case len(spec.Values) == len(spec.Names):
				u.kind, u.stmt, u.value = useAssign, spec, spec.Values[i]
				u.block = enclosingBlock(cur)
				x.blocks[spec] = u.block
				x.uses[v] = append(x.uses[v], u)
			case len(spec.Values) == 1:
				u.kind, u.stmt, u.value, u.index = useTuple, spec, spec.Values[0], i // var a, b = f()
				x.uses[v] = append(x.uses[v], u)
			}
			continue
		case edge.UnaryExpr_X:
			if cur.Parent().Node().(*ast.UnaryExpr).Op == token.AND {
				u.kind = useOther
			}
		case edge.IncDecStmt_X, edge.RangeStmt_Key, edge.RangeStmt_Value:
			u.kind = useOther
		}
		if def && u.kind == useRead {
			continue // a declaration that is not an assignment: parameters, fields, ...
		}
		if u.stmt != nil {
			x.blocks[u.stmt] = u.block
		}
		x.uses[v] = append(x.uses[v], u)
	}
	return x
}

func (x *useIndex) of(v *types.Var) []use { return x.uses[v] }

// sameBlock reports whether two assignments sit in the same block, so
// the later always follows the earlier.
func (x *useIndex) sameBlock(a, b ast.Node) bool {
	ba, bb := x.blockOf(a), x.blockOf(b)
	return ba != nil && ba == bb
}

func (x *useIndex) blockOf(stmt ast.Node) ast.Node { return x.blocks[stmt] }

// replaces reports whether the assignment k of v replaces, on every path
// of the control flow, the value an earlier assignment (stmt) gave v
// before the read of v at pos: k sits directly in a statement list that
// also holds the read after it, in the same function, and stmt comes
// before k. The only way to reach the read is then through k (a goto
// forward over k within its block aside, which this does not model).
func (x *useIndex) replaces(k use, stmt ast.Node, v *types.Var, at token.Pos) bool {
	if k.stmt == nil || stmt.Pos() >= k.stmt.Pos() || k.stmt.End() > at {
		return false
	}
	block := x.blocks[k.stmt]
	if block == nil || at >= block.End() || !directlyIn(block, k.stmt) {
		return false
	}
	read, ok := x.readAt(v, at)
	if !ok {
		return false
	}
	return enclosingFunc(read) == enclosingFunc(k.ident)
}

// readAt returns the use of v at pos.
func (x *useIndex) readAt(v *types.Var, pos token.Pos) (inspector.Cursor, bool) {
	for _, u := range x.uses[v] {
		if u.ident.Node().Pos() == pos {
			return u.ident, true
		}
	}
	return inspector.Cursor{}, false
}

// directlyIn reports whether stmt is one of the statements of block.
func directlyIn(block, stmt ast.Node) bool {
	var list []ast.Stmt
	switch b := block.(type) {
	case *ast.BlockStmt:
		list = b.List
	case *ast.CaseClause:
		list = b.Body
	case *ast.CommClause:
		list = b.Body
	}
	for _, s := range list {
		if s == stmt {
			return true
		}
		if d, ok := s.(*ast.DeclStmt); ok && d.Pos() <= stmt.Pos() && stmt.End() <= d.End() {
			return true // var q = "...": the spec of a declaration statement
		}
	}
	return false
}

// enclosingFunc returns the innermost function around cur.
func enclosingFunc(cur inspector.Cursor) ast.Node {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return c.Node()
	}
	return nil
}

// enclosingBlock returns the innermost statement list holding cur.
func enclosingBlock(cur inspector.Cursor) ast.Node {
	for c := range cur.Enclosing((*ast.BlockStmt)(nil), (*ast.CaseClause)(nil), (*ast.CommClause)(nil)) {
		return c.Node()
	}
	return nil
}
