package analyzer

import (
	"go/token"
	"go/types"
	"strings"
)

// This file carries scan helpers across packages: a function such as
// scanUser(row pgx.Row) (User, error) in package store is summarised as a
// fact saying which of its parameters it scans and into which fields, so
// that a caller in another package, scanUser(tx.QueryRow(ctx, q, id)),
// maps its columns through it.

// rowHelperFact marks an exported function that scans rows or a row it
// receives as a parameter.
type rowHelperFact struct {
	Scans []rowScan
}

// rowScan is one scan of a parameter.
type rowScan struct {
	Param int
	Mode  scanMode
	Type  string    // for by-name and by-position struct scans: package path + "." + type name
	Dests []rowDest // for positional scans, in order
}

// rowDest is one positional destination: a field of a named struct, or
// something else (Type "").
type rowDest struct {
	Type  string
	Field string
}

func (*rowHelperFact) AFact() {}
func (f *rowHelperFact) String() string {
	var parts []string
	for _, s := range f.Scans {
		if s.Type != "" {
			parts = append(parts, s.Type)
			continue
		}
		var ds []string
		for _, d := range s.Dests {
			if d.Type == "" {
				ds = append(ds, "?")
			} else {
				ds = append(ds, d.Type[strings.LastIndex(d.Type, "/")+1:]+"."+d.Field)
			}
		}
		parts = append(parts, strings.Join(ds, ", "))
	}
	return "scans its row into " + strings.Join(parts, "; ")
}

// exportRowHelpers summarises the exported functions of the package that
// scan a row or rows parameter.
func (st *state) exportRowHelpers() {
	for _, u := range st.units {
		if u.fn == nil || !(u.fn.Exported() || isMethodOfExported(u.fn)) {
			continue
		}
		f := &rowHelperFact{}
		for i, p := range sigParams(u.fn) {
			if !isDBType(p.Type()) {
				continue
			}
			ks, _ := st.sinksOfVar(p, 0)
			for _, k := range ks {
				rs := rowScan{Param: i, Mode: k.mode}
				switch {
				case k.mode == scanPositional && k.args != nil:
					for _, a := range k.args {
						t := st.destination(a)
						d := rowDest{}
						if t.owner != nil {
							d = rowDest{Type: typeNameKey(t.owner), Field: t.field}
						}
						rs.Dests = append(rs.Dests, d)
					}
				case k.typ != nil:
					n, ok := types.Unalias(deref(k.typ)).(*types.Named)
					if !ok {
						continue
					}
					rs.Type = typeNameKey(n.Obj())
				default:
					continue
				}
				f.Scans = append(f.Scans, rs)
			}
		}
		if len(f.Scans) > 0 {
			st.pass.ExportObjectFact(u.fn, f)
		}
	}
}

// importedRowSinks returns the scans an imported helper makes of its
// parameter i, rebuilt as sinks whose targets are known in advance.
func (st *state) importedRowSinks(fn *types.Func, i int, pos token.Pos) ([]sink, bool) {
	var f rowHelperFact
	if !st.pass.ImportObjectFact(fn, &f) {
		return nil, false
	}
	var out []sink
	for _, s := range f.Scans {
		if s.Param != i {
			continue
		}
		k := sink{pos: pos, mode: s.Mode}
		if s.Type != "" {
			tn := st.lookupType(fn.Pkg(), s.Type)
			if tn == nil {
				continue
			}
			k.typ = tn.Type()
		} else {
			k.fixed = make([]target, len(s.Dests))
			for j, d := range s.Dests {
				if d.Type != "" {
					if tn := st.lookupType(fn.Pkg(), d.Type); tn != nil {
						k.fixed[j] = target{owner: tn, field: d.Field}
					}
				}
			}
		}
		out = append(out, k)
	}
	return out, len(out) > 0
}

// lookupType finds a type named by typeNameKey among pkg and the
// packages it imports, directly or not.
func (st *state) lookupType(pkg *types.Package, key string) *types.TypeName {
	dot := strings.LastIndex(key, ".")
	if dot < 0 {
		return nil
	}
	path, name := key[:dot], key[dot+1:]
	seen := map[*types.Package]bool{}
	var find func(p *types.Package) *types.TypeName
	find = func(p *types.Package) *types.TypeName {
		if p == nil || seen[p] {
			return nil
		}
		seen[p] = true
		if p.Path() == path {
			tn, _ := p.Scope().Lookup(name).(*types.TypeName)
			return tn
		}
		for _, imp := range p.Imports() {
			if tn := find(imp); tn != nil {
				return tn
			}
		}
		return nil
	}
	return find(pkg)
}
