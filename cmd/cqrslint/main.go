// Command cqrslint reports structs that serve both the write model and the
// read model of a PostgreSQL-backed Go application.
//
// It runs three ways:
//
//	go vet -vettool=$(which cqrslint) ./...   # under go vet
//	cqrslint ./...                            # standalone (singlechecker)
//	cqrslint -format=sarif ./... > out.sarif  # cqrslint's own driver
//
// Without -format, -stats, -baseline, -write-baseline, -explain,
// -explain-db, -suggest, -incremental, -fix or -diff, cqrslint is the standard
// go/analysis singlechecker, with its -json, -V=full and -flags. Any of
// those flags selects cqrslint's driver, built on
// golang.org/x/tools/go/analysis/checker, which adds SARIF and GitHub
// Actions output, a statistics summary, baselines, fixes that leave the
// findings without one reported, query plans and split suggestions. Under
// go vet its flags are accepted and ignored, except -incremental, with
// which the driver runs go vet on itself to use the build cache
// (incremental.go). -version prints the release
// or commit a binary was built from; -V=full stays go/analysis's answer to
// go vet. docs/cli.md documents every flag and the exit codes.
package main

import (
	"flag"
	"io"
	"os"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/cqrslint/cqrslint/analyzer"
	"github.com/cqrslint/cqrslint/internal/osfiles"
)

func main() {
	v := currentVersion()
	// The analyzer reads embedded SQL and -sqlfiles through this; it does
	// no file I/O of its own.
	opts := analyzer.Options{Files: osfiles.Files{}}
	c := &command{
		stdout:      os.Stdout,
		stderr:      os.Stderr,
		newAnalyzer: func() *analysis.Analyzer { return analyzer.New(opts) },
		version:     v.Version,
		versionText: v.String(),
		factSources: analyzer.DatabasePackages(),
		library:     analyzer.LibraryPackage,
	}
	code, delegate := c.run(os.Args[1:])
	if !delegate {
		os.Exit(code)
	}
	// Register the driver flags so that -h and -flags list them and go vet
	// passes them through; singlechecker then ignores them.
	new(driverFlags).register(flag.CommandLine)
	registerVersionFlag(flag.CommandLine)
	a := analyzer.New(opts)
	if c.vetRecords { // go vet, run by cqrslint -incremental
		cfg := os.Args[len(os.Args)-1]
		a = recordingAnalyzer(a, vetConfigID(cfg), func() io.Writer { return os.Stdout })
	}
	singlechecker.Main(a)
}
