package analyzer

import "sync"

// This file is the analyzer's knowledge of database APIs, kept as data
// apart from the logic that uses it. Keys are types.Func.FullName().
//
// Every map is built on first use (sync.OnceValue), not at process start:
// go vet starts cqrslint once per package and dependency, and most of
// those processes analyze nothing (docs/performance.md).

// callKind says what a SQL call site does with its statement.
type callKind int

const (
	kindQuery      callKind = iota + 1 // returns rows
	kindQueryRow                       // returns one row
	kindExec                           // returns a command tag or result
	kindPrepare                        // returns a prepared statement holding the SQL
	kindGet                            // scans one row into a destination argument
	kindSelect                         // scans all rows into a destination slice argument
	kindNamedExec                      // binds a struct or map argument by name, returns a result
	kindNamedQuery                     // binds by name, returns rows
	kindQueue                          // queues the statement in a pgx batch
	kindCopy                           // pgx CopyFrom: inserts rows into a table (copy.go)
)

// apiEntry says where a call's interesting arguments are. An index of -1
// means the call has no such argument. sql is -1 for a prepared
// statement's methods: the SQL comes from the receiver.
type apiEntry struct {
	kind  callKind
	sql   int // index of the query text
	args  int // index of the first bind argument (the variadic start)
	dest  int // index of the scan destination (sqlx Get/Select)
	named int // index of the argument bound by name (sqlx Named*)
	// byName is set when the argument at sql is not the text but the
	// name of a query in named-query files (dotsql: sqlfiles.go).
	byName bool
	// byTag is set for a project's own reflection-based Get or Select
	// (dest any, query string, args ...any) that fills dest's fields
	// from the columns of the same db tag: only tagged fields receive
	// columns, as the helper's fallback for untagged ones is unknown.
	byTag bool
	// bun is set for a bun query's Scan or Exec (bun.go): the text is
	// the query the receiver holds, the destination its Model unless
	// the call names one.
	bun bool
	// runOp is the statement a go-pg run method makes of its query
	// (Select, Insert, ...): the kind is known only there.
	runOp bunOp
	// builder is set for a squirrel builder run through RunWith
	// (b.RunWith(db).QueryRow()): the text is the builder's.
	builder bool
	// mode says how a Get or Select destination struct receives the
	// columns; 0 is sqlx's way (scanSqlxStruct).
	mode scanMode
}

// structMode returns how the call's destination struct receives columns.
func (e apiEntry) structMode() scanMode {
	if e.mode == 0 {
		return scanSqlxStruct
	}
	return e.mode
}

func positional(kind callKind, sql int) apiEntry {
	return apiEntry{kind: kind, sql: sql, args: sql + 1, dest: -1, named: -1}
}

