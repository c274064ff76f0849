package sqlinfo

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAnalyzeErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		sql    string
		reason string
	}{
		{"garbage", "this is not sql at all", ReasonParse},
		{"fragment", "WHERE id = $1 AND", ReasonParse},
		{"sqlx parameter not prepared", "SELECT * FROM users WHERE id = :id", ReasonParse},
		{"question mark not prepared", "SELECT * FROM users WHERE id = ?", ReasonParse},
		{"two statements", "SELECT 1; SELECT 2", ReasonStatements},
		{"empty", "", ReasonEmpty},
		{"blank", " \n\t ", ReasonEmpty},
		{"only a comment", "-- nothing here\n", ReasonEmpty},
		{"only semicolons", ";;", ReasonEmpty},
		{"too large", "SELECT 1 " + strings.Repeat(" ", maxSQLBytes), ReasonTooLarge},
		{"deeply nested", "SELECT " + strings.Repeat("(", maxSQLBytes-100), ReasonTooDeep},
		{"just too deep", "SELECT " + strings.Repeat("(", maxNesting+1) + "1" + strings.Repeat(")", maxNesting+1), ReasonTooDeep},
		{"deep brackets", "SELECT ARRAY" + strings.Repeat("[", maxNesting+1), ReasonTooDeep},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, err := Analyze(tc.sql)
			require.Error(t, err)
			assert.Nil(t, st)
			var se *SkipError
			require.True(t, errors.As(err, &se), "error %T is not a *SkipError", err)
			assert.Equal(t, tc.reason, se.Reason)
			assert.Equal(t, tc.reason, err.Error())
		})
	}
}

// TestAnalyzeDeepButAccepted checks inputs that are deep or long without
// nesting parentheses: they must be classified (or refused) quickly, and
// never crash. Parentheses inside strings and comments do not count.
func TestAnalyzeDeepButAccepted(t *testing.T) {
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for _, tc := range []struct {
		name string
		sql  string
	}{
		{"nested just within bound", "SELECT " + strings.Repeat("(", maxNesting) + "1" + strings.Repeat(")", maxNesting)},
		{"parentheses in a string", "SELECT '" + strings.Repeat("(", 10*maxNesting) + "'"},
		{"parentheses in a comment", "SELECT 1 /* " + strings.Repeat("(", 10*maxNesting) + " */"},
		{"NOT chain", "SELECT " + strings.Repeat("NOT ", n) + "true"},
		{"unary minus chain", "SELECT " + strings.Repeat("- ", n) + "1"},
		{"long sum with a param", "SELECT 1" + strings.Repeat(" + 1", n) + " + $1"},
		{"long cast chain", "SELECT count(*)" + strings.Repeat("::int", n) + " FROM t"},
		{"long CASE chain", "SELECT " + strings.Repeat("CASE WHEN x THEN 1 ELSE ", n/4) + "count(*)" + strings.Repeat(" END", n/4) + " FROM t"},
		{"long UNION", "SELECT 1" + strings.Repeat(" UNION ALL SELECT count(*) FROM t", n/4)},
		{"long JOIN chain", "SELECT a.id FROM a" + strings.Repeat(" JOIN b ON true", n/4)},
		{"many VALUES rows", "INSERT INTO t (a, b) VALUES ($1, $2)" + strings.Repeat(", ($1, $2)", n)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, err := Analyze(tc.sql)
			if err == nil {
				assert.NotNil(t, st)
			} else {
				var se *SkipError
				assert.True(t, errors.As(err, &se))
			}
		})
	}
}

// TestAnalyzeDeepClassification checks what deep inputs classify as.
func TestAnalyzeDeepClassification(t *testing.T) {
	st, err := Analyze("SELECT count(*)" + strings.Repeat("::int", 5000) + " FROM t")
	require.NoError(t, err)
	assert.Equal(t, []Column{computed("count", Aggregate)}, st.Columns)

	st, err = Analyze("SELECT 1 AS n" + strings.Repeat(" UNION ALL SELECT 2", 5000) + " UNION ALL SELECT count(*) FROM t")
	require.NoError(t, err)
	assert.Equal(t, []Column{computed("n", Aggregate)}, st.Columns)

	st, err = Analyze("INSERT INTO t (a, b) VALUES ($1, $2)" + strings.Repeat(", ($3, $4)", 5000))
	require.NoError(t, err)
	assert.Equal(t, map[int]ParamUse{1: into("a"), 2: into("b"), 3: into("a"), 4: into("b")}, withoutRelations(*st).Params)
}

func TestNestingExceeds(t *testing.T) {
	assert.False(t, nestingExceeds("((a))", 2))
	assert.True(t, nestingExceeds("(((a)))", 2))
	assert.False(t, nestingExceeds("(a)(b)(c)", 1))
	assert.False(t, nestingExceeds("')))((((' || $x$((($x$ || \"(((\" -- (((\n", 0))
	assert.False(t, nestingExceeds(")))(((", 3), "unbalanced closers do not go below zero")
	assert.True(t, nestingExceeds("[[[", 2))
}

// TestAnalyzeBudget checks statements whose classification would explode:
// each CTE joins the previous one to itself, doubling the columns `*`
// stands for.
func TestAnalyzeBudget(t *testing.T) {
	var b strings.Builder
	b.WriteString("WITH a0 AS (SELECT 1 AS x)")
	for i := 1; i < 40; i++ {
		fmt.Fprintf(&b, ", a%d AS (SELECT * FROM a%d p, a%d q)", i, i-1, i-1)
	}
	b.WriteString(" SELECT * FROM a39")
	st, err := Analyze(b.String())
	assert.Nil(t, st)
	var se *SkipError
	require.True(t, errors.As(err, &se))
	assert.Equal(t, ReasonTooLarge, se.Reason)
}

// TestAnalyzeSharedMultiAssign checks SET (a, b, ...) = (...) with many
// columns: the source shared by every column is walked once.
func TestAnalyzeSharedMultiAssign(t *testing.T) {
	const n = 5000
	cols := make([]string, n)
	vals := make([]string, n)
	want := make(map[int]ParamUse, n+1)
	for i := range cols {
		cols[i] = fmt.Sprintf("c%d", i)
		vals[i] = fmt.Sprintf("$%d", i+1)
		want[i+1] = into(cols[i])
	}
	want[n+1] = notWritten
	sql := fmt.Sprintf("UPDATE t SET (%s) = (%s) WHERE id = $%d", strings.Join(cols, ", "), strings.Join(vals, ", "), n+1)
	st, err := Analyze(sql)
	require.NoError(t, err)
	assert.Equal(t, cols, st.Written)
	assert.Equal(t, want, withoutRelations(*st).Params)
}
