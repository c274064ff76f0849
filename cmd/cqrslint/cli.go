package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// driverFlags are cqrslint's own flags. Giving any of them on the command
// line (outside go vet) selects cqrslint's driver instead of
// singlechecker's.
type driverFlags struct {
	format        string
	stats         bool
	baseline      string
	writeBaseline string
	explain       bool   // explain.go
	explainDB     string // explain.go
	suggest       bool   // suggest.go
	incremental   bool   // incremental.go
}

var driverFlagNames = []string{"format", "stats", "baseline", "write-baseline", "explain", "explain-db", "suggest", incrementalFlag}

func (d *driverFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.format, "format", formatText,
		"print findings as `text`, json, sarif or github (GitHub Actions annotations); ignored under go vet")
	fs.BoolVar(&d.stats, "stats", false,
		"print a summary to stderr: SQL call sites, resolved queries, skips by reason, findings; ignored under go vet")
	fs.StringVar(&d.baseline, "baseline", "",
		"report only the findings not recorded in the baseline `file`; ignored under go vet")
	fs.StringVar(&d.writeBaseline, "write-baseline", "",
		"record all current findings in the baseline `file` (written atomically) and report none; ignored under go vet")
	fs.BoolVar(&d.explain, "explain", false,
		"plan each finding's query on PostgreSQL (-explain-db or DATABASE_URL), as written and without its computed columns, and show the costs; read-only, never ANALYZE; ignored under go vet")
	fs.StringVar(&d.explainDB, "explain-db", "",
		"database `URL` for -explain (default $DATABASE_URL); ignored under go vet")
	fs.BoolVar(&d.suggest, "suggest", false,
		"print, for each god struct, the command model, query model and stored-only SELECT as Go and SQL; ignored under go vet")
	fs.BoolVar(&d.incremental, incrementalFlag, false,
		"analyze through go vet with cqrslint as its vettool, so that the build cache keeps each package's results and a later run re-analyzes only what changed; with -format, -baseline, -write-baseline, -stats (under go vet: print each package's findings as a JSON record for this mode)")
}

// checkerFlags lists the flags singlechecker.Main registers (x/tools
// v0.52.0) and whether each is boolean, so that the command line can be
// read before deciding which driver runs it. TestCheckerFlags compares the
// list with the binary's -h output.
var checkerFlags = []struct {
	name   string
	isBool bool
}{
	{"V", true}, {"all", true}, {"c", false}, {"cpuprofile", false}, {"debug", false},
	{"diff", true}, {"fix", true}, {"flags", true}, {"json", true}, {"memprofile", false},
	{"source", true}, {"tags", false}, {"test", true}, {"trace", false}, {"v", true},
}

// unsupportedInDriver are singlechecker flags cqrslint's driver does not
// implement.
var unsupportedInDriver = []string{"c", "cpuprofile", "debug", "memprofile", "trace"}

// recordedFlag holds a singlechecker flag's value while the command line
// is read. It accepts any value: singlechecker validates its own flags.
type recordedFlag struct {
	value  string
	isBool bool
}

func (f *recordedFlag) String() string     { return f.value }
func (f *recordedFlag) Set(s string) error { f.value = s; return nil }
func (f *recordedFlag) IsBoolFlag() bool   { return f.isBool }

// A command is one invocation of cqrslint, with its outputs.
type command struct {
	stdout, stderr io.Writer
	// newAnalyzer returns a fresh analyzer, whose flags this command sets.
	newAnalyzer func() *analysis.Analyzer
	// version is cqrslint's version for SARIF and -stats.
	version string
	// versionText is what -version prints.
	versionText string
	// factSources are the packages the analyzer's facts can come from
	// (load.go); nil: any package.
	factSources []string
	// library reports the packages where the analyzer neither reports nor
	// exports facts although they reach a fact source (load.go); nil: none.
	library func(path string) bool
	// vetRecords is set by run for go vet's .cfg file with -incremental:
	// the analyzer given to singlechecker writes records
	// (incremental.go).
	vetRecords bool
}

