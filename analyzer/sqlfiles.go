package analyzer

// This file reads SQL kept outside Go strings:
//
//   - files embedded with //go:embed into a string, a []byte or an
//     embed.FS (read with ReadFile and a constant name): the file's
//     content is the query text where the variable is read;
//   - named-query files, "-- name: get-user" blocks in the goyesql and
//     dotsql style, joined to the Go side by name: a struct field tagged
//     query:"get-user" (a string, or a statement prepared from the text,
//     as goyesql's ScanToStruct fills it) and dotsql's Exec/Query/
//     QueryRow(db, "get-user"). The blocks come from the files the user
//     names with -sqlfiles (files the program loads at run time) and from
//     the embedded files the package parses with a named-query loader.
//
// No analysis driver offers embedded files: Pass.ReadFile refuses every
// file but the package's Go and other files. The analyzer reads them, and
// the -sqlfiles, through Options.Files, which the command sets to the
// operating system's. go vet keys its cache on the package's compile
// action, which hashes the embedded files; it does not know the
// -sqlfiles (docs/cli.md).

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"path"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// Skip reasons for SQL outside Go strings, counted in Stats.
const (
	skipNamedNoFiles  = "named query: no SQL files given (-sqlfiles)"
	skipNamedNotFound = "named query not found in SQL files"
	skipNamedUnread   = "named query: -sqlfiles read no file (no match, no file access or module root unknown)"
	skipEmbedUnread   = "embedded file not read (no file access, or not exactly one file)"
)

// outside is one pass's access to SQL kept outside Go strings. What it
// reads is read once, on first use, and forgotten with the pass.
type outside struct {
	pass  *analysis.Pass
	opts  *Options
	uses  *useIndex
	calls func() []call // the package's calls, for the loaders

	embeds map[*types.Var]*embedDirective // built on first use

	named    map[string]string // named queries, by name
	namedWhy string            // why named is empty
	loaded   bool
	loading  bool
	files    map[string][]byte // file contents by absolute name
}

// embedDirective is the //go:embed line of one package-level variable.
type embedDirective struct {
	dir      string   // the directory of the file holding it
	patterns []string // as written, "all:" removed
}

// embedded returns the texts of an embedded string or []byte variable,
// ok false when v is not one.
func (o *outside) embedded(v *types.Var) (texts []string, why string, ok bool) {
	d := o.directive(v)
	if d == nil || !isStringOrBytes(v.Type()) {
		return nil, "", false
	}
	if len(d.patterns) != 1 {
		return nil, skipEmbedUnread, true
	}
	data, ok := o.readEmbedded(d, d.patterns[0])
	if !ok {
		return nil, skipEmbedUnread, true
	}
	return []string{string(data)}, "", true
}

// embeddedFile returns the content of the file name of the embed.FS
// variable v, when v's directive embeds it.
func (o *outside) embeddedFile(v *types.Var, name string) ([]string, string) {
	d := o.directive(v)
	if d == nil || typeKey(v.Type()) != "embed.FS" || !path.IsAbs("/"+name) || path.Clean(name) != name {
		return nil, skipNonConstant
	}
	for _, p := range d.patterns {
		if name == p || strings.HasPrefix(name, p+"/") {
			if data, ok := o.read(filepath.Join(d.dir, filepath.FromSlash(name))); ok {
				return []string{string(data)}, ""
			}
			return nil, skipEmbedUnread
		}
		if m, err := path.Match(p, name); err == nil && m {
			if data, ok := o.read(filepath.Join(d.dir, filepath.FromSlash(name))); ok {
				return []string{string(data)}, ""
			}
			return nil, skipEmbedUnread
		}
	}
	return nil, skipNonConstant
}

// readEmbedded reads the one file pattern p of d names.
func (o *outside) readEmbedded(d *embedDirective, p string) ([]byte, bool) {
	name := filepath.Join(d.dir, filepath.FromSlash(p))
	if strings.ContainsAny(p, "*?[") {
		if o.opts.Files == nil {
			return nil, false
		}
		names, err := o.opts.Files.Glob(name)
		if err != nil || len(names) != 1 {
			return nil, false
		}
		name = names[0]
	}
	return o.read(name)
}

// read reads a file through Options.Files, once per pass.
func (o *outside) read(name string) ([]byte, bool) {
	if o.opts.Files == nil {
		return nil, false
	}
	if data, ok := o.files[name]; ok {
		return data, data != nil
	}
	data, err := o.opts.Files.ReadFile(name)
	if err != nil {
		data = nil
	}
	if o.files == nil {
		o.files = map[string][]byte{}
	}
	o.files[name] = data
	return data, data != nil
}

