// Package squirrel is a minimal test stub declaring the parts of
// github.com/Masterminds/squirrel's API that cqrslint tests use; the
// bodies do nothing.
package squirrel

import "database/sql"

type Sqlizer interface {
	ToSql() (string, []interface{}, error)
}

type BaseRunner interface{}

type PlaceholderFormat interface{}

type dollar struct{}

var Dollar PlaceholderFormat = dollar{}

type RowScanner interface {
	Scan(...interface{}) error
}

type Eq map[string]interface{}

type StatementBuilderType struct{ _ int }

var StatementBuilder StatementBuilderType

func (b StatementBuilderType) Select(columns ...string) SelectBuilder                   { return SelectBuilder{} }
func (b StatementBuilderType) Insert(into string) InsertBuilder                         { return InsertBuilder{} }
func (b StatementBuilderType) Update(table string) UpdateBuilder                        { return UpdateBuilder{} }
func (b StatementBuilderType) Delete(from string) DeleteBuilder                         { return DeleteBuilder{} }
func (b StatementBuilderType) PlaceholderFormat(PlaceholderFormat) StatementBuilderType { return b }

func Select(columns ...string) SelectBuilder { return SelectBuilder{} }
func Insert(into string) InsertBuilder       { return InsertBuilder{} }
func Update(table string) UpdateBuilder      { return UpdateBuilder{} }
func Delete(from string) DeleteBuilder       { return DeleteBuilder{} }

type expr struct{ _ int }

func (e expr) ToSql() (string, []interface{}, error) { return "", nil, nil }

func Expr(sql string, args ...interface{}) Sqlizer { return expr{} }

type aliasExpr struct{ _ int }

func (e aliasExpr) ToSql() (string, []interface{}, error) { return "", nil, nil }

func Alias(e Sqlizer, alias string) aliasExpr { return aliasExpr{} }

type SelectBuilder struct{ _ int }

func (b SelectBuilder) PlaceholderFormat(PlaceholderFormat) SelectBuilder            { return b }
func (b SelectBuilder) RunWith(BaseRunner) SelectBuilder                             { return b }
func (b SelectBuilder) ToSql() (string, []interface{}, error)                        { return "", nil, nil }
func (b SelectBuilder) MustSql() (string, []interface{})                             { return "", nil }
func (b SelectBuilder) Query() (*sql.Rows, error)                                    { return nil, nil }
func (b SelectBuilder) QueryRow() RowScanner                                         { return nil }
func (b SelectBuilder) Columns(columns ...string) SelectBuilder                      { return b }
func (b SelectBuilder) Column(column interface{}, args ...interface{}) SelectBuilder { return b }
func (b SelectBuilder) RemoveColumns() SelectBuilder                                 { return b }
func (b SelectBuilder) From(from string) SelectBuilder                               { return b }
func (b SelectBuilder) FromSelect(from SelectBuilder, alias string) SelectBuilder    { return b }
func (b SelectBuilder) Join(join string, rest ...interface{}) SelectBuilder          { return b }
func (b SelectBuilder) LeftJoin(join string, rest ...interface{}) SelectBuilder      { return b }
func (b SelectBuilder) Where(pred interface{}, args ...interface{}) SelectBuilder    { return b }
func (b SelectBuilder) GroupBy(groupBys ...string) SelectBuilder                     { return b }
func (b SelectBuilder) OrderBy(orderBys ...string) SelectBuilder                     { return b }
func (b SelectBuilder) Limit(limit uint64) SelectBuilder                             { return b }
func (b SelectBuilder) Offset(offset uint64) SelectBuilder                           { return b }
func (b SelectBuilder) Suffix(sql string, args ...interface{}) SelectBuilder         { return b }
func (b SelectBuilder) Distinct() SelectBuilder                                      { return b }

type InsertBuilder struct{ _ int }

func (b InsertBuilder) PlaceholderFormat(PlaceholderFormat) InsertBuilder    { return b }
func (b InsertBuilder) ToSql() (string, []interface{}, error)                { return "", nil, nil }
func (b InsertBuilder) Columns(columns ...string) InsertBuilder              { return b }
func (b InsertBuilder) Values(values ...interface{}) InsertBuilder           { return b }
func (b InsertBuilder) SetMap(clauses map[string]interface{}) InsertBuilder  { return b }
func (b InsertBuilder) Suffix(sql string, args ...interface{}) InsertBuilder { return b }

type UpdateBuilder struct{ _ int }

func (b UpdateBuilder) PlaceholderFormat(PlaceholderFormat) UpdateBuilder         { return b }
func (b UpdateBuilder) RunWith(BaseRunner) UpdateBuilder                          { return b }
func (b UpdateBuilder) Exec() (sql.Result, error)                                 { return nil, nil }
func (b UpdateBuilder) ToSql() (string, []interface{}, error)                     { return "", nil, nil }
func (b UpdateBuilder) Set(column string, value interface{}) UpdateBuilder        { return b }
func (b UpdateBuilder) SetMap(clauses map[string]interface{}) UpdateBuilder       { return b }
func (b UpdateBuilder) Where(pred interface{}, args ...interface{}) UpdateBuilder { return b }

type DeleteBuilder struct{ _ int }

func (b DeleteBuilder) PlaceholderFormat(PlaceholderFormat) DeleteBuilder         { return b }
func (b DeleteBuilder) ToSql() (string, []interface{}, error)                     { return "", nil, nil }
func (b DeleteBuilder) Where(pred interface{}, args ...interface{}) DeleteBuilder { return b }
