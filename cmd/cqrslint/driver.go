package main

import (
	"fmt"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"

	"github.com/cqrslint/cqrslint/analyzer"
)

// Exit codes of cqrslint's driver.
const (
	exitClean    = 0 // no findings to report (or a machine-readable report)
	exitFindings = 1 // findings reported as text or GitHub annotations
	exitUsage    = 2 // bad flags, bad baseline file
	exitErrors   = 3 // packages failed to load or to be analyzed
)

type driverConfig struct {
	format        string
	stats         bool
	baseline      string
	writeBaseline string
	tests         bool
	patterns      []string
	fix, diff     bool // apply or show the suggested fixes (fix.go)
	explain       bool // plan the findings' queries (explain.go)
	explainDB     string
	suggest       bool // print the split (suggest.go)
	// incremental runs the analysis through go vet (incremental.go);
	// analyzerArgs are the analyzer flags given, passed on to it.
	incremental  bool
	analyzerArgs []string
}

// drive loads the packages (load.go), runs a on them with the public
// go/analysis/checker, and prints the findings.
func (c *command) drive(a *analysis.Analyzer, cfg driverConfig) int {
	var explain *explainer // connected first: a bad URL fails fast
	if cfg.explain && cfg.writeBaseline == "" {
		x, code := c.openExplainer(explainURL(cfg.explainDB))
		if x == nil {
			return code
		}
		defer x.close()
		explain = x
	}
	var base baseline
	if cfg.baseline != "" {
		b, err := readBaseline(cfg.baseline)
		if err != nil {
			fmt.Fprintf(c.stderr, "%s: -baseline: %v\n", a.Name, err)
			return exitUsage
		}
		base = b
	}
	var pending *pendingFile
	if cfg.writeBaseline != "" {
		p, err := createPending(cfg.writeBaseline)
		if err != nil {
			fmt.Fprintf(c.stderr, "%s: -write-baseline: cannot write %s: %v\n", a.Name, cfg.writeBaseline, unwrapPath(err))
			return exitUsage
		}
		pending = p
		defer func() {
			if pending != nil {
				pending.abort()
			}
		}()
	}

	root, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(c.stderr, "%s: %v\n", a.Name, err)
		return exitErrors
	}

	var (
		findings []finding
		errs     []runError
		stats    analyzer.Stats
		roots    int
	)
	if cfg.incremental {
		findings, errs, stats, roots, err = c.vetFindings(a, cfg)
	} else {
		var code int
		findings, errs, stats, roots, code = c.analyze(a, cfg)
		if code != 0 {
			return code
		}
	}
	if err != nil {
		fmt.Fprintf(c.stderr, "%s: %v\n", a.Name, err)
		return exitErrors
	}
	findings = sortFindings(findings)
	unused := 0
	if base != nil {
		unused = base.apply(findings)
	}

	fixedNote, fixedDiff := "", false
	if cfg.fix || cfg.diff {
		var code int
		findings, fixedNote, fixedDiff, code = c.fixFindings(findings, root, cfg)
		if code != 0 {
			return code
		}
	}

	if explain != nil {
		if code := c.explainFindings(explain, findings); code != 0 {
			return code
		}
	}

	rep := &report{
		Analyzer: a.Name,
		Findings: findings,
		Errors:   errs,
		Root:     root,
		Baseline: cfg.baseline,
		Version:  c.version,
	}

	if pending != nil {
		c.printErrors(a.Name, errs)
		if len(errs) > 0 {
			fmt.Fprintf(c.stderr, "%s: -write-baseline: %s not written: the analysis had errors\n", a.Name, cfg.writeBaseline)
			return exitErrors
		}
		if err := pending.commit(encodeBaseline(findings)); err != nil {
			pending = nil
			fmt.Fprintf(c.stderr, "%s: -write-baseline: cannot write %s: %v\n", a.Name, cfg.writeBaseline, unwrapPath(err))
			return exitUsage
		}
		pending = nil
		fmt.Fprintf(c.stderr, "%s: wrote %d %s to %s\n", a.Name, len(findings), plural(len(findings), "finding"), cfg.writeBaseline)
		if cfg.stats {
			c.printStats(rep, &stats, roots, unused)
		}
		return exitClean
	}

	out := c.stdout
	if cfg.format == formatText {
		out = c.stderr // like go vet and singlechecker
	}
	if cfg.format != formatGitHub {
		c.printErrors(a.Name, errs) // github prints them as ::error commands
	}
	if err := writeReport(out, cfg.format, rep); err != nil {
		fmt.Fprintf(c.stderr, "%s: writing %s report: %v\n", a.Name, cfg.format, err)
		return exitErrors
	}
	if cfg.stats {
		c.printStats(rep, &stats, roots, unused)
	}
	if cfg.suggest {
		writeSuggestions(c.stdout, root, rep.reported())
	}
	if fixedNote != "" {
		fmt.Fprintf(c.stderr, "%s: %s\n", a.Name, fixedNote)
	}
	switch {
	case len(errs) > 0:
		return exitErrors
	case fixedDiff:
		return exitFindings
	case len(rep.reported()) > 0 && (cfg.format == formatText || cfg.format == formatGitHub):
		return exitFindings
	}
	return exitClean
}

