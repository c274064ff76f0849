package sqlinfo

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTemplateHoles(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		n        int
	}{
		{"SELECT a FROM t WHERE %query% ORDER BY %order%", "SELECT a FROM t WHERE  cqrslint_hole_m1_  ORDER BY  cqrslint_hole_m2_ ", 2},
		{"SELECT a FROM t WHERE {{ .Where }}", "SELECT a FROM t WHERE  cqrslint_hole_m1_ ", 1},
		{"SELECT a FROM %s WHERE b = %d", "SELECT a FROM  cqrslint_hole_m1_  WHERE b =  cqrslint_hole_m2_ ", 2},
		// Not markers: inside strings, quoted identifiers and comments; the
		// modulo operator after a word; a verb inside a word.
		{"SELECT a FROM t WHERE b LIKE '%name%' -- %order%", "", 0},
		{`SELECT "%x%" FROM t`, "", 0},
		{"SELECT a%b%c FROM t", "", 0},
		{"SELECT a FROM t WHERE b = %sx", "", 0},
		{"SELECT $$ %a% $$", "", 0},
	} {
		got, n := TemplateHoles(tc.in)
		assert.Equal(t, tc.n, n, tc.in)
		if tc.n == 0 {
			assert.Equal(t, tc.in, got)
			continue
		}
		assert.Equal(t, tc.want, got, tc.in)
		_, err := Analyze(got)
		assert.NoError(t, err, got)
	}
}
