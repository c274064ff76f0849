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

// enclosingBlock returns the innermost statement list holding cur.
func enclosingBlock(cur inspector.Cursor) ast.Node {
	for c := range cur.Enclosing((*ast.BlockStmt)(nil), (*ast.CaseClause)(nil), (*ast.CommClause)(nil)) {
		return c.Node()
	}
	return nil
}
