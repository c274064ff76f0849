package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// -explain plans each finding's query on a PostgreSQL database, as written
// and with its computed columns cut (analyzer.Finding.StoredQuery), and
// attaches the difference to the finding. It runs only in cqrslint's
// driver, never under go vet. Every statement runs in a READ ONLY
// transaction that is rolled back, under a statement timeout; only plain
// EXPLAIN is sent (never ANALYZE), and only for the SELECTs the analyzer
// reported, which do not write.

// explainTimeout bounds each statement, and connecting.
const explainTimeout = 5 * time.Second

// An explanation is what the planner estimated for one finding.
type explanation struct {
	// Cost is the estimated total cost of the query as written, and
	// StoredCost without its computed columns; Ratio is Cost/StoredCost.
	Cost       float64 `json:"cost"`
	StoredCost float64 `json:"stored_cost"`
	Ratio      float64 `json:"ratio"`
	// Rows is the estimated number of rows of the query as written.
	Rows float64 `json:"rows"`
	// SubPlans is the number of subplans and initplans the computed
	// columns add, and Added describes them ("Aggregate over Index Only
	// Scan on posts"); without added subplans, Added lists the plan nodes
	// they add (a WindowAgg), in plan order.
	SubPlans int      `json:"subplans"`
	Added    []string `json:"added_nodes,omitempty"`
	// StoredSubPlans is the number of subplans left without the computed
	// columns.
	StoredSubPlans int `json:"stored_subplans"`
	// Note says why the query was not planned (a missing table, a missing
	// privilege); the other fields are then zero.
	Note string `json:"note,omitempty"`
}

// line is the one-line summary printed after the finding.
func (e *explanation) line() string {
	if e.Note != "" {
		return "explain: not planned: " + e.Note
	}
	s := fmt.Sprintf("explain: estimated cost %s as written, %s without the computed columns (%sx)",
		num(e.Cost), num(e.StoredCost), num(e.Ratio))
	switch {
	case e.SubPlans > 0:
		s += fmt.Sprintf("; they add %d %s: %s", e.SubPlans, plural(e.SubPlans, "subplan"), strings.Join(e.Added, ", "))
	case len(e.Added) > 0:
		s += "; they add plan nodes: " + strings.Join(e.Added, ", ")
	}
	return s + fmt.Sprintf("; %s %s estimated", num(e.Rows), plural(int(e.Rows), "row"))
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// explainer holds the connection -explain plans on.
type explainer struct {
	conn    *pgx.Conn
	generic bool // PostgreSQL 16+: EXPLAIN (GENERIC_PLAN)
	cache   map[[2]string]*explanation
}

// explainURL returns the database URL -explain uses: -explain-db, else
// DATABASE_URL.
func explainURL(flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	return os.Getenv("DATABASE_URL")
}

// connectExplainer connects to url. Its error is one line that names the
// server (host, port, database) but never the user's password or URL.
func connectExplainer(ctx context.Context, url string) (*explainer, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, errors.New("the database URL does not parse (it is not printed, as it may hold a password)")
	}
	where := fmt.Sprintf("%s port %d database %s", cfg.Host, cfg.Port, cfg.Database)
	ctx, cancel := context.WithTimeout(ctx, explainTimeout)
	defer cancel()
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("cannot connect to the database (%s): %s", where, redact(connectReason(err), cfg.Password))
	}
	var version int
	if err := conn.QueryRow(ctx, "SELECT current_setting('server_version_num')::int").Scan(&version); err != nil {
		conn.Close(context.Background())
		return nil, fmt.Errorf("cannot read the server version (%s): %s", where, redact(err.Error(), cfg.Password))
	}
	return &explainer{conn: conn, generic: version >= 160000, cache: map[[2]string]*explanation{}}, nil
}

// connectReason is the innermost cause of a connection error: "connection
// refused", "password authentication failed ...".
func connectReason(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Message + " (SQLSTATE " + pe.Code + ")"
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return ne.Error()
	}
	for {
		inner := errors.Unwrap(err)
		if inner == nil {
			return err.Error()
		}
		err = inner
	}
}

