package pgx

import "context"

// QueryRewriter rewrites a query when used as the first argument to a query method.
type QueryRewriter interface {
	RewriteQuery(ctx context.Context, conn *Conn, sql string, args []any) (newSQL string, newArgs []any, err error)
}

// NamedArgs can be used as the first argument to a query method to use named arguments.
type NamedArgs map[string]any

func (na NamedArgs) RewriteQuery(ctx context.Context, conn *Conn, sql string, args []any) (newSQL string, newArgs []any, err error) {
	panic("stub")
}

// StrictNamedArgs is like NamedArgs but requires every argument to be used.
type StrictNamedArgs map[string]any

func (sna StrictNamedArgs) RewriteQuery(ctx context.Context, conn *Conn, sql string, args []any) (newSQL string, newArgs []any, err error) {
	panic("stub")
}

func StructArgs(sa any) QueryRewriter       { panic("stub") }
func StrictStructArgs(sa any) QueryRewriter { panic("stub") }

// QueryExecMode controls how a query is executed; it may be passed as the first query argument.
type QueryExecMode int32

const (
	_ QueryExecMode = iota
	QueryExecModeCacheStatement
	QueryExecModeCacheDescribe
	QueryExecModeDescribeExec
	QueryExecModeExec
	QueryExecModeSimpleProtocol
)

func (m QueryExecMode) String() string { panic("stub") }
