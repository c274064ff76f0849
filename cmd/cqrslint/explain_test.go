package main

import (
	"context"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"
)

// explainDB creates a schema of its own on the PostgreSQL server of
// DATABASE_URL, with the demo's tables when withTables is set, and returns
// a URL whose search_path is that schema. It skips the test when
// DATABASE_URL is unset (CI sets it).
func explainDB(t *testing.T, withTables bool) string {
	t.Helper()
	base := os.Getenv("DATABASE_URL")
	if base == "" {
		t.Skip("DATABASE_URL is not set")
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close(ctx) })
	schema := fmt.Sprintf("cqrslint_explain_%d_%d", os.Getpid(), time.Now().UnixNano()%1e6)
	_, err = conn.Exec(ctx, "CREATE SCHEMA "+schema)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE") })
	if withTables {
		tables, constraints := demoSchema(t)
		_, err = conn.Exec(ctx, "SET search_path = "+schema+";\n"+tables+";\n"+constraints)
		require.NoError(t, err)
	}
	u, err := url.Parse(base)
	require.NoError(t, err)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// demoSchema reads the demo's schema (the tables and constraints
// constants of demo/internal/seed/schema.go).
func demoSchema(t *testing.T) (tables, constraints string) {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(testdata, "..", "..", "..", "demo", "internal", "seed", "schema.go"), nil, 0)
	require.NoError(t, err)
	consts := map[string]string{}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			if lit, ok := vs.Values[0].(*ast.BasicLit); ok && len(vs.Names) == 1 {
				consts[vs.Names[0].Name], err = strconv.Unquote(lit.Value)
				require.NoError(t, err)
			}
		}
	}
	require.Contains(t, consts["tables"], "CREATE TABLE users")
	return consts["tables"], consts["constraints"]
}

// TestExplainDemo runs cqrslint -explain on demo/before against the demo's
// schema: the god query costs more as written than without its computed
// columns, which add two subplans, and the stored-only plan has none.
func TestExplainDemo(t *testing.T) {
	db := explainDB(t, true)
	root := filepath.Join(testdata, "..", "..", "..")
	r := cqrslint(t, root, "-explain", "-explain-db="+db, "-format=json", "./demo/before")
	require.Equal(t, 0, r.code, r.stderr)
	var tree map[string]map[string][]struct {
		Message string       `json:"message"`
		Explain *explanation `json:"explain"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &tree))
	n := 0
	for _, byAnalyzer := range tree {
		for _, d := range byAnalyzer["cqrslint"] {
			require.NotNil(t, d.Explain, d.Message)
			require.Empty(t, d.Explain.Note)
			require.Greater(t, d.Explain.Ratio, 1.0, "the computed columns cost")
			require.Greater(t, d.Explain.Cost, d.Explain.StoredCost)
			require.Equal(t, 2, d.Explain.SubPlans, "one subplan per computed column")
			require.Zero(t, d.Explain.StoredSubPlans, "the stored-only plan has no SubPlan")
			require.Contains(t, d.Message, "\n"+d.Explain.line())
			n++
		}
	}
	require.Positive(t, n, r.stdout)

	r = cqrslint(t, root, "-explain", "-explain-db="+db, "./demo/before")
	require.Equal(t, exitFindings, r.code, r.stderr)
	require.Regexp(t, `(?m)^demo/before/before\.go:\d+:\d+: \texplain: estimated cost [\d.]+ as written, [\d.]+ without the computed columns \([\d.]+x\); they add 2 subplans: Aggregate over .* on posts, Aggregate over .* on follows; 1 row estimated$`, r.stderr)
}

// TestExplainNotes checks what -explain says when it cannot plan: a
// missing table is a note on the finding, an unreachable server one line
// and exit 2, without the password.
func TestExplainNotes(t *testing.T) {
	db := explainDB(t, false)
	root := filepath.Join(testdata, "..", "..", "..")
	r := cqrslint(t, root, "-explain", "-explain-db="+db, "./demo/before")
	require.Equal(t, exitFindings, r.code, r.stderr)
	require.Contains(t, r.stderr, "\texplain: not planned: relation \"users\" does not exist (SQLSTATE 42P01)\n")

	r = cqrslint(t, root, "-explain", "-explain-db=postgres://cqrslint:s3cr3tpw@127.0.0.1:1/nodb?sslmode=disable", "./demo/before")
	require.Equal(t, exitUsage, r.code, r.stderr)
	require.Len(t, lines(r.stderr), 1, r.stderr)
	require.Contains(t, r.stderr, "cqrslint: -explain: cannot connect to the database (127.0.0.1 port 1 database nodb): ")
	require.NotContains(t, r.stderr, "s3cr3tpw")

	r = cqrslint(t, root, "-explain", "-explain-db=postgres://u:s3cr3tpw@[bad", "./demo/before")
	require.Equal(t, exitUsage, r.code, r.stderr)
	require.NotContains(t, r.stderr, "s3cr3tpw")
}

func TestExplanationLine(t *testing.T) {
	e := compare(
		&planNode{NodeType: "Index Scan", Relation: "users", TotalCost: 35.25, PlanRows: 1, Plans: []planNode{
			{NodeType: "Aggregate", Parent: "SubPlan", Plans: []planNode{{NodeType: "Index Only Scan", Relation: "posts", Parent: "Outer"}}},
		}},
		&planNode{NodeType: "Index Scan", Relation: "users", TotalCost: 8.17, PlanRows: 1})
	require.Equal(t, "explain: estimated cost 35.25 as written, 8.17 without the computed columns (4.3x); they add 1 subplan: Aggregate over Index Only Scan on posts; 1 row estimated", e.line())
	e = compare(
		&planNode{NodeType: "WindowAgg", TotalCost: 20, PlanRows: 10, Plans: []planNode{{NodeType: "Seq Scan", Relation: "t", TotalCost: 10}}},
		&planNode{NodeType: "Seq Scan", Relation: "t", TotalCost: 10, PlanRows: 10})
	require.True(t, strings.HasSuffix(e.line(), "(2x); they add plan nodes: WindowAgg; 10 rows estimated"), e.line())
}
