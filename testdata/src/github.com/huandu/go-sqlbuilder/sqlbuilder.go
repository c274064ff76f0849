// Package sqlbuilder is a minimal test stub declaring the part of
// github.com/huandu/go-sqlbuilder that cqrslint tests use.
package sqlbuilder

// Flavor is the flag to control the format of compiled sql.
type Flavor int

const (
	invalidFlavor Flavor = iota
	MySQL
	PostgreSQL
)

func (f Flavor) NewSelectBuilder() *SelectBuilder { panic("stub") }
func (f Flavor) NewUpdateBuilder() *UpdateBuilder { panic("stub") }
func (f Flavor) NewDeleteBuilder() *DeleteBuilder { panic("stub") }
func (f Flavor) NewInsertBuilder() *InsertBuilder { panic("stub") }

// JoinOption is the option in JOIN.
type JoinOption string

const (
	FullJoin  JoinOption = "FULL"
	InnerJoin JoinOption = "INNER"
	LeftJoin  JoinOption = "LEFT"
	RightJoin JoinOption = "RIGHT"
)

// Cond provides several helper methods to build conditions.
type Cond struct{ _ int }

func (c *Cond) Equal(field string, value interface{}) string    { panic("stub") }
func (c *Cond) In(field string, values ...interface{}) string   { panic("stub") }
func (c *Cond) LessThan(field string, value interface{}) string { panic("stub") }
func (c *Cond) Var(value interface{}) string                    { panic("stub") }

// SelectBuilder is a builder to build SELECT.
type SelectBuilder struct {
	Cond
}

func NewSelectBuilder() *SelectBuilder                                       { panic("stub") }
func Select(col ...string) *SelectBuilder                                    { panic("stub") }
func (sb *SelectBuilder) Select(col ...string) *SelectBuilder                { panic("stub") }
func (sb *SelectBuilder) SelectMore(col ...string) *SelectBuilder            { panic("stub") }
func (sb *SelectBuilder) Distinct() *SelectBuilder                           { panic("stub") }
func (sb *SelectBuilder) From(table ...string) *SelectBuilder                { panic("stub") }
func (sb *SelectBuilder) Join(table string, onExpr ...string) *SelectBuilder { panic("stub") }
func (sb *SelectBuilder) JoinWithOption(option JoinOption, table string, onExpr ...string) *SelectBuilder {
	panic("stub")
}
func (sb *SelectBuilder) Where(andExpr ...string) *SelectBuilder { panic("stub") }
func (sb *SelectBuilder) GroupBy(col ...string) *SelectBuilder   { panic("stub") }
func (sb *SelectBuilder) OrderBy(col ...string) *SelectBuilder   { panic("stub") }
func (sb *SelectBuilder) Desc() *SelectBuilder                   { panic("stub") }
func (sb *SelectBuilder) Limit(limit int) *SelectBuilder         { panic("stub") }
func (sb *SelectBuilder) Offset(offset int) *SelectBuilder       { panic("stub") }
func (sb *SelectBuilder) As(name, alias string) string           { panic("stub") }
func (sb *SelectBuilder) SQL(sql string) *SelectBuilder          { panic("stub") }
func (sb *SelectBuilder) String() string                         { panic("stub") }
func (sb *SelectBuilder) Build() (sql string, args []interface{}) {
	panic("stub")
}
func (sb *SelectBuilder) BuildWithFlavor(flavor Flavor, initialArg ...interface{}) (sql string, args []interface{}) {
	panic("stub")
}

// UpdateBuilder is a builder to build UPDATE.
type UpdateBuilder struct {
	Cond
}

func Update(table ...string) *UpdateBuilder                             { panic("stub") }
func (ub *UpdateBuilder) Update(table ...string) *UpdateBuilder         { panic("stub") }
func (ub *UpdateBuilder) Set(assignment ...string) *UpdateBuilder       { panic("stub") }
func (ub *UpdateBuilder) SetMore(assignment ...string) *UpdateBuilder   { panic("stub") }
func (ub *UpdateBuilder) Where(andExpr ...string) *UpdateBuilder        { panic("stub") }
func (ub *UpdateBuilder) Assign(field string, value interface{}) string { panic("stub") }
func (ub *UpdateBuilder) Incr(field string) string                      { panic("stub") }
func (ub *UpdateBuilder) SQL(sql string) *UpdateBuilder                 { panic("stub") }
func (ub *UpdateBuilder) Build() (sql string, args []interface{})       { panic("stub") }

// DeleteBuilder is a builder to build DELETE.
type DeleteBuilder struct {
	Cond
}

func DeleteFrom(table ...string) *DeleteBuilder                     { panic("stub") }
func (db *DeleteBuilder) DeleteFrom(table ...string) *DeleteBuilder { panic("stub") }
func (db *DeleteBuilder) Where(andExpr ...string) *DeleteBuilder    { panic("stub") }
func (db *DeleteBuilder) Build() (sql string, args []interface{})   { panic("stub") }

// InsertBuilder is a builder to build INSERT.
type InsertBuilder struct{ _ int }

func InsertInto(table string) *InsertBuilder                         { panic("stub") }
func (ib *InsertBuilder) Cols(col ...string) *InsertBuilder          { panic("stub") }
func (ib *InsertBuilder) Values(value ...interface{}) *InsertBuilder { panic("stub") }
func (ib *InsertBuilder) Build() (sql string, args []interface{})    { panic("stub") }
