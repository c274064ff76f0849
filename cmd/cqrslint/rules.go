package main

import "github.com/cqrslint/cqrslint/analyzer"

// A ruleDoc describes one rule for the SARIF rule catalogue.
// TestRuleDocs checks there is one for each of analyzer.Rules.
type ruleDoc struct {
	ID    string
	Short string // one line
	Full  string
}

// The texts follow docs/rules/<rule>.md.
var ruleDocs = map[string]ruleDoc{
	analyzer.RuleGodStruct: {
		ID:    analyzer.RuleGodStruct,
		Short: "struct serves both the write model and the read model",
		Full: "A struct receives both stored columns and computed columns (scalar subqueries, aggregates, " +
			"window functions, EXISTS/ARRAY subqueries) from one SELECT, and is on the write side: the SELECT " +
			"runs on a write path, in a getter a write path calls, or the struct is also written. Every command " +
			"then pays for the heaviest read. Split it into a command model that carries only what the write " +
			"needs and a query model for the read.",
	},
	analyzer.RuleUnusedComputed: {
		ID:    analyzer.RuleUnusedComputed,
		Short: "computed column on a write path is never read",
		Full: "On a write path, a SELECT computes a column (scalar subquery, aggregate, window function) and " +
			"scans it into a destination that is never read afterwards. The command pays for the computation " +
			"on every call and throws the result away: drop the column from the query.",
	},
	analyzer.RuleIgnoreDirective: {
		ID:    analyzer.RuleIgnoreDirective,
		Short: "//cqrslint:ignore comment that cannot suppress anything",
		Full: "A //cqrslint:ignore comment names a rule cqrslint does not know, or names none, so the finding it " +
			"was written for is still reported or it hides nothing; with -strict, also a comment that suppressed no " +
			"finding on its line or the next. Fix the rule name, or remove the comment.",
	},
}

// catalogue lists the rule docs in analyzer.Rules order.
func catalogue() []ruleDoc {
	var out []ruleDoc
	for _, id := range analyzer.Rules {
		d, ok := ruleDocs[id]
		if !ok {
			d = ruleDoc{ID: id, Short: id, Full: id}
		}
		out = append(out, d)
	}
	return out
}

func helpURI(rule string) string { return analyzer.URL + rule + ".md" }
