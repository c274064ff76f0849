package sqlinfo

import "strings"

// This file holds the little lexical knowledge the package needs before
// parsing: where quoted strings, quoted identifiers, comments,
// dollar-quoted strings, words and parameters start and end, so that
// Prepare and the nesting pre-scan look only at the rest of the SQL code.
// Every function here is linear in the length of its input and tolerates
// unterminated constructs (they run to the end of the text).

// isIdentByte reports whether c can continue an unquoted identifier
// (PostgreSQL also accepts '$' after the first character, and any byte of
// a multi-byte UTF-8 character).
func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= 0x80 ||
		'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// isIdentStart reports whether c can start an unquoted identifier.
func isIdentStart(c byte) bool {
	return c == '_' || c >= 0x80 || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// isDigit reports whether c is an ASCII digit.
func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// skipToken returns the index just past the token starting at s[i] when
// it is one whose inside the package must not look at: a quoted string
// (with its E, B, X, N or U& prefix), a quoted identifier, a comment, a
// dollar-quoted string, an identifier or keyword, a number, or a
// parameter $N. It returns i for anything else (punctuation, operators),
// which the caller examines. i must be at the start of a token.
func skipToken(s string, i int) int {
	switch c := s[i]; {
	case c == '\'':
		return skipString(s, i, false)
	case c == '"':
		return skipQuoted(s, i, '"')
	case c == '-':
		if i+1 < len(s) && s[i+1] == '-' {
			if j := strings.IndexAny(s[i:], "\n\r"); j >= 0 {
				return i + j + 1
			}
			return len(s)
		}
	case c == '/':
		if i+1 < len(s) && s[i+1] == '*' {
			return skipBlockComment(s, i)
		}
	case c == '$':
		if i+1 < len(s) && isDigit(s[i+1]) {
			j := i + 1
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			return j
		}
		return skipDollarQuoted(s, i)
	case isIdentStart(c):
		j := i + 1
		for j < len(s) && isIdentByte(s[j]) {
			j++
		}
		if j == i+1 && (c == 'E' || c == 'e') && j < len(s) && s[j] == '\'' {
			// E'...': a backslash escapes the next character.
			return skipString(s, j, true)
		}
		return j
	case isDigit(c):
		// 1, 1.5e3, 0x1F, 1_000; '$' does not continue a number.
		j := i + 1
		for j < len(s) && (isIdentByte(s[j]) && s[j] != '$' || s[j] == '.') {
			j++
		}
		return j
	}
	return i
}

// skipString skips a single-quoted string starting at s[i]. A doubled
// quote stands for one quote; in an E'...' string a backslash also escapes
// the next character.
func skipString(s string, i int, backslash bool) int {
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			if backslash {
				j++
			}
		case '\'':
			if j+1 < len(s) && s[j+1] == '\'' {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(s)
}

// skipQuoted skips text quoted with q (a doubled q stands for one q)
// starting at s[i].
func skipQuoted(s string, i int, q byte) int {
	for j := i + 1; j < len(s); j++ {
		if s[j] == q {
			if j+1 < len(s) && s[j+1] == q {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(s)
}

// skipBlockComment skips a /* ... */ comment starting at s[i]; like
// PostgreSQL's, such comments nest.
func skipBlockComment(s string, i int) int {
	depth := 0
	for j := i; j+1 < len(s); j++ {
		switch {
		case s[j] == '/' && s[j+1] == '*':
			depth++
			j++
		case s[j] == '*' && s[j+1] == '/':
			depth--
			j++
			if depth == 0 {
				return j + 1
			}
		}
	}
	return len(s)
}

// skipDollarQuoted skips a $tag$...$tag$ string starting at s[i], or
// returns i when s[i] does not open one.
func skipDollarQuoted(s string, i int) int {
	j := i + 1
	if j < len(s) && isIdentStart(s[j]) {
		for j < len(s) && isIdentByte(s[j]) && s[j] != '$' {
			j++
		}
	}
	if j >= len(s) || s[j] != '$' {
		return i
	}
	delim := s[i : j+1]
	if k := strings.Index(s[j+1:], delim); k >= 0 {
		return j + 1 + k + len(delim)
	}
	return len(s)
}

// nestingExceeds reports whether parentheses or brackets in the SQL code of
// s (outside strings and comments) nest deeper than limit. It stops at the
// first level beyond the limit.
func nestingExceeds(s string, limit int) bool {
	depth := 0
	for i := 0; i < len(s); {
		if j := skipToken(s, i); j > i {
			i = j
			continue
		}
		switch s[i] {
		case '(', '[':
			depth++
			if depth > limit {
				return true
			}
		case ')', ']':
			if depth > 0 {
				depth--
			}
		}
		i++
	}
	return false
}
