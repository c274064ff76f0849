// Package synth writes a synthetic, compilable Go module of data-access
// code for benchmarking cqrslint: layered packages (util → domain → repo →
// service → handler → cmd/server) that use the real pgx v5, database/sql
// and sqlx APIs, with god structs on write paths, clean split models and
// plain Go. The output depends only on the configuration: the same seed
// and size give the same bytes.
//
// Every call site where cqrslint must report a god struct carries a
// trailing "// bench:want <Type>" comment; Wants reads them back.
package synth

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"go/format"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"
)

// Versions of the real modules the generated code is written against.
const (
	PgxVersion  = "v5.12.0"
	SqlxVersion = "v1.4.0"
)

// WantMarker starts the comment that marks an expected finding.
const WantMarker = "// bench:want "

// Config says what to generate.
type Config struct {
	Packages int    // total number of packages, at least 6
	Seed     uint64 // seed of the pseudo-random choices
	Module   string // module path; "benchmod" if empty
}

// Layout counts the packages of each layer.
type Layout struct {
	Util, Domain, Repo, Service, Handler, Main int
}

// Total is the number of packages.
func (l Layout) Total() int { return l.Util + l.Domain + l.Repo + l.Service + l.Handler + l.Main }

// Summary describes what was generated.
type Summary struct {
	Layout Layout
	Files  int
	Lines  int
	// Flavors counts the repository packages by database API.
	Flavors map[string]int
	// Wants is the number of "// bench:want" markers: the findings
	// cqrslint must report, and no others.
	Wants int
}

// layout splits n packages into layers: about 15% util (no SQL), 15%
// domain (no SQL), 30% repositories, 25% services, the rest handlers,
// and one main package.
func layout(n int) (Layout, error) {
	if n < 6 {
		return Layout{}, fmt.Errorf("synth: at least 6 packages are needed (one per layer), got %d", n)
	}
	l := Layout{Main: 1}
	l.Util = max(1, n*15/100)
	l.Domain = max(1, n*15/100)
	l.Repo = max(1, n*30/100)
	l.Service = max(1, n*25/100)
	l.Handler = n - 1 - l.Util - l.Domain - l.Repo - l.Service
	if l.Handler < 1 {
		l.Handler = 1
		l.Util = n - 1 - l.Domain - l.Repo - l.Service - l.Handler
	}
	return l, nil
}

//go:embed templates/*.tmpl
var templateFS embed.FS

// flavors are the database APIs of the repository packages, in rotation.
var flavors = []string{"pgx", "sql", "sqlx", "sqlc"}

var (
	entityNouns   = []string{"Customer", "Supplier", "Member", "Tenant", "Vendor", "Partner", "Driver", "Author", "Patient", "Student", "Courier", "Agent"}
	computedKinds = []struct{ Field, Column, Child string }{
		{"OrderCount", "order_count", "orders"},
		{"TicketCount", "ticket_count", "tickets"},
		{"ReviewCount", "review_count", "reviews"},
		{"VisitCount", "visit_count", "visits"},
	}
	repoNouns = []string{"Invoice", "Shipment", "Ticket", "Project", "Article", "Booking", "Payment", "Contract", "Lesson", "Claim", "Parcel", "Order"}
	utilKinds = []string{"text", "page", "retry", "cache", "check"}
)

// entity is a domain model; repositories write it, services read it.
type entity struct {
	Type, Lower, Table         string
	Computed, ComputedCol      string
	Child, FK                  string
	DomainPkg, DomainImport    string
	domainIndex, entityInIndex int
}

type repo struct {
	Name, Flavor, RepoType, Ctor string
	Noun, Lower, Table, Child    string
	Entity                       *entity
}

type service struct {
	Name  string
	Repos []*repo
	// Archive is the pgx repository through which the service reads a
	// domain model with a computed column on a write path, or nil.
	Archive *repo
}

