// Package text imports no database package: the driver loads its
// dependencies from export data and analyzes none of them.
package text

import (
	"strings"
	"unicode"
)

func Title(s string) string { return strings.ToUpper(s) }

func IsWord(s string) bool { return strings.IndexFunc(s, unicode.IsSpace) < 0 }
