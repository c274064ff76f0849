// Package sqlinfo classifies one PostgreSQL statement from its parse tree:
// what kind of statement it is, whether it writes, what each output column
// is (a stored column or a computed one), and which columns its parameters
// are written into. It works on strings alone and knows nothing of Go.
package sqlinfo

// Kind is the kind of the top-level statement.
type Kind int

const (
	KindOther Kind = iota
	KindSelect
	KindInsert
	KindUpdate
	KindDelete
	KindMerge
)

// Compute says how an output column is produced.
type Compute int

const (
	// Stored is a plain column reference read from a table (or from a
	// derived table or CTE whose own column is stored).
	Stored Compute = iota
	// Expression is an expression with no aggregate, window function or
	// subquery in it: lower(email), now(), a literal, a parameter.
	Expression
	// Subquery is a scalar subquery, or an expression containing one.
	Subquery
	// Aggregate is an aggregate call, or an expression containing one.
	Aggregate
	// Window is a window function call, or an expression containing one.
	Window
	// Exists is EXISTS (...) used as a column.
	Exists
	// ArraySubquery is ARRAY(SELECT ...) used as a column.
	ArraySubquery
	// Unknown is a column whose nature cannot be told (a Sprintf hole).
	Unknown
)

// IsComputed reports whether c is one of the computed kinds.
func (c Compute) IsComputed() bool {
	switch c {
	case Subquery, Aggregate, Window, Exists, ArraySubquery:
		return true
	}
	return false
}

// Column is one output column of a statement.
type Column struct {
	// Name is the output column name as PostgreSQL names it: the alias if
	// any, else the name PostgreSQL figures (column name, function name,
	// "exists", "array", "case", "coalesce", "?column?", ...).
	Name string
	// Table is, for a Stored column, the relation it is read from (the
	// table name, not the alias), when it can be told; else "".
	Table string
	// Compute says how the column is produced.
	Compute Compute
	// Via is set when the column's nature comes from a derived table,
	// LATERAL subquery or CTE: it is that item's alias or name.
	Via string
	// Star is set for `*` and `t.*`: the column stands for an unknown
	// number of stored columns. Table names the relation when known.
	Star bool
}

// ParamUse says where a bind parameter ($N) goes.
type ParamUse struct {
	// Written is set when the parameter's value flows into a written
	// column: an INSERT value, an UPDATE/ON CONFLICT/MERGE SET value.
	Written bool
	// Column is the written column's name, when known.
	Column string
	// Table is the table the value is written into (without schema), when
	// known.
	Table string
	// Set is set when the value is written by a SET list (UPDATE, ON
	// CONFLICT DO UPDATE, MERGE UPDATE) rather than as an inserted value.
	Set bool
}

// Statement is what the analyzer needs to know about one statement.
type Statement struct {
	Kind Kind
	// Writes is set when the statement modifies data: a top-level
	// INSERT/UPDATE/DELETE/MERGE or one inside a CTE. SELECT ... FOR
	// UPDATE does not write.
	Writes bool
	// Table is the target table of the (first) write, else "".
	Table string
	// Columns are the output columns in order: the SELECT target list,
	// or the RETURNING list of a write. Nil when there are none.
	Columns []Column
	// Written are the columns written by the statement, in order, without
	// duplicates (INSERT column list, UPDATE SET, ON CONFLICT DO UPDATE
	// SET, MERGE).
	Written []string
	// WriteTables are the tables the statement writes (the top-level
	// write and data-modifying CTEs), without schema, in text order.
	WriteTables []string
	// Reads are the tables the statement reads anywhere: FROM items,
	// joins, subqueries in any clause, USING; without schema and without
	// the statement's own CTE names, without duplicates, in no particular
	// order. The target of a write is not a read.
	Reads []string
	// Params maps a parameter number N (for $N) to its use. A parameter
	// that appears only in WHERE, JOIN, LIMIT, ... has Written false.
	Params map[int]ParamUse
}

// HolePrefix starts the identifiers that stand for fmt.Sprintf holes in
// resolved query text (cqrslint_hole_1, ...). An output column that reads
// a hole is Unknown.
const HolePrefix = "cqrslint_hole_"
