package sqlinfo

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCutColumns(t *testing.T) {
	const god = `SELECT u.id, u.email,
	       (SELECT count(*) FROM posts p WHERE p.author_id = u.id) AS post_count,
	       u.name
	FROM users u WHERE u.id = $1`
	for _, tc := range []struct {
		name, text string
		drop       []int
		want       string
	}{
		{"middle", god, []int{2}, "SELECT u.id, u.email,\n\t       u.name\n\tFROM users u WHERE u.id = $1"},
		{"first", `SELECT count(*) OVER (), id FROM t`, []int{0}, `SELECT id FROM t`},
		{"last", `SELECT id, (SELECT max(x) FROM u) AS m FROM t`, []int{1}, `SELECT id FROM t`},
		{"last two", `SELECT id, (SELECT 1, 2)[1], sum(x) OVER () /* w */ FROM t`, []int{1, 2}, `SELECT id /* w */ FROM t`},
		{"no from", `SELECT $1::int, (SELECT 1)`, []int{1}, `SELECT $1::int`},
		{"from inside", `SELECT id, (SELECT count(*) FROM posts WHERE a IS DISTINCT FROM b) FROM t`, []int{1}, `SELECT id FROM t`},
		{"every other", `SELECT a, (SELECT 1), b, (SELECT 2), c FROM t`, []int{1, 3}, `SELECT a, b, c FROM t`},
		{"cte", `WITH c AS (SELECT 1 AS n) SELECT id, (SELECT n FROM c) FROM t`, []int{1}, `WITH c AS (SELECT 1 AS n) SELECT id FROM t`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, spans, err := CutColumns(tc.text, tc.drop)
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
			require.NotEmpty(t, spans)
		})
	}
	for _, tc := range []struct{ name, text string }{
		{"order by number", `SELECT id, (SELECT 1) FROM t ORDER BY 2`},
		{"order by alias", `SELECT id, (SELECT 1) AS n FROM t ORDER BY n`},
		{"group by number", `SELECT id, count(*) FROM t GROUP BY 1`},
		{"distinct", `SELECT DISTINCT id, (SELECT 1) FROM t`},
		{"union", `SELECT id, (SELECT 1) FROM t UNION SELECT id, 2 FROM u`},
		{"all", `SELECT (SELECT 1)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			drop := []int{1}
			if tc.name == "all" {
				drop = []int{0}
			}
			_, _, err := CutColumns(tc.text, drop)
			require.Error(t, err)
		})
	}
}