// analyze loads the packages (load.go) and runs a on them with the public
// go/analysis/checker. A non-zero code means nothing could be analyzed.
func (c *command) analyze(a *analysis.Analyzer, cfg driverConfig) (findings []finding, errs []runError, stats analyzer.Stats, roots int, code int) {
	library := c.library
	if f := a.Flags.Lookup(analyzer.LibrariesFlag); f != nil && f.Value.String() == "true" {
		library = nil // analyzed, so loaded from source
	}
	pkgs, all, err := loadPackages(loadConfig{
		patterns:    cfg.patterns,
		tests:       cfg.tests,
		facts:       needFacts(a),
		factSources: c.factSources,
		library:     library,
	})
	if err != nil {
		fmt.Fprintf(c.stderr, "%s: %v\n", a.Name, err)
		return nil, nil, stats, 0, exitErrors
	}
	if len(pkgs) == 0 {
		fmt.Fprintf(c.stderr, "%s: %s matched no packages\n", a.Name, strings.Join(cfg.patterns, " "))
		return nil, nil, stats, 0, exitErrors
	}

	seenErr := map[runError]bool{}
	addErr := func(e runError) {
		if !seenErr[e] {
			seenErr[e] = true
			errs = append(errs, e)
		}
	}
	for _, p := range all {
		for _, e := range p.Errors {
			addErr(runError{PkgID: p.ID, Msg: e.Error()})
		}
	}

	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		fmt.Fprintf(c.stderr, "%s: %v\n", a.Name, err)
		return nil, nil, stats, 0, exitErrors
	}
	for act := range graph.All() {
		if act.Analyzer != a {
			continue // the analyzers it requires fail in the same packages
		}
		if act.Err != nil {
			addErr(runError{PkgID: act.Package.ID, Msg: act.Err.Error()})
			continue
		}
		if !act.IsRoot {
			continue
		}
		roots++
		pkg := pkgInfo{ID: act.Package.ID, Path: act.Package.PkgPath, Fset: act.Package.Fset, Files: act.Package.Syntax}
		fs := newFindings(pkg, a.Name, act.Diagnostics)
		attachDetails(fs, act.Result, act.Package.Fset)
		findings = append(findings, fs...)
		if s, ok := act.Result.(*analyzer.Stats); ok {
			stats.Add(s)
		}
	}
	return findings, errs, stats, roots, 0
}

func (c *command) printErrors(name string, errs []runError) {
	for _, e := range errs {
		if e.PkgID != "" {
			fmt.Fprintf(c.stderr, "%s: %s: %s\n", name, e.PkgID, e.Msg)
		} else {
			fmt.Fprintf(c.stderr, "%s: %s\n", name, e.Msg)
		}
	}
}

// printStats writes the -stats summary to stderr.
func (c *command) printStats(r *report, s *analyzer.Stats, roots, unused int) {
	type row struct {
		label string
		n     int
	}
	skipped := 0
	for _, n := range s.Skipped {
		skipped += n
	}
	rows := []row{{"SQL call sites", s.CallSites}, {"resolved", s.Resolved}, {"skipped", skipped}}
	for _, reason := range slices.Sorted(maps.Keys(s.Skipped)) {
		rows = append(rows, row{"  " + reason, s.Skipped[reason]})
	}
	unmapped := 0
	for _, n := range s.Unmapped {
		unmapped += n
	}
	rows = append(rows, row{"reads with columns not mapped", unmapped})
	for _, reason := range slices.Sorted(maps.Keys(s.Unmapped)) {
		rows = append(rows, row{"  " + reason, s.Unmapped[reason]})
	}
	if s.Projections > 0 {
		rows = append(rows, row{"projections (computed fields written to a read model)", s.Projections})
	}
	rows = append(rows, row{"findings", len(r.Findings)})
	if s.Suppressed > 0 {
		rows = append(rows, row{"suppressed by //cqrslint:ignore", s.Suppressed})
	}
	if r.Baseline != "" {
		rows = append(rows,
			row{"  in baseline", len(r.Findings) - len(r.reported())},
			row{"  new", len(r.reported())},
			row{"baseline entries not found", unused})
	}
	if len(r.Errors) > 0 {
		rows = append(rows, row{"errors", len(r.Errors)})
	}
	width, digits := 0, 0
	for _, rw := range rows {
		width = max(width, len(rw.label)+1)
		digits = max(digits, len(strconv.Itoa(rw.n)))
	}
	fmt.Fprintf(c.stderr, "%s version %s\n", r.Analyzer, r.Version)
	fmt.Fprintf(c.stderr, "%s stats for %d %s:\n", r.Analyzer, roots, plural(roots, "package"))
	for _, rw := range rows {
		fmt.Fprintf(c.stderr, "  %-*s %*d\n", width, rw.label+":", digits, rw.n)
	}
}

// needFacts reports whether a or an analyzer it requires uses facts, in
// which case the dependencies where facts can arise are loaded from
// source and analyzed too.
func needFacts(a *analysis.Analyzer) bool {
	seen := map[*analysis.Analyzer]bool{}
	var visit func(*analysis.Analyzer) bool
	visit = func(a *analysis.Analyzer) bool {
		if seen[a] {
			return false
		}
		seen[a] = true
		return len(a.FactTypes) > 0 || slices.ContainsFunc(a.Requires, visit)
	}
	return visit(a)
}

// unwrapPath drops the temporary file's name from an error about it.
func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	if le, ok := err.(*os.LinkError); ok {
		return le.Err
	}
	return err
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
