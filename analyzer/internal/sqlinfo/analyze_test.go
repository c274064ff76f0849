package sqlinfo

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Helpers that build expected columns and parameter uses.

func stored(name, table string) Column { return Column{Name: name, Table: table, Compute: Stored} }
func expr(name string) Column          { return Column{Name: name, Compute: Expression} }
func unknown(name string) Column       { return Column{Name: name, Compute: Unknown} }
func star(table string) Column         { return Column{Name: "*", Table: table, Compute: Stored, Star: true} }

func computed(name string, c Compute) Column { return Column{Name: name, Compute: c} }

func via(name string, c Compute, item string) Column {
	return Column{Name: name, Compute: c, Via: item}
}

func into(col string) ParamUse { return ParamUse{Written: true, Column: col} }

var notWritten = ParamUse{}

// analyzeCase is one statement and what Analyze must make of it.
type analyzeCase struct {
	name string
	sql  string
	want Statement
}

// analyzeCases covers the classification rules with real-world-looking
// SQL. The fuzz targets use them as seeds.
func analyzeCases() []analyzeCase {
	return []analyzeCase{
		// God-struct reads.
		{
			name: "god struct with two correlated counts",
			sql: `SELECT u.id, u.email, u.display_name,
				(SELECT COUNT(*) FROM posts p WHERE p.author_id = u.id) AS post_count,
				(SELECT COUNT(*) FROM follows f WHERE f.followee_id = u.id) AS follower_count
			FROM users u WHERE u.id = $1`,
			want: Statement{
				Kind: KindSelect,
				Columns: []Column{
					stored("id", "users"), stored("email", "users"), stored("display_name", "users"),
					computed("post_count", Subquery), computed("follower_count", Subquery),
				},
				Params: map[int]ParamUse{1: notWritten},
			},
		},
		{
			name: "count cast to int",
			sql:  `SELECT author_id, count(*)::int AS n, count(*)::int FROM posts GROUP BY author_id`,
			want: Statement{
				Kind:    KindSelect,
				Columns: []Column{stored("author_id", "posts"), computed("n", Aggregate), computed("count", Aggregate)},
			},
		},
		{
			name: "coalesce of sum",
			sql:  `SELECT u.id, coalesce(sum(p.likes), 0) AS total_likes FROM users u LEFT JOIN posts p ON p.author_id = u.id GROUP BY u.id`,
			want: Statement{
				Kind:    KindSelect,
				Columns: []Column{stored("id", "users"), computed("total_likes", Aggregate)},
			},
		},
		{
			name: "aggregate syntax and names",
			sql: `SELECT array_agg(p.id ORDER BY p.id) AS ids, string_agg(p.title, ', ') AS titles,
				count(DISTINCT p.author_id) AS authors, count(*) FILTER (WHERE p.likes > 0) AS liked,
				percentile_cont(0.5) WITHIN GROUP (ORDER BY p.likes) AS median, bool_or(p.pinned) AS any_pinned,
				pg_catalog.max(p.created_at) AS last_post, jsonb_agg(p) AS posts, grouping(p.author_id) AS g
			FROM posts p GROUP BY p.author_id`,
			want: Statement{
				Kind: KindSelect,
				Columns: []Column{
					computed("ids", Aggregate), computed("titles", Aggregate), computed("authors", Aggregate),
					computed("liked", Aggregate), computed("median", Aggregate), computed("any_pinned", Aggregate),
					computed("last_post", Aggregate), computed("posts", Aggregate), computed("g", Aggregate),
				},
			},
		},
		{
			name: "window functions",
			sql: `SELECT id, row_number() OVER (ORDER BY created_at) AS rn,
				count(*) OVER () AS total, sum(likes) OVER w AS running, lag(title) OVER w
			FROM posts WINDOW w AS (PARTITION BY author_id ORDER BY id)`,
			want: Statement{
				Kind: KindSelect,
				Columns: []Column{
					stored("id", "posts"), computed("rn", Window), computed("total", Window),
					computed("running", Window), computed("lag", Window),
				},
			},
		},
		{
			name: "exists and array subqueries as columns",
			sql: `SELECT u.id,
				EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = $1 AND f.followee_id = u.id) AS followed,
				ARRAY(SELECT p.id FROM posts p WHERE p.author_id = u.id) AS post_ids,
				CASE WHEN EXISTS (SELECT 1 FROM bans b WHERE b.user_id = u.id) THEN 'banned' ELSE 'ok' END AS status,
				(SELECT max(created_at) FROM posts p WHERE p.author_id = u.id) + interval '1 day' AS next_due,
				u.id IN (SELECT user_id FROM admins) AS is_admin
			FROM users u`,
			want: Statement{
				Kind: KindSelect,
				Columns: []Column{
					stored("id", "users"), computed("followed", Exists), computed("post_ids", ArraySubquery),
					computed("status", Exists), computed("next_due", Subquery), computed("is_admin", Subquery),
				},
				Params: map[int]ParamUse{1: notWritten},
			},
		},
		{
			name: "subqueries only in filters",
			sql: `SELECT u.id, u.email FROM users u
			JOIN teams t ON t.id = u.team_id AND t.id IN (SELECT team_id FROM paid_teams)
			WHERE EXISTS (SELECT 1 FROM posts p WHERE p.author_id = u.id)
			  AND u.karma > (SELECT avg(karma) FROM users)
			GROUP BY u.id, u.email HAVING count(*) > (SELECT 1)`,
			want: Statement{
				Kind:    KindSelect,
				Columns: []Column{stored("id", "users"), stored("email", "users")},
			},
		},
		{
			name: "derived group by table and coalesce",
			sql: `SELECT u.id, u.name, fc.user_id, coalesce(fc.feed_count, 0) AS feed_count
			FROM users u
			LEFT JOIN (SELECT user_id, count(*) AS feed_count FROM feeds GROUP BY user_id) fc ON fc.user_id = u.id`,
			want: Statement{
				Kind: KindSelect,
				Columns: []Column{
					stored("id", "users"), stored("name", "users"), stored("user_id", "feeds"),
					via("feed_count", Aggregate, "fc"),
				},
			},
		},
		{
			name: "unqualified column resolved in a derived table",
			sql: `SELECT id, feed_count FROM users u
			LEFT JOIN (SELECT user_id, count(*) AS feed_count FROM feeds GROUP BY user_id) fc ON fc.user_id = u.id`,
			want: Statement{
				Kind:    KindSelect,
				Columns: []Column{stored("id", "users"), via("feed_count", Aggregate, "fc")},
			},
		},
		{
			name: "derived table column aliases",
			sql:  `SELECT s.a, s.b FROM (SELECT author_id, count(*) FROM posts GROUP BY 1) AS s(a, b)`,
			want: Statement{
				Kind:    KindSelect,
				Columns: []Column{stored("a", "posts"), via("b", Aggregate, "s")},
			},
		},
		{
			name: "CTE with aggregate",
			sql: `WITH stats AS (SELECT author_id, count(*) AS post_count FROM posts GROUP BY author_id)
			SELECT u.id, s.author_id, s.post_count FROM users u JOIN stats s ON s.author_id = u.id`,
			want: Statement{
				Kind: KindSelect,
				Columns: []Column{
					stored("id", "users"), stored("author_id", "posts"), via("post_count", Aggregate, "stats"),
				},
			},
		},
		{
			name: "plain CTE",
			sql:  `WITH active AS (SELECT id, email FROM users WHERE deleted_at IS NULL) SELECT id, email FROM active`,
			want: Statement{
				Kind:    KindSelect,
				Columns: []Column{stored("id", "users"), stored("email", "users")},
			},
		},
		{
			name: "CTE referencing a CTE",
			sql: `WITH c AS (SELECT author_id, count(*) AS n FROM posts GROUP BY author_id),
			          d AS (SELECT author_id, n * 2 AS twice FROM c)
			SELECT author_id, twice FROM d`,
			want: Statement{
				Kind:    KindSelect,
				Columns: []Column{stored("author_id", "posts"), via("twice", Aggregate, "d")},
			},
		},
		{
			name: "recursive CTE",
			sql:  `WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10) SELECT n FROM r`,
			want: Statement{
				Kind:    KindSelect,
				Columns: []Column{via("n", Expression, "r")},
			},
		},
		{
			name: "LATERAL",
			sql: `SELECT u.id, l.last_post, n FROM users u
			CROSS JOIN LATERAL (SELECT max(p.created_at) AS last_post, count(*) AS n FROM posts p WHERE p.author_id = u.id) l`,
			want: Statement{
				Kind: KindSelect,
				Columns: []Column{
					stored("id", "users"), via("last_post", Aggregate, "l"), via("n", Aggregate, "l"),
				},
			},
		},
		{
			name: "UNION computed in the right arm",
			sql:  `SELECT id, title FROM posts UNION ALL SELECT id, (SELECT max(name) FROM tags) FROM drafts`,
			want: Statement{
				Kind:    KindSelect,
				Columns: []Column{stored("id", "posts"), computed("title", Subquery)},
			},
		},
		{
			name: "a scalar subquery that looks up one stored column computes nothing",
			sql: `SELECT c.id, COALESCE(t.body, (SELECT body FROM templates WHERE is_default LIMIT 1), '') AS template_body,
				(SELECT u.name FROM users u WHERE u.id = c.owner_id) AS owner_name
				FROM campaigns c LEFT JOIN templates t ON t.id = c.template_id`,
			want: Statement{
				Kind: KindSelect,
				Columns: []Column{stored("id", "campaigns"), {Name: "template_body", Compute: Expression},
					{Name: "owner_name", Compute: Expression}},
			},
		},
		{
			name: "a scalar subquery that aggregates, groups or deduplicates computes",
			sql: `SELECT c.id, (SELECT count(*) FROM sends s WHERE s.campaign_id = c.id) AS sent,
				(SELECT DISTINCT name FROM lists l WHERE l.id = c.list_id) AS list,
				(SELECT (SELECT count(*) FROM tags) FROM tags LIMIT 1) AS nested
				FROM campaigns c`,
			want: Statement{
				Kind: KindSelect,
				Columns: []Column{stored("id", "campaigns"), computed("sent", Subquery), computed("list", Subquery),
					computed("nested", Subquery)},
			},
		},
		{
			name: "UNION takes the left arm's kind when computed",
			sql:  `SELECT count(*) AS n FROM posts UNION SELECT (SELECT 1) UNION SELECT max(id) OVER () FROM drafts`,
			want: Statement{
				Kind:    KindSelect,
				Columns: []Column{computed("n", Aggregate)},
			},
		},
		{
			name: "INTERSECT of stored columns",
			sql:  `SELECT user_id FROM follows INTERSECT SELECT author_id FROM posts`,
			want: Statement{
				Kind:    KindSelect,
				Columns: []Column{stored("user_id", "follows")},
			},
		},
		{
			name: "VALUES",
			sql:  `VALUES ($1, 'a'), ($2, (SELECT 'b'))`,
			want: Statement{
				Kind:    KindSelect,
				Columns: []Column{expr("column1"), computed("column2", Subquery)},
				Params:  map[int]ParamUse{1: notWritten, 2: notWritten},
			},
		},
		{
			name: "select star",
			sql:  `SELECT * FROM users WHERE id = $1`,
			want: Statement{
				Kind:    KindSelect,
				Columns: []Column{star("users")},
				Params:  map[int]ParamUse{1: notWritten},
			},
		},
		{
			name: "table star and a counted subquery",
			sql:  `SELECT u.*, (SELECT count(*) FROM posts p WHERE p.author_id = u.id) AS n FROM users u`,
			want: Statement{
				Kind:    KindSelect,
				Columns: []Column{star("users"), computed("n", Subquery)},
			},
		},
		{
			name: "star over a join expands each item",
			sql:  `SELECT * FROM users u JOIN (SELECT author_id, count(*) AS n FROM posts GROUP BY author_id) pc ON pc.author_id = u.id`,
			want: Statement{
				Kind:    KindSelect,
				Columns: []Column{star("users"), stored("author_id", "posts"), via("n", Aggregate, "pc")},
			},
		},
		{
			name: "star of a derived table with a star",
			sql:  `SELECT x.* FROM (SELECT u.*, count(p.id) AS n FROM users u LEFT JOIN posts p ON p.author_id = u.id GROUP BY u.id) x`,
			want: Statement{
				Kind:    KindSelect,
				Columns: []Column{star("users"), via("n", Aggregate, "x")},
			},
		},
		{
			name: "column through a derived star",
			sql:  `SELECT x.email, x.n FROM (SELECT u.*, count(p.id) AS n FROM users u LEFT JOIN posts p ON p.author_id = u.id GROUP BY u.id) x`,
			want: Statement{
				Kind:    KindSelect,
				Columns: []Column{stored("email", "users"), via("n", Aggregate, "x")},
			},
		},
		{
			name: "unqualified columns over two tables",
			sql:  `SELECT email, title, p.id FROM users u JOIN posts p ON p.author_id = u.id`,
			want: Statement{
				Kind:    KindSelect,
				Columns: []Column{stored("email", ""), stored("title", ""), stored("id", "posts")},
			},
		},
		{
			name: "schema-qualified table",
			sql:  `SELECT public.users.id, u2.email FROM public.users, app.users u2`,
			want: Statement{
				Kind:    KindSelect,
				Columns: []Column{stored("id", "users"), stored("email", "users")},
			},
		},
		{
			name: "expressions",
			sql:  `SELECT lower(email), now(), 42, $1::text AS label, first_name || ' ' || last_name AS full_name, id::text FROM users`,
			want: Statement{
				Kind: KindSelect,
				Columns: []Column{
					expr("lower"), expr("now"), expr("?column?"), expr("label"), expr("full_name"), expr("id"),
				},
				Params: map[int]ParamUse{1: notWritten},
			},
		},
		{
			name: "function in FROM",
			sql:  `SELECT g, t.x FROM generate_series(1, 3) g, jsonb_to_recordset($1) AS t(x int, y text)`,
			want: Statement{
				Kind:    KindSelect,
				Columns: []Column{expr("g"), expr("x")},
				Params:  map[int]ParamUse{1: notWritten},
			},
		},
		{
			name: "field selection",
			sql:  `SELECT (u).id, (u.address).city FROM users u`,
			want: Statement{
				Kind:    KindSelect,
				Columns: []Column{stored("id", "users"), stored("city", "users")},
			},
		},
		{
			name: "select for update does not write",
			sql:  `SELECT id, balance FROM accounts WHERE id = $1 FOR UPDATE`,
			want: Statement{
				Kind:    KindSelect,
				Columns: []Column{stored("id", "accounts"), stored("balance", "accounts")},
				Params:  map[int]ParamUse{1: notWritten},
			},
		},
		{
			name: "params in where, limit and offset",
			sql:  `SELECT id FROM posts WHERE author_id = $1 ORDER BY id LIMIT $2 OFFSET $3`,
			want: Statement{
				Kind:    KindSelect,
				Columns: []Column{stored("id", "posts")},
				Params:  map[int]ParamUse{1: notWritten, 2: notWritten, 3: notWritten},
			},
		},

		// Holes left by fmt.Sprintf.
		{
			name: "hole as a column",
			sql:  `SELECT cqrslint_hole_1 FROM users`,
			want: Statement{Kind: KindSelect, Columns: []Column{unknown("cqrslint_hole_1")}, HoleInOutput: true},
		},
		{
			name: "holes in expressions and FROM",
			sql:  `SELECT id, cqrslint_hole_1 AS x, upper(cqrslint_hole_2), count(*) + cqrslint_hole_3 AS n FROM cqrslint_hole_4`,
			want: Statement{
				Kind: KindSelect,
				Columns: []Column{
					stored("id", ""), unknown("x"), unknown("upper"), computed("n", Aggregate),
				},
				HoleInOutput: true,
			},
		},

		// Writes.
		{
			name: "insert returning",
			sql:  `INSERT INTO users (email, password_hash, display_name) VALUES ($1, $2, $3) RETURNING id, created_at`,
			want: Statement{
				Kind: KindInsert, Writes: true, Table: "users",
				Columns: []Column{stored("id", "users"), stored("created_at", "users")},
				Written: []string{"email", "password_hash", "display_name"},
				Params:  map[int]ParamUse{1: into("email"), 2: into("password_hash"), 3: into("display_name")},
			},
		},
		{
			name: "multi-row insert with expressions",
			sql:  `INSERT INTO tags (name, slug) VALUES ($1, lower($1)), ($2, lower($3)) RETURNING *`,
			want: Statement{
				Kind: KindInsert, Writes: true, Table: "tags",
				Columns: []Column{star("tags")},
				Written: []string{"name", "slug"},
				Params:  map[int]ParamUse{1: into("name"), 2: into("name"), 3: into("slug")},
			},
		},
		{
			name: "insert without a column list",
			sql:  `INSERT INTO audit VALUES ($1, $2, now())`,
			want: Statement{
				Kind: KindInsert, Writes: true, Table: "audit",
				Params: map[int]ParamUse{1: into(""), 2: into("")},
			},
		},
		{
			name: "insert select",
			sql:  `INSERT INTO follows (follower_id, followee_id) SELECT $1, id FROM users WHERE email = $2`,
			want: Statement{
				Kind: KindInsert, Writes: true, Table: "follows",
				Written: []string{"follower_id", "followee_id"},
				Params:  map[int]ParamUse{1: into("follower_id"), 2: notWritten},
			},
		},
		{
			name: "update with coalesce",
			sql:  `UPDATE users SET bio = coalesce($2, bio), display_name = $1, updated_at = now() WHERE id = $3 RETURNING id, bio`,
			want: Statement{
				Kind: KindUpdate, Writes: true, Table: "users",
				Columns: []Column{stored("id", "users"), stored("bio", "users")},
				Written: []string{"bio", "display_name", "updated_at"},
				Params:  map[int]ParamUse{1: into("display_name"), 2: into("bio"), 3: notWritten},
			},
		},
		{
			name: "update param in set and where",
			sql:  `UPDATE counters SET n = $1 WHERE n <> $1 AND id = $2`,
			want: Statement{
				Kind: KindUpdate, Writes: true, Table: "counters",
				Written: []string{"n"},
				Params:  map[int]ParamUse{1: into("n"), 2: notWritten},
			},
		},
		{
			name: "update multi-column set",
			sql:  `UPDATE users SET (display_name, bio) = ($1, $2), (email) = ROW($3) WHERE id = $4`,
			want: Statement{
				Kind: KindUpdate, Writes: true, Table: "users",
				Written: []string{"display_name", "bio", "email"},
				Params:  map[int]ParamUse{1: into("display_name"), 2: into("bio"), 3: into("email"), 4: notWritten},
			},
		},
		{
			name: "update multi-column set from a subquery",
			sql:  `UPDATE users SET (display_name, bio) = (SELECT $1, bio FROM templates WHERE id = $2) WHERE id = $3`,
			want: Statement{
				Kind: KindUpdate, Writes: true, Table: "users",
				Written: []string{"display_name", "bio"},
				Params:  map[int]ParamUse{1: into("display_name"), 2: into(""), 3: notWritten},
			},
		},
		{
			name: "update from with returning",
			sql:  `UPDATE posts p SET title = $1 FROM users u WHERE u.id = p.author_id AND u.email = $2 RETURNING p.id, u.email`,
			want: Statement{
				Kind: KindUpdate, Writes: true, Table: "posts",
				Columns: []Column{stored("id", "posts"), stored("email", "users")},
				Written: []string{"title"},
				Params:  map[int]ParamUse{1: into("title"), 2: notWritten},
			},
		},
		{
			name: "update returning star and old values",
			sql:  `UPDATE posts p SET title = $1 FROM users u WHERE u.id = p.author_id RETURNING *, old.title AS old_title`,
			want: Statement{
				Kind: KindUpdate, Writes: true, Table: "posts",
				Columns: []Column{star("posts"), star("users"), stored("old_title", "posts")},
				Written: []string{"title"},
				Params:  map[int]ParamUse{1: into("title")},
			},
		},
		{
			name: "on conflict do update",
			sql: `INSERT INTO user_stats (user_id, post_count) VALUES ($1, 1)
			ON CONFLICT (user_id) DO UPDATE SET post_count = user_stats.post_count + EXCLUDED.post_count, updated_at = $2
			WHERE user_stats.locked = $3`,
			want: Statement{
				Kind: KindInsert, Writes: true, Table: "user_stats",
				Written: []string{"user_id", "post_count", "updated_at"},
				Params:  map[int]ParamUse{1: into("user_id"), 2: into("updated_at"), 3: notWritten},
			},
		},
		{
			name: "on conflict set excluded",
			sql:  `INSERT INTO users (id, email) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email`,
			want: Statement{
				Kind: KindInsert, Writes: true, Table: "users",
				Written: []string{"id", "email"},
				Params:  map[int]ParamUse{1: into("id"), 2: into("email")},
			},
		},
		{
			name: "delete",
			sql:  `DELETE FROM sessions s USING users u WHERE s.user_id = u.id AND u.email = $1 RETURNING s.id`,
			want: Statement{
				Kind: KindDelete, Writes: true, Table: "sessions",
				Columns: []Column{stored("id", "sessions")},
				Params:  map[int]ParamUse{1: notWritten},
			},
		},
		{
			name: "merge",
			sql: `MERGE INTO user_stats s USING (SELECT $1::bigint AS user_id) src ON s.user_id = src.user_id
			WHEN MATCHED AND s.locked THEN DO NOTHING
			WHEN MATCHED THEN UPDATE SET post_count = s.post_count + $2
			WHEN NOT MATCHED THEN INSERT (user_id, post_count) VALUES (src.user_id, $3)`,
			want: Statement{
				Kind: KindMerge, Writes: true, Table: "user_stats",
				Written: []string{"post_count", "user_id"},
				Params:  map[int]ParamUse{1: notWritten, 2: into("post_count"), 3: into("post_count")},
			},
		},
		{
			name: "select with a data-modifying CTE",
			sql:  `WITH ins AS (INSERT INTO users (email) VALUES ($1) RETURNING id, email) SELECT id, email, 1 AS one FROM ins`,
			want: Statement{
				Kind: KindSelect, Writes: true, Table: "users",
				Columns: []Column{stored("id", "users"), stored("email", "users"), expr("one")},
				Written: []string{"email"},
				Params:  map[int]ParamUse{1: into("email")},
			},
		},
		{
			name: "update CTE joined to a god select",
			sql: `WITH upd AS (UPDATE users SET display_name = $1 WHERE id = $2 RETURNING id, display_name)
			SELECT upd.id, upd.display_name, (SELECT count(*) FROM posts p WHERE p.author_id = upd.id) AS post_count FROM upd`,
			want: Statement{
				Kind: KindSelect, Writes: true, Table: "users",
				Columns: []Column{
					stored("id", "users"), stored("display_name", "users"), computed("post_count", Subquery),
				},
				Written: []string{"display_name"},
				Params:  map[int]ParamUse{1: into("display_name"), 2: notWritten},
			},
		},
		{
			name: "insert fed by an insert CTE",
			sql: `WITH u AS (INSERT INTO users (email) VALUES ($1) RETURNING id)
			INSERT INTO user_stats (user_id, post_count) SELECT id, $2 FROM u`,
			want: Statement{
				Kind: KindInsert, Writes: true, Table: "user_stats",
				Written: []string{"email", "user_id", "post_count"},
				Params:  map[int]ParamUse{1: into("email"), 2: into("post_count")},
			},
		},
		{
			name: "data-modifying CTE nested in a CTE",
			sql:  `WITH a AS (WITH b AS (DELETE FROM logs WHERE id < $1 RETURNING id) SELECT id FROM b) SELECT id FROM a`,
			want: Statement{
				Kind: KindSelect, Writes: true, Table: "logs",
				Columns: []Column{stored("id", "logs")},
				Params:  map[int]ParamUse{1: notWritten},
			},
		},
		{
			name: "utility statement",
			sql:  `CREATE INDEX ON posts (author_id)`,
			want: Statement{Kind: KindOther},
		},
	}
}

