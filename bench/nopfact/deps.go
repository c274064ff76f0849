//go:build nopdeps

// Built with -tags nopdeps, nopfact also links the libraries cqrslint's
// binary links besides the analysis framework: the SQL parser (oliphant,
// with its generated protobuf AST), go-sarif and pgx. Their package
// initialisers run at every process start, which go vet pays once per
// package; set against nopfact, this floor ("nopdeps" in the harness)
// measures that start cost, and set against cqrslint, cqrslint's own work
// (docs/performance.md).

package main

import (
	_ "github.com/jackc/pgx/v5"
	_ "github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	_ "github.com/sqlc-dev/oliphant"
)