func redact(s, password string) string {
	if password != "" {
		s = strings.ReplaceAll(s, password, "xxxxx")
	}
	return s
}

func (x *explainer) close() { x.conn.Close(context.Background()) }

// explain plans query and stored, its cut form. An error that concerns
// the query (a missing table or column, a missing privilege, a timeout)
// becomes the explanation's note; a lost connection is returned.
func (x *explainer) explain(ctx context.Context, query, stored string) (*explanation, error) {
	key := [2]string{query, stored}
	if e, ok := x.cache[key]; ok {
		return e, nil
	}
	e, err := x.plan(ctx, query, stored)
	if err != nil {
		var pe *pgconn.PgError
		if !errors.As(err, &pe) && !errors.Is(err, context.DeadlineExceeded) {
			return nil, err
		}
		e = &explanation{Note: noteOf(err)}
	}
	x.cache[key] = e
	return e, nil
}

func noteOf(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Message + " (SQLSTATE " + pe.Code + ")"
	}
	return err.Error()
}

func (x *explainer) plan(ctx context.Context, query, stored string) (*explanation, error) {
	ctx, cancel := context.WithTimeout(ctx, 4*explainTimeout)
	defer cancel()
	tx, err := x.conn.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(context.Background())
	defer x.conn.Exec(context.Background(), "DEALLOCATE ALL", pgx.QueryExecModeSimpleProtocol) // PREPARE is not transactional
	exec := func(sql string) error {
		_, err := tx.Exec(ctx, sql, pgx.QueryExecModeSimpleProtocol)
		return err
	}
	if err := exec(fmt.Sprintf("SET LOCAL statement_timeout = %d", explainTimeout.Milliseconds())); err != nil {
		return nil, err
	}
	explainJSON := func(sql string) (*planNode, error) {
		var out string
		if err := tx.QueryRow(ctx, sql, pgx.QueryExecModeSimpleProtocol).Scan(&out); err != nil {
			return nil, err
		}
		var plans []struct {
			Plan planNode `json:"Plan"`
		}
		if err := json.Unmarshal([]byte(out), &plans); err != nil || len(plans) != 1 {
			return nil, fmt.Errorf("unexpected EXPLAIN output")
		}
		return &plans[0].Plan, nil
	}
	var full, cut *planNode
	if x.generic {
		if full, err = explainJSON("EXPLAIN (GENERIC_PLAN, FORMAT JSON) " + query); err != nil {
			return nil, err
		}
		if cut, err = explainJSON("EXPLAIN (GENERIC_PLAN, FORMAT JSON) " + stored); err != nil {
			return nil, err
		}
	} else {
		// PostgreSQL 12-15: a generic plan of a prepared statement,
		// executed under EXPLAIN with NULL parameters. The cut statement
		// is prepared with the full one's parameter types, as it may no
		// longer use every parameter.
		if err := exec("SET LOCAL plan_cache_mode = force_generic_plan"); err != nil {
			return nil, err
		}
		if err := exec("PREPARE cqrslint_full AS " + query); err != nil {
			return nil, err
		}
		var types []string
		if err := tx.QueryRow(ctx, "SELECT parameter_types::text[] FROM pg_prepared_statements WHERE name = 'cqrslint_full'",
			pgx.QueryExecModeSimpleProtocol).Scan(&types); err != nil {
			return nil, err
		}
		nulls := ""
		if len(types) > 0 {
			nulls = "(" + strings.TrimSuffix(strings.Repeat("NULL, ", len(types)), ", ") + ")"
		}
		if full, err = explainJSON("EXPLAIN (FORMAT JSON) EXECUTE cqrslint_full" + nulls); err != nil {
			return nil, err
		}
		typeList := ""
		if len(types) > 0 {
			typeList = " (" + strings.Join(types, ", ") + ")"
		}
		if err := exec("PREPARE cqrslint_stored" + typeList + " AS " + stored); err != nil {
			return nil, err
		}
		if cut, err = explainJSON("EXPLAIN (FORMAT JSON) EXECUTE cqrslint_stored" + nulls); err != nil {
			return nil, err
		}
	}
	return compare(full, cut), nil
}

