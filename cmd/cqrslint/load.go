package main

import (
	"bufio"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"maps"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"
)

// loadConfig says how the driver loads packages.
type loadConfig struct {
	patterns []string
	tests    bool
	// facts is whether the analyzer (or one it requires) uses facts.
	facts bool
	// factSources, when facts is set, lists the packages facts can come
	// from: only a package that imports one of them, directly or not, can
	// export a fact. Nil means any package can.
	factSources []string
	// library, when set, reports the packages that reach a fact source
	// but where the analyzer neither reports nor exports facts (the
	// database libraries themselves): as dependencies, they come from
	// export data too.
	library func(path string) bool
}

// loadPackages loads the packages matching cfg.patterns, ready for
// checker.Analyze.
//
// Without facts, the root packages are type-checked from source and their
// dependencies come from the compiler's export data, as for any
// fact-free analyzer. With facts, the checker runs the analyzer on every
// dependency too. When cfg.factSources says where facts can arise, only
// the roots and the dependencies that import one of those packages
// (directly or not) are type-checked from source and analyzed; every other
// dependency, typically the standard library and most modules, comes
// from export data and is left out of the analysis graph: the analyzer
// could neither report nor export anything there. So do the dependencies
// cfg.library names, such as pgx's 18,000-line pgtype, which imports
// database/sql. Without factSources, every dependency is loaded from
// source.
//
// all lists every package loaded, roots and dependencies, for their errors.
func loadPackages(cfg loadConfig) (roots, all []*packages.Package, err error) {
	const base = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
		packages.NeedImports | packages.NeedModule
	if !cfg.facts || cfg.factSources == nil {
		mode := packages.LoadSyntax | packages.NeedModule
		if cfg.facts {
			mode = packages.LoadAllSyntax | packages.NeedModule
		}
		roots, err := packages.Load(&packages.Config{Mode: mode, Tests: cfg.tests}, cfg.patterns...)
		if err != nil {
			return nil, nil, err
		}
		packages.Visit(roots, nil, func(p *packages.Package) { all = append(all, p) })
		return roots, all, nil
	}

	// The import graph, with the compiler's export data of every package.
	roots, err = packages.Load(&packages.Config{
		Mode:  base | packages.NeedDeps | packages.NeedExportFile | packages.NeedTypesSizes,
		Tests: cfg.tests,
	}, cfg.patterns...)
	if err != nil {
		return nil, nil, err
	}
	l := &loader{fset: token.NewFileSet(), nodes: map[*packages.Package]*node{}}
	for _, p := range roots {
		l.add(p).root = true
	}
	for _, n := range l.order {
		// A package without export data failed to compile: it is
		// type-checked from source, which reports why.
		noExport := n.pkg.ExportFile == "" && n.pkg.PkgPath != "unsafe"
		library := cfg.library != nil && cfg.library(n.pkg.PkgPath)
		n.source = n.root || noExport || (n.reaches(cfg.factSources) && !library)
	}
	l.run()

	for _, n := range l.order { // dependencies first
		if n.source {
			// After run: an export-data import's IllTyped is set under
			// exportMu while other packages are checked.
			n.pkg.IllTyped = len(n.pkg.Errors) > 0 ||
				slices.ContainsFunc(n.imports, func(imp *node) bool { return imp.pkg.IllTyped })
		}
		all = append(all, n.pkg)
		if n.source {
			// Only dependencies loaded from source are analyzed.
			for path, imp := range n.pkg.Imports {
				if !l.nodes[imp].source {
					delete(n.pkg.Imports, path)
				}
			}
		}
	}
	return roots, all, nil
}

// A loader type-checks a package graph, part from source and part from
// export data.
type loader struct {
	fset  *token.FileSet
	nodes map[*packages.Package]*node
	order []*node // dependencies before importers

	// exportMu serialises export data reading: gcexportdata fills in the
	// shared types.Package of every package an export file mentions.
	exportMu sync.Mutex
}

// A node is one package of the graph being loaded.
type node struct {
	pkg     *packages.Package
	imports []*node
	root    bool
	source  bool // type-checked from source and analyzed
	reach   *bool
	done    chan struct{}
	// exportErr is set when export data was needed and could not be read.
	exportErr error
}

func (l *loader) add(p *packages.Package) *node {
	if n := l.nodes[p]; n != nil {
		return n
	}
	n := &node{pkg: p, done: make(chan struct{})}
	l.nodes[p] = n
	for _, path := range slices.Sorted(maps.Keys(p.Imports)) {
		n.imports = append(n.imports, l.add(p.Imports[path]))
	}
	l.order = append(l.order, n)
	// Every package gets its types.Package up front, so that reading
	// export data never creates one for an indirect dependency (as
	// go/packages does).
	if p.PkgPath == "unsafe" {
		p.Types = types.Unsafe
	} else {
		p.Types = types.NewPackage(p.PkgPath, p.Name)
	}
	p.Fset = l.fset
	return n
}