func TestAnalyze(t *testing.T) {
	for _, tc := range analyzeCases() {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Analyze(tc.sql)
			require.NoError(t, err)
			require.NotNil(t, got)
			assert.Equal(t, tc.want, withoutRelations(*got))
		})
	}
}

// withoutRelations clears what TestRelations checks (the tables read and
// written, and where each parameter is written), so that the cases above
// stay about columns and parameters.
func withoutRelations(st Statement) Statement {
	st.Reads, st.WriteTables = nil, nil
	if st.Params != nil {
		ps := make(map[int]ParamUse, len(st.Params))
		for n, u := range st.Params {
			u.Table, u.Set = "", false
			ps[n] = u
		}
		st.Params = ps
	}
	return st
}

// TestRelations checks the tables a statement reads and writes, and the
// table and clause each written parameter goes to.
func TestRelations(t *testing.T) {
	for _, tc := range []struct {
		name   string
		sql    string
		reads  []string
		writes []string
		params map[int]ParamUse
	}{
		{
			name:   "select with a join and a correlated count, schema and alias dropped",
			sql:    `SELECT u.id, (SELECT count(*) FROM posts p WHERE p.author_id = u.id) FROM public.users u JOIN follows f ON f.followee_id = u.id WHERE u.id = $1`,
			reads:  []string{"posts", "users", "follows"},
			params: map[int]ParamUse{1: notWritten},
		},
		{
			name:  "a CTE's name is not a table",
			sql:   `WITH recent AS (SELECT * FROM posts WHERE created_at > now() - interval '1 day') SELECT r.id FROM recent r`,
			reads: []string{"posts"},
		},
		{
			name:  "a schema-qualified name is a table even when a CTE has its name",
			sql:   `WITH posts AS (SELECT 1 AS id) SELECT p.id FROM posts p JOIN blog.posts q ON q.id = p.id`,
			reads: []string{"posts"},
		},
		{
			name:   "insert values and on conflict set",
			sql:    `INSERT INTO profile_cache (user_id, n) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET n = $3`,
			writes: []string{"profile_cache"},
			params: map[int]ParamUse{
				1: {Written: true, Column: "user_id", Table: "profile_cache"},
				2: {Written: true, Column: "n", Table: "profile_cache"},
				3: {Written: true, Column: "n", Table: "profile_cache", Set: true},
			},
		},
		{
			name:   "update from another table: the target is written, the other read",
			sql:    `UPDATE categories c SET title = $1 FROM sections s WHERE s.id = c.section_id AND c.id = $2`,
			reads:  []string{"sections"},
			writes: []string{"categories"},
			params: map[int]ParamUse{1: {Written: true, Column: "title", Table: "categories", Set: true}, 2: notWritten},
		},
		{
			name:   "a writing CTE and a read of its result",
			sql:    `WITH m AS (UPDATE users SET name = $1 WHERE id = $2 RETURNING *), l AS (INSERT INTO audit (what) VALUES ($3)) SELECT m.*, (SELECT count(*) FROM posts WHERE author_id = m.id) FROM m`,
			reads:  []string{"posts"},
			writes: []string{"users", "audit"},
			params: map[int]ParamUse{
				1: {Written: true, Column: "name", Table: "users", Set: true},
				2: notWritten,
				3: {Written: true, Column: "what", Table: "audit"},
			},
		},
		{
			name:   "delete using",
			sql:    `DELETE FROM sessions s USING users u WHERE u.id = s.user_id AND u.email = $1`,
			reads:  []string{"users"},
			writes: []string{"sessions"},
			params: map[int]ParamUse{1: notWritten},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Analyze(tc.sql)
			require.NoError(t, err)
			assert.ElementsMatch(t, tc.reads, got.Reads, "reads")
			assert.Equal(t, tc.writes, got.WriteTables, "writes")
			assert.Equal(t, tc.params, got.Params, "params")
		})
	}
}

