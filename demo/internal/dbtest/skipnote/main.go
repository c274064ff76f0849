// Command skipnote prints one line per package whose database tests will
// be skipped because no PostgreSQL can be reached or started, so that a
// local make test does not show a silent "ok" for tests that did not run.
// It decides as dbtest.Server does, without starting a cluster, and
// prints nothing when the tests will run or must fail instead (CI set).
//
// Usage: go run ./demo/internal/dbtest/skipnote package...
package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/cqrslint/cqrslint/demo/internal/dbtest"
	"github.com/cqrslint/cqrslint/demo/internal/pgserver"
)

func main() {
	mode, err := dbtest.Mode()
	if err != nil || dbtest.MustRun(mode) {
		return // the tests themselves fail, loudly
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = pgserver.Available(ctx, mode, os.Getenv("DATABASE_URL"))
	if err == nil {
		return
	}
	reason := strings.Join(strings.Fields(err.Error()), " ")
	for _, pkg := range os.Args[1:] {
		fmt.Printf("SKIP  %s: database tests skipped, no PostgreSQL (%s); set DATABASE_URL or run make pg\n", pkg, reason)
	}
}
