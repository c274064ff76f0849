package analyzer_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/cqrslint/cqrslint/analyzer"
)

// fuzzRepo and fuzzApp embed the fuzzed SQL (the constant Q, %s) at
// every kind of call site the analyzer reads: pgx pool, transaction and
// batch, database/sql with a prepared statement, sqlx Get/Select/
// NamedExec/Queryx, bun's NewRaw and ColumnExpr (in a subquery and an
// Apply too), a wrapper in another package (facts), concatenation, and
// as the write that makes a struct a write model.
const fuzzRepo = `package fuzzrepo

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
	"github.com/uptrace/bun"
)

const Q = %s

type Row struct {
	ID   int64  ` + "`db:\"id\"`" + `
	Name string ` + "`db:\"name\"`" + `
	N    int64  ` + "`db:\"n\"`" + `
}

type Repo struct {
	Pool *pgxpool.Pool
	DB   *sql.DB
	X    *sqlx.DB
	B    *bun.DB
}

func (r *Repo) Exec(ctx context.Context, q string, args ...any) error {
	_, err := r.Pool.Exec(ctx, q, args...)
	return err
}

func (r *Repo) QueryRow(ctx context.Context, q string, args ...any) pgx.Row {
	return r.Pool.QueryRow(ctx, q, args...)
}

func (r *Repo) Save(ctx context.Context, x Row) error {
	_, err := r.Pool.Exec(ctx, Q, x.Name, x.N)
	return err
}

func (r *Repo) Write(ctx context.Context) (Row, error) {
	if _, err := r.Pool.Exec(ctx, "UPDATE t SET a = 1"); err != nil {
		return Row{}, err
	}
	var x Row
	err := r.Pool.QueryRow(ctx, Q, 1).Scan(&x.ID, &x.Name, &x.N)
	return x, err
}

func (r *Repo) Rows(ctx context.Context) ([]Row, error) {
	rows, err := r.Pool.Query(ctx, Q+" LIMIT 10")
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[Row])
}

func (r *Repo) Tx(ctx context.Context) (int64, error) {
	var n int64
	err := pgx.BeginFunc(ctx, r.Pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, Q); err != nil {
			return err
		}
		return tx.QueryRow(ctx, Q).Scan(&n)
	})
	return n, err
}

func (r *Repo) Batch(ctx context.Context) error {
	b := &pgx.Batch{}
	b.Queue(Q, 1)
	return r.Pool.SendBatch(ctx, b).Close()
}

func (r *Repo) Std(ctx context.Context) (Row, error) {
	var x Row
	stmt, err := r.DB.PrepareContext(ctx, Q)
	if err != nil {
		return x, err
	}
	if err := stmt.QueryRowContext(ctx, 1).Scan(&x.ID, &x.Name); err != nil {
		return x, err
	}
	rows, err := r.DB.QueryContext(ctx, Q)
	if err != nil {
		return x, err
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(&x.ID, &x.Name, &x.N); err != nil {
			return x, err
		}
	}
	return x, rows.Err()
}

func (r *Repo) Sqlx(ctx context.Context, in *Row) ([]Row, error) {
	if _, err := r.X.NamedExec(Q, in); err != nil {
		return nil, err
	}
	var one Row
	if err := r.X.GetContext(ctx, &one, Q, 1); err != nil {
		return nil, err
	}
	var all []Row
	if err := r.X.SelectContext(ctx, &all, r.X.Rebind(Q)); err != nil {
		return nil, err
	}
	rows, err := r.X.Queryx(Q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.StructScan(&one); err != nil {
			return nil, err
		}
	}
	return append(all, one), nil
}

func (r *Repo) Bun(ctx context.Context, x *Row) error {
	if _, err := r.B.NewInsert().Model(x).Column("name").Exec(ctx); err != nil {
		return err
	}
	if err := r.B.NewRaw(Q, 1).Scan(ctx, x); err != nil {
		return err
	}
	sub := r.B.NewSelect().Model(x).ColumnExpr(Q)
	return r.B.NewSelect().Model(x).ColumnExpr("r.*").ColumnExpr(Q).ColumnExpr("(?) AS n", sub).
		Apply(func(q *bun.SelectQuery) *bun.SelectQuery { return q.ColumnExpr(Q) }).Scan(ctx)
}

func (r *Repo) Unused(ctx context.Context) error {
	if err := r.Exec(ctx, "INSERT INTO t VALUES (1)"); err != nil {
		return err
	}
	var n int64
	return r.Pool.QueryRow(ctx, Q).Scan(&n)
}
`