// sqlCalls maps the full name of a database method or function to where
// its SQL and arguments are.
var sqlCalls = sync.OnceValue(func() map[string]apiEntry {
	m := map[string]apiEntry{}
	add := func(recvs []string, method string, e apiEntry) {
		for _, r := range recvs {
			m["("+r+")."+method] = e
		}
	}

	// database/sql
	sqlRecv := []string{"*database/sql.DB", "*database/sql.Tx", "*database/sql.Conn"}
	add(sqlRecv, "Query", positional(kindQuery, 0))
	add(sqlRecv, "QueryContext", positional(kindQuery, 1))
	add(sqlRecv, "QueryRow", positional(kindQueryRow, 0))
	add(sqlRecv, "QueryRowContext", positional(kindQueryRow, 1))
	add(sqlRecv, "Exec", positional(kindExec, 0))
	add(sqlRecv, "ExecContext", positional(kindExec, 1))
	add(sqlRecv, "Prepare", apiEntry{kind: kindPrepare, sql: 0, args: -1, dest: -1, named: -1})
	add(sqlRecv, "PrepareContext", apiEntry{kind: kindPrepare, sql: 1, args: -1, dest: -1, named: -1})
	stmt := []string{"*database/sql.Stmt"}
	add(stmt, "Query", apiEntry{kind: kindQuery, sql: -1, args: 0, dest: -1, named: -1})
	add(stmt, "QueryContext", apiEntry{kind: kindQuery, sql: -1, args: 1, dest: -1, named: -1})
	add(stmt, "QueryRow", apiEntry{kind: kindQueryRow, sql: -1, args: 0, dest: -1, named: -1})
	add(stmt, "QueryRowContext", apiEntry{kind: kindQueryRow, sql: -1, args: 1, dest: -1, named: -1})
	add(stmt, "Exec", apiEntry{kind: kindExec, sql: -1, args: 0, dest: -1, named: -1})
	add(stmt, "ExecContext", apiEntry{kind: kindExec, sql: -1, args: 1, dest: -1, named: -1})

	// github.com/jackc/pgx/v5 and pgxpool
	pgxRecv := []string{
		"*github.com/jackc/pgx/v5.Conn",
		"github.com/jackc/pgx/v5.Tx",
		"*github.com/jackc/pgx/v5/pgxpool.Pool",
		"*github.com/jackc/pgx/v5/pgxpool.Conn",
		"*github.com/jackc/pgx/v5/pgxpool.Tx",
	}
	add(pgxRecv, "Query", positional(kindQuery, 1))
	add(pgxRecv, "QueryRow", positional(kindQueryRow, 1))
	add(pgxRecv, "Exec", positional(kindExec, 1))
	add([]string{"*github.com/jackc/pgx/v5.Batch"}, "Queue", positional(kindQueue, 0))

	// github.com/jackc/pgx/v4 and its pgxpool: the same methods.
	pgx4Recv := []string{
		"*github.com/jackc/pgx/v4.Conn",
		"github.com/jackc/pgx/v4.Tx",
		"*github.com/jackc/pgx/v4/pgxpool.Pool",
		"*github.com/jackc/pgx/v4/pgxpool.Conn",
		"*github.com/jackc/pgx/v4/pgxpool.Tx",
	}
	add(pgx4Recv, "Query", positional(kindQuery, 1))
	add(pgx4Recv, "QueryRow", positional(kindQueryRow, 1))
	add(pgx4Recv, "Exec", positional(kindExec, 1))
	add([]string{"*github.com/jackc/pgx/v4.Batch"}, "Queue", positional(kindQueue, 0))

	// github.com/jmoiron/sqlx
	sqlxRecv := []string{"*github.com/jmoiron/sqlx.DB", "*github.com/jmoiron/sqlx.Tx", "*github.com/jmoiron/sqlx.Conn"}
	add(sqlxRecv, "Get", apiEntry{kind: kindGet, sql: 1, args: 2, dest: 0, named: -1})
	add(sqlxRecv, "GetContext", apiEntry{kind: kindGet, sql: 2, args: 3, dest: 1, named: -1})
	add(sqlxRecv, "Select", apiEntry{kind: kindSelect, sql: 1, args: 2, dest: 0, named: -1})
	add(sqlxRecv, "SelectContext", apiEntry{kind: kindSelect, sql: 2, args: 3, dest: 1, named: -1})
	add(sqlxRecv, "Queryx", positional(kindQuery, 0))
	add(sqlxRecv, "QueryxContext", positional(kindQuery, 1))
	add(sqlxRecv, "QueryRowx", positional(kindQueryRow, 0))
	add(sqlxRecv, "QueryRowxContext", positional(kindQueryRow, 1))
	add(sqlxRecv, "MustExec", positional(kindExec, 0))
	add(sqlxRecv, "MustExecContext", positional(kindExec, 1))
	add(sqlxRecv, "NamedExec", apiEntry{kind: kindNamedExec, sql: 0, args: -1, dest: -1, named: 1})
	add(sqlxRecv, "NamedExecContext", apiEntry{kind: kindNamedExec, sql: 1, args: -1, dest: -1, named: 2})
	add(sqlxRecv, "NamedQuery", apiEntry{kind: kindNamedQuery, sql: 0, args: -1, dest: -1, named: 1})
	add(sqlxRecv, "NamedQueryContext", apiEntry{kind: kindNamedQuery, sql: 1, args: -1, dest: -1, named: 2})
	prep := func(sql int) apiEntry { return apiEntry{kind: kindPrepare, sql: sql, args: -1, dest: -1, named: -1} }
	add(sqlxRecv, "Preparex", prep(0))
	add(sqlxRecv, "PreparexContext", prep(1))
	add(sqlxRecv, "PrepareNamed", prep(0))
	add(sqlxRecv, "PrepareNamedContext", prep(1))
	m["github.com/jmoiron/sqlx.Preparex"] = prep(1)
	m["github.com/jmoiron/sqlx.PreparexContext"] = prep(2)
	// *sqlx.Stmt: the SQL comes from the receiver; its embedded
	// *sql.Stmt methods are database/sql's above.
	sqlxStmt := []string{"*github.com/jmoiron/sqlx.Stmt"}
	add(sqlxStmt, "Get", apiEntry{kind: kindGet, sql: -1, args: 1, dest: 0, named: -1})
	add(sqlxStmt, "GetContext", apiEntry{kind: kindGet, sql: -1, args: 2, dest: 1, named: -1})
	add(sqlxStmt, "Select", apiEntry{kind: kindSelect, sql: -1, args: 1, dest: 0, named: -1})
	add(sqlxStmt, "SelectContext", apiEntry{kind: kindSelect, sql: -1, args: 2, dest: 1, named: -1})
	add(sqlxStmt, "Queryx", apiEntry{kind: kindQuery, sql: -1, args: 0, dest: -1, named: -1})
	add(sqlxStmt, "QueryxContext", apiEntry{kind: kindQuery, sql: -1, args: 1, dest: -1, named: -1})
	add(sqlxStmt, "QueryRowx", apiEntry{kind: kindQueryRow, sql: -1, args: 0, dest: -1, named: -1})
	add(sqlxStmt, "QueryRowxContext", apiEntry{kind: kindQueryRow, sql: -1, args: 1, dest: -1, named: -1})
	add(sqlxStmt, "MustExec", apiEntry{kind: kindExec, sql: -1, args: 0, dest: -1, named: -1})
	add(sqlxStmt, "MustExecContext", apiEntry{kind: kindExec, sql: -1, args: 1, dest: -1, named: -1})
	// *sqlx.NamedStmt: one argument bound by name.
	namedStmt := []string{"*github.com/jmoiron/sqlx.NamedStmt"}
	for _, ctx := range []int{0, 1} {
		suffix := map[int]string{0: "", 1: "Context"}[ctx]
		add(namedStmt, "Exec"+suffix, apiEntry{kind: kindNamedExec, sql: -1, args: -1, dest: -1, named: ctx})
		add(namedStmt, "MustExec"+suffix, apiEntry{kind: kindNamedExec, sql: -1, args: -1, dest: -1, named: ctx})
		add(namedStmt, "Query"+suffix, apiEntry{kind: kindNamedQuery, sql: -1, args: -1, dest: -1, named: ctx})
		add(namedStmt, "Queryx"+suffix, apiEntry{kind: kindNamedQuery, sql: -1, args: -1, dest: -1, named: ctx})
		add(namedStmt, "QueryRow"+suffix, apiEntry{kind: kindNamedQuery, sql: -1, args: -1, dest: -1, named: ctx})
		add(namedStmt, "QueryRowx"+suffix, apiEntry{kind: kindNamedQuery, sql: -1, args: -1, dest: -1, named: ctx})
		add(namedStmt, "Get"+suffix, apiEntry{kind: kindGet, sql: -1, args: -1, dest: ctx, named: ctx + 1})
		add(namedStmt, "Select"+suffix, apiEntry{kind: kindSelect, sql: -1, args: -1, dest: ctx, named: ctx + 1})
	}

	// github.com/georgysavva/scany v1 (pgx v4) and v2 (pgx v5): Get and
	// Select(ctx, db, dst, query, args...) map columns to fields by db
	// tag, else by scany's snake_case name. The methods of a *API made
	// with options may map otherwise: scanScanyAPI reads nothing.
	for _, base := range scanyPaths {
		for _, pkg := range []string{"pgxscan", "sqlscan"} {
			fn := base + "/" + pkg
			m[fn+".Get"] = apiEntry{kind: kindGet, sql: 3, args: 4, dest: 2, named: -1, mode: scanScany}
			m[fn+".Select"] = apiEntry{kind: kindSelect, sql: 3, args: 4, dest: 2, named: -1, mode: scanScany}
			m["(*"+fn+".API).Get"] = apiEntry{kind: kindGet, sql: 3, args: 4, dest: 2, named: -1, mode: scanScanyAPI}
			m["(*"+fn+".API).Select"] = apiEntry{kind: kindSelect, sql: 3, args: 4, dest: 2, named: -1, mode: scanScanyAPI}
		}
	}

	// pgx CopyFrom(ctx, pgx.Identifier{table}, []string{columns}, rows):
	// an INSERT of the columns into the table (copy.go).
	for _, r := range append(append([]string(nil), pgxRecv...), pgx4Recv...) {
		m["("+r+").CopyFrom"] = apiEntry{kind: kindCopy, sql: -1, args: -1, dest: -1, named: -1}
	}

	m["github.com/jmoiron/sqlx.Get"] = apiEntry{kind: kindGet, sql: 2, args: 3, dest: 1, named: -1}
	m["github.com/jmoiron/sqlx.GetContext"] = apiEntry{kind: kindGet, sql: 3, args: 4, dest: 2, named: -1}
	m["github.com/jmoiron/sqlx.Select"] = apiEntry{kind: kindSelect, sql: 2, args: 3, dest: 1, named: -1}
	m["github.com/jmoiron/sqlx.SelectContext"] = apiEntry{kind: kindSelect, sql: 3, args: 4, dest: 2, named: -1}
	m["github.com/jmoiron/sqlx.NamedExec"] = apiEntry{kind: kindNamedExec, sql: 1, args: -1, dest: -1, named: 2}
	m["github.com/jmoiron/sqlx.NamedExecContext"] = apiEntry{kind: kindNamedExec, sql: 2, args: -1, dest: -1, named: 3}
	m["github.com/jmoiron/sqlx.NamedQuery"] = apiEntry{kind: kindNamedQuery, sql: 1, args: -1, dest: -1, named: 2}
	m["github.com/jmoiron/sqlx.NamedQueryContext"] = apiEntry{kind: kindNamedQuery, sql: 2, args: -1, dest: -1, named: 3}

	// dotsql: named queries from "-- name: x" files (sqlfiles.go). The
	// methods have value receivers: Exec/Query/QueryRow(db, name, args...)
	// and Prepare(db, name), with ...Context variants taking a context
	// first. The older import path is gchaincl's.
	for _, pkg := range []string{"github.com/qustavo/dotsql", "github.com/gchaincl/dotsql"} {
		dot := []string{pkg + ".DotSql"}
		for _, c := range []struct {
			method string
			kind   callKind
		}{{"Exec", kindExec}, {"Query", kindQuery}, {"QueryRow", kindQueryRow}} {
			add(dot, c.method, apiEntry{kind: c.kind, sql: 1, args: 2, dest: -1, named: -1, byName: true})
			add(dot, c.method+"Context", apiEntry{kind: c.kind, sql: 2, args: 3, dest: -1, named: -1, byName: true})
		}
		add(dot, "Prepare", apiEntry{kind: kindPrepare, sql: 1, args: -1, dest: -1, named: -1, byName: true})
		add(dot, "PrepareContext", apiEntry{kind: kindPrepare, sql: 2, args: -1, dest: -1, named: -1, byName: true})
	}

	// squirrel builders run through RunWith(db): the text is the
	// builder's (builders.go).
	for _, recv := range []string{"SelectBuilder", "InsertBuilder", "UpdateBuilder", "DeleteBuilder"} {
		r := []string{squirrel + "." + recv}
		run := func(kind callKind) apiEntry {
			return apiEntry{kind: kind, sql: -1, args: -1, dest: -1, named: -1, builder: true}
		}
		add(r, "QueryRow", run(kindQueryRow))
		add(r, "QueryRowContext", run(kindQueryRow))
		add(r, "Query", run(kindQuery))
		add(r, "QueryContext", run(kindQuery))
		add(r, "Exec", run(kindExec))
		add(r, "ExecContext", run(kindExec))
	}

	// github.com/go-pg/pg/v10: the methods of *orm.Query that run it
	// (bun.go reads go-pg as bun's older sibling).
	gopgRun := func(kind callKind, op bunOp) apiEntry {
		return apiEntry{kind: kind, sql: -1, args: -1, dest: -1, named: -1, bun: true, mode: scanGoPG, runOp: op}
	}
	gopgQuery := []string{"*" + gopgOrm + ".Query"}
	for _, name := range []string{"Select", "SelectAndCount", "First", "Last"} {
		add(gopgQuery, name, gopgRun(kindGet, bunSelect))
	}
	add(gopgQuery, "Count", gopgRun(kindQueryRow, bunSelect))
	add(gopgQuery, "Exists", gopgRun(kindQueryRow, bunSelect))
	add(gopgQuery, "Insert", gopgRun(kindExec, bunInsert))
	add(gopgQuery, "Update", gopgRun(kindExec, bunUpdate))
	add(gopgQuery, "UpdateNotZero", gopgRun(kindExec, bunUpdate))
	add(gopgQuery, "Delete", gopgRun(kindExec, bunDelete))
	add(gopgQuery, "ForceDelete", gopgRun(kindExec, bunDelete))

	// github.com/uptrace/bun: the methods that run a query (bun.go). The
	// text is the receiver's; Scan's destinations follow the context.
	bunRun := func(kind callKind) apiEntry {
		return apiEntry{kind: kind, sql: -1, args: -1, dest: -1, named: -1, bun: true, mode: scanBun}
	}
	add([]string{"*" + bunPkg + ".SelectQuery", "*" + bunPkg + ".RawQuery"}, "Scan", bunRun(kindGet))
	add([]string{"*" + bunPkg + ".SelectQuery", "*" + bunPkg + ".RawQuery"}, "Exec", bunRun(kindGet))
	add([]string{"*" + bunPkg + ".SelectQuery"}, "ScanAndCount", bunRun(kindGet))
	add([]string{"*" + bunPkg + ".SelectQuery"}, "Count", bunRun(kindQueryRow))
	add([]string{"*" + bunPkg + ".SelectQuery"}, "Exists", bunRun(kindQueryRow))
	for _, recv := range []string{"InsertQuery", "UpdateQuery", "DeleteQuery"} {
		add([]string{"*" + bunPkg + "." + recv}, "Scan", bunRun(kindGet))
		add([]string{"*" + bunPkg + "." + recv}, "Exec", bunRun(kindExec))
	}
	return m
})

