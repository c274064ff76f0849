package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/cqrslint/cqrslint/analyzer/internal/sqlinfo"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// state is everything one pass learns. Nothing outlives the pass.
type state struct {
	pass  *analysis.Pass
	opts  *Options
	root  inspector.Cursor
	uses  *useIndex
	stats *Stats
	sup   suppressions // read once, before the rules run

	units        map[ast.Node]*unit
	calls        []call // every call with a known callee
	sites        []*callSite
	wrappers     map[*types.Func]*wrapperFact
	callers      map[*unit][]caller
	bindings     map[string][]*binding // by typeNameKey
	parsed       map[string]parsed
	privateTypes map[*types.TypeName]bool
	syncParams   map[*types.Func]map[int]bool  // parameters called in place
	loads        map[*unit][]*load             // structs loaded with computed columns, off write paths
	imported     map[*ast.CallExpr][]*load     // what imported loaders load, by call
	inWrapper    map[*types.Func]bool          // wrappers being followed (cycle guard)
	decls        map[*types.Func]*ast.FuncDecl // the package's function declarations, built on first use

	builderHelpers map[*types.Func]int              // builder pass-through helpers: the parameter
	passThroughs   map[*types.Func]*passThroughFact // query-text pass-throughs (passthrough.go)
	fieldValues    map[*types.Var][]ast.Expr        // values assigned to the package's struct fields (prepared.go), built on first use

	outside *outside // SQL kept outside Go strings (sqlfiles.go)
}

// caller is a same-package call of a unit's function.
type caller struct {
	unit *unit
	call *ast.CallExpr
}

// parsed caches the classification of one query text.
type parsed struct {
	stmt  *sqlinfo.Statement
	names []string
	err   string
}

func run(pass *analysis.Pass, o *Options) (any, error) {
	stats := &Stats{}
	sup := readDirectives(pass, o, stats)
	if !importsDatabase(pass.Pkg) || (libraryPackage(pass.Pkg.Path()) && !o.Libraries) {
		// No SQL can be sent from here, or only a library's on its
		// callers' behalf, which the tables describe (libraryModules).
		sup.reportUnused(pass, o, stats)
		return stats, nil
	}
	// The inspector is built here, after the check above, rather than
	// required from inspect.Analyzer: with facts, drivers run the analyzer
	// on every dependency, and building an inspector for each of them was
	// most of cqrslint's cost over a do-nothing analyzer (docs/performance.md).
	st := &state{
		pass:         pass,
		opts:         o,
		root:         inspector.New(pass.Files).Root(),
		stats:        stats,
		sup:          sup,
		units:        map[ast.Node]*unit{},
		wrappers:     map[*types.Func]*wrapperFact{},
		callers:      map[*unit][]caller{},
		bindings:     map[string][]*binding{},
		parsed:       map[string]parsed{},
		privateTypes: map[*types.TypeName]bool{},
		syncParams:   map[*types.Func]map[int]bool{},
		loads:        map[*unit][]*load{},
		imported:     map[*ast.CallExpr][]*load{},
		inWrapper:    map[*types.Func]bool{},
	}
	st.uses = newUseIndex(st.root, pass.TypesInfo)
	st.outside = &outside{pass: pass, opts: o, uses: st.uses, calls: func() []call { return st.calls }}
	st.findSyncParams()
	st.findUnits()
	st.findCallSites()
	st.learnBuilderHelpers()
	st.learnPassThroughs()
	st.dropTestSites()
	st.classify()
	st.countUnmodelled()
	st.findWritePaths()
	st.findWriteModels()
	st.report()
	sup.reportUnused(pass, o, stats)
	st.exportRowHelpers()
	return stats, nil
}

// DatabasePackages returns the import paths of the packages through which
// any SQL call must pass. In a package that imports none of them, directly
// or not, the analyzer reports nothing and exports no fact, so a driver may
// load such a dependency from export data and not analyze it (cqrslint's
// own driver does).
func DatabasePackages() []string { return append([]string(nil), dbPackages...) }

// LibraryPackage reports whether path is a package of the database
// libraries the analyzer knows as data (database/sql, pgx, sqlx, bun, ...):
// unless Options.Libraries is set, it neither reports nor exports facts
// there, so a driver may load such a dependency from export data even
// though it imports a database package.
func LibraryPackage(path string) bool { return libraryPackage(path) }

// importsDatabase reports whether pkg imports, directly or not, a package
// through which SQL is sent.
func importsDatabase(pkg *types.Package) bool {
	seen := map[*types.Package]bool{}
	var walk func(p *types.Package) bool
	walk = func(p *types.Package) bool {
		if seen[p] {
			return false
		}
		seen[p] = true
		// The database packages and every library around them (whose
		// export data may not list the database package it wraps).
		if libraryPackage(p.Path()) {
			return true
		}
		for _, imp := range p.Imports() {
			if walk(imp) {
				return true
			}
		}
		return false
	}
	return walk(pkg)
}

