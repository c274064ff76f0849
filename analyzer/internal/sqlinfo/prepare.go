package sqlinfo

import (
	"strconv"
	"strings"
)

// Prepare rewrites driver-level placeholders so that the PostgreSQL parser
// accepts the text:
//
//   - sqlx named parameters :name become $1, $2, ...; the same name reuses
//     its number. A name starts with a letter or '_' and goes on with
//     letters, digits, '_' and '.' (sqlx's :user.id). A cast ::type, the
//     named-argument arrow := and array slices ([1:2], [lo:hi]: a colon
//     right after a word) are left alone; "::::", sqlx's escape for a
//     literal "::", becomes "::".
//   - ? placeholders become $1, $2, ... in order, but only when the text has
//     neither $N nor :name parameters, and never in ?| or ?&, right next to
//     a word or before a string literal (data?key, data ? 'key'): there a
//     '?' is the jsonb operator.
//
// Quoted strings (including E'...'), quoted identifiers, comments and
// dollar-quoted strings are copied unchanged. Prepare returns the
// rewritten text and the names in parameter order: names[N-1] is the name
// bound to $N. names is nil when there were no :name parameters. Mixing
// :name and $N in one text is not supported: numbering starts at 1.
func Prepare(text string) (string, []string) {
	var (
		edits  []placeholder
		named  bool // a :name parameter was seen
		dollar bool // a $N parameter was seen
	)
	for i := 0; i < len(text); {
		switch c := text[i]; {
		case c == ':':
			p, next := scanColon(text, i)
			if p.end > p.start {
				edits = append(edits, p)
				named = named || p.name != ""
			}
			i = next
			continue
		case c == '?':
			if i+1 < len(text) && (text[i+1] == '|' || text[i+1] == '&') {
				i += 2
				continue
			}
			if isPlaceholder(text, i) {
				edits = append(edits, placeholder{start: i, end: i + 1, question: true})
			}
		case c == '$' && i+1 < len(text) && isDigit(text[i+1]):
			dollar = true
		}
		if j := skipToken(text, i); j > i {
			i = j
			continue
		}
		i++
	}
	positional := !named && !dollar
	if !positional && !hasReplacement(edits) {
		return text, nil
	}
	return rewrite(text, edits, positional)
}

// isPlaceholder reports whether the '?' at text[i] can be a placeholder
// rather than the jsonb operator: it does not touch a word, and no string
// literal follows it (data ? 'key').
func isPlaceholder(text string, i int) bool {
	if i > 0 && isIdentByte(text[i-1]) || i+1 < len(text) && isIdentByte(text[i+1]) {
		return false
	}
	j := i + 1
	for j < len(text) && strings.IndexByte(" \t\r\n", text[j]) >= 0 {
		j++
	}
	return j == len(text) || text[j] != '\''
}

// hasReplacement reports whether edits hold anything but '?'.
func hasReplacement(edits []placeholder) bool {
	for _, p := range edits {
		if !p.question {
			return true
		}
	}
	return false
}

// placeholder is a span of text to replace: a :name parameter (name set),
// a '?' (question set) or a literal replacement.
type placeholder struct {
	start, end  int
	name        string
	question    bool
	replacement string
}

// scanColon looks at the colon run starting at text[i]. It returns a
// placeholder to rewrite (end > start) or an empty one, and the index to
// continue scanning from.
func scanColon(text string, i int) (placeholder, int) {
	j := i
	for j < len(text) && text[j] == ':' {
		j++
	}
	switch run := j - i; {
	case run == 4:
		return placeholder{start: i, end: j, replacement: "::"}, j
	case run > 1:
		// A ::type cast, or something that is not ours to touch.
		return placeholder{}, j
	}
	if j >= len(text) || !isIdentStart(text[j]) || i > 0 && isIdentByte(text[i-1]) {
		// ":=", an array slice [1:2] or [lo:hi], or a stray colon.
		return placeholder{}, j
	}
	k := j
	for k < len(text) && (isNameByte(text[k]) || text[k] == '.' && k+1 < len(text) && isIdentStart(text[k+1])) {
		k++
	}
	return placeholder{start: i, end: k, name: text[j:k]}, k
}

// isNameByte reports whether c continues a sqlx parameter name (letters,
// digits and '_'; unlike SQL identifiers, not '$').
func isNameByte(c byte) bool { return c != '$' && isIdentByte(c) }

// rewrite applies edits to text: each :name becomes $N, the same name
// keeping its number; each '?' becomes the next $N when positional is set
// (and is kept otherwise); literal replacements are applied as they are.
func rewrite(text string, edits []placeholder, positional bool) (string, []string) {
	if len(edits) == 0 {
		return text, nil
	}
	var (
		b      strings.Builder
		names  []string
		number map[string]int
		n      int // last number given to a '?'
		last   int
	)
	b.Grow(len(text) + 2*len(edits))
	for _, p := range edits {
		b.WriteString(text[last:p.start])
		last = p.end
		switch {
		case p.name != "":
			k, ok := number[p.name]
			if !ok {
				if number == nil {
					number = map[string]int{}
				}
				names = append(names, p.name)
				k = len(names)
				number[p.name] = k
			}
			writeParam(&b, k)
		case p.question && positional:
			n++
			writeParam(&b, n)
		case p.question:
			b.WriteByte('?')
		default:
			b.WriteString(p.replacement)
		}
	}
	b.WriteString(text[last:])
	return b.String(), names
}

// writeParam writes $n to b.
func writeParam(b *strings.Builder, n int) {
	b.WriteByte('$')
	b.WriteString(strconv.Itoa(n))
}