// namedQueryTag is the struct tag key that names a field's query in
// named-query files: goyesql's ScanToStruct fills a field tagged
// query:"get-user" (a string, or a statement prepared from the text)
// with the block "-- name: get-user".
const namedQueryTag = "query"

// namedQueryLoaders parse named-query text (argument 0) in the program:
// when that argument is text cqrslint can read (an embedded file), its
// blocks join the pass's named queries.
var namedQueryLoaders = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"github.com/knadh/goyesql/v2.ParseBytes":     true,
		"github.com/knadh/goyesql/v2.MustParseBytes": true,
		"github.com/knadh/goyesql.ParseBytes":        true,
		"github.com/knadh/goyesql.MustParseBytes":    true,
		"github.com/nleof/goyesql.ParseBytes":        true,
		"github.com/nleof/goyesql.MustParseBytes":    true,
		"github.com/qustavo/dotsql.LoadFromString":   true,
		"github.com/gchaincl/dotsql.LoadFromString":  true,
	}
})

// embedReaders read a file of an embed.FS by a name: the method's
// receiver, or io/fs.ReadFile's argument 0, is the file system; the
// name is the last argument.
var embedReaders = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"(embed.FS).ReadFile": true,
		"io/fs.ReadFile":      true,
	}
})

// textReplacers are strings.ReplaceAll(s, old, new) and
// strings.Replace(s, old, new, n): a template marker replaced in query
// text (partial.go makes an unknown replacement a hole).
var textReplacers = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"strings.ReplaceAll": true,
		"strings.Replace":    true,
	}
})