// TestColumnNames checks the names of unaliased columns. Every expected
// name was checked against PostgreSQL 15 (`\gdesc` in psql), except the
// star columns, which PostgreSQL expands from the catalog.
func TestColumnNames(t *testing.T) {
	for _, tc := range []struct {
		expr, name string
	}{
		{"u.id", "id"},
		{"count(*)", "count"},
		{"count(*)::int", "count"},
		{"1::int", "int4"},
		{"'x'::text", "text"},
		{"$1::bigint", "int8"},
		{"CAST(1 AS integer)", "int4"},
		{"interval '1 day'", "interval"},
		{"u.email::varchar(10)", "email"},
		{"ARRAY[1]::int[]", "array"},
		{"coalesce(sum(u.id), 0)", "coalesce"},
		{"greatest(1, 2)", "greatest"},
		{"least(1, 2)", "least"},
		{"nullif(1, 2)", "nullif"},
		{"now()", "now"},
		{"pg_catalog.lower(u.email)", "lower"},
		{"trim(u.email)", "btrim"},
		{"EXTRACT(year FROM now())", "extract"},
		{"current_timestamp", "current_timestamp"},
		{"current_date", "current_date"},
		{"localtime", "localtime"},
		{"localtimestamp(3)", "localtimestamp"},
		{"current_user", "current_user"},
		{"user", "user"},
		{"session_user", "session_user"},
		{"current_role", "current_role"},
		{"current_schema", "current_schema"},
		{"current_catalog", "current_catalog"},
		{"(SELECT count(*) FROM posts)", "count"},
		{"(SELECT 1)", "?column?"},
		{"(SELECT 1)::text", "?column?"},
		{"(SELECT p.id FROM posts p LIMIT 1)", "id"},
		{"(SELECT 1 AS n UNION SELECT 2)", "n"},
		{"(VALUES (1))", "column1"},
		{"EXISTS (SELECT 1)", "exists"},
		{"ARRAY(SELECT 1)", "array"},
		{"ARRAY[1, 2]", "array"},
		{"(ARRAY[1, 2])[1]", "array"},
		{"ROW(1, 2)", "row"},
		{"(1, 2)", "row"},
		{"CASE WHEN true THEN 1 END", "case"},
		{"CASE WHEN true THEN 1 ELSE count(*) END", "count"},
		{"CASE WHEN true THEN 1 ELSE 2 END::text", "text"},
		{"CASE WHEN true THEN 1 ELSE (SELECT 1) END", "?column?"},
		{"CASE WHEN true THEN 1 ELSE u.id END", "id"},
		{"CASE WHEN true THEN ARRAY[1] ELSE ARRAY[2] END", "array"},
		{"u.id IN (SELECT 1)", "?column?"},
		{"1 + 1", "?column?"},
		{"$1", "?column?"},
		{"'lit'", "?column?"},
		{"NULL", "?column?"},
		{"NOT true", "?column?"},
		{"u.email COLLATE \"C\"", "email"},
		{"row_number() OVER ()", "row_number"},
		{"grouping(u.id)", "grouping"},
		{"xmlelement(name foo)", "xmlelement"},
		{"xmlconcat('<a/>', '<b/>')", "xmlconcat"},
	} {
		t.Run(tc.expr, func(t *testing.T) {
			st, err := Analyze("SELECT " + tc.expr + " FROM users u GROUP BY u.id")
			require.NoError(t, err)
			require.Len(t, st.Columns, 1)
			assert.Equal(t, tc.name, st.Columns[0].Name)
		})
	}
}

