package analyzer

import (
	"go/ast"
	"go/types"
	"strings"
)

// skipUnmodelled prefixes the skip reason of a call into an SQL library
// cqrslint does not read; the library's name follows.
const skipUnmodelled = "API not modelled: "

// countUnmodelled counts the calls that send a statement through an SQL
// library cqrslint does not model, as skipped call sites, by library.
// Calls already matched as call sites (squirrel's ToSql text, sent by a
// known API) are not counted twice: only the library's own senders are.
func (st *state) countUnmodelled() {
	for _, c := range st.calls {
		lib := unmodelledLib(c.fn)
		if lib == "" || strings.HasPrefix(st.pass.Pkg.Path(), libPrefix(lib)) {
			continue
		}
		call := c.cur.Node().(*ast.CallExpr)
		if st.inTestFile(call.Pos()) {
			continue
		}
		if _, ok := st.matchCall(c.fn); ok {
			continue
		}
		st.stats.CallSites++
		st.stats.skip(skipUnmodelled + lib)
	}
}

// unmodelledLib returns the name of the unmodelled library fn belongs to
// if fn sends a statement, else "".
func unmodelledLib(fn *types.Func) string {
	if fn.Pkg() == nil {
		return ""
	}
	path := fn.Pkg().Path()
	for _, l := range unmodelledLibs {
		if path != l.prefix && !strings.HasPrefix(path, l.prefix+"/") {
			continue
		}
		name := fn.Name()
		if name == "Scan" && !(call{fn: fn}).static() {
			return "" // a row's Scan (squirrel's RowScanner): the send was counted
		}
		if l.name == "gorm" && gormFinishers()[name] || unmodelledSends()[name] && returnsError(fn) ||
			name == "QueryRow" || name == "QueryRowContext" { // squirrel's return a RowScanner
			if l.name == "bun" && bunSchemaQueries()[recvName(fn)] {
				return "bun schema change (CreateTable, AddColumn, ...)"
			}
			return l.name
		}
		return ""
	}
	return ""
}

// returnsError reports whether fn's last result is an error.
func returnsError(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	return ok && sig.Results().Len() > 0 && isError(sig.Results().At(sig.Results().Len()-1).Type())
}

// libPrefix returns the first import path prefix of a library name.
func libPrefix(name string) string {
	name, _, _ = strings.Cut(name, " ") // "bun schema change (...)" is bun's
	for _, l := range unmodelledLibs {
		if l.name == name {
			return l.prefix
		}
	}
	return "\x00"
}

// recvName returns the name of a method's receiver type, "" for a
// function.
func recvName(fn *types.Func) string {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return ""
	}
	if n, ok := types.Unalias(deref(sig.Recv().Type())).(*types.Named); ok {
		return n.Obj().Name()
	}
	return ""
}
