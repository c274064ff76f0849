package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"sort"

	"golang.org/x/tools/go/analysis"
)

// This file follows loads up the call graph: a function that loads a
// struct with computed columns (a getter), a function that calls one
// (write → reload() → byID()), and a function of another package known,
// through a fact, to do so (the sqlc layout: generated queries in package
// db, the service above calling q.CreateUser then q.GetUserWithStats). A
// write path that calls any of them, when the write touches what the load
// reads, is reported at the call. A getter's direct callers in its own
// package are reported by checkGodStruct, with the getter's query.

// load is a struct loaded with computed columns by a function or one of
// its callees.
type load struct {
	owner    string   // the struct's name
	computed string   // "PostCount: subquery, FollowerCount: subquery"
	reads    []string // the tables the query reads
	at       string   // where the query is: "queries.go:42"
	via      string   // the function that runs the query, when not this one
	scan     token.Pos
	advice   bool // offer the split as well as a narrower load
}

// loadsFact marks an exported function that loads structs with computed
// columns, itself or through its callees, off any write path.
type loadsFact struct {
	Loads []loadSummary
}

// loadSummary is a load as a fact carries it.
type loadSummary struct {
	Type     string
	Computed string
	Reads    []string
	At       string // "queries.go:42"
	Via      string // "Queries.GetUserWithStats"
}

func (*loadsFact) AFact() {}
func (f *loadsFact) String() string {
	s := "loads"
	for i, l := range f.Loads {
		if i > 0 {
			s += ","
		}
		s += fmt.Sprintf(" %s with %s (%s)", l.Type, l.Computed, l.At)
	}
	return s
}

// noteLoad records that u loads l, once per struct and query position.
func (st *state) noteLoad(u *unit, l *load) bool {
	for _, old := range st.loads[u] {
		if old.owner == l.owner && old.at == l.at {
			return false
		}
	}
	st.loads[u] = append(st.loads[u], l)
	return true
}

// reportLoaders propagates loads to callers, reports the calls on write
// paths that checkGodStruct did not, and exports the summaries.
func (st *state) reportLoaders(sup suppressions, g *godReports) {
	if !st.opts.enabled(RuleGodStruct) {
		return
	}
	// Calls of loaders: of this package, and imported ones.
	type loaderCall struct {
		from *unit
		call *ast.CallExpr
		name string // the callee, as messages name it
		to   *unit  // the callee in this package, nil for an imported one
	}
	callee := map[*ast.CallExpr]*unit{}
	for to, cs := range st.callers {
		for _, cl := range cs {
			callee[cl.call] = to
		}
	}
	var calls []loaderCall
	for _, c := range st.calls {
		if !c.static() {
			continue
		}
		call := c.cur.Node().(*ast.CallExpr)
		from := st.unitOf(c.cur)
		fn := c.fn.Origin()
		if from == nil || fn.Pkg() == nil || st.inTestFile(call.Pos()) {
			continue
		}
		if fn.Pkg() == st.pass.Pkg {
			if to := callee[call]; to != nil {
				calls = append(calls, loaderCall{from, call, funcName(fn), to})
			}
			continue
		}
		var f loadsFact
		if !st.pass.ImportObjectFact(fn, &f) {
			continue
		}
		name := fn.Pkg().Name() + "." + funcName(fn)
		calls = append(calls, loaderCall{from, call, name, nil})
		for _, l := range f.Loads {
			via := l.Via
			if via == "" {
				via = name
			} else {
				via = fn.Pkg().Name() + "." + via
			}
			st.imported[call] = append(st.imported[call], &load{owner: l.Type, computed: l.Computed, reads: l.Reads, at: l.At, via: via, advice: true})
		}
	}
	sort.Slice(calls, func(i, j int) bool { return calls[i].call.Pos() < calls[j].call.Pos() })
	loadsOf := func(c loaderCall) []*load {
		if c.to != nil {
			return st.loads[c.to]
		}
		return st.imported[c.call]
	}
	// Propagate to callers off write paths until nothing changes.
	for changed := true; changed; {
		changed = false
		for _, c := range calls {
			if c.from.fn == nil || c.from.parent != nil {
				continue
			}
			for _, l := range loadsOf(c) {
				if wp, _ := st.writePathFor(c.from, l.reads); wp != nil {
					continue // reported at this call below
				}
				via := l.via
				if via == "" {
					via = c.name
				}
				if st.noteLoad(c.from, &load{owner: l.owner, computed: l.computed, reads: l.reads, at: l.at, via: via, scan: l.scan, advice: l.advice}) {
					changed = true
				}
			}
		}
	}
	// Calls on write paths.
	for _, c := range calls {
		if g.reportedCallers[c.call] {
			continue
		}
		for _, l := range loadsOf(c) {
			if c.to != nil && l.via == "" {
				continue // the getter's own query: checkGodStruct reported its callers
			}
			wp, w := st.writePathFor(c.from, l.reads)
			if wp == nil {
				continue
			}
			g.reportedCallers[c.call] = true
			through := ""
			if l.via != "" && l.via != c.name {
				through = " through " + l.via
			}
			related := []analysis.RelatedInformation{{Pos: w.pos, Message: "write on " + wp.name() + ": " + stripPos(w.what)}}
			if l.scan.IsValid() {
				related = append(related, analysis.RelatedInformation{Pos: l.scan, Message: "computed columns selected here"})
			}
			advice := "load only the stored fields the command needs"
			if l.advice {
				advice += ", or split " + l.owner + " into a command model and a query model"
			}
			st.reportf(sup, RuleGodStruct, c.call, related, "%s loads %s with computed fields (%s)%s (%s) on write path %s (%s); %s",
				c.name, l.owner, l.computed, through, l.at, wp.name(), st.shortPos(w.pos), advice)
			break
		}
	}
	// Summaries for importers.
	for u, ls := range st.loads {
		if u.fn == nil || !(u.fn.Exported() || isMethodOfExported(u.fn)) {
			continue
		}
		f := &loadsFact{}
		for _, l := range ls {
			f.Loads = append(f.Loads, loadSummary{Type: l.owner, Computed: l.computed, Reads: l.reads, At: l.at, Via: l.via})
		}
		st.pass.ExportObjectFact(u.fn, f)
	}
}
