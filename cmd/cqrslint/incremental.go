package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/cqrslint/cqrslint/analyzer"
)

// The incremental path (-incremental): the driver runs
//
//	go vet -json -vettool=<this binary> -incremental [analyzer flags] patterns
//
// Under go vet, -incremental makes the tool write each package's findings,
// resolved and with their details, as one JSON record (vetRecord) on the
// standard output go vet gives it, and report nothing, so that go vet
// exits 0 and caches the record in the build cache with the package's
// facts. A later run replays the records of unchanged packages from the
// cache (GOCACHE, or a shared GOCACHEPROG) and runs the tool only on the
// packages whose inputs changed: edited packages, and their importers when
// the edit changed their types or facts.
//
// go vet prints the records of every package it vets, the dependencies
// vetted only for their facts included, and caches a package's record
// under the same key in both cases (docs/cli.md, the caching pitfall).
// The record is therefore written whether or not go vet wants a report
// for the package, and the driver keeps the records of the packages the
// patterns match (go list).

// incrementalFlag is the driver flag, and the flag that asks the tool
// for records under go vet.
const incrementalFlag = "incremental"

// A vetRecord is one package's findings as the tool writes them under
// go vet with -incremental.
type vetRecord struct {
	Cqrslint int       // vetRecordVersion: tells a record from other output
	ID       string    // go vet's package ID, e.g. "p [p.test]"
	Path     string    // import path
	Findings []finding // positions resolved, details attached
	// Stats are the package's counts for -stats, without details.
	Stats *analyzer.Stats `json:",omitempty"`
}

const vetRecordVersion = 1

// recordingAnalyzer returns a copy of a that, instead of reporting its
// diagnostics, writes them as a vetRecord for the package id to out().
func recordingAnalyzer(a *analysis.Analyzer, id string, out func() io.Writer) *analysis.Analyzer {
	r := *a
	r.Run = func(pass *analysis.Pass) (any, error) {
		var diags []analysis.Diagnostic
		p := *pass
		p.Report = func(d analysis.Diagnostic) { diags = append(diags, d) }
		res, err := a.Run(&p)
		if err != nil {
			return res, err
		}
		// A package with SQL, a finding or a suppression writes its
		// counts for -stats, findings or not.
		var stats *analyzer.Stats
		if st, ok := res.(*analyzer.Stats); ok && (st.CallSites > 0 || st.Findings > 0 || st.Suppressed > 0) {
			c := *st
			c.Details = nil
			stats = &c
		}
		if len(diags) == 0 && stats == nil {
			return res, nil
		}
		rec := vetRecord{Cqrslint: vetRecordVersion, ID: id, Path: pass.Pkg.Path(), Stats: stats}
		if len(diags) > 0 {
			rec.Findings = recordFindings(pass, id, a.Name, diags, res)
		}
		return res, json.NewEncoder(out()).Encode(rec)
	}
	return &r
}

// recordFindings turns a package's diagnostics into the findings its
// record carries: details attached, positions resolved, and those in
// other packages' files put on the name declared on their line.
func recordFindings(pass *analysis.Pass, id, name string, diags []analysis.Diagnostic, res any) []finding {
	fs := newFindings(pkgInfo{ID: id, Path: pass.Pkg.Path(), Fset: pass.Fset, Files: pass.Files}, name, diags)
	attachDetails(fs, res, pass.Fset)
	own := map[string]bool{}
	for _, f := range pass.Files {
		own[pass.Fset.File(f.FileStart).Name()] = true
	}
	fixImportedColumns(fs, own)
	for i := range fs {
		if d := fs[i].Detail; d != nil {
			// Positions of this process's file set mean nothing to the
			// driver; the finding's own are resolved.
			c := *d
			c.Pos, c.End, c.Scan, c.WritePos = 0, 0, 0, 0
			fs[i].Detail = &c
		}
	}
	return fs
}

// fixImportedColumns gives the positions in other packages' files the
// column the standalone driver reports. Under go vet another package's
// objects come from export data, whose positions carry a line and column
// 1 only; a position in such a file is moved to the one name declared on
// its line (a type, function, variable, constant or field), found by
// parsing the file, when there is exactly one.
func fixImportedColumns(fs []finding, own map[string]bool) {
	names := map[string]map[int][]token.Position{} // file -> line -> declared names
	fix := func(p *token.Position) {
		if p.Filename == "" || own[p.Filename] || p.Column != 1 {
			return
		}
		byLine, ok := names[p.Filename]
		if !ok {
			byLine = declaredNames(p.Filename)
			names[p.Filename] = byLine
		}
		if at := byLine[p.Line]; len(at) == 1 {
			*p = at[0]
		}
	}
	for i := range fs {
		for j := range fs[i].Related {
			r := &fs[i].Related[j]
			same := r.End == r.Posn
			fix(&r.Posn)
			if same {
				r.End = r.Posn
			} else {
				fix(&r.End)
			}
		}
	}
}

