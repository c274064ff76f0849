package analyzer

// This file evaluates query text partially: a piece of a concatenation,
// an append or a fmt.Sprintf argument that is not known statically
// (strings.Join of conditions, a strings.Builder, a helper's result, a
// parameter) becomes a hole, an identifier the SQL classifier knows. The
// text is analyzed only when no hole sits where it could change the
// select list, FROM or the statement's target (sqlinfo reports that);
// holes in WHERE, ORDER BY, LIMIT and values are harmless.

import (
	"go/ast"
	"go/types"
	"strconv"
	"strings"

	"github.com/cqrslint/cqrslint/analyzer/internal/sqlinfo"
)

// Skip reasons of partially evaluated text, counted in Stats.
const (
	skipHoleInOutput = "query text not constant where it shapes the output (select list, FROM)"
)

// partialHole starts the holes made by partial evaluation.
const partialHole = sqlinfo.HolePrefix + "p"

// maxPartialHoles bounds the holes whose neutral fillings are tried.
const maxPartialHoles = 4

// expr returns the possible texts of e; while evaluating partially, a
// string piece that cannot be resolved becomes a hole.
func (r *resolver) expr(e ast.Expr, depth int) ([]string, string) {
	texts, why := r.exprExact(e, depth)
	if why == "" || r.holes == nil || why == skipTooManyTexts || !isStringType(r.info.TypeOf(e)) {
		return texts, why
	}
	*r.holes++
	return []string{" " + partialHole + strconv.Itoa(*r.holes) + "_ "}, ""
}

// resolvePartial evaluates e with holes. It fails when there is no hole
// (nothing gained) or when a text starts with one: the statement's kind
// would not be known.
func (r *resolver) resolvePartial(e ast.Expr) ([]string, bool) {
	p := *r
	n := 0
	p.holes = &n
	p.memo = nil
	texts, why := p.expr(e, 0)
	if why != "" || n == 0 {
		return nil, false
	}
	for _, t := range texts {
		if strings.HasPrefix(strings.TrimSpace(t), partialHole) {
			return nil, false
		}
	}
	return texts, true
}

// parseText classifies one resolved text. A text with holes is parsed
// with every hole an identifier first; when that fails, with some holes
// left empty (a hole may stand for a whole optional clause, as in
// "WHERE %s %s" with an ORDER BY). A partially evaluated text, or one
// that needed empty holes, is refused when a hole sits in its output.
func (st *state) parseText(text string, partial bool) parsed {
	p := st.parse(text)
	filled := false
	if p.err == sqlinfo.ReasonParse {
		for _, alt := range emptied(text) {
			if q := st.parse(alt); q.err == "" {
				p, filled = q, true
				break
			}
		}
	}
	if p.err == "" && (partial || filled) && p.stmt.HoleInOutput {
		return parsed{err: skipHoleInOutput}
	}
	if p.err == sqlinfo.ReasonParse {
		if q, ok := st.parseMarked(text); ok {
			return q
		}
	}
	return p
}

// emptied returns text with each non-empty subset of its holes removed,
// fewest first; nothing when it has too many holes.
func emptied(text string) []string {
	var holes []string
	for _, f := range strings.FieldsFunc(text, func(c rune) bool {
		return !(c == '_' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9')
	}) {
		if strings.HasPrefix(f, sqlinfo.HolePrefix) {
			holes = append(holes, f)
		}
	}
	if len(holes) == 0 || len(holes) > maxPartialHoles {
		return nil
	}
	var out []string
	for size := 1; size <= len(holes); size++ {
		for mask := 1; mask < 1<<len(holes); mask++ {
			if bitCount(mask) != size {
				continue
			}
			t := text
			for i, h := range holes {
				if mask&(1<<i) != 0 {
					t = removeWord(t, h)
				}
			}
			out = append(out, t)
		}
	}
	return out
}

// removeWord removes the first occurrence of the identifier w from text.
func removeWord(text, w string) string {
	for i := 0; ; {
		j := strings.Index(text[i:], w)
		if j < 0 {
			return text
		}
		j += i
		end := j + len(w)
		if end == len(text) || !isIdentByte(text[end]) {
			return text[:j] + text[end:]
		}
		i = end
	}
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func bitCount(m int) int {
	n := 0
	for ; m > 0; m &= m - 1 {
		n++
	}
	return n
}

// isStringType reports whether t is a string type (named or not).
func isStringType(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}
