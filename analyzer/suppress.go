package analyzer

import (
	"fmt"
	"go/token"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// ignorePrefix starts a suppression comment:
//
//	//cqrslint:ignore god-struct -- the dashboard needs the counts here
//
// on the reported line or the line above. Several rules may be listed,
// separated by commas.
const ignorePrefix = "//cqrslint:ignore"

// directive is one //cqrslint:ignore comment.
type directive struct {
	pos   token.Pos
	end   token.Pos
	rules []string
	used  bool // it suppressed a finding
}

// suppressions maps file name and line to the directives there.
type suppressions map[string]map[int][]*directive

// suppressions returns the pass's directives, read once per pass.
func (st *state) suppressions() suppressions {
	if st.sup == nil {
		st.sup = readDirectives(st.pass, st.opts, st.stats)
	}
	return st.sup
}

// readDirectives reads every //cqrslint:ignore comment of the pass's files
// and reports, on the comment, a rule name it does not know: a typo would
// otherwise leave the finding it meant to hide reported, or hide nothing
// without a word.
func readDirectives(pass *analysis.Pass, o *Options, stats *Stats) suppressions {
	sup := suppressions{}
	for _, f := range pass.Files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				rest, ok := strings.CutPrefix(c.Text, ignorePrefix)
				if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
					continue
				}
				rest, _, _ = strings.Cut(rest, "--")
				pos := pass.Fset.Position(c.Pos())
				lines := sup[pos.Filename]
				if lines == nil {
					lines = map[int][]*directive{}
					sup[pos.Filename] = lines
				}
				rules := strings.FieldsFunc(rest, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
				d := &directive{pos: c.Pos(), end: c.End()}
				for _, r := range rules {
					if knownRule(r) {
						d.rules = append(d.rules, r)
						continue
					}
					reportDirective(pass, o, stats, c.Pos(), c.End(),
						"unknown rule %q in //cqrslint:ignore (known: %s); this comment suppresses nothing for it",
						r, strings.Join(Rules, ", "))
				}
				if len(rules) == 0 {
					reportDirective(pass, o, stats, c.Pos(), c.End(),
						"//cqrslint:ignore names no rule; write //cqrslint:ignore %s -- reason", RuleGodStruct)
				}
				lines[pos.Line] = append(lines[pos.Line], d)
			}
		}
	}
	return sup
}

// covers reports whether a suppression for rule sits on p's line or the
// line above, and marks it used.
func (sup suppressions) covers(fset *token.FileSet, p token.Pos, rule string) bool {
	pos := fset.Position(p)
	lines := sup[pos.Filename]
	for _, l := range []int{pos.Line, pos.Line - 1} {
		for _, d := range lines[l] {
			for _, r := range d.rules {
				if r == rule {
					d.used = true
					return true
				}
			}
		}
	}
	return false
}

// reportUnused reports, under -strict, the directives that suppressed no
// finding of an enabled rule: the finding they were written for is gone,
// or they sit on the wrong line.
func (sup suppressions) reportUnused(pass *analysis.Pass, o *Options, stats *Stats) {
	if !o.Strict {
		return
	}
	var unused []*directive
	for _, lines := range sup {
		for _, ds := range lines {
			for _, d := range ds {
				if d.used || len(d.rules) == 0 {
					continue
				}
				enabled := false
				for _, r := range d.rules {
					enabled = enabled || o.enabled(r)
				}
				if enabled {
					unused = append(unused, d)
				}
			}
		}
	}
	sort.Slice(unused, func(i, j int) bool { return unused[i].pos < unused[j].pos })
	for _, d := range unused {
		reportDirective(pass, o, stats, d.pos, d.end,
			"//cqrslint:ignore %s suppresses nothing on this line or the next; remove it", strings.Join(d.rules, ","))
	}
}

// reportDirective reports a problem with a //cqrslint:ignore comment. It
// cannot itself be suppressed, only turned off with -disable.
func reportDirective(pass *analysis.Pass, o *Options, stats *Stats, pos, end token.Pos, format string, args ...any) {
	if !o.enabled(RuleIgnoreDirective) {
		return
	}
	stats.Findings++
	pass.Report(analysis.Diagnostic{
		Pos:      pos,
		End:      end,
		Category: RuleIgnoreDirective,
		URL:      URL + RuleIgnoreDirective + ".md",
		Message:  fmt.Sprintf(format, args...),
	})
}