// classify resolves and parses the query text of every call site.
func (st *state) classify() {
	r := st.newResolver()
	for _, s := range st.sites {
		st.stats.CallSites++
		if s.skip != "" {
			st.stats.skip(s.skip)
			continue
		}
		texts, why := st.siteTexts(s, r, 0)
		if why == skipParameter && s.unit != nil && st.wrappers[s.unit.fn] != nil {
			why = skipWrapper
		}
		if why != "" {
			s.skip = why
			st.stats.skip(why)
			continue
		}
		firstErr := ""
		for _, t := range texts {
			p := st.parseText(t, r.partial)
			if p.err == sqlinfo.ReasonStatements && st.script(s, t) {
				continue
			}
			if p.err != "" {
				if firstErr == "" {
					firstErr = p.err
				}
				continue
			}
			s.stmts = append(s.stmts, p.stmt)
			s.names = append(s.names, p.names)
		}
		if len(s.stmts) == 0 {
			s.skip = firstErr
			st.stats.skip(firstErr)
			continue
		}
		st.stats.Resolved++
	}
}

// siteTexts returns the texts call site s may send, or why they are not
// known: its query text argument; the query a name argument names
// (dotsql); or, for a prepared statement's methods, the text it was
// prepared from (a local prepared here, a struct field tagged with a
// named query or assigned only from prepare calls of the package).
func (st *state) siteTexts(s *callSite, r *resolver, depth int) ([]string, string) {
	r.partial = false
	switch {
	case s.entry.kind == kindCopy:
		return r.copyText(s.call)
	case s.entry.bun:
		return r.bunTexts(s)
	case s.entry.builder:
		return r.runTexts(s.call)
	case s.name != nil:
		return st.namedTexts(s.name)
	case s.sql != nil:
		return r.resolve(s.sql)
	case depth > 1:
		return nil, skipUnknownPrepared
	}
	if texts, why, ok := st.taggedStmtTexts(s); ok {
		return texts, why
	}
	if p := st.preparedSite(s); p != nil {
		return st.siteTexts(p, r, depth+1)
	}
	return nil, skipUnknownPrepared
}

// dropTestSites forgets the call sites in _test.go files: test fixtures
// write structs field by field and tests read them back, which says
// nothing about the application's write side, and findings there would
// be noise. (Wrappers were learned from them all the same.)
func (st *state) dropTestSites() {
	kept := st.sites[:0]
	for _, s := range st.sites {
		if st.inTestFile(s.call.Pos()) {
			continue
		}
		kept = append(kept, s)
	}
	st.sites = kept
}

// parse classifies a query text once per pass.
func (st *state) parse(text string) parsed {
	if p, ok := st.parsed[text]; ok {
		return p
	}
	prepared, names := sqlinfo.Prepare(text)
	stmt, err := sqlinfo.Analyze(prepared)
	p := parsed{stmt: stmt, names: names}
	if err != nil {
		p = parsed{err: err.Error()}
	}
	st.parsed[text] = p
	return p
}

// preparedSite finds the prepare call of a prepared statement's method
// call: stmt.QueryRow(...) where stmt, err := db.Prepare(q), or where
// stmt is a struct field assigned once (prepared.go).
func (st *state) preparedSite(s *callSite) *callSite {
	sel, ok := ast.Unparen(s.call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	return st.stmtSite(sel.X, 0)
}

// shortPos formats a position as "file.go:42".
func (st *state) shortPos(p token.Pos) string {
	pos := st.pass.Fset.Position(p)
	if !pos.IsValid() {
		return "?"
	}
	return filepath.Base(pos.Filename) + ":" + strconv.Itoa(pos.Line)
}

// declOf returns the declaration of a function of this package, nil for
// another package's or one without a body here.
func (st *state) declOf(fn *types.Func) *ast.FuncDecl {
	if st.decls == nil {
		st.decls = map[*types.Func]*ast.FuncDecl{}
		for _, f := range st.pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
					if obj, ok := st.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
						st.decls[obj] = fd
					}
				}
			}
		}
	}
	return st.decls[fn]
}

// libraryPackage reports whether path is database/sql or a package of one
// of libraryModules.
func libraryPackage(path string) bool {
	if path == "database/sql" {
		return true
	}
	for _, m := range libraryModules {
		if path == m || strings.HasPrefix(path, m+"/") {
			return true
		}
	}
	return false
}
