package sqlinfo

import (
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// walk calls visit for every node under root (root included when it is a
// node), in pre-order and left to right: a message's fields are taken in
// declaration order, which follows the order of the SQL text closely
// enough for "the first one found". When visit returns false the node's
// children are skipped.
//
// The walk is generic (protobuf reflection), so no node type is ever
// missed, and iterative, so a deep tree (a long chain of NOT or of
// a + b + c ...) cannot exhaust the stack.
func walk(root proto.Message, visit func(*node) bool) {
	walkTree(root, visit, true)
}

// walkUnordered is walk without the order guarantee, for visitors that do
// not depend on it; it is cheaper.
func walkUnordered(root proto.Message, visit func(*node) bool) {
	walkTree(root, visit, false)
}

// walkTree implements walk and walkUnordered.
func walkTree(root proto.Message, visit func(*node) bool, ordered bool) {
	if root == nil {
		return
	}
	var children []protoreflect.Message // one message's children, in order
	push := func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch {
		case fd.Kind() != protoreflect.MessageKind, fd.IsMap():
		case fd.IsList():
			l := v.List()
			for j := 0; j < l.Len(); j++ {
				children = append(children, l.Get(j).Message())
			}
		default:
			children = append(children, v.Message())
		}
		return true
	}
	stack := []protoreflect.Message{root.ProtoReflect()}
	for len(stack) > 0 {
		m := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !m.IsValid() {
			continue
		}
		if n, ok := m.Interface().(*node); ok {
			if !visit(n) || isLeaf(n) {
				continue
			}
			// A node wraps exactly one message in its oneof.
			if fd := m.WhichOneof(m.Descriptor().Oneofs().Get(0)); fd != nil {
				stack = append(stack, m.Get(fd).Message())
			}
			continue
		}
		children = children[:0]
		if ordered {
			fields := m.Descriptor().Fields()
			for i := 0; i < fields.Len(); i++ {
				if fd := fields.Get(i); fd.Kind() == protoreflect.MessageKind && m.Has(fd) {
					push(fd, m.Get(fd))
				}
			}
		} else {
			m.Range(push)
		}
		for i := len(children) - 1; i >= 0; i-- {
			stack = append(stack, children[i])
		}
	}
}

// isLeaf reports whether n has no node below it worth visiting: constants,
// identifiers, parameters and column references (whose fields are names).
func isLeaf(n *node) bool {
	return n.GetNode() == nil || n.GetString_() != nil || n.GetAConst() != nil || n.GetParamRef() != nil ||
		n.GetColumnRef() != nil || n.GetAStar() != nil || n.GetInteger() != nil
}
