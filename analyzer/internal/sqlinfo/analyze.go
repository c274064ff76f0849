package sqlinfo

import (
	"fmt"
	"strings"
)

// Bounds on the input, checked before parsing.
const (
	// maxSQLBytes bounds the length of the text.
	maxSQLBytes = 1 << 20
	// maxNesting bounds the nesting of parentheses and brackets. The parser
	// is recursive, and its time grows with the square of the nesting; real
	// queries stay far below this.
	maxNesting = 200
)

// Analyze parses text, which must hold exactly one PostgreSQL statement
// (with $N parameters: see Prepare), and classifies it. On failure the
// error is a *SkipError whose reason says why. Analyze is a pure function,
// safe for concurrent use.
func Analyze(text string) (st *Statement, err error) {
	defer func() {
		// A last resort: a panic in the parser or the classifier must not
		// take the analysis down.
		if r := recover(); r != nil {
			st, err = nil, skip(ReasonPanic, fmt.Sprint(r))
		}
	}()
	stmts, err := parseBounded(text)
	if err != nil {
		return nil, err
	}
	if len(stmts) > 1 {
		return nil, skip(ReasonStatements, fmt.Sprintf("%d statements", len(stmts)))
	}
	return classify(stmts[0])
}

// parseBounded checks text against the input bounds and parses it into
// one or more statements; errors are *SkipError.
func parseBounded(text string) ([]*node, error) {
	if len(text) > maxSQLBytes {
		return nil, skip(ReasonTooLarge, fmt.Sprintf("%d bytes, more than %d", len(text), maxSQLBytes))
	}
	if strings.TrimSpace(text) == "" {
		return nil, skip(ReasonEmpty, "")
	}
	if nestingExceeds(text, maxNesting) {
		return nil, skip(ReasonTooDeep, fmt.Sprintf("parentheses nest deeper than %d", maxNesting))
	}
	stmts, perr := parse(text)
	switch {
	case perr != nil:
		return nil, skip(ReasonParse, perr.Error())
	case len(stmts) == 0:
		return nil, skip(ReasonEmpty, "no statement, only comments or semicolons")
	}
	return stmts, nil
}
