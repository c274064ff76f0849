package sqlinfo

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// A Span is a byte range [Start, End) of a statement's text.
type Span struct{ Start, End int }

// CutColumns removes the output columns numbered drop (0-based, in the
// order of Statement.Columns) from the select list of text, a top-level
// SELECT, by cutting the text at the parser's locations: the rest of the
// text, its layout and comments stay as they are. It returns the new text
// and the spans of text removed, in order. The result is parsed again and
// must have exactly the other columns, or CutColumns fails. It also fails,
// rather than change the meaning of the query, when the query is a set
// operation (UNION, ...), uses DISTINCT, or its ORDER BY or GROUP BY
// names a dropped column or an output column by number.
func CutColumns(text string, drop []int) (string, []Span, error) {
	stmts, err := parse(text)
	if err != nil {
		return "", nil, err
	}
	if len(stmts) != 1 {
		return "", nil, fmt.Errorf("not exactly one statement")
	}
	sel := stmts[0].GetSelectStmt()
	switch {
	case sel == nil:
		return "", nil, fmt.Errorf("not a SELECT")
	case sel.GetOp() != setopNone:
		return "", nil, fmt.Errorf("a set operation: the branches must keep the same columns")
	case len(sel.GetDistinctClause()) > 0:
		return "", nil, fmt.Errorf("SELECT DISTINCT: dropping a column changes the rows")
	case len(sel.GetIntoClause().GetRel().GetRelname()) > 0:
		return "", nil, fmt.Errorf("SELECT INTO writes")
	}
	before, err := classify(stmts[0])
	if err != nil {
		return "", nil, err
	}
	targets := sel.GetTargetList()
	n := len(targets)
	if n != len(before.Columns) {
		return "", nil, fmt.Errorf("the select list has %d items for %d columns", n, len(before.Columns))
	}
	dropped := make([]bool, n)
	for _, d := range drop {
		if d < 0 || d >= n {
			return "", nil, fmt.Errorf("no column %d", d)
		}
		dropped[d] = true
	}
	last := -1 // the last kept item
	for i := range n {
		if !dropped[i] {
			last = i
		}
	}
	if last < 0 {
		return "", nil, fmt.Errorf("every column would be dropped")
	}
	for _, clause := range [][]*node{sel.GetSortClause(), sel.GetGroupClause()} {
		for _, c := range clause {
			e := c
			if sb := c.GetSortBy(); sb != nil {
				e = sb.GetNode()
			}
			if e.GetAConst() != nil {
				return "", nil, fmt.Errorf("ORDER BY or GROUP BY names an output column by number")
			}
			if ref := e.GetColumnRef(); ref != nil && len(ref.GetFields()) == 1 {
				name := ref.GetFields()[0].GetString_().GetSval()
				for i, col := range before.Columns {
					if dropped[i] && col.Name == name {
						return "", nil, fmt.Errorf("ORDER BY or GROUP BY names the dropped column %s", name)
					}
				}
			}
		}
	}
	loc := make([]int, n)
	for i, t := range targets {
		l := int(t.GetResTarget().GetLocation())
		if l < 0 || l >= len(text) || i > 0 && l <= loc[i-1] {
			return "", nil, fmt.Errorf("no location for select item %d", i+1)
		}
		loc[i] = l
	}
	var spans []Span
	for i := range n {
		if dropped[i] && i < last {
			spans = append(spans, Span{loc[i], loc[i+1]})
		}
	}
	if last < n-1 {
		// The items after the last kept one go with the comma before them.
		comma := nextTopLevel(text, loc[last], ",")
		end := itemEnd(text, loc[n-1])
		if comma < 0 || comma > loc[last+1] || end <= loc[n-1] {
			return "", nil, fmt.Errorf("cannot tell where the select list ends")
		}
		spans = append(spans, Span{comma, end})
	}
	spans = mergeSpans(spans)
	var b strings.Builder
	prev := 0
	for _, s := range spans {
		b.WriteString(text[prev:s.Start])
		prev = s.End
	}
	b.WriteString(text[prev:])
	out := b.String()

	after, err := Analyze(out)
	if err != nil {
		return "", nil, fmt.Errorf("the cut query does not parse: %v", err)
	}
	var want []Column
	for i, c := range before.Columns {
		if !dropped[i] {
			want = append(want, c)
		}
	}
	if !slices.Equal(after.Columns, want) {
		return "", nil, fmt.Errorf("the cut query has other columns than expected")
	}
	return out, spans, nil
}

// nextTopLevel returns the index of the first occurrence of punct at
// parenthesis depth 0 from text[i], outside strings and comments, or -1.
func nextTopLevel(text string, i int, punct string) int {
	depth := 0
	for i < len(text) {
		if j := skipToken(text, i); j > i {
			i = j
			continue
		}
		switch c := text[i]; {
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth--
			if depth < 0 {
				return -1
			}
		case depth == 0 && strings.HasPrefix(text[i:], punct):
			return i
		}
		i++
	}
	return -1
}

// endWords end a select list at depth 0.
var endWords = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"from": true, "into": true, "where": true, "group": true, "having": true, "window": true,
		"order": true, "limit": true, "offset": true, "fetch": true, "for": true, "union": true,
		"intersect": true, "except": true, "returning": true,
	}
})

// itemEnd returns the end of the last select item, which starts at
// text[i]: before the keyword, ')' or ';' ending the select list at depth
// 0, with trailing space and comments left out.
func itemEnd(text string, i int) int {
	depth, end := 0, i
	for i < len(text) {
		j := skipToken(text, i)
		if j > i {
			w := text[i:j]
			if depth == 0 && isIdentStart(w[0]) && endWords()[strings.ToLower(w)] {
				return end
			}
			if !strings.HasPrefix(w, "--") && !strings.HasPrefix(w, "/*") {
				end = j
			}
			i = j
			continue
		}
		switch c := text[i]; c {
		case '(', '[':
			depth++
		case ')', ']':
			depth--
			if depth < 0 {
				return end
			}
		case ';':
			if depth == 0 {
				return end
			}
		}
		if c := text[i]; c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			end = i + 1
		}
		i++
	}
	return end
}

func mergeSpans(spans []Span) []Span {
	slices.SortFunc(spans, func(a, b Span) int { return a.Start - b.Start })
	var out []Span
	for _, s := range spans {
		if k := len(out) - 1; k >= 0 && s.Start <= out[k].End {
			out[k].End = max(out[k].End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}
