package after_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/cqrslint/cqrslint/demo/after"
	"github.com/cqrslint/cqrslint/demo/internal/pgserver"
	pg_query "github.com/sqlc-dev/oliphant"
)

// testStatements checks, with the statements pgx actually sent (the
// connection's tracer records them), that each command sends exactly the
// expected statements and that none of them, nor the profile query,
// computes anything: no subquery, no aggregate, no window function.
func testStatements(t *testing.T, srv *pgserver.Server) {
	_, c, d := newSchema(t, srv, small())
	ctx := t.Context()
	celeb := d.Celebrities()[0]
	var id int64
	steps := []struct {
		name string
		run  func(*after.Commands, *after.Queries) error
		want []string
	}{
		{"RegisterUser", func(cmd *after.Commands, _ *after.Queries) (err error) {
			id, err = cmd.RegisterUser(ctx, after.RegisterUser{Email: "s@example.com", PasswordHash: "x", DisplayName: "S"})
			return err
		}, []string{"begin", after.InsertUser, after.InsertStats, "commit"}},
		{"PublishPost", func(cmd *after.Commands, _ *after.Queries) error {
			_, err := cmd.PublishPost(ctx, after.PublishPost{AuthorID: id, Body: "b"})
			return err
		}, []string{"begin", after.InsertPost, after.IncPosts, "commit"}},
		{"FollowUser", func(cmd *after.Commands, _ *after.Queries) error {
			return cmd.FollowUser(ctx, after.FollowUser{FollowerID: id, FolloweeID: celeb})
		}, []string{"begin", after.InsertFollow, after.IncFollowers, "commit"}},
		{"FollowUser again (no-op)", func(cmd *after.Commands, _ *after.Queries) error {
			return cmd.FollowUser(ctx, after.FollowUser{FollowerID: id, FolloweeID: celeb})
		}, []string{"begin", after.InsertFollow, "commit"}},
		{"UnfollowUser", func(cmd *after.Commands, _ *after.Queries) error {
			return cmd.UnfollowUser(ctx, after.UnfollowUser{FollowerID: id, FolloweeID: celeb})
		}, []string{"begin", after.DeleteFollow, after.DecFollowers, "commit"}},
		{"FollowUser, deferred", func(*after.Commands, *after.Queries) error {
			return after.NewCommands(c, after.Deferred).FollowUser(ctx, after.FollowUser{FollowerID: id, FolloweeID: celeb})
		}, []string{"begin", after.InsertFollow, after.InsertFollower, "commit"}},
		{"ChangeEmail", func(cmd *after.Commands, _ *after.Queries) error {
			return cmd.ChangeEmail(ctx, after.ChangeEmail{UserID: id, Email: "t@example.com"})
		}, []string{after.UpdateEmail}},
		{"Profile", func(_ *after.Commands, q *after.Queries) error {
			_, err := q.Profile(ctx, celeb)
			return err
		}, []string{after.SelectProfile}},
	}
	cmd, q := after.NewCommands(c, after.SameTransaction), after.NewQueries(c)
	for _, s := range steps {
		c.Meter.Record()
		err := s.run(cmd, q)
		got := c.Meter.Recorded()
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if !slices.Equal(got, s.want) {
			t.Errorf("%s sent %q\nwant %q", s.name, got, s.want)
		}
		for _, sql := range got {
			if what := computed(t, sql); what != "" {
				t.Errorf("%s sent a statement with %s: %s", s.name, what, sql)
			}
		}
	}
}

// computed parses sql with a PostgreSQL parser and names the first
// computed construct in it ("" if none).
func computed(t *testing.T, sql string) string {
	t.Helper()
	js, err := pg_query.ParseToJSON(sql)
	if err != nil {
		t.Fatalf("parse %q: %v", sql, err)
	}
	var tree any
	if err := json.Unmarshal([]byte(js), &tree); err != nil {
		t.Fatal(err)
	}
	return findComputed(tree)
}

func findComputed(node any) string {
	switch n := node.(type) {
	case []any:
		for _, e := range n {
			if w := findComputed(e); w != "" {
				return w
			}
		}
	case map[string]any:
		if _, ok := n["SubLink"]; ok {
			return "a subquery"
		}
		if fc, ok := n["FuncCall"].(map[string]any); ok {
			if _, ok := fc["over"]; ok {
				return "a window function"
			}
			if name := funcName(fc); fc["agg_star"] == true || isAggregate(name) {
				return "the aggregate " + name
			}
		}
		for _, v := range n {
			if w := findComputed(v); w != "" {
				return w
			}
		}
	}
	return ""
}

func isAggregate(name string) bool {
	switch name {
	case "count", "sum", "avg", "min", "max", "array_agg", "string_agg",
		"json_agg", "jsonb_agg", "bool_and", "bool_or", "every":
		return true
	}
	return false
}

func funcName(fc map[string]any) string {
	parts, _ := fc["funcname"].([]any)
	if len(parts) == 0 {
		return ""
	}
	last, _ := parts[len(parts)-1].(map[string]any)
	s, _ := last["String"].(map[string]any)
	name, _ := s["sval"].(string)
	return name
}

func TestFindComputed(t *testing.T) {
	for sql, want := range map[string]string{
		"SELECT id FROM users WHERE id = $1":                         "",
		"SELECT (SELECT 1)":                                          "a subquery",
		"SELECT id FROM users WHERE id IN (SELECT 1)":                "a subquery",
		"SELECT count(*) FROM posts":                                 "the aggregate count",
		"SELECT pg_catalog.sum(n) FROM t":                            "the aggregate sum",
		"SELECT row_number() OVER () FROM t":                         "a window function",
		"UPDATE user_stats SET n = n + 1 WHERE user_id = $1":         "",
		"WITH d AS (DELETE FROM t RETURNING x) SELECT max(x) FROM d": "the aggregate max",
	} {
		if got := computed(t, sql); got != want {
			t.Errorf("computed(%q) = %q; want %q", sql, got, want)
		}
	}
}
