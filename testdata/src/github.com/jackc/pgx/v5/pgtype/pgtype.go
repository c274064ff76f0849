// Package pgtype is a minimal test stub of github.com/jackc/pgx/v5/pgtype.
package pgtype

// Map is the registry of PostgreSQL types.
type Map struct{}

// NewMap returns a new Map.
func NewMap() *Map { return &Map{} }
