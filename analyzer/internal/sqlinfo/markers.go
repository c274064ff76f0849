package sqlinfo

import (
	"strconv"
	"strings"
)

// MarkerHole starts the holes TemplateHoles makes, after HolePrefix.
const MarkerHole = HolePrefix + "m"

// TemplateHoles replaces the template markers of otherwise ordinary
// PostgreSQL with holes (identifiers starting with HolePrefix), so that
// the parser accepts the text and a hole in the output can be seen:
//
//   - %name% markers that a program replaces before sending the text
//     (strings.ReplaceAll(q, "%order%", ...)): a letter or '_', then
//     letters, digits, '_' and '.';
//   - {{ ... }} template actions (text/template), up to the next }};
//   - fmt verbs %s, %d, %v and %q not inside a word (fmt.Sprintf(q, ...)
//     where q comes from a file).
//
// Quoted strings, quoted identifiers, comments and dollar-quoted strings
// are copied unchanged: a LIKE pattern '%name%' stays a pattern. It
// returns the rewritten text and the number of holes made.
func TemplateHoles(text string) (string, int) {
	var b strings.Builder
	n, last := 0, 0
	hole := func(start, end int) {
		n++
		b.WriteString(text[last:start])
		b.WriteString(" " + MarkerHole + strconv.Itoa(n) + "_ ")
		last = end
	}
	for i := 0; i < len(text); {
		switch c := text[i]; {
		case c == '%':
			if end := markerEnd(text, i); end > i {
				hole(i, end)
				i = end
				continue
			}
		case c == '{' && strings.HasPrefix(text[i:], "{{"):
			if j := strings.Index(text[i+2:], "}}"); j >= 0 {
				end := i + 2 + j + 2
				hole(i, end)
				i = end
				continue
			}
		}
		if j := skipToken(text, i); j > i {
			i = j
			continue
		}
		i++
	}
	if n == 0 {
		return text, 0
	}
	b.WriteString(text[last:])
	return b.String(), n
}

// markerEnd returns the end of a %name% marker or a fmt verb at text[i],
// or i when there is none.
func markerEnd(text string, i int) int {
	if i > 0 && isIdentByte(text[i-1]) {
		return i // a % b%c: an operator after a word
	}
	j := i + 1
	if j < len(text) && isIdentStart(text[j]) {
		k := j + 1
		for k < len(text) && (isIdentByte(text[k]) && text[k] != '$' || text[k] == '.') {
			k++
		}
		if k < len(text) && text[k] == '%' {
			return k + 1 // %name%
		}
	}
	if j < len(text) && strings.IndexByte("sdvq", text[j]) >= 0 && (j+1 == len(text) || !isIdentByte(text[j+1])) {
		return j + 1 // %s
	}
	return i
}
