package analyzer

import "github.com/cqrslint/cqrslint/analyzer/internal/sqlinfo"

// script reads text, which holds several statements, as a script sent by
// an Exec with no bind arguments (migrations, schema set-up): each of its
// statements is added to the site, as what it executes. It reports
// whether it could; other calls keep the "not exactly one statement"
// skip, since their columns or parameters would be ambiguous.
func (st *state) script(s *callSite, text string) bool {
	if s.entry.kind != kindExec || s.entry.args < 0 || len(s.call.Args) > s.entry.args {
		return false
	}
	stmts, err := sqlinfo.AnalyzeScript(text)
	if err != nil {
		return false
	}
	for _, stmt := range stmts {
		s.stmts = append(s.stmts, stmt)
		s.names = append(s.names, nil)
	}
	return true
}