// planNode is the part of EXPLAIN (FORMAT JSON) output -explain reads.
type planNode struct {
	NodeType  string     `json:"Node Type"`
	Relation  string     `json:"Relation Name"`
	Parent    string     `json:"Parent Relationship"`
	TotalCost float64    `json:"Total Cost"`
	PlanRows  float64    `json:"Plan Rows"`
	Plans     []planNode `json:"Plans"`
}

// nodes lists a plan's nodes in preorder as "Index Only Scan on posts",
// and its subplans and initplans as their top node and the first relation
// scanned below it: "Aggregate over Index Only Scan on posts".
func (p *planNode) nodes() (all, subplans []string) {
	var walk func(n *planNode)
	walk = func(n *planNode) {
		all = append(all, n.describe())
		if n.Parent == "SubPlan" || n.Parent == "InitPlan" {
			d := n.describe()
			if n.Relation == "" {
				if scan := n.firstScan(); scan != nil {
					d += " over " + scan.describe()
				}
			}
			subplans = append(subplans, d)
		}
		for i := range n.Plans {
			walk(&n.Plans[i])
		}
	}
	walk(p)
	return all, subplans
}

func (n *planNode) describe() string {
	if n.Relation != "" {
		return n.NodeType + " on " + n.Relation
	}
	return n.NodeType
}

// firstScan returns the first node at or below n that reads a relation.
func (n *planNode) firstScan() *planNode {
	if n.Relation != "" {
		return n
	}
	for i := range n.Plans {
		if s := n.Plans[i].firstScan(); s != nil {
			return s
		}
	}
	return nil
}

// compare sums up the two plans of a finding.
func compare(full, cut *planNode) *explanation {
	e := &explanation{Cost: full.TotalCost, StoredCost: cut.TotalCost, Rows: full.PlanRows}
	if cut.TotalCost > 0 {
		e.Ratio = math.Round(full.TotalCost/cut.TotalCost*10) / 10
	}
	fullNodes, fullSubs := full.nodes()
	cutNodes, cutSubs := cut.nodes()
	e.Added = minus(fullSubs, cutSubs)
	e.SubPlans, e.StoredSubPlans = len(e.Added), len(cutSubs)
	if len(e.Added) == 0 {
		e.Added = minus(fullNodes, cutNodes)
	}
	return e
}

// minus returns the elements of a not matched by one in b, in a's order.
func minus(a, b []string) []string {
	left := map[string]int{}
	for _, x := range b {
		left[x]++
	}
	var out []string
	for _, x := range a {
		if left[x] > 0 {
			left[x]--
			continue
		}
		out = append(out, x)
	}
	return out
}

// openExplainer connects to the database of -explain, or prints one line
// and returns nil and the exit code.
func (c *command) openExplainer(url string) (*explainer, int) {
	if url == "" {
		fmt.Fprintln(c.stderr, "cqrslint: -explain needs -explain-db=URL or DATABASE_URL")
		return nil, exitUsage
	}
	x, err := connectExplainer(context.Background(), url)
	if err != nil {
		fmt.Fprintf(c.stderr, "cqrslint: -explain: %v\n", err)
		return nil, exitUsage
	}
	return x, 0
}

// explainFindings attaches an explanation to every finding to report that
// has a query. It returns an exit code, after one line, when the
// connection is lost.
func (c *command) explainFindings(x *explainer, fs []finding) int {
	ctx := context.Background()
	for i := range fs {
		d := fs[i].Detail
		if fs[i].InBaseline || d == nil || d.Query == "" {
			continue
		}
		if d.StoredQuery == "" {
			fs[i].Explain = &explanation{Note: "the computed columns cannot be cut from this query safely, so there is nothing to compare"}
			continue
		}
		e, err := x.explain(ctx, d.Query, d.StoredQuery)
		if err != nil {
			fmt.Fprintf(c.stderr, "cqrslint: -explain: lost the database: %s\n", connectReason(err))
			return exitUsage
		}
		fs[i].Explain = e
	}
	return 0
}