// sqlPassThrough maps functions that return their query argument
// rewritten but equivalent (bind-variable rebinding) to that argument.
var sqlPassThrough = sync.OnceValue(func() map[string]int {
	return map[string]int{
		"(*github.com/jmoiron/sqlx.DB).Rebind": 0,
		"(*github.com/jmoiron/sqlx.Tx).Rebind": 0,
		"github.com/jmoiron/sqlx.Rebind":       1,
	}
})

// stmtPassThrough maps the functions that return a prepared statement
// for another context (a transaction) to the argument holding it.
var stmtPassThrough = sync.OnceValue(func() map[string]int {
	return map[string]int{
		"(*database/sql.Tx).Stmt":                        0,
		"(*database/sql.Tx).StmtContext":                 1,
		"(*github.com/jmoiron/sqlx.Tx).Stmtx":            0,
		"(*github.com/jmoiron/sqlx.Tx).StmtxContext":     1,
		"(*github.com/jmoiron/sqlx.Tx).NamedStmt":        0,
		"(*github.com/jmoiron/sqlx.Tx).NamedStmtContext": 1,
	}
})

// scanyPaths are the module paths of scany's major versions.
var scanyPaths = []string{"github.com/georgysavva/scany", "github.com/georgysavva/scany/v2"}

// rowsScanner is a function that scans a rows value into a destination.
type rowsScanner struct {
	dest, rows int
	all        bool // every row into a slice, else exactly one row
	mode       scanMode
}

// rowsScanners are scany's ScanOne/ScanAll(dst, rows), by full name.
var rowsScanners = sync.OnceValue(func() map[string]rowsScanner {
	m := map[string]rowsScanner{}
	for _, base := range scanyPaths {
		for _, pkg := range []string{"pgxscan", "sqlscan", "dbscan"} {
			fn := base + "/" + pkg
			m[fn+".ScanOne"] = rowsScanner{dest: 0, rows: 1, mode: scanScany}
			m[fn+".ScanAll"] = rowsScanner{dest: 0, rows: 1, all: true, mode: scanScany}
			m["(*"+fn+".API).ScanOne"] = rowsScanner{dest: 0, rows: 1, mode: scanScanyAPI}
			m["(*"+fn+".API).ScanAll"] = rowsScanner{dest: 0, rows: 1, all: true, mode: scanScanyAPI}
		}
	}
	return m
})

// scanMode says how a scan call maps columns to destinations.
type scanMode int

const (
	scanPositional scanMode = iota + 1 // Scan(&a, &b, ...)
	scanByName                         // pgx RowToStructByName: db tag, else name without underscores, case-insensitive
	scanByNameLax                      // the same, extra fields allowed
	scanByPos                          // pgx RowToStructByPos: exported fields in order
	scanSqlxStruct                     // sqlx StructScan/Get/Select: db tag, else lower-cased name
	scanDBTag                          // a project's reflection-based helper: db tag only
	scanScany                          // scany's default API: db tag, else the snake_case name
	scanBun                            // uptrace/bun: bun tag, else bun's snake_case name
	scanGoPG                           // go-pg: pg tag, else the snake_case name; pg:"-" is scanned only
	scanScanyAPI                       // a scany *API made with options: the mapping is not known
)

// tagLookups are the methods by which reflection-based code reads a
// struct tag; called with the constant "db" they mark a helper that maps
// columns to fields by db tag (reflectscan.go).
var tagLookups = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"(reflect.StructTag).Get":    true,
		"(reflect.StructTag).Lookup": true,
	}
})