// run reads args. When they select cqrslint's driver it runs it and
// returns its exit code; when they are for singlechecker (no driver flag,
// go vet's .cfg file, -flags, -V, -h) it returns delegate.
func (c *command) run(args []string) (code int, delegate bool) {
	a := c.newAnalyzer()
	fs := flag.NewFlagSet(a.Name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var d driverFlags
	d.register(fs)
	showVersion := registerVersionFlag(fs)
	recorded := map[string]*recordedFlag{}
	for _, cf := range checkerFlags {
		recorded[cf.name] = &recordedFlag{isBool: cf.isBool}
		fs.Var(recorded[cf.name], cf.name, "")
	}
	a.Flags.VisitAll(func(f *flag.Flag) {
		if fs.Lookup(f.Name) == nil {
			fs.Var(f.Value, f.Name, f.Usage)
		}
	})
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, true
		}
		fmt.Fprintf(c.stderr, "%s: %v (see %s -h)\n", a.Name, err, a.Name)
		return exitUsage, false
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	patterns := fs.Args()

	switch {
	case len(patterns) == 1 && strings.HasSuffix(patterns[0], ".cfg"):
		c.vetRecords = d.incremental
		return 0, true // go vet: the other driver flags are ignored
	case set["flags"] || set["V"]:
		return 0, true
	case *showVersion:
		fmt.Fprintln(c.stdout, c.versionText)
		return exitClean, false
	case !slices.ContainsFunc(driverFlagNames, func(n string) bool { return set[n] }) && !set["fix"] && !set["diff"]:
		return 0, true
	}

	cfg := driverConfig{
		format:        d.format,
		stats:         d.stats,
		baseline:      d.baseline,
		writeBaseline: d.writeBaseline,
		explain:       d.explain || d.explainDB != "",
		explainDB:     d.explainDB,
		suggest:       d.suggest,
		incremental:   d.incremental,
		patterns:      patterns,
		tests:         true, // as singlechecker; the analyzer ignores _test.go files' SQL
	}
	usage := func(format string, args ...any) (int, bool) {
		fmt.Fprintf(c.stderr, "%s: %s\n", a.Name, fmt.Sprintf(format, args...))
		return exitUsage, false
	}
	for _, name := range unsupportedInDriver {
		if set[name] {
			return usage("-%s cannot be combined with -format, -stats, -baseline or -write-baseline", name)
		}
	}
	for _, name := range []string{"fix", "diff"} { // fix.go
		if !set[name] {
			continue
		}
		b, err := strconv.ParseBool(recorded[name].value)
		if err != nil {
			return usage("invalid boolean value %q for -%s", recorded[name].value, name)
		}
		cfg.fix, cfg.diff = cfg.fix || name == "fix" && b, cfg.diff || name == "diff" && b
	}
	if (cfg.fix || cfg.diff) && cfg.writeBaseline != "" {
		return usage("-fix and -diff cannot be combined with -write-baseline")
	}
	if cfg.suggest && cfg.format != formatText {
		return usage("-suggest prints Go and SQL on standard output: it cannot be combined with -format=%s", cfg.format)
	}
	if cfg.diff && cfg.format != formatText {
		return usage("-diff prints the diff on standard output: it cannot be combined with -format=%s", cfg.format)
	}
	if set["test"] {
		b, err := strconv.ParseBool(recorded["test"].value)
		if err != nil {
			return usage("invalid boolean value %q for -test", recorded["test"].value)
		}
		cfg.tests = b
	}
	if set["json"] {
		b, err := strconv.ParseBool(recorded["json"].value)
		if err != nil {
			return usage("invalid boolean value %q for -json", recorded["json"].value)
		}
		if b {
			if set["format"] && cfg.format != formatJSON {
				return usage("-json conflicts with -format=%s", cfg.format)
			}
			cfg.format = formatJSON
		}
	}
	if !slices.Contains(formats, cfg.format) {
		return usage("-format: unknown format %q (want %s)", cfg.format, strings.Join(formats, ", "))
	}
	if cfg.incremental {
		for _, name := range []string{"explain", "explain-db", "suggest", "fix", "diff"} {
			if set[name] {
				return usage("-%s cannot be combined with -incremental", name)
			}
		}
		if !cfg.tests {
			return usage("-incremental always analyzes the tests' packages too (go vet does): -test=false cannot be combined with it")
		}
		a.Flags.VisitAll(func(f *flag.Flag) {
			if set[f.Name] {
				cfg.analyzerArgs = append(cfg.analyzerArgs, "-"+f.Name+"="+f.Value.String())
			}
		})
	}
	if len(patterns) == 0 {
		return usage("no packages to analyze (usage: %s [-flag] package...)", a.Name)
	}
	return c.drive(a, cfg), false
}
