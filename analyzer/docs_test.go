package analyzer_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cqrslint/cqrslint/analyzer"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis/analysistest"
)

// docPrelude makes a documentation snippet a package: the snippets use
// a Service with a pgx pool.
const docPrelude = `package %s

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"
)

type Service struct{ pool *pgxpool.Pool }

var _ context.Context
`

// docBlock is one Go snippet of a rule page and whether the page calls it
// bad (a finding expected) or good (none).
type docBlock struct {
	code string
	bad  bool
	line int
}

var fence = regexp.MustCompile("(?s)```go\n(.*?)```")

// docBlocks returns the Go snippets of a page. A snippet is bad when the
// paragraph right before it is a "## Bad" heading or starts with "Bad".
func docBlocks(t *testing.T, page string) []docBlock {
	data, err := os.ReadFile(page)
	require.NoError(t, err)
	text := string(data)
	var out []docBlock
	prev := 0
	for _, m := range fence.FindAllStringSubmatchIndex(text, -1) {
		paras := strings.Split(strings.TrimSpace(text[prev:m[0]]), "\n\n")
		last := paras[len(paras)-1]
		bad := strings.HasPrefix(last, "## Bad") || strings.HasPrefix(last, "Bad")
		out = append(out, docBlock{code: text[m[2]:m[3]], bad: bad, line: strings.Count(text[:m[0]], "\n") + 1})
		prev = m[1]
	}
	return out
}

// recorder collects what analysistest would report as test failures: the
// diagnostics a snippet gets, since snippets carry no want comments.
type recorder struct{ errs []string }

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// TestRulePageSnippets analyzes every Go snippet of docs/rules/god-struct.md:
// the bad ones must be reported, the good ones (the fix, the cases the rule
// leaves alone) must not.
func TestRulePageSnippets(t *testing.T) {
	blocks := docBlocks(t, filepath.Join("..", "docs", "rules", "god-struct.md"))
	require.NotEmpty(t, blocks)
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "src"), 0o755))
	stubs, err := filepath.Abs(filepath.Join(testdata(t), "src", "github.com"))
	require.NoError(t, err)
	require.NoError(t, os.Symlink(stubs, filepath.Join(dir, "src", "github.com")))
	bad, good := 0, 0
	for i, b := range blocks {
		pkg := fmt.Sprintf("snippet%d", i)
		require.NoError(t, os.MkdirAll(filepath.Join(dir, "src", pkg), 0o755))
		src := fmt.Sprintf(docPrelude, pkg) + b.code
		require.NoError(t, os.WriteFile(filepath.Join(dir, "src", pkg, "doc.go"), []byte(src), 0o644))
		rec := &recorder{}
		results := analysistest.Run(rec, dir, analyzer.New(analyzer.Options{}), pkg)
		require.Len(t, results, 1, "snippet at god-struct.md:%d", b.line)
		require.NoError(t, results[0].Err, "snippet at god-struct.md:%d", b.line)
		n := len(results[0].Diagnostics)
		if b.bad {
			bad++
			assert.NotZero(t, n, "the bad snippet at god-struct.md:%d is not reported", b.line)
		} else {
			good++
			assert.Zero(t, n, "the good snippet at god-struct.md:%d is reported: %v", b.line, rec.errs)
		}
	}
	assert.GreaterOrEqual(t, bad, 3)
	assert.GreaterOrEqual(t, good, 5)
}