// scanMethods are the methods on a row or rows value that scan the
// current row; the arguments are the destinations.
var scanMethods = sync.OnceValue(func() map[string]scanMode {
	return map[string]scanMode{
		"(github.com/jackc/pgx/v5.Row).Scan":            scanPositional,
		"(github.com/jackc/pgx/v5.Rows).Scan":           scanPositional,
		"(github.com/jackc/pgx/v5.CollectableRow).Scan": scanPositional,
		"(github.com/jackc/pgx/v4.Row).Scan":            scanPositional,
		"(github.com/jackc/pgx/v4.Rows).Scan":           scanPositional,
		"(*database/sql.Row).Scan":                      scanPositional,
		"(*database/sql.Rows).Scan":                     scanPositional,
		"(*github.com/jmoiron/sqlx.Row).Scan":           scanPositional,
		"(*github.com/jmoiron/sqlx.Row).StructScan":     scanSqlxStruct,
		"(*github.com/jmoiron/sqlx.Rows).StructScan":    scanSqlxStruct,
		"(" + squirrel + ".RowScanner).Scan":            scanPositional,
	}
})

// rowCollectors take a rows value (argument 0) and a row function
// (argument 1) whose type argument is the destination.
var rowCollectors = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"github.com/jackc/pgx/v5.CollectRows":          true,
		"github.com/jackc/pgx/v5.CollectOneRow":        true,
		"github.com/jackc/pgx/v5.CollectExactlyOneRow": true,
		"github.com/jackc/pgx/v5.AppendRows":           true,
	}
})

// forEachRow scans into the addresses listed in argument 1.
const forEachRow = "github.com/jackc/pgx/v5.ForEachRow"

// rowFuncs are the generic pgx row functions whose type argument is the
// struct a row is scanned into.
var rowFuncs = sync.OnceValue(func() map[string]scanMode {
	return map[string]scanMode{
		"github.com/jackc/pgx/v5.RowToStructByName":          scanByName,
		"github.com/jackc/pgx/v5.RowToAddrOfStructByName":    scanByName,
		"github.com/jackc/pgx/v5.RowToStructByNameLax":       scanByNameLax,
		"github.com/jackc/pgx/v5.RowToAddrOfStructByNameLax": scanByNameLax,
		"github.com/jackc/pgx/v5.RowToStructByPos":           scanByPos,
		"github.com/jackc/pgx/v5.RowToAddrOfStructByPos":     scanByPos,
	}
})

// batchRowCallbacks are the QueuedQuery methods whose function argument
// receives the queued statement's row or rows as its first parameter.
var batchRowCallbacks = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"(*github.com/jackc/pgx/v5.QueuedQuery).Query":    true,
		"(*github.com/jackc/pgx/v5.QueuedQuery).QueryRow": true,
	}
})

// txRunners run their function argument synchronously inside a
// transaction: what that function writes, the caller writes.
var txRunners = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"github.com/jackc/pgx/v5.BeginFunc":                   true,
		"github.com/jackc/pgx/v5.BeginTxFunc":                 true,
		"(*github.com/jackc/pgx/v4.Conn).BeginFunc":           true,
		"(*github.com/jackc/pgx/v4.Conn).BeginTxFunc":         true,
		"(*github.com/jackc/pgx/v4/pgxpool.Pool).BeginFunc":   true,
		"(*github.com/jackc/pgx/v4/pgxpool.Pool).BeginTxFunc": true,
		"(*" + bunPkg + ".DB).RunInTx":                        true,
		"(" + bunPkg + ".Conn).RunInTx":                       true,
		"(" + bunPkg + ".Tx).RunInTx":                         true,
		"(" + bunPkg + ".IDB).RunInTx":                        true,
		"(*" + gopgPkg + ".baseDB).RunInTransaction":          true,
		"(*" + gopgPkg + ".Tx).RunInTransaction":              true,
	}
})

// resultKinds maps the types a structurally matched query method returns
// (besides error) to the kind of call it is.
var resultKinds = sync.OnceValue(func() map[string]callKind {
	return map[string]callKind{
		"github.com/jackc/pgx/v5.Rows":              kindQuery,
		"github.com/jackc/pgx/v5.Row":               kindQueryRow,
		"github.com/jackc/pgx/v5/pgconn.CommandTag": kindExec,
		"github.com/jackc/pgx/v4.Rows":              kindQuery,
		"github.com/jackc/pgx/v4.Row":               kindQueryRow,
		"github.com/jackc/pgconn.CommandTag":        kindExec,
		"*database/sql.Rows":                        kindQuery,
		"*database/sql.Row":                         kindQueryRow,
		"database/sql.Result":                       kindExec,
		"*github.com/jmoiron/sqlx.Rows":             kindQuery,
		"*github.com/jmoiron/sqlx.Row":              kindQueryRow,
	}
})

// dbPackages are the packages through which any SQL call must pass: a
// package that imports none of them, even indirectly, has no call sites.
var dbPackages = []string{
	"database/sql",
	"github.com/jackc/pgx/v5",
	"github.com/jackc/pgx/v5/pgconn",
	"github.com/jackc/pgx/v4",
	"github.com/jackc/pgconn",
	"github.com/jmoiron/sqlx",
}

// libraryModules are the modules of the database packages and of the SQL
// libraries cqrslint knows by name (the tables above, modelled or counted
// as not modelled), and the driver lib/pq, by module path. Their code sends
// SQL on its callers' behalf: what their functions do is what the tables
// say, and they hold no application's structs. The analyzer does not
// analyze their packages (libraryPackage), so that go vet and a driver pay
// nothing for them: pgx's pgtype alone is 18,000 lines that import
// database/sql. database/sql itself is the standard library's one.
var libraryModules = []string{
	"github.com/jackc/pgx", "github.com/jackc/pgconn", "github.com/jackc/pgtype",
	"github.com/jmoiron/sqlx", "github.com/lib/pq",
	"github.com/georgysavva/scany",
	"github.com/uptrace/bun", "github.com/go-pg/pg",
	squirrel, "github.com/huandu/go-sqlbuilder",
	"github.com/knadh/goyesql", "github.com/nleof/goyesql", "github.com/qustavo/dotsql", "github.com/gchaincl/dotsql",
	"gorm.io/gorm", "github.com/jinzhu/gorm", "entgo.io/ent", "xorm.io/xorm", "github.com/go-xorm/xorm",
	"github.com/doug-martin/goqu", "github.com/volatiletech/sqlboiler", "github.com/stephenafamo/bob",
	"github.com/go-jet/jet", "github.com/gocraft/dbr",
}

