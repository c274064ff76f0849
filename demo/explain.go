package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// work is what EXPLAIN (ANALYZE, BUFFERS) saw of some statements.
type work struct {
	// rows is the number of rows every plan node produced, summed over
	// its loops: how many rows the executor handled.
	rows int64
	// buffers is the shared buffers (8 kB pages) hit or read.
	buffers int64
	// exec is the server's execution time (EXPLAIN's Execution Time,
	// measured with TIMING OFF so per-row timing does not inflate it).
	exec time.Duration
}

// explainTx is a transaction that explains each statement before running
// it: the statement first runs under EXPLAIN ANALYZE in a savepoint that
// is rolled back, then for real. Its Begin returns an explainTx too, so
// the statements of nested transactions (savepoints) are explained as
// well. Nothing the services send escapes it.
type explainTx struct {
	pgx.Tx
	w *work
}

func (t explainTx) Begin(ctx context.Context) (pgx.Tx, error) {
	tx, err := t.Tx.Begin(ctx)
	if err != nil {
		return nil, err
	}
	return explainTx{Tx: tx, w: t.w}, nil
}

func (t explainTx) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	if err := t.explain(ctx, sql, args); err != nil {
		return pgconn.CommandTag{}, err
	}
	return t.Tx.Exec(ctx, sql, args...)
}

func (t explainTx) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	if err := t.explain(ctx, sql, args); err != nil {
		return nil, err
	}
	return t.Tx.Query(ctx, sql, args...)
}

func (t explainTx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	if err := t.explain(ctx, sql, args); err != nil {
		return errRow{err}
	}
	return t.Tx.QueryRow(ctx, sql, args...)
}

func (t explainTx) explain(ctx context.Context, sql string, args []any) error {
	sp, err := t.Tx.Begin(ctx)
	if err != nil {
		return err
	}
	defer sp.Rollback(ctx)
	var out []byte
	if err := sp.QueryRow(ctx, "EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, FORMAT JSON) "+sql, args...).Scan(&out); err != nil {
		return fmt.Errorf("explain: %w", err)
	}
	w, err := parsePlan(out)
	if err != nil {
		return err
	}
	t.w.rows += w.rows
	t.w.buffers += w.buffers
	t.w.exec += w.exec
	return nil
}

// planNode is the part of an EXPLAIN (FORMAT JSON) plan node we read.
type planNode struct {
	ActualRows  float64    `json:"Actual Rows"`
	ActualLoops float64    `json:"Actual Loops"`
	SharedHit   int64      `json:"Shared Hit Blocks"`
	SharedRead  int64      `json:"Shared Read Blocks"`
	Plans       []planNode `json:"Plans"`
}

// parsePlan reads the output of EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON).
// A node's buffers include its children's, so the root's are the total.
func parsePlan(out []byte) (work, error) {
	var plans []struct {
		Plan planNode `json:"Plan"`
		// ExecutionTime is in milliseconds.
		ExecutionTime float64 `json:"Execution Time"`
	}
	if err := json.Unmarshal(out, &plans); err != nil || len(plans) != 1 {
		return work{}, fmt.Errorf("unexpected EXPLAIN output: %.80s", out)
	}
	root := plans[0].Plan
	return work{
		rows: rowsOf(root), buffers: root.SharedHit + root.SharedRead,
		exec: time.Duration(plans[0].ExecutionTime * float64(time.Millisecond)),
	}, nil
}

func rowsOf(n planNode) int64 {
	rows := int64(n.ActualRows*n.ActualLoops + 0.5)
	for _, c := range n.Plans {
		rows += rowsOf(c)
	}
	return rows
}

// errRow is a pgx.Row that fails.
type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }
