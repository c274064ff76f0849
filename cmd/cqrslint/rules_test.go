package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cqrslint/cqrslint/analyzer"
)

// TestRuleDocs checks that every rule has a SARIF description and a page
// under docs/rules that its helpUri points to.
func TestRuleDocs(t *testing.T) {
	for _, id := range analyzer.Rules {
		d, ok := ruleDocs[id]
		require.True(t, ok, "ruleDocs has no entry for rule %s", id)
		require.Equal(t, id, d.ID)
		require.NotEmpty(t, d.Short)
		require.NotEmpty(t, d.Full)
		_, err := os.Stat(filepath.Join(testdata, "..", "..", "..", "docs", "rules", id+".md"))
		require.NoError(t, err, "helpUri %s", helpURI(id))
	}
	for id := range ruleDocs {
		require.True(t, slices.Contains(analyzer.Rules, id), "ruleDocs has %s, which is not a rule", id)
	}
}