// builderOp says what a query-builder call does to the statement it
// builds (builders.go).
type builderOp int

const (
	opSelect   builderOp = iota + 1 // starts a SELECT; string arguments are columns
	opInsert                        // starts an INSERT INTO argument 0
	opUpdate                        // starts an UPDATE of argument 0
	opDelete                        // starts a DELETE FROM argument 0
	opColumns                       // adds string columns (select list, insert columns)
	opColumn                        // adds one column: a string, sq.Expr or sq.Alias
	opFrom                          // sets the FROM (DELETE: the table)
	opJoin                          // adds a join; the keyword is in builderJoins
	opSet                           // UPDATE: sets column argument 0
	opDistinct                      // SELECT DISTINCT
	opSuffix                        // appends argument 0 (RETURNING ..., FOR UPDATE)
	opNeutral                       // cannot change the select list or the statement kind
	opBase                          // a statement builder's setting: keeps no statement
	opRender                        // returns the text (ToSql, MustSql)
)

// squirrel is the import path of Masterminds/squirrel.
const squirrel = "github.com/Masterminds/squirrel"

// builderOps maps query-builder functions and methods to what they do.
// Methods missing here (SetMap, FromSelect, Prefix, ...) make a builder's
// text unknown: its call sites are skipped with a reason.
var builderOps = sync.OnceValue(func() map[string]builderOp {
	m := map[string]builderOp{
		squirrel + ".Select": opSelect,
		squirrel + ".Insert": opInsert,
		squirrel + ".Update": opUpdate,
		squirrel + ".Delete": opDelete,
	}
	method := func(recv, name string, op builderOp) { m["("+squirrel+"."+recv+")."+name] = op }
	method("StatementBuilderType", "Select", opSelect)
	method("StatementBuilderType", "Insert", opInsert)
	method("StatementBuilderType", "Update", opUpdate)
	method("StatementBuilderType", "Delete", opDelete)
	for _, name := range []string{"PlaceholderFormat", "RunWith"} {
		method("StatementBuilderType", name, opBase)
	}
	for _, recv := range []string{"SelectBuilder", "InsertBuilder", "UpdateBuilder", "DeleteBuilder"} {
		for _, name := range []string{"PlaceholderFormat", "RunWith"} {
			method(recv, name, opNeutral)
		}
		method(recv, "ToSql", opRender)
		method(recv, "MustSql", opRender)
		method(recv, "Suffix", opSuffix)
	}
	for _, name := range []string{"Where", "GroupBy", "Having", "OrderBy", "OrderByClause", "Limit", "Offset", "RemoveLimit", "RemoveOffset"} {
		method("SelectBuilder", name, opNeutral)
	}
	method("SelectBuilder", "Columns", opColumns)
	method("SelectBuilder", "Column", opColumn)
	method("SelectBuilder", "From", opFrom)
	method("SelectBuilder", "Distinct", opDistinct)
	for name := range builderJoins() {
		method("SelectBuilder", name, opJoin)
	}
	method("InsertBuilder", "Into", opFrom)
	method("InsertBuilder", "Columns", opColumns)
	method("InsertBuilder", "Values", opNeutral)
	for _, name := range []string{"Where", "OrderBy", "Limit", "Offset"} {
		method("UpdateBuilder", name, opNeutral)
		method("DeleteBuilder", name, opNeutral)
	}
	method("UpdateBuilder", "Table", opFrom)
	method("UpdateBuilder", "Set", opSet)
	method("DeleteBuilder", "From", opFrom)
	return m
})

// sqlbuilder is the import path of huandu/go-sqlbuilder.
const sqlbuilder = "github.com/huandu/go-sqlbuilder"

// mutableNew maps go-sqlbuilder's constructors to the statement they
// start (sqlbuilder.go); those that also take columns or tables are in
// mutableOps too.
var mutableNew = sync.OnceValue(func() map[string]builderOp {
	return map[string]builderOp{
		sqlbuilder + ".NewSelectBuilder":               opSelect,
		"(" + sqlbuilder + ".Flavor).NewSelectBuilder": opSelect,
		sqlbuilder + ".Select":                         opSelect,
		sqlbuilder + ".NewUpdateBuilder":               opUpdate,
		"(" + sqlbuilder + ".Flavor).NewUpdateBuilder": opUpdate,
		sqlbuilder + ".Update":                         opUpdate,
		sqlbuilder + ".NewDeleteBuilder":               opDelete,
		"(" + sqlbuilder + ".Flavor).NewDeleteBuilder": opDelete,
		sqlbuilder + ".DeleteFrom":                     opDelete,
		sqlbuilder + ".NewInsertBuilder":               opInsert,
		"(" + sqlbuilder + ".Flavor).NewInsertBuilder": opInsert,
		sqlbuilder + ".InsertInto":                     opInsert,
	}
})

