package analyzer

import (
	"go/token"
	"strings"
)

// ignorePrefix starts a suppression comment:
//
//	//cqrslint:ignore god-struct -- the dashboard needs the counts here
//
// on the reported line or the line above. Several rules may be listed,
// separated by commas.
const ignorePrefix = "//cqrslint:ignore"

// suppressions maps file name and line to the rules ignored there.
type suppressions map[string]map[int][]string

func (st *state) suppressions() suppressions {
	sup := suppressions{}
	for _, f := range st.pass.Files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				rest, ok := strings.CutPrefix(c.Text, ignorePrefix)
				if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
					continue
				}
				rest, _, _ = strings.Cut(rest, "--")
				pos := st.pass.Fset.Position(c.Pos())
				lines := sup[pos.Filename]
				if lines == nil {
					lines = map[int][]string{}
					sup[pos.Filename] = lines
				}
				rules := strings.FieldsFunc(rest, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
				lines[pos.Line] = append(lines[pos.Line], rules...)
			}
		}
	}
	return sup
}

// covers reports whether a suppression for rule sits on p's line or the
// line above.
func (sup suppressions) covers(fset *token.FileSet, p token.Pos, rule string) bool {
	pos := fset.Position(p)
	lines := sup[pos.Filename]
	for _, l := range []int{pos.Line, pos.Line - 1} {
		for _, r := range lines[l] {
			if r == rule {
				return true
			}
		}
	}
	return false
}
