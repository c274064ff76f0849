package analyzer

// This file reads template markers in query text: %name% markers that
// the program replaces (strings.ReplaceAll) before sending the text, and
// markers, {{ ... }} actions and fmt verbs left in text read from files.
// A replacement that is not known becomes a hole (partial.go); a marker
// still in the text is a hole too when the text does not parse as it is.
// Either way the text is read only when no hole can change the select
// list or FROM.

import (
	"go/ast"
	"go/constant"
	"strings"

	"github.com/cqrslint/cqrslint/analyzer/internal/sqlinfo"
)

// skipMarkerInOutput is the skip reason of a text whose template marker
// sits where it shapes the output.
const skipMarkerInOutput = "template marker where it shapes the output (select list, FROM)"

// replace resolves strings.ReplaceAll(s, old, new) and strings.Replace(s,
// old, new, n) with a constant old (and n): every text s may hold, with
// every text new may hold in place of old.
func (r *resolver) replace(call *ast.CallExpr, name string, depth int) ([]string, string) {
	if call.Ellipsis.IsValid() || len(call.Args) < 3 {
		return nil, skipNonConstant
	}
	old, ok := constantString(r.info, call.Args[1])
	if !ok || old == "" {
		return nil, skipNonConstant
	}
	n := -1
	if name == "strings.Replace" {
		tv, ok := r.info.Types[call.Args[len(call.Args)-1]]
		if len(call.Args) != 4 || !ok || tv.Value == nil {
			return nil, skipNonConstant
		}
		k, exact := constant.Int64Val(constant.ToInt(tv.Value))
		if !exact {
			return nil, skipNonConstant
		}
		n = int(k)
	}
	subjects, why := r.expr(call.Args[0], depth)
	if why != "" {
		return nil, why
	}
	news, why := r.expr(call.Args[2], depth)
	if why != "" {
		return nil, why
	}
	if len(subjects)*len(news) > maxTexts {
		return nil, skipTooManyTexts
	}
	var out []string
	for _, s := range subjects {
		for _, nw := range news {
			out = append(out, strings.Replace(s, old, nw, n))
		}
	}
	return dedup(out), ""
}

// parseMarked parses a text that does not parse as it is with its
// template markers made holes (and, failing that, with some of them
// left empty: a marker may stand for a whole optional clause). ok is
// false when the text has no marker or still does not parse.
func (st *state) parseMarked(text string) (parsed, bool) {
	marked, n := sqlinfo.TemplateHoles(text)
	if n == 0 {
		return parsed{}, false
	}
	p := st.parse(marked)
	if p.err == sqlinfo.ReasonParse {
		for _, alt := range emptied(marked) {
			if q := st.parse(alt); q.err == "" {
				p = q
				break
			}
		}
	}
	if p.err == sqlinfo.ReasonParse {
		return parsed{}, false
	}
	if p.err == "" && p.stmt.HoleInOutput {
		return parsed{err: skipMarkerInOutput}, true
	}
	return p, true
}