// TestAnalyzeConcurrent runs Analyze from many goroutines at once; with
// -race it shows that Analyze shares no mutable state.
func TestAnalyzeConcurrent(t *testing.T) {
	cases := analyzeCases()
	done := make(chan struct{})
	for g := 0; g < 8; g++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for _, tc := range cases {
				if _, err := Analyze(tc.sql); err != nil {
					t.Errorf("%s: %v", tc.name, err)
				}
			}
		}()
	}
	for g := 0; g < 8; g++ {
		<-done
	}
}

func TestAnalyzeScript(t *testing.T) {
	sts, err := AnalyzeScript(`CREATE TABLE t (id int); INSERT INTO t (id) VALUES (1); UPDATE u SET n = n + 1`)
	if err != nil {
		t.Fatal(err)
	}
	if len(sts) != 3 {
		t.Fatalf("got %d statements, want 3", len(sts))
	}
	if sts[0].Writes || !sts[1].Writes || sts[1].Kind != KindInsert || !sts[2].Writes || sts[2].Kind != KindUpdate {
		t.Errorf("got %+v, %+v, %+v", sts[0], sts[1], sts[2])
	}
	if _, err := AnalyzeScript(`SELECT 1; SELECT FROM WHERE`); err == nil || err.Error() != ReasonParse {
		t.Errorf("a broken statement fails the script with a parse error, got %v", err)
	}
	if _, err := AnalyzeScript(" ; "); err == nil || err.Error() != ReasonEmpty {
		t.Errorf("got %v, want %q", err, ReasonEmpty)
	}
}