const fuzzApp = `package fuzzapp

import (
	"context"

	"fuzzrepo"

	"github.com/jackc/pgx/v5"
)

type App struct{ r *fuzzrepo.Repo }

func (a *App) Do(ctx context.Context) (fuzzrepo.Row, error) {
	if err := a.r.Exec(ctx, fuzzrepo.Q, 1); err != nil {
		return fuzzrepo.Row{}, err
	}
	if err := a.r.Save(ctx, fuzzrepo.Row{Name: "n"}); err != nil {
		return fuzzrepo.Row{}, err
	}
	var x fuzzrepo.Row
	if err := a.r.QueryRow(ctx, fuzzrepo.Q).Scan(&x.ID, &x.Name, &x.N); err != nil {
		return x, err
	}
	rows, err := a.r.Pool.Query(ctx, "SELECT * FROM ("+fuzzrepo.Q+") s")
	if err != nil {
		return x, err
	}
	return pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[fuzzrepo.Row])
}
`

// fuzzEnv holds the packages the generated sources import, loaded and
// type-checked once from the GOPATH-style stubs under ../testdata.
type fuzzEnv struct {
	fset *token.FileSet
	// types maps an import path to its types, for the type checker.
	types map[string]*types.Package
	// deps maps an import path to a copy of its package without imports
	// of its own, so that each input analyzes the stubs but not the
	// whole standard library again.
	deps  map[string]*packages.Package
	sizes types.Sizes
}

// The tests of this file share one fuzzEnv, loaded by the first that needs
// it (they do not run in parallel: check adds and removes a package).
var (
	fuzzEnvOnce   sync.Once
	sharedFuzzEnv *fuzzEnv
)

// getFuzzEnv returns the shared fuzzEnv.
func getFuzzEnv(tb testing.TB) *fuzzEnv {
	tb.Helper()
	fuzzEnvOnce.Do(func() { sharedFuzzEnv = newFuzzEnv(tb) })
	if sharedFuzzEnv == nil {
		tb.Fatal("loading the fuzz environment failed in an earlier test")
	}
	return sharedFuzzEnv
}

func newFuzzEnv(tb testing.TB) *fuzzEnv {
	tb.Helper()
	paths := []string{"context", "database/sql",
		"github.com/jackc/pgx/v5", "github.com/jackc/pgx/v5/pgxpool", "github.com/jmoiron/sqlx", "github.com/uptrace/bun"}
	pkgs := loadGOPATH(tb, paths...)
	env := &fuzzEnv{fset: pkgs[0].Fset, types: map[string]*types.Package{}, deps: map[string]*packages.Package{}}
	for _, p := range pkgs {
		env.sizes = p.TypesSizes
		env.types[p.PkgPath] = p.Types
		shallow := *p
		shallow.Imports = map[string]*packages.Package{}
		if !strings.Contains(p.PkgPath, ".") {
			shallow.Syntax = nil // the standard library: its types suffice
		}
		env.deps[p.PkgPath] = &shallow
	}
	return env
}

