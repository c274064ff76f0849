// Package pg is a minimal test stub declaring a few of go-pg v10's
// signatures: the database, its transaction, and Model, which returns a
// query of package orm, as in the real module.
package pg

import (
	"context"

	"github.com/go-pg/pg/v10/orm"
)

type Result = orm.Result

type Ident string

type baseDB struct{ _ int }

func (db *baseDB) Model(model ...interface{}) *orm.Query                           { return nil }
func (db *baseDB) ModelContext(c context.Context, model ...interface{}) *orm.Query { return nil }
func (db *baseDB) Exec(query interface{}, params ...interface{}) (Result, error)   { return nil, nil }
func (db *baseDB) RunInTransaction(ctx context.Context, fn func(*Tx) error) error  { return nil }

type DB struct{ *baseDB }

type Tx struct{ _ int }

func (tx *Tx) Model(model ...interface{}) *orm.Query { return nil }

func In(slice interface{}) interface{} { return nil }

func Model(model ...interface{}) *orm.Query { return nil }
