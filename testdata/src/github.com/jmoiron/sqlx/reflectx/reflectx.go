// Package reflectx is a minimal test stub of github.com/jmoiron/sqlx/reflectx.
package reflectx

// Mapper is a general purpose mapper of names to struct fields.
type Mapper struct{ _ int }

func NewMapper(tagName string) *Mapper                            { return &Mapper{} }
func NewMapperFunc(tagName string, f func(string) string) *Mapper { return &Mapper{} }