// mutableOps maps go-sqlbuilder functions and methods to what they do to
// the builder they change in place. Methods returning a string
// (sb.Equal, sb.As, ub.Assign) make expressions and change nothing;
// other methods missing here (With, SQL on a select, ...) make the
// builder's text unknown.
var mutableOps = sync.OnceValue(func() map[string]builderOp {
	m := map[string]builderOp{
		sqlbuilder + ".Select":     opSelect,
		sqlbuilder + ".Update":     opUpdate,
		sqlbuilder + ".DeleteFrom": opDelete,
		sqlbuilder + ".InsertInto": opInsert,
	}
	method := func(recv, name string, op builderOp) { m["(*"+sqlbuilder+"."+recv+")."+name] = op }
	for _, recv := range []string{"SelectBuilder", "UpdateBuilder", "DeleteBuilder", "InsertBuilder"} {
		method(recv, "Build", opRender)
		method(recv, "BuildWithFlavor", opRender)
		method(recv, "String", opRender)
		method(recv, "SetFlavor", opNeutral)
	}
	method("SelectBuilder", "Select", opSelect)
	method("SelectBuilder", "SelectMore", opColumns)
	method("SelectBuilder", "Distinct", opDistinct)
	method("SelectBuilder", "From", opFrom)
	method("SelectBuilder", "Join", opJoin)
	method("SelectBuilder", "JoinWithOption", opJoin)
	for _, name := range []string{"Where", "AddWhereClause", "Having", "GroupBy", "OrderBy", "Asc", "Desc", "Limit", "Offset", "ForUpdate", "ForShare"} {
		method("SelectBuilder", name, opNeutral)
	}
	method("UpdateBuilder", "Update", opUpdate)
	method("UpdateBuilder", "Set", opSet)
	method("UpdateBuilder", "SetMore", opSet)
	method("DeleteBuilder", "DeleteFrom", opDelete)
	method("InsertBuilder", "InsertInto", opInsert)
	method("InsertBuilder", "Cols", opColumns)
	method("InsertBuilder", "Values", opNeutral)
	for _, recv := range []string{"UpdateBuilder", "DeleteBuilder"} {
		for _, name := range []string{"Where", "AddWhereClause", "OrderBy", "Asc", "Desc", "Limit"} {
			method(recv, name, opNeutral)
		}
	}
	for _, recv := range []string{"UpdateBuilder", "DeleteBuilder", "InsertBuilder"} {
		method(recv, "SQL", opSuffix)
	}
	return m
})

// mutableAssigns are the UpdateBuilder methods whose first argument is
// the column an assignment writes.
var mutableAssigns = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, name := range []string{"Assign", "Incr", "Decr", "Add", "Sub", "Mul", "Div"} {
		m["(*"+sqlbuilder+".UpdateBuilder)."+name] = true
	}
	return m
})

// mutableAs is the SelectBuilder method that renders "name AS alias".
const mutableAs = "(*" + sqlbuilder + ".SelectBuilder).As"

// builderJoins maps the join methods of a select builder to their SQL.
var builderJoins = sync.OnceValue(func() map[string]string {
	return map[string]string{
		"Join":      "JOIN",
		"LeftJoin":  "LEFT JOIN",
		"RightJoin": "RIGHT JOIN",
		"InnerJoin": "INNER JOIN",
		"CrossJoin": "CROSS JOIN",
	}
})

// builderExprs are the functions that make a select-list expression
// from text: sq.Expr("count(*)"), sq.Alias(expr, "n").
var builderExprs = sync.OnceValue(func() map[string]builderOp {
	return map[string]builderOp{
		squirrel + ".Expr":  opColumn,
		squirrel + ".Alias": opColumn,
	}
})

// unmodelledLibs are SQL libraries whose calls cqrslint does not read,
// by import path prefix. A call into one of them that sends a statement
// (a name in unmodelledSends) is a call site skipped as "API not
// modelled: <library>", so that -stats shows what is not covered.
var unmodelledLibs = []struct{ prefix, name string }{
	{"github.com/go-pg/pg", "go-pg"},
	{"github.com/uptrace/bun", "bun"},
	{"gorm.io/gorm", "gorm"},
	{"github.com/jinzhu/gorm", "gorm"},
	{"entgo.io/ent", "ent"},
	{"xorm.io/xorm", "xorm"},
	{"github.com/go-xorm/xorm", "xorm"},
	{"github.com/doug-martin/goqu", "goqu"},
	{"github.com/volatiletech/sqlboiler", "sqlboiler"},
	{"github.com/stephenafamo/bob", "bob"},
	{"github.com/go-jet/jet", "jet"},
	{"github.com/gocraft/dbr", "dbr"},
	{"github.com/Masterminds/squirrel", "squirrel"},
}

// bunSchemaQueries are bun's schema-changing queries: counted as not
// modelled under their own name, as they send no data a struct receives.
var bunSchemaQueries = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"CreateTableQuery": true, "DropTableQuery": true, "TruncateTableQuery": true,
		"CreateIndexQuery": true, "DropIndexQuery": true, "AddColumnQuery": true, "DropColumnQuery": true,
	}
})

// unmodelledSends are the function and method names that send a
// statement in the unmodelled libraries, when the function also returns
// an error (builder methods of the same name, such as goqu's Select, do
// not). gormFinishers are gorm's, which return *gorm.DB instead.
var unmodelledSends = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"Exec": true, "ExecContext": true, "ExecOne": true, "ExecX": true,
		"Query": true, "QueryContext": true, "QueryOne": true, "QueryRow": true, "QueryRowContext": true,
		"QueryRowx": true, "Queryx": true, "Get": true, "GetContext": true, "ScanOne": true, "ScanAll": true,
		"Select": true, "SelectContext": true, "SelectAndCount": true, "SelectOrInsert": true,
		"Insert": true, "Update": true, "Delete": true, "ForceDelete": true, "Upsert": true,
		"Scan": true, "ScanAndCount": true, "ScanStruct": true, "ScanStructs": true, "ScanVal": true, "ScanVals": true,
		"Count": true, "Exists": true, "First": true, "Find": true, "Take": true, "Last": true, "Create": true, "Save": true,
		"Pluck": true, "All": true, "One": true, "Only": true, "Load": true, "Iterate": true, "ForEach": true,
	}
})

var gormFinishers = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"Create": true, "Save": true, "First": true, "Take": true, "Last": true, "Find": true, "FirstOrCreate": true,
		"Update": true, "Updates": true, "UpdateColumn": true, "UpdateColumns": true, "Delete": true, "Count": true,
		"Row": true, "Rows": true, "Scan": true, "Pluck": true, "Exec": true,
	}
})

// bunPkg is the import path of uptrace/bun.
const bunPkg = "github.com/uptrace/bun"

// bunOp is what a bun call does to the query it is chained on (bun.go).
type bunOp int