// Domains lists the import paths of the domain packages the service's
// repositories write, without repeats.
func (s *service) Domains() []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range s.Repos {
		if p := r.Entity.DomainImport; !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

type handler struct {
	Name     string
	Services []*service
}

// HasArchive reports whether one of the handler's services archives.
func (h *handler) HasArchive() bool {
	for _, s := range h.Services {
		if s.Archive != nil {
			return true
		}
	}
	return false
}

type utilPkg struct {
	Name, Kind string
	Deps       []string
}

type domainPkg struct {
	Name     string
	Utils    []string
	Entities []*entity
}

// model is the whole generated module.
type model struct {
	Module   string
	Utils    []*utilPkg
	Domains  []*domainPkg
	Repos    []*repo
	Services []*service
	Handlers []*handler
}

func build(cfg Config) (*model, Layout, error) {
	l, err := layout(cfg.Packages)
	if err != nil {
		return nil, l, err
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x6371727331696e74)) // "cqrslint"
	m := &model{Module: cfg.Module}

	for i := range l.Util {
		u := &utilPkg{Name: fmt.Sprintf("u%03d", i), Kind: utilKinds[i%len(utilKinds)]}
		if i > 0 {
			u.Deps = append(u.Deps, fmt.Sprintf("u%03d", rng.IntN(i)))
		}
		m.Utils = append(m.Utils, u)
	}
	for i := range l.Domain {
		d := &domainPkg{Name: fmt.Sprintf("d%03d", i)}
		d.Utils = pickNames(rng, "u", l.Util, 2)
		for j := range 3 {
			noun := entityNouns[(i*3+j)%len(entityNouns)]
			ck := computedKinds[rng.IntN(len(computedKinds))]
			d.Entities = append(d.Entities, &entity{
				Type: noun, Lower: strings.ToLower(noun),
				Table:    fmt.Sprintf("%ss_%s", strings.ToLower(noun), d.Name),
				Computed: ck.Field, ComputedCol: ck.Column, Child: ck.Child,
				FK:        strings.ToLower(noun) + "_id",
				DomainPkg: d.Name, DomainImport: m.Module + "/domain/" + d.Name,
				domainIndex: i, entityInIndex: j,
			})
		}
		m.Domains = append(m.Domains, d)
	}
	for i := range l.Repo {
		flavor := flavors[i%len(flavors)]
		d := m.Domains[rng.IntN(len(m.Domains))]
		noun := repoNouns[rng.IntN(len(repoNouns))]
		r := &repo{
			Name: fmt.Sprintf("r%03d", i), Flavor: flavor, RepoType: "Repo",
			Noun: noun, Lower: strings.ToLower(noun),
			Entity: d.Entities[rng.IntN(len(d.Entities))],
		}
		r.Table = fmt.Sprintf("%ss_%s", r.Lower, r.Name)
		r.Child = fmt.Sprintf("%s_lines_%s", r.Lower, r.Name)
		if flavor == "sqlc" {
			r.RepoType = "Queries"
		}
		m.Repos = append(m.Repos, r)
	}
	for i := range l.Service {
		s := &service{Name: fmt.Sprintf("s%03d", i)}
		// Service i always uses repository i mod #repos, so every
		// repository is used; one or two more at random.
		idx := map[int]bool{i % len(m.Repos): true}
		for range rng.IntN(3) {
			idx[rng.IntN(len(m.Repos))] = true
		}
		for _, k := range sortedKeys(idx) {
			s.Repos = append(s.Repos, m.Repos[k])
		}
		for _, r := range s.Repos {
			if r.Flavor == "pgx" {
				s.Archive = r
				break
			}
		}
		m.Services = append(m.Services, s)
	}
	for i := range l.Handler {
		h := &handler{Name: fmt.Sprintf("h%03d", i)}
		idx := map[int]bool{i % len(m.Services): true}
		if rng.IntN(2) == 0 {
			idx[rng.IntN(len(m.Services))] = true
		}
		for _, k := range sortedKeys(idx) {
			h.Services = append(h.Services, m.Services[k])
		}
		m.Handlers = append(m.Handlers, h)
	}
	return m, l, nil
}

