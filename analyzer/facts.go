package analyzer

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Facts carry what one package learns to the packages that import it.
// They are kept small: go vet writes them for every package it analyzes.

// writesFact marks a function that executes a write statement, directly
// or through callees. Evidence describes the first write it found.
type writesFact struct {
	Evidence string       // e.g. "INSERT INTO users (store.go:42)"
	Writes   []tableWrite // one per table written, in position order
}

// tableWrite is the first write of one table by a function.
type tableWrite struct {
	Table    string // without schema; "" when unknown
	Evidence string // e.g. "INSERT INTO users"
}

func (*writesFact) AFact()           {}
func (f *writesFact) String() string { return "writes " + f.Evidence }

// wrapperFact marks a function that passes one of its string parameters
// as the query text of a database call.
type wrapperFact struct {
	Kind  callKind
	SQL   int // parameter index of the query text
	Args  int // index of the variadic bind arguments, or -1
	Dest  int // index of a scan destination parameter, or -1
	Named int // index of a parameter bound by name, or -1
	// ByTag marks a reflection-based helper that fills its Dest's
	// fields by db tag (apiEntry.byTag).
	ByTag bool
	Mode  scanMode // how a destination struct receives columns; 0 for sqlx's way
}

func (*wrapperFact) AFact() {}
func (f *wrapperFact) String() string {
	s := fmt.Sprintf("sql wrapper(kind=%d sql=%d args=%d dest=%d named=%d)", f.Kind, f.SQL, f.Args, f.Dest, f.Named)
	if f.ByTag {
		s += " by db tag"
	}
	return s
}

func (f *wrapperFact) entry() apiEntry {
	return apiEntry{kind: f.Kind, sql: f.SQL, args: f.Args, dest: f.Dest, named: f.Named, byTag: f.ByTag, mode: f.Mode}
}

// writeModelsFact is a package fact: the fields of struct types (of any
// package) that this package binds into written columns.
type writeModelsFact struct {
	Types []writtenType
}

// writtenType is one struct type written by a package, with evidence.
type writtenType struct {
	Type      string // package path + "." + type name
	Field     string // the field
	Table     string // the table written, without schema; "" when unknown
	Key       bool   // the field is an identity (ID, user_id)
	Returning bool   // the field only receives a RETURNING column
	Evidence  string // e.g. "Email bound in INSERT INTO users (email) VALUES ($1) in Register (signup.go:42)"
}

func (*writeModelsFact) AFact() {}
func (f *writeModelsFact) String() string {
	var names []string
	for _, t := range f.Types {
		if !t.Key && !t.Returning {
			names = append(names, t.Type+"."+t.Field)
		}
	}
	return "writes " + strings.Join(names, ", ")
}

func factTypes() []analysis.Fact {
	return []analysis.Fact{new(writesFact), new(wrapperFact), new(writeModelsFact), new(syncParamsFact), new(loadsFact), new(rowHelperFact)}
}