func TestHoleInOutput(t *testing.T) {
	for _, tc := range []struct {
		sql  string
		want bool
	}{
		{"SELECT id, name FROM users WHERE cqrslint_hole_1 ORDER BY cqrslint_hole_2 LIMIT cqrslint_hole_3", false},
		{"SELECT id, (SELECT count(*) FROM posts p WHERE p.user_id = u.id) FROM users u WHERE u.id = $1 AND cqrslint_hole_1", false},
		{"SELECT id, cqrslint_hole_1 FROM users", true},
		{"SELECT id, name FROM users cqrslint_hole_1", true},
		{"SELECT id, name FROM users u JOIN cqrslint_hole_1 x ON x.id = u.id", true},
		{"SELECT u.id FROM users u JOIN teams t ON t.id = u.team_id AND cqrslint_hole_1", true},
		{"WITH c AS (SELECT cqrslint_hole_1 FROM t) SELECT * FROM c", true},
		{"SELECT a FROM t UNION SELECT cqrslint_hole_1 FROM u", true},
		{"UPDATE users SET name = $1 WHERE cqrslint_hole_1", false},
		{"UPDATE users SET name = cqrslint_hole_1 WHERE id = $1", false},
		{"UPDATE cqrslint_hole_1 SET name = $1", true},
		{"INSERT INTO users (name) VALUES ($1) RETURNING cqrslint_hole_1", true},
		{"DELETE FROM users WHERE id = ANY(cqrslint_hole_1)", false},
	} {
		st, err := Analyze(tc.sql)
		if err != nil {
			t.Fatalf("%s: %v", tc.sql, err)
		}
		if st.HoleInOutput != tc.want {
			t.Errorf("%s: HoleInOutput = %v, want %v", tc.sql, st.HoleInOutput, tc.want)
		}
	}
}
