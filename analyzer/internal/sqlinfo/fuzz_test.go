package sqlinfo

import (
	"errors"
	"regexp"
	"strconv"
	"testing"
)

// FuzzAnalyze checks that Analyze never panics, that an error is always a
// *SkipError, and that a nil error comes with a Statement whose parts are
// consistent.
func FuzzAnalyze(f *testing.F) {
	for _, tc := range analyzeCases() {
		f.Add(tc.sql)
	}
	for _, s := range []string{
		godSelect, userInsert, "", ";", "SELECT (((1)))", "SELECT $1 FROM t WHERE x = :y",
		"SELECT '((((' FROM t", "WITH RECURSIVE r AS (SELECT 1 UNION SELECT * FROM r) SELECT * FROM r",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sql string) {
		st, err := Analyze(sql)
		if err != nil {
			var se *SkipError
			if !errors.As(err, &se) {
				t.Fatalf("error %T %v is not a *SkipError", err, err)
			}
			if st != nil {
				t.Fatalf("non-nil statement with error %v", err)
			}
			if se.Reason == ReasonPanic {
				t.Fatalf("panic: %s", se.Detail)
			}
			return
		}
		if st == nil {
			t.Fatal("nil statement without error")
		}
		if st.Table != "" && !st.Writes {
			t.Fatalf("table %q without a write", st.Table)
		}
		if len(st.Written) > 0 && !st.Writes {
			t.Fatalf("written columns %v without a write", st.Written)
		}
		for n, use := range st.Params {
			if use.Column != "" && !use.Written {
				t.Fatalf("$%d has column %q but is not written", n, use.Column)
			}
		}
		for _, c := range st.Columns {
			if c.Name == "" {
				t.Fatalf("unnamed column %+v", c)
			}
			if c.Star && c.Compute.IsComputed() && c.Name != "*" {
				t.Fatalf("bad star column %+v", c)
			}
		}
	})
}

// dollarParam matches a $N parameter.
var dollarParam = regexp.MustCompile(`\$([0-9]+)`)

// FuzzPrepare checks that Prepare never panics, is idempotent, and returns
// distinct names, one for each number it introduced.
func FuzzPrepare(f *testing.F) {
	for _, s := range []string{
		"SELECT * FROM t WHERE a = :a AND b = :b AND c = :a",
		"SELECT :id::bigint, x::text, ':x', E'\\':y', \"q:z\", $$ :w $$",
		"SELECT a -- :x\n/* :y /* :z */ */ FROM t WHERE c = ?",
		"SELECT * FROM t WHERE data ?| array['a'] AND x = ? AND y = ?",
		"SELECT f(a := 1), arr[1:2], :user.id, :a::::int",
		"SELECT $tag$ :x $tag$, a$b, $1",
		"", ":", "::", "?", "'", "$", "$$", "/*", "--", "E'\\",
	} {
		f.Add(s)
	}
	for _, tc := range analyzeCases() {
		f.Add(tc.sql)
	}
	f.Fuzz(func(t *testing.T, text string) {
		out, names := Prepare(text)
		again, names2 := Prepare(out)
		if again != out {
			t.Fatalf("not idempotent:\n%q\n%q\n%q", text, out, again)
		}
		if names2 != nil {
			t.Fatalf("second pass found names %q in %q", names2, out)
		}
		if names == nil {
			return
		}
		if len(names) == 0 {
			t.Fatal("empty non-nil names")
		}
		seen := map[string]bool{}
		for _, n := range names {
			if n == "" || seen[n] {
				t.Fatalf("bad or repeated name %q in %q", n, names)
			}
			seen[n] = true
		}
		max := 0
		for _, m := range dollarParam.FindAllStringSubmatch(out, -1) {
			if k, err := strconv.Atoi(m[1]); err == nil && k > max && k <= len(names) {
				max = k
			}
		}
		if max != len(names) {
			t.Fatalf("names %q but highest introduced parameter $%d in %q", names, max, out)
		}
	})
}