// check writes the two packages around sql, type-checks them and runs
// the analyzer on both. It fails on any type error (a bug in this test)
// or analyzer error; a panic fails the fuzz target by itself. It returns
// the statistics and the number of diagnostics of the default options.
func (env *fuzzEnv) check(t *testing.T, sql string) (total analyzer.Stats, diags int) {
	var files []*token.File
	defer func() {
		for _, f := range files {
			env.fset.RemoveFile(f)
		}
	}()
	typesOf := func(path string) (*types.Package, error) {
		if p, ok := env.types[path]; ok {
			return p, nil
		}
		return nil, fmt.Errorf("no package %s", path)
	}
	build := func(path, name, src string, imports map[string]*packages.Package) *packages.Package {
		f, err := parser.ParseFile(env.fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			t.Fatalf("generated %s does not parse: %v", name, err)
		}
		files = append(files, env.fset.File(f.Pos()))
		info := &types.Info{
			Types:        map[ast.Expr]types.TypeAndValue{},
			Defs:         map[*ast.Ident]types.Object{},
			Uses:         map[*ast.Ident]types.Object{},
			Implicits:    map[ast.Node]types.Object{},
			Instances:    map[*ast.Ident]types.Instance{},
			Scopes:       map[ast.Node]*types.Scope{},
			Selections:   map[*ast.SelectorExpr]*types.Selection{},
			FileVersions: map[*ast.File]string{},
		}
		conf := types.Config{Importer: importerFunc(typesOf), Sizes: env.sizes}
		tpkg, err := conf.Check(path, env.fset, []*ast.File{f}, info)
		if err != nil {
			t.Fatalf("generated %s does not type-check: %v", name, err)
		}
		for _, imp := range tpkg.Imports() {
			if _, ok := imports[imp.Path()]; !ok {
				imports[imp.Path()] = env.deps[imp.Path()]
			}
		}
		return &packages.Package{
			ID: path, Name: tpkg.Name(), PkgPath: path, Fset: env.fset,
			GoFiles: []string{name}, CompiledGoFiles: []string{name},
			Syntax: []*ast.File{f}, Types: tpkg, TypesInfo: info, TypesSizes: env.sizes,
			Imports: imports,
		}
	}

	repo := build("fuzzrepo", "fuzzrepo/repo.go", fmt.Sprintf(fuzzRepo, strconv.Quote(sql)), map[string]*packages.Package{})
	env.types["fuzzrepo"] = repo.Types
	defer delete(env.types, "fuzzrepo")
	app := build("fuzzapp", "fuzzapp/app.go", fuzzApp, map[string]*packages.Package{"fuzzrepo": repo})

	for i, opts := range []analyzer.Options{{}, {Strict: true}} {
		a := analyzer.New(opts)
		g, err := checker.Analyze([]*analysis.Analyzer{a}, []*packages.Package{repo, app}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for act := range g.All() {
			if act.Err != nil {
				t.Fatalf("strict=%v: %s: %v\nSQL: %q", opts.Strict, act, act.Err, sql)
			}
			if act.Analyzer == a && act.IsRoot {
				st, ok := act.Result.(*analyzer.Stats)
				if !ok {
					t.Fatalf("%s: result %T, want *analyzer.Stats", act, act.Result)
				}
				if i == 0 {
					total.Add(st)
					diags += len(act.Diagnostics)
				}
			}
		}
	}
	return total, diags
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// fuzzSeeds are SQL texts of every shape: the god struct and clean
// queries of the testdata, writes, broken and odd text, and inputs
// meant to blow up the work (deep nesting, long text, many columns).
func fuzzSeeds() []string {
	return []string{
		"SELECT id, name, (SELECT count(*) FROM t2 WHERE t2.p = t.id) AS n FROM t WHERE id = $1",
		"SELECT t.id, t.name, count(*) AS n FROM t JOIN u ON u.t = t.id GROUP BY t.id",
		"SELECT id, name, sum(x) OVER (PARTITION BY g) AS n FROM t",
		"SELECT * FROM t",
		"SELECT t.*, (SELECT 1) AS n FROM t",
		"SELECT id, name FROM t WHERE id IN (SELECT id FROM u)",
		"INSERT INTO t (name, n) VALUES ($1, $2) RETURNING id",
		"INSERT INTO t (name, n) VALUES (:name, :n)",
		"UPDATE t SET name = :name, n = :n WHERE id = :id",
		"UPDATE t SET name = $1 WHERE id = $2 RETURNING id, name, (SELECT count(*) FROM u) AS n",
		"DELETE FROM t WHERE id = ?",
		"WITH c AS (SELECT id, count(*) AS n FROM u GROUP BY id) SELECT t.id, t.name, c.n FROM t JOIN c USING (id)",
		"WITH d AS (DELETE FROM t RETURNING *) SELECT id, name, 0 AS n FROM d",
		"SELECT id, name, n FROM t FOR UPDATE",
		"SELECT 1; SELECT 2",
		"SELECT id, name, EXISTS (SELECT 1 FROM u) AS n, ARRAY(SELECT 1) FROM t",
		"SELECT %s FROM t WHERE id = %d",
		"",
		" ",
		";",
		"--",
		"/*",
		"SELECT '",
		`SELECT "`,
		"SELECT $$ x",
		"SELEKT garbage (((",
		"SELECT (((((((",
		")))))) SELECT",
		"select id, name, n from t -- trailing",
		"SELECT\x00id FROM t",
		"SELECT '\xff\xfe' AS name FROM t",
		"SELECT id AS \"ñame\", 'é' AS n FROM t",
		"SELECT " + strings.Repeat("(SELECT ", 20) + "1" + strings.Repeat(")", 20),
		"SELECT " + strings.Repeat("(", 100) + "1" + strings.Repeat(")", 100),
	}
}

// hugeSQL are inputs meant to blow up the work: deep nesting, megabytes
// of text, thousands of columns, joins or conditions. They are too big
// for the fuzzer to mutate quickly, so they are a test of their own.
func hugeSQL() map[string]string {
	return map[string]string{
		"nested subqueries":  "SELECT " + strings.Repeat("(SELECT ", 3000) + "1" + strings.Repeat(")", 3000),
		"nested parentheses": "SELECT " + strings.Repeat("(", 100000) + "1" + strings.Repeat(")", 100000),
		"unbalanced":         "SELECT " + strings.Repeat("(SELECT ", 100000),
		"conditions":         "SELECT id FROM t WHERE " + strings.Repeat("a = 1 AND ", 20000) + "true",
		"columns":            "SELECT " + strings.Repeat("(SELECT count(*) FROM u) AS c, ", 5000) + "id, name FROM t",
		"joins":              "SELECT t.id, t.name, count(*) AS n FROM t " + strings.Repeat("JOIN u ON true ", 2000) + "GROUP BY t.id",
		"comment megabytes":  "SELECT id, name, 1 AS n FROM t -- " + strings.Repeat("x", 4<<20),
		"string megabytes":   "SELECT id, name, '" + strings.Repeat("y", 4<<20) + "' AS n FROM t",
		"statements":         strings.Repeat("SELECT 1; ", 50000),
		"parameters":         "SELECT id FROM t WHERE id IN (" + strings.Repeat(":p, ", 20000) + ":p)",
	}
}

// TestHugeSQL runs the analyzer on SQL far beyond what the fuzzer tries:
// it must finish without a panic or an error (the SQL layer bounds the
// work and skips with a counted reason).
func TestHugeSQL(t *testing.T) {
	env := getFuzzEnv(t)
	for name, sql := range hugeSQL() {
		t.Run(name, func(t *testing.T) {
			st, _ := env.check(t, sql)
			t.Logf("%d bytes: %d call sites, %d resolved, skipped %v", len(sql), st.CallSites, st.Resolved, st.Skipped)
		})
	}
}

// TestFuzzHarness checks that the fuzz target really exercises the
// analyzer: with a god struct query, call sites are found, resolved
// through constants, concatenation and the wrapper fact, and reported.
func TestFuzzHarness(t *testing.T) {
	env := getFuzzEnv(t)
	st, diags := env.check(t, fuzzSeeds()[0])
	if st.CallSites < 15 || st.Resolved < 10 || diags == 0 {
		t.Fatalf("the fuzz sources are not analyzed: %d call sites, %d resolved, %d diagnostics (%d findings, %d suppressed), skipped %v",
			st.CallSites, st.Resolved, diags, st.Findings, st.Suppressed, st.Skipped)
	}
	t.Logf("%d call sites, %d resolved, %d diagnostics, skipped %v, unmapped %v", st.CallSites, st.Resolved, diags, st.Skipped, st.Unmapped)
}

// FuzzAnalyzer runs the analyzer on Go code that sends arbitrary SQL
// from every kind of call site: it must neither panic nor fail.
func FuzzAnalyzer(f *testing.F) {
	env := getFuzzEnv(f)
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sql string) {
		env.check(t, sql)
	})
}