func pickNames(rng *rand.Rand, prefix string, n, most int) []string {
	set := map[int]bool{}
	for range 1 + rng.IntN(most) {
		set[rng.IntN(n)] = true
	}
	var out []string
	for _, k := range sortedKeys(set) {
		out = append(out, fmt.Sprintf("%s%03d", prefix, k))
	}
	return out
}

func sortedKeys(m map[int]bool) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	return keys
}

// Generate writes the module into dir, which must be empty or absent.
// It writes go.mod without go.sum: run "go mod tidy" in dir (with the
// module proxy or a warm module cache) before building it.
func Generate(dir string, cfg Config) (*Summary, error) {
	if cfg.Module == "" {
		cfg.Module = "benchmod"
	}
	m, l, err := build(cfg)
	if err != nil {
		return nil, err
	}
	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		return nil, fmt.Errorf("synth: %s is not empty", dir)
	}
	tmpl, err := template.New("").Funcs(template.FuncMap{
		"join": strings.Join,
	}).ParseFS(templateFS, "templates/*.tmpl")
	if err != nil {
		return nil, fmt.Errorf("synth: templates: %w", err)
	}
	sum := &Summary{Layout: l, Flavors: map[string]int{}}
	write := func(rel, name string, data any) error {
		var buf bytes.Buffer
		if err := tmpl.ExecuteTemplate(&buf, name, data); err != nil {
			return fmt.Errorf("synth: %s: %w", rel, err)
		}
		src := buf.Bytes()
		if strings.HasSuffix(rel, ".go") {
			formatted, err := format.Source(src)
			if err != nil {
				return fmt.Errorf("synth: %s does not parse: %w", rel, err)
			}
			src = formatted
			sum.Files++
			sum.Lines += bytes.Count(src, []byte("\n"))
			sum.Wants += bytes.Count(src, []byte(WantMarker))
		}
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, src, 0o644)
	}

	if err := write("go.mod", "gomod", map[string]string{
		"Module": m.Module, "Pgx": PgxVersion, "Sqlx": SqlxVersion,
	}); err != nil {
		return nil, err
	}
	for _, u := range m.Utils {
		if err := write("util/"+u.Name+"/"+u.Kind+".go", "util_"+u.Kind, map[string]any{
			"M": m, "U": u,
		}); err != nil {
			return nil, err
		}
	}
	for _, d := range m.Domains {
		if err := write("domain/"+d.Name+"/model.go", "domain", map[string]any{"M": m, "D": d}); err != nil {
			return nil, err
		}
	}
	for _, r := range m.Repos {
		sum.Flavors[r.Flavor]++
		if err := write("repo/"+r.Name+"/"+r.Flavor+".go", "repo_"+r.Flavor, map[string]any{"M": m, "R": r}); err != nil {
			return nil, err
		}
	}
	for _, s := range m.Services {
		if err := write("service/"+s.Name+"/service.go", "service", map[string]any{"M": m, "S": s}); err != nil {
			return nil, err
		}
	}
	for _, h := range m.Handlers {
		if err := write("handler/"+h.Name+"/handler.go", "handler", map[string]any{"M": m, "H": h}); err != nil {
			return nil, err
		}
	}
	if err := write("cmd/server/main.go", "main", map[string]any{"M": m}); err != nil {
		return nil, err
	}
	return sum, nil
}

// A Want is an expected finding: a god struct reported on a line.
type Want struct {
	File string // path relative to the module root, with slashes
	Line int
	Type string // the struct's name, which the message must contain
}

// Wants reads the "// bench:want" markers of the module in dir.
func Wants(dir string) ([]Want, error) {
	var out []Want
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		sc := bufio.NewScanner(f)
		for line := 1; sc.Scan(); line++ {
			if i := strings.Index(sc.Text(), WantMarker); i >= 0 {
				typ := strings.TrimSpace(sc.Text()[i+len(WantMarker):])
				out = append(out, Want{File: filepath.ToSlash(rel), Line: line, Type: typ})
			}
		}
		return sc.Err()
	})
	return out, err
}
