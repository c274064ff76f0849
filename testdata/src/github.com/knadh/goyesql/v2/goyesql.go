// Package goyesql is a minimal stub of github.com/knadh/goyesql/v2.
package goyesql

import "database/sql"

type Query struct {
	Query string
	Tags  map[string]string
}

type Queries map[string]*Query

func ParseFile(path string) (Queries, error)                    { panic("stub") }
func ParseBytes(b []byte) (Queries, error)                      { panic("stub") }
func MustParseBytes(b []byte) Queries                           { panic("stub") }
func ScanToStruct(obj interface{}, q Queries, db *sql.DB) error { panic("stub") }