// reaches reports whether n is or imports, directly or not, one of paths.
func (n *node) reaches(paths []string) bool {
	if n.reach != nil {
		return *n.reach
	}
	r := slices.Contains(paths, n.pkg.PkgPath)
	n.reach = &r // imports form a DAG: no cycle can see this early value
	for _, imp := range n.imports {
		if imp.reaches(paths) {
			r = true
		}
	}
	n.reach = &r
	return r
}

// run type-checks every source package once its imports are ready, in
// parallel.
func (l *loader) run() {
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for _, n := range l.order {
		wg.Go(func() {
			defer close(n.done)
			for _, imp := range n.imports {
				<-imp.done
			}
			if !n.source {
				return // read from export data when a source package imports it
			}
			sem <- struct{}{}
			defer func() { <-sem }()
			l.check(n)
		})
	}
	wg.Wait()
}

// check parses and type-checks a source package.
func (l *loader) check(n *node) {
	p := n.pkg
	p.TypesInfo = &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Implicits:    map[ast.Node]types.Object{},
		Instances:    map[*ast.Ident]types.Instance{},
		Scopes:       map[ast.Node]*types.Scope{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		FileVersions: map[*ast.File]string{},
	}
	p.Syntax = []*ast.File{}
	if p.PkgPath == "unsafe" {
		return
	}
	addErr := func(err error) {
		var list scanner.ErrorList
		var terr types.Error
		switch {
		case errors.As(err, &terr):
			p.TypeErrors = append(p.TypeErrors, terr)
			p.Errors = append(p.Errors, packages.Error{Pos: terr.Fset.Position(terr.Pos).String(), Msg: terr.Msg, Kind: packages.TypeError})
		case errors.As(err, &list):
			for _, e := range list {
				p.Errors = append(p.Errors, packages.Error{Pos: e.Pos.String(), Msg: e.Msg, Kind: packages.ParseError})
			}
		default:
			p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.UnknownError})
		}
	}
	for _, name := range p.CompiledGoFiles {
		f, err := parser.ParseFile(l.fset, name, nil, parser.AllErrors|parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			addErr(err)
		}
		if f != nil {
			p.Syntax = append(p.Syntax, f)
		}
	}
	conf := &types.Config{
		Importer: importerFunc(func(path string) (*types.Package, error) { return l.importFor(n, path) }),
		Error:    addErr,
		Sizes:    p.TypesSizes,
	}
	if p.Module != nil && p.Module.GoVersion != "" {
		conf.GoVersion = "go" + p.Module.GoVersion
	}
	// Errors are recorded by addErr; the package is checked as far as it goes.
	_ = types.NewChecker(conf, l.fset, p.Types, p.TypesInfo).Files(p.Syntax)
	if len(p.TypeErrors) > 0 {
		// The go command's compile error for the export data ("# path"
		// and the compiler's messages) repeats the type errors.
		p.Errors = slices.DeleteFunc(p.Errors, func(e packages.Error) bool {
			return e.Kind == packages.ListError && strings.HasPrefix(e.Msg, "# ")
		})
	}
}

// importFor resolves an import of the source package n.
func (l *loader) importFor(n *node, path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	ip := n.pkg.Imports[path]
	if ip == nil {
		return nil, fmt.Errorf("no metadata for %s", path)
	}
	imp := l.nodes[ip]
	if imp.source {
		return ip.Types, nil
	}
	if err := l.readExport(imp); err != nil {
		return nil, err
	}
	return ip.Types, nil
}

// readExport fills n's types from its export data, once.
func (l *loader) readExport(n *node) error {
	l.exportMu.Lock()
	defer l.exportMu.Unlock()
	p := n.pkg
	if p.Types.Complete() {
		return nil
	}
	if n.exportErr != nil {
		return n.exportErr
	}
	err := l.readExportLocked(n)
	if err != nil {
		n.exportErr = err
		p.IllTyped = true
		p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.UnknownError})
	}
	return err
}

func (l *loader) readExportLocked(n *node) error {
	p := n.pkg
	if p.ExportFile == "" {
		return errors.New("no export data file") // the go command printed why
	}
	f, err := os.Open(p.ExportFile)
	if err != nil {
		return err
	}
	defer f.Close()
	r, err := gcexportdata.NewReader(bufio.NewReader(f))
	if err != nil {
		return fmt.Errorf("reading %s: %v", p.ExportFile, err)
	}
	// gcexportdata knows packages by path: it gets the package's
	// transitive imports, whose types.Packages exist already.
	view := map[string]*types.Package{}
	seen := map[*node]bool{}
	var visit func(*node)
	visit = func(m *node) {
		for _, imp := range m.imports {
			if !seen[imp] {
				seen[imp] = true
				view[imp.pkg.PkgPath] = imp.pkg.Types
				visit(imp)
			}
		}
	}
	view[p.PkgPath] = p.Types
	visit(n)
	tpkg, err := gcexportdata.Read(r, l.fset, view, p.PkgPath)
	if err != nil {
		return fmt.Errorf("reading %s: %v", p.ExportFile, err)
	}
	p.Types = tpkg
	return nil
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