const (
	bunSelect     bunOp = iota + 1 // NewSelect(): starts a SELECT
	bunModelStart                  // go-pg's db.Model(&v): a query on a model, its kind set when it runs
	bunInsert                      // NewInsert()
	bunUpdate                      // NewUpdate()
	bunDelete                      // NewDelete()
	bunRaw                         // NewRaw(text, args...): the text as written
	bunModel                       // Model(&v): the table, the columns and the destination
	bunColumns                     // Column(names...): adds columns
	bunColumnExpr                  // ColumnExpr(text, args...): adds a select-list item
	bunTable                       // Table(names...), TableExpr, ModelTableExpr: the FROM
	bunJoin                        // Join(text, args...): adds a join
	bunSet                         // UPDATE's Set(text, args...): adds a SET item
	bunReturning                   // Returning(text, args...)
	bunApplyFn                     // Apply(fns...): what the functions do to the query
	bunNeutral                     // cannot change the select list or the statement kind
	bunRun                         // Scan, Exec, ScanAndCount: runs the query
)

// modelScanners are the bun and go-pg run methods that scan into the
// query's model when they are given no destination.
var modelScanners = sync.OnceValue(func() map[string]bool {
	return map[string]bool{"Scan": true, "ScanAndCount": true, "Select": true, "SelectAndCount": true, "First": true, "Last": true}
})

// bunOps maps bun's query constructors and methods to what they do.
// Methods missing here (With, Union, ExcludeColumn,
// Bulk, ...) make a query's text unknown: its call sites are skipped
// with a reason.
var bunOps = sync.OnceValue(func() map[string]bunOp {
	m := map[string]bunOp{}
	for _, recv := range []string{"*" + bunPkg + ".DB", bunPkg + ".Tx", bunPkg + ".Conn", bunPkg + ".IDB"} {
		m["("+recv+").NewSelect"] = bunSelect
		m["("+recv+").NewInsert"] = bunInsert
		m["("+recv+").NewUpdate"] = bunUpdate
		m["("+recv+").NewDelete"] = bunDelete
		m["("+recv+").NewRaw"] = bunRaw
	}
	method := func(recv string, op bunOp, names ...string) {
		for _, n := range names {
			m["(*"+bunPkg+"."+recv+")."+n] = op
		}
	}
	where := []string{"Where", "WhereOr", "WhereGroup", "WherePK", "WhereDeleted", "WhereAllWithDeleted", "Comment", "Conn"}
	for _, recv := range []string{"SelectQuery", "InsertQuery", "UpdateQuery", "DeleteQuery"} {
		method(recv, bunModel, "Model")
		method(recv, bunTable, "Table", "TableExpr", "ModelTableExpr")
		method(recv, bunReturning, "Returning")
		method(recv, bunNeutral, where...)
		method(recv, bunRun, "Scan", "Exec")
	}
	method("SelectQuery", bunColumns, "Column")
	method("SelectQuery", bunColumnExpr, "ColumnExpr")
	method("SelectQuery", bunJoin, "Join")
	method("SelectQuery", bunRun, "ScanAndCount")
	method("SelectQuery", bunApplyFn, "Apply")
	// Relation joins or loads a related model: its columns carry the
	// relation's prefix (author__name) and land in the related struct,
	// never in the model's own fields.
	method("SelectQuery", bunNeutral, "Relation")
	method("SelectQuery", bunNeutral, "Distinct", "DistinctOn", "JoinOn", "JoinOnOr", "Group", "GroupExpr", "Having",
		"Order", "OrderBy", "OrderExpr", "Limit", "Offset", "For", "Count", "Exists")
	method("InsertQuery", bunColumns, "Column")
	method("InsertQuery", bunNeutral, "Value", "On", "Set", "Ignore", "Replace")
	method("UpdateQuery", bunColumns, "Column")
	method("UpdateQuery", bunSet, "Set")
	method("UpdateQuery", bunNeutral, "Value", "OmitZero", "Join", "JoinOn", "JoinOnOr", "Order", "OrderExpr", "Limit")
	method("DeleteQuery", bunNeutral, "ForceDelete", "Order", "OrderExpr", "Limit")
	method("RawQuery", bunRun, "Scan", "Exec")

	// go-pg v10: db.Model(&v) or db.ModelContext(ctx, &v) starts a query
	// whose kind its run method gives (Select, Insert, Update, Delete).
	for _, recv := range []string{"(*" + gopgPkg + ".baseDB)", "(*" + gopgPkg + ".Tx)", "(" + gopgOrm + ".DB)", "(" + gopgPkg + ".DBI)"} {
		m[recv+".Model"] = bunModelStart
		m[recv+".ModelContext"] = bunModelStart
	}
	m[gopgPkg+".Model"] = bunModelStart // pg.Model(&v): a query with no database, for subqueries
	m[gopgPkg+".ModelContext"] = bunModelStart
	q := func(op bunOp, names ...string) {
		for _, n := range names {
			m["(*"+gopgOrm+".Query)."+n] = op
		}
	}
	q(bunModel, "Model")
	q(bunColumns, "Column")
	q(bunColumnExpr, "ColumnExpr")
	q(bunTable, "Table", "TableExpr")
	q(bunJoin, "Join")
	q(bunSet, "Set")
	q(bunReturning, "Returning")
	q(bunApplyFn, "Apply")
	q(bunNeutral, "Context", "Where", "WhereOr", "WhereGroup", "WherePK", "WhereIn", "Relation", "Distinct", "DistinctOn",
		"Group", "GroupExpr", "Having", "Order", "OrderExpr", "Limit", "Offset", "For", "OnConflict", "Value", "Count", "Exists")
	q(bunRun, "Select", "SelectAndCount", "First", "Last", "Insert", "Update", "UpdateNotZero", "Delete", "ForceDelete")
	return m
})

// gopgPkg and gopgOrm are the import paths of go-pg v10 and its query
// package.
const (
	gopgPkg = "github.com/go-pg/pg/v10"
	gopgOrm = gopgPkg + "/orm"
)
