package sqlinfo

import "fmt"

// maxScriptStatements bounds the statements of one script.
const maxScriptStatements = 200

// AnalyzeScript parses text, which may hold several statements (a
// migration or schema script sent with one Exec), and classifies each.
// Like Analyze, it fails with a *SkipError; a script whose statements
// cannot all be classified fails as a whole, with the first reason.
func AnalyzeScript(text string) (sts []*Statement, err error) {
	defer func() {
		if r := recover(); r != nil {
			sts, err = nil, skip(ReasonPanic, fmt.Sprint(r))
		}
	}()
	stmts, err := parseBounded(text)
	if err != nil {
		return nil, err
	}
	if len(stmts) > maxScriptStatements {
		return nil, skip(ReasonStatements, fmt.Sprintf("%d statements, more than %d", len(stmts), maxScriptStatements))
	}
	for _, n := range stmts {
		st, err := classify(n)
		if err != nil {
			return nil, err
		}
		sts = append(sts, st)
	}
	return sts, nil
}
