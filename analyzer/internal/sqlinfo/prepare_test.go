package sqlinfo

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPrepare(t *testing.T) {
	for _, tc := range []struct {
		name  string
		in    string
		out   string
		names []string
	}{
		{
			name:  "named parameters",
			in:    `INSERT INTO users (email, display_name) VALUES (:email, :display_name)`,
			out:   `INSERT INTO users (email, display_name) VALUES ($1, $2)`,
			names: []string{"email", "display_name"},
		},
		{
			name:  "repeated names keep their number",
			in:    `UPDATE users SET bio = coalesce(:bio, bio), name = :name WHERE id = :id AND :bio IS NOT NULL`,
			out:   `UPDATE users SET bio = coalesce($1, bio), name = $2 WHERE id = $3 AND $1 IS NOT NULL`,
			names: []string{"bio", "name", "id"},
		},
		{
			name:  "casts are left alone",
			in:    `SELECT count(*)::int, :id::bigint, x::text[] FROM t WHERE y = :y::uuid`,
			out:   `SELECT count(*)::int, $1::bigint, x::text[] FROM t WHERE y = $2::uuid`,
			names: []string{"id", "y"},
		},
		{
			name:  "sqlx escaped cast",
			in:    `SELECT :id::::bigint`,
			out:   `SELECT $1::bigint`,
			names: []string{"id"},
		},
		{
			name:  "dotted and underscored names",
			in:    `SELECT * FROM t WHERE a = :user.id AND b = :_b2.`,
			out:   `SELECT * FROM t WHERE a = $1 AND b = $2.`,
			names: []string{"user.id", "_b2"},
		},
		{
			name:  "quoted strings and identifiers",
			in:    `SELECT ':x', "a:b", 'it''s :y', E'\':z', U&':w' FROM t WHERE c = :c`,
			out:   `SELECT ':x', "a:b", 'it''s :y', E'\':z', U&':w' FROM t WHERE c = $1`,
			names: []string{"c"},
		},
		{
			name:  "comments",
			in:    "SELECT a -- :x ?\n, b /* :y /* nested :z */ ? */ FROM t WHERE c = :c",
			out:   "SELECT a -- :x ?\n, b /* :y /* nested :z */ ? */ FROM t WHERE c = $1",
			names: []string{"c"},
		},
		{
			name:  "dollar-quoted strings",
			in:    `SELECT $$ :x ? $$, $tag$ :y $$ :z $tag$, a$b FROM t WHERE c = :c`,
			out:   `SELECT $$ :x ? $$, $tag$ :y $$ :z $tag$, a$b FROM t WHERE c = $1`,
			names: []string{"c"},
		},
		{
			name: "assignment and slices",
			in:   `SELECT f(a := 1), arr[1:2], arr[:3] FROM t`,
			out:  `SELECT f(a := 1), arr[1:2], arr[:3] FROM t`,
		},
		{
			name: "question marks",
			in:   `SELECT * FROM t WHERE a = ? AND b IN (?, ?) AND c = '?'`,
			out:  `SELECT * FROM t WHERE a = $1 AND b IN ($2, $3) AND c = '?'`,
		},
		{
			name: "jsonb operators next to dollar parameters",
			in:   `SELECT * FROM t WHERE data ? $1 AND data ?| $2 AND data ?& $3`,
			out:  `SELECT * FROM t WHERE data ? $1 AND data ?| $2 AND data ?& $3`,
		},
		{
			name: "jsonb operators without parameters",
			in:   `SELECT * FROM t WHERE data ?| array['a'] AND data ?& array['b']`,
			out:  `SELECT * FROM t WHERE data ?| array['a'] AND data ?& array['b']`,
		},
		{
			name: "jsonb operator before a string with placeholders",
			in:   `SELECT id FROM t WHERE data ? 'admin' AND id = ?`,
			out:  `SELECT id FROM t WHERE data ? 'admin' AND id = $1`,
		},
		{
			name:  "question mark kept with named parameters",
			in:    `SELECT * FROM t WHERE data ? :key`,
			out:   `SELECT * FROM t WHERE data ? $1`,
			names: []string{"key"},
		},
		{
			name: "nothing to do",
			in:   `SELECT id FROM users WHERE id = $1`,
			out:  `SELECT id FROM users WHERE id = $1`,
		},
		{
			name: "a parameter after a word is no parameter",
			in:   `SELECT arr[lo:hi], data?'k', x:y FROM t WHERE a = ?`,
			out:  `SELECT arr[lo:hi], data?'k', x:y FROM t WHERE a = $1`,
		},
		{
			name: "dollar quote right after a parameter",
			in:   `SELECT $1$$ :x $$`,
			out:  `SELECT $1$$ :x $$`,
		},
		// Regression tests for fuzzing finds (Prepare was not idempotent).
		{name: "fuzz: name after a number", in: "?0:A", out: "?0:A"},
		{name: "fuzz: name after a word", in: "?A:A0", out: "?A:A0"},
		{name: "fuzz: question mark after a word", in: "A?$$?", out: "A?$$?"},
		{name: "fuzz: unterminated dollar quote", in: "?$$ :A", out: "?$$ :A"},
		{name: "fuzz: question mark before a number", in: "? ?0", out: "$1 ?0"},
		{
			name: "unterminated constructs",
			in:   `SELECT ':x`,
			out:  `SELECT ':x`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, names := Prepare(tc.in)
			assert.Equal(t, tc.out, out)
			assert.Equal(t, tc.names, names)
		})
	}
}

// TestPrepareThenAnalyze checks that prepared sqlx text parses and that the
// names line up with the parameters.
func TestPrepareThenAnalyze(t *testing.T) {
	text, names := Prepare(`UPDATE users SET bio = coalesce(:bio, bio), display_name = :name WHERE id = :id::bigint`)
	require.Equal(t, []string{"bio", "name", "id"}, names)
	st, err := Analyze(text)
	require.NoError(t, err)
	assert.Equal(t, map[int]ParamUse{1: into("bio"), 2: into("display_name"), 3: notWritten}, withoutRelations(*st).Params)
}