// directive returns v's //go:embed directive, nil if it has none.
func (o *outside) directive(v *types.Var) *embedDirective {
	if o.embeds == nil {
		o.embeds = map[*types.Var]*embedDirective{}
		for _, f := range o.pass.Files {
			for _, decl := range f.Decls {
				gd, ok := decl.(*ast.GenDecl)
				if !ok || gd.Tok != token.VAR {
					continue
				}
				for _, spec := range gd.Specs {
					vs := spec.(*ast.ValueSpec)
					doc := vs.Doc
					if doc == nil && !gd.Lparen.IsValid() {
						doc = gd.Doc
					}
					patterns := embedPatterns(doc)
					if len(patterns) == 0 || len(vs.Names) != 1 || len(vs.Values) != 0 {
						continue
					}
					if obj, ok := o.pass.TypesInfo.Defs[vs.Names[0]].(*types.Var); ok {
						dir := filepath.Dir(o.pass.Fset.File(f.FileStart).Name())
						o.embeds[obj] = &embedDirective{dir: dir, patterns: patterns}
					}
				}
			}
		}
	}
	return o.embeds[v]
}

// embedPatterns returns the patterns of the //go:embed lines of doc.
func embedPatterns(doc *ast.CommentGroup) []string {
	if doc == nil {
		return nil
	}
	var out []string
	for _, c := range doc.List {
		rest, ok := strings.CutPrefix(c.Text, "//go:embed")
		if !ok || rest != "" && rest[0] != ' ' && rest[0] != '\t' {
			continue
		}
		for _, f := range strings.Fields(rest) {
			if f[0] == '"' || f[0] == '`' {
				u, err := strconv.Unquote(f)
				if err != nil {
					return nil // a quoted pattern with spaces: not ours to split
				}
				f = u
			}
			out = append(out, strings.TrimPrefix(f, "all:"))
		}
	}
	return out
}

// namedText returns the text of the named query name.
func (o *outside) namedText(name string) ([]string, string) {
	named, why := o.namedQueries()
	if text, ok := named[name]; ok {
		return []string{text}, ""
	}
	if why != "" {
		return nil, why
	}
	return nil, skipNamedNotFound
}

// namedQueries returns the named queries of the pass, and why there are
// none when a lookup should not say "not found": the blocks of the
// -sqlfiles, and of the embedded texts the package's named-query
// loaders parse.
func (o *outside) namedQueries() (map[string]string, string) {
	if o.loading {
		return nil, skipNonConstant // a loader's argument is never a named query
	}
	if o.loaded {
		return o.named, o.namedWhy
	}
	o.loading = true
	defer func() { o.loading, o.loaded = false, true }()
	// The -sqlfiles first: the package's own embedded blocks are the
	// closer evidence, and win.
	fromFiles, why := o.sqlFiles()
	o.named = map[string]string{}
	for k, v := range fromFiles {
		o.named[k] = v
	}
	r := &resolver{info: o.pass.TypesInfo, uses: o.uses, outside: o}
	for _, c := range o.calls() {
		call := c.cur.Node().(*ast.CallExpr)
		if !namedQueryLoaders()[c.fn.Origin().FullName()] || len(call.Args) == 0 {
			continue
		}
		texts, why := r.expr(call.Args[0], 0)
		if why != "" {
			continue
		}
		for _, t := range texts {
			for k, v := range parseNamedQueries(t) {
				o.named[k] = v
			}
		}
	}
	if len(o.named) == 0 {
		o.namedWhy = why
	}
	return o.named, o.namedWhy
}

// sqlFiles reads the named queries of the -sqlfiles.
func (o *outside) sqlFiles() (map[string]string, string) {
	if len(o.opts.SQLFiles) == 0 {
		return nil, skipNamedNoFiles
	}
	if o.opts.Files == nil {
		return nil, skipNamedUnread
	}
	out := map[string]string{}
	root, rootDone := "", false
	for _, g := range o.opts.SQLFiles {
		g = filepath.FromSlash(g)
		if !filepath.IsAbs(g) {
			if !rootDone {
				root, rootDone = moduleRoot(o.pass, o.opts.Files), true
			}
			if root == "" {
				continue
			}
			g = filepath.Join(root, g)
		}
		names, err := o.opts.Files.Glob(g)
		if err != nil {
			continue
		}
		for _, name := range names {
			if data, ok := o.read(name); ok {
				for k, v := range parseNamedQueries(string(data)) {
					out[k] = v
				}
			}
		}
	}
	if len(out) == 0 {
		return nil, skipNamedUnread
	}
	return out, ""
}