// declaredNames parses filename and returns the positions of the names it
// declares, by line; nil if it does not parse.
func declaredNames(filename string) map[int][]token.Position {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filename, nil, parser.SkipObjectResolution)
	if err != nil {
		return nil
	}
	byLine := map[int][]token.Position{}
	add := func(id *ast.Ident) {
		if id != nil {
			p := fset.Position(id.Pos())
			byLine[p.Line] = append(byLine[p.Line], p)
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			add(n.Name)
		case *ast.TypeSpec:
			add(n.Name)
		case *ast.ValueSpec:
			for _, id := range n.Names {
				add(id)
			}
		case *ast.Field:
			for _, id := range n.Names {
				add(id)
			}
		case *ast.BlockStmt:
			return false // declarations inside functions are not exported
		}
		return true
	})
	return byLine
}

// vetConfigID reads the package ID from go vet's .cfg file; "" if it
// cannot (the record then carries no ID and unitchecker reports the
// file's problem itself).
func vetConfigID(cfgFile string) string {
	data, err := os.ReadFile(cfgFile)
	if err != nil {
		return ""
	}
	var cfg struct{ ID string }
	if json.Unmarshal(data, &cfg) != nil {
		return ""
	}
	return cfg.ID
}

// vetFindings runs go vet with this binary as its vettool and returns the
// findings of the packages matching cfg.patterns, the errors go vet
// printed, and the sum of those packages' stats with their number.
func (c *command) vetFindings(a *analysis.Analyzer, cfg driverConfig) ([]finding, []runError, analyzer.Stats, int, error) {
	var stats analyzer.Stats
	exe, err := os.Executable()
	if err != nil {
		return nil, nil, stats, 0, err
	}
	roots, err := listPaths(cfg.patterns)
	if err != nil {
		return nil, nil, stats, 0, err
	}
	if len(roots) == 0 {
		return nil, nil, stats, 0, fmt.Errorf("%s matched no packages", strings.Join(cfg.patterns, " "))
	}
	// -json: go vet passes the tool's standard output through (without
	// it, Go 1.26's go vet parses it as diagnostics).
	args := append([]string{"vet", "-json", "-vettool=" + exe, "-" + incrementalFlag}, cfg.analyzerArgs...)
	cmd := exec.Command("go", append(args, cfg.patterns...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, stats, 0, err
	}
	if err := cmd.Start(); err != nil {
		return nil, nil, stats, 0, err
	}
	var findings []finding
	var errs []runError
	seen := map[string]bool{} // record IDs: go vet may print a package twice
	dec := json.NewDecoder(bufio.NewReader(stdout))
	var decodeErr error
	for {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			if err != io.EOF {
				decodeErr = fmt.Errorf("reading go vet's output: %v", err)
				io.Copy(io.Discard, stdout)
			}
			break
		}
		var rec vetRecord
		if json.Unmarshal(raw, &rec) == nil && rec.Cqrslint == vetRecordVersion {
			if (roots[rec.Path] || roots[strings.TrimSuffix(rec.Path, "_test")]) && !seen[rec.ID] {
				seen[rec.ID] = true
				findings = append(findings, rec.Findings...)
				stats.Add(rec.Stats)
			}
			continue
		}
		// unitchecker's -json tree (package ID -> analyzer -> result)
		// of a package vetted for its report: its diagnostics are in
		// the record; an analysis error is only here.
		var tree map[string]map[string]json.RawMessage
		if json.Unmarshal(raw, &tree) != nil {
			continue
		}
		for id, units := range tree {
			var e struct{ Error string }
			if json.Unmarshal(units[a.Name], &e) == nil && e.Error != "" {
				errs = append(errs, runError{PkgID: id, Msg: e.Error})
			}
		}
	}
	waitErr := cmd.Wait()
	if decodeErr != nil {
		return nil, nil, stats, 0, decodeErr
	}
	var exit *exec.ExitError
	switch {
	case errors.As(waitErr, &exit):
		ve := vetErrors(stderr.String())
		if len(ve) == 0 {
			ve = []runError{{Msg: "go vet: " + waitErr.Error()}}
		}
		errs = append(errs, ve...)
	case waitErr != nil:
		return nil, nil, stats, 0, waitErr
	}
	return findings, errs, stats, len(roots), nil
}

// listPaths returns the import paths the patterns match, those of
// packages with errors included (go vet reports the errors).
func listPaths(patterns []string) (map[string]bool, error) {
	cmd := exec.Command("go", append([]string{"list", "-e", "-f", "{{.ImportPath}}"}, patterns...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %v\n%s", err, strings.TrimSpace(stderr.String()))
	}
	paths := map[string]bool{}
	for _, line := range strings.Split(string(out), "\n") {
		if line != "" {
			paths[line] = true
		}
	}
	return paths, nil
}

// vetErrors turns go vet's standard error into errors: "# pkg" lines name
// the package of the lines after them.
func vetErrors(stderr string) []runError {
	var errs []runError
	pkg := ""
	for _, line := range strings.Split(stderr, "\n") {
		switch {
		case strings.TrimSpace(line) == "":
		case strings.HasPrefix(line, "# "):
			pkg = strings.TrimPrefix(line, "# ")
		default:
			e := runError{PkgID: pkg, Msg: line}
			if !slices.Contains(errs, e) {
				errs = append(errs, e)
			}
		}
	}
	return errs
}
