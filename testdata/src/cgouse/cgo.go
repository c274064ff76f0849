// Package cgouse mixes cgo with database code: the analyzer must see
// through the generated files and report as usual.
package cgouse

// #include <stdlib.h>
// static int answer(void) { return 42; }
import "C"

import (
	"context"
	"database/sql"
)

type Gauge struct {
	ID    int64
	Name  string
	Total int64
}

func Answer() int { return int(C.answer()) }

func Record(ctx context.Context, db *sql.DB, g *Gauge) error { // want Record:`writes UPDATE gauges \(cgo\.go:23\)`
	if _, err := db.ExecContext(ctx, "UPDATE gauges SET value = $1 WHERE id = $2", int(C.answer()), g.ID); err != nil {
		return err
	}
	return db.QueryRowContext(ctx, "SELECT g.id, g.name, sum(r.value) FROM gauges g JOIN readings r ON r.gauge_id = g.id WHERE g.id = $1 GROUP BY g.id", g.ID).Scan(&g.ID, &g.Name, &g.Total) // want `Gauge mixes stored fields \(ID, Name\) with computed fields \(Total: aggregate\) on write path Record \(cgo.go:23\)`
}