// moduleRoot returns the directory of the pass's module, "" if unknown:
// the package's directory less the package path below the module path,
// or else the nearest directory above it holding a go.mod.
func moduleRoot(pass *analysis.Pass, files Files) string {
	if len(pass.Files) == 0 {
		return ""
	}
	dir := filepath.Dir(pass.Fset.File(pass.Files[0].FileStart).Name())
	if m := pass.Module; m != nil && m.Path != "" {
		pkg := strings.TrimSuffix(pass.Pkg.Path(), "_test")
		if pkg == m.Path {
			return dir
		}
		if sub, ok := strings.CutPrefix(pkg, m.Path+"/"); ok {
			sub = string(filepath.Separator) + filepath.FromSlash(sub)
			if strings.HasSuffix(dir, sub) {
				return strings.TrimSuffix(dir, sub)
			}
		}
	}
	for d := dir; ; {
		if _, err := files.ReadFile(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		up := filepath.Dir(d)
		if up == d {
			return ""
		}
		d = up
	}
}

// parseNamedQueries splits named-query text into its blocks: a line
// "-- name: get-user" starts the block get-user, which runs to the next
// such line. Other comment lines (goyesql's "-- key: value" tags) are
// left out; text before the first name belongs to no block. A name that
// appears twice keeps its last block, as the loaders do.
func parseNamedQueries(text string) map[string]string {
	out := map[string]string{}
	name := ""
	var body strings.Builder
	flush := func() {
		if name != "" {
			out[name] = strings.TrimSpace(body.String())
		}
		body.Reset()
	}
	for _, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		if c, ok := strings.CutPrefix(t, "--"); ok {
			if n, ok := nameTag(c); ok {
				flush()
				name = n
			}
			continue
		}
		if name != "" {
			body.WriteString(strings.TrimRight(line, "\r"))
			body.WriteByte('\n')
		}
	}
	flush()
	return out
}

// nameTag returns x for the comment text " name: x".
func nameTag(c string) (string, bool) {
	k, v, ok := strings.Cut(c, ":")
	if !ok || strings.TrimSpace(k) != "name" {
		return "", false
	}
	v = strings.TrimSpace(v)
	if v == "" || strings.ContainsAny(v, " \t") {
		return "", false
	}
	return v, true
}

// queryTagName returns the named query a selected field is tagged with
// (query:"get-user"), if sel selects such a field.
func queryTagName(info *types.Info, sel *ast.SelectorExpr) (string, bool) {
	s, ok := info.Selections[sel]
	if !ok || s.Kind() != types.FieldVal {
		return "", false
	}
	t := s.Recv()
	idx := s.Index()
	for i, k := range idx {
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok || k >= st.NumFields() {
			return "", false
		}
		if i < len(idx)-1 {
			t = st.Field(k).Type()
			continue
		}
		tag, ok := reflect.StructTag(st.Tag(k)).Lookup(namedQueryTag)
		if !ok {
			return "", false
		}
		name, _, _ := strings.Cut(tag, ",")
		if name == "" || name == "-" {
			return "", false
		}
		return name, true
	}
	return "", false
}

// embedFile resolves a read of an embedded file, call being one of the
// embedReaders: fsys.ReadFile("q.sql") or fs.ReadFile(fsys, "q.sql").
func (r *resolver) embedFile(call *ast.CallExpr, fn *types.Func) ([]string, string) {
	if r.outside == nil || len(call.Args) == 0 || call.Ellipsis.IsValid() {
		return nil, skipNonConstant
	}
	var fsys ast.Expr
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && fn.Type().(*types.Signature).Recv() != nil {
		fsys = sel.X
	} else if len(call.Args) == 2 {
		fsys = call.Args[0]
	}
	id, ok := ast.Unparen(fsys).(*ast.Ident)
	if !ok {
		return nil, skipNonConstant
	}
	v, ok := r.info.Uses[id].(*types.Var)
	if !ok || r.written(v) {
		return nil, skipNonConstant
	}
	name, ok := constantString(r.info, call.Args[len(call.Args)-1])
	if !ok {
		return nil, skipNonConstant
	}
	return r.outside.embeddedFile(v, name)
}

// readsEmbedded reports whether e is a call of an embedReaders function.
func (r *resolver) readsEmbedded(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn, ok := typeutil.Callee(r.info, call).(*types.Func)
	return ok && embedReaders()[fn.Origin().FullName()]
}

// written reports whether anything but a read uses v.
func (r *resolver) written(v *types.Var) bool {
	if r.uses == nil {
		return true
	}
	for _, u := range r.uses.of(v) {
		if u.kind != useRead {
			return true
		}
	}
	return false
}

// isStringOrBytes reports whether t is string or []byte, the types
// //go:embed fills with one file.
func isStringOrBytes(t types.Type) bool {
	if isString(t) {
		return true
	}
	s, ok := types.Unalias(t).(*types.Slice)
	if !ok {
		return false
	}
	b, ok := types.Unalias(s.Elem()).(*types.Basic)
	return ok && b.Kind() == types.Byte
}

// constantString returns the value of e when it is a string constant.
func constantString(info *types.Info, e ast.Expr) (string, bool) {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

// namedTexts returns the text of the named query a dotsql call names.
func (st *state) namedTexts(name ast.Expr) ([]string, string) {
	n, ok := constantString(st.pass.TypesInfo, name)
	if !ok {
		return nil, skipNonConstant
	}
	return st.outside.namedText(n)
}
