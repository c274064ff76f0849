// Command harness benchmarks cqrslint against the type-checking floor.
//
// For each size it generates the synthetic module (bench/internal/synth),
// builds it once (so the build cache holds every dependency's export
// data), checks that cqrslint reports exactly the marked god structs, and
// then times, several runs each, interleaved:
//
//	cqrslint ./...                        standalone (singlechecker)
//	nop ./...                             the floor without facts
//	nopfact ./...                         the floor with one fact type
//	go vet ./...                          stock vet
//	go vet -vettool=cqrslint ./...
//	go vet -vettool=nop ./...
//	go vet -vettool=nopfact ./...
//
// go vet caches results by tool ID and flags. Every go vet run is made to
// miss that cache while keeping the build cache warm: a -vettool run uses
// a fresh copy of the binary with a few bytes appended (singlechecker's
// -V=full hashes the executable, so the copy has a new ID), and stock vet,
// whose ID is the toolchain version, gets a -printf.funcs flag naming a
// function that does not exist (the flags are part of the cache key).
// Every run therefore analyzes every package (and, with facts, every
// dependency) from scratch, and none recompiles anything.
//
// Peak RSS is the largest resident set of the process tree (wait4's
// ru_maxrss): for go vet, the largest of the go command and each vet tool
// process, not their sum. CPU is user+system time of the whole tree.
//
//	go run ./bench/harness [-sizes 10,100,400] [-runs 5] [-o report.md] [-extra name=binary]
package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cqrslint/cqrslint/bench/internal/synth"
)

type config struct {
	extras     []extra
	sizes      []int
	runs       int
	seed       uint64
	work       string
	keep       bool
	out        string
	profile    string
	profileTop int
	dir        string // -dir: a real checkout instead of generated modules
	edit       string // -edit: the file a one-package edit appends to
	modes      string // -modes: the rows to time, comma-separated; all if empty
}

func main() {
	var (
		cfg   config
		sizes string
	)
	flag.StringVar(&sizes, "sizes", "10,100,400", "comma-separated module sizes in packages")
	flag.IntVar(&cfg.runs, "runs", 5, "timed runs per command and size (the median is reported)")
	flag.Uint64Var(&cfg.seed, "seed", 1, "generator seed")
	flag.StringVar(&cfg.work, "work", "", "work directory (default: a temporary directory, removed at the end)")
	flag.BoolVar(&cfg.keep, "keep", false, "keep the work directory")
	flag.StringVar(&cfg.out, "o", "", "also write the markdown report to this file")
	flag.StringVar(&cfg.profile, "cpuprofile", "", "write a CPU profile of standalone cqrslint on the largest size to this file and print its top functions")
	flag.IntVar(&cfg.profileTop, "top", 25, "number of functions of the profile to print")
	flag.StringVar(&cfg.dir, "dir", "", "benchmark the module checked out in `PATH` (its ./... packages) instead of generated modules; findings are counted, not checked")
	flag.StringVar(&cfg.edit, "edit", "", "with -dir: the Go `file` (relative to -dir) the one-package edit appends a function to; without it the after-edit rows are skipped")
	flag.StringVar(&cfg.modes, "modes", "", "time only these `rows` (comma-separated keys as in the report's last table, e.g. \"sarif cqrslint,incremental cqrslint,incremental cqrslint after edit\"); default all")
	flag.Func("extra", "also time a prebuilt variant of cqrslint, as `name=binary` (repeatable): a candidate speed-up, measured side by side", func(v string) error {
		name, bin, ok := strings.Cut(v, "=")
		if !ok || name == "" || bin == "" || strings.ContainsAny(name, " |") {
			return errors.New("want name=binary, the name without spaces")
		}
		if slices.Contains([]string{"cqrslint", "nop", "nopfact"}, name) || slices.ContainsFunc(cfg.extras, func(e extra) bool { return e.name == name }) {
			return fmt.Errorf("name %q is taken", name)
		}
		abs, err := filepath.Abs(bin)
		if err != nil {
			return err
		}
		if _, err := os.Stat(abs); err != nil {
			return err
		}
		cfg.extras = append(cfg.extras, extra{name: name, bin: abs})
		return nil
	})
	flag.Parse()
	for _, s := range strings.Split(sizes, ",") {
		if cfg.dir != "" {
			break
		}
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 6 {
			fatalf("-sizes: %q is not a size (at least 6 packages)", s)
		}
		cfg.sizes = append(cfg.sizes, n)
	}
	if cfg.runs < 1 {
		fatalf("-runs must be at least 1")
	}
	if err := run(cfg); err != nil {
		fatalf("%v", err)
	}
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "harness: "+format+"\n", args...)
	os.Exit(1)
}

// An extra is a prebuilt variant of cqrslint to compare.
type extra struct{ name, bin string }

// A tool is one of the analyzer commands.
type tool struct {
	name  string // cqrslint, nop, nopfact, nopdeps, or an extra's name
	pkg   string // main package to build, empty for an extra
	tags  string // build tags
	bin   string
	finds bool // reports the god structs: checked against the markers
}

// A mode is one command line to time.
type mode struct {
	key   string   // row label
	tool  *tool    // nil for stock go vet
	vet   bool     // under go vet
	flags []string // before the patterns, standalone
	sarif bool     // the output is SARIF
	// edit: a function is appended to the edit file before each run, and
	// under go vet the same tool copy is used for every run of a size, so
	// that go vet's cache holds the results of the previous run: the
	// incremental case.
	edit bool
	// copy runs a copy of the tool standalone: a new one each run (its
	// go vet cache is cold: -incremental's first run) or, with edit, one
	// copy for every run of a size (-incremental after an edit).
	copy  bool
	exits []int // accepted exit codes
}

// A sample is one timed run.
type sample struct {
	wall, cpu time.Duration
	rssKB     int64
	findings  int
	load      float64 // 1-minute load average just before the run
}

type sizeResult struct {
	n        int
	label    string // the size, or the -dir module's name
	pkgs     int    // packages matched by ./...
	summary  *synth.Summary
	wants    int
	samples  map[string][]sample
	loadLo   float64
	loadHi   float64
	sanity   []string // problems found by the sanity pass
	duration time.Duration
}

func run(cfg config) error {
	start := time.Now()
	root, err := repoRoot()
	if err != nil {
		return err
	}
	work := cfg.work
	if work == "" {
		work, err = os.MkdirTemp("", "cqrslint-bench-")
		if err != nil {
			return err
		}
		if !cfg.keep {
			defer os.RemoveAll(work)
		}
	} else if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	bin := filepath.Join(work, "bin")
	tools := []*tool{
		{name: "cqrslint", pkg: "./cmd/cqrslint", finds: true},
		{name: "nop", pkg: "./bench/nop"},
		{name: "nopfact", pkg: "./bench/nopfact"},
		{name: "nopdeps", pkg: "./bench/nopfact", tags: "nopdeps"},
	}
	for _, t := range tools {
		t.bin = filepath.Join(bin, t.name)
		// Built as the release builds cqrslint (scripts/release.sh): a
		// static binary starts faster than one linked against libc, and
		// go vet starts the tool once per package.
		if _, err := command(root, []string{"CGO_ENABLED=0"}, "go", "build", "-trimpath", "-ldflags=-s -w", "-tags="+t.tags, "-o", t.bin, t.pkg); err != nil {
			return fmt.Errorf("building %s: %w", t.name, err)
		}
	}
	var extras []*tool
	for _, e := range cfg.extras {
		extras = append(extras, &tool{name: e.name, bin: e.bin, finds: true})
	}
	modes := []*mode{
		{key: "cqrslint", tool: tools[0], exits: []int{0, 3}},
		{key: "sarif cqrslint", tool: tools[0], flags: []string{"-format=sarif"}, sarif: true, exits: []int{0, 3}},
		{key: "sarif cqrslint after edit", tool: tools[0], flags: []string{"-format=sarif"}, sarif: true, edit: true, exits: []int{0, 3}},
		{key: "vet cqrslint after edit", tool: tools[0], vet: true, edit: true, exits: []int{0, 1}},
		{key: "incremental cqrslint", tool: tools[0], flags: []string{"-incremental", "-format=sarif"}, sarif: true, copy: true, exits: []int{0, 3}},
		{key: "incremental cqrslint after edit", tool: tools[0], flags: []string{"-incremental", "-format=sarif"}, sarif: true, copy: true, edit: true, exits: []int{0, 3}},
		{key: "nop", tool: tools[1], exits: []int{0}},
		{key: "nopfact", tool: tools[2], exits: []int{0}},
		{key: "vet stock", vet: true, exits: []int{0}},
		{key: "vet cqrslint", tool: tools[0], vet: true, exits: []int{0, 1}},
		{key: "vet nop", tool: tools[1], vet: true, exits: []int{0}},
		{key: "vet nopfact", tool: tools[2], vet: true, exits: []int{0}},
		{key: "vet nopdeps", tool: tools[3], vet: true, exits: []int{0}},
	}
	if cfg.modes != "" {
		keep := strings.Split(cfg.modes, ",")
		modes = slices.DeleteFunc(modes, func(m *mode) bool { return !slices.Contains(keep, m.key) })
		if len(modes) == 0 {
			return fmt.Errorf("-modes %q names no row", cfg.modes)
		}
	}
	for _, t := range extras {
		modes = append(modes,
			&mode{key: t.name, tool: t, exits: []int{0, 3}},
			&mode{key: "vet " + t.name, tool: t, vet: true, exits: []int{0, 1}})
	}

	var results []*sizeResult
	if cfg.dir != "" {
		cfg.sizes = []int{0}
	}
	for _, n := range cfg.sizes {
		r, err := benchSize(cfg, work, n, modes)
		if err != nil {
			return fmt.Errorf("size %d: %w", n, err)
		}
		results = append(results, r)
	}

	var rep bytes.Buffer
	report(&rep, cfg, results, time.Since(start))
	if cfg.profile != "" {
		largest := slices.Max(cfg.sizes)
		dir := filepath.Join(work, fmt.Sprintf("n%d", largest))
		if cfg.dir != "" {
			dir = cfg.dir
		}
		if err := profile(&rep, cfg, dir, tools[0].bin); err != nil {
			return err
		}
	}
	os.Stdout.Write(rep.Bytes())
	if cfg.out != "" {
		if err := os.WriteFile(cfg.out, rep.Bytes(), 0o644); err != nil {
			return err
		}
	}
	var bad []string
	for _, r := range results {
		for _, p := range r.sanity {
			bad = append(bad, fmt.Sprintf("%s: %s", r.label, p))
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("sanity check failed:\n  %s", strings.Join(bad, "\n  "))
	}
	if cfg.keep || cfg.work != "" {
		fmt.Fprintf(os.Stderr, "harness: work directory kept: %s\n", work)
	}
	return nil
}

func benchSize(cfg config, work string, n int, modes []*mode) (*sizeResult, error) {
	t0 := time.Now()
	var (
		dir   string
		sum   = &synth.Summary{}
		wants []synth.Want
		edit  string
		err   error
	)
	if cfg.dir != "" {
		if dir, err = filepath.Abs(cfg.dir); err != nil {
			return nil, err
		}
		if cfg.edit != "" {
			edit = filepath.Join(dir, cfg.edit)
		}
	} else {
		dir = filepath.Join(work, fmt.Sprintf("n%d", n))
		if err := os.RemoveAll(dir); err != nil {
			return nil, err
		}
		if sum, err = synth.Generate(dir, synth.Config{Packages: n, Seed: cfg.seed}); err != nil {
			return nil, err
		}
		// The generated module has its own go.mod; resolve its go.sum from
		// the module cache or the proxy, whatever GOFLAGS the caller has.
		if _, err := command(dir, []string{"GOFLAGS=-mod=mod"}, "go", "mod", "tidy"); err != nil {
			return nil, err
		}
		if wants, err = synth.Wants(dir); err != nil {
			return nil, err
		}
		// The one-package edit goes to the first repository package, which
		// services and handlers import.
		repos, err := filepath.Glob(filepath.Join(dir, "repo", "*", "*.go"))
		if err != nil || len(repos) == 0 {
			return nil, fmt.Errorf("no repository package to edit in %s", dir)
		}
		slices.Sort(repos)
		edit = repos[0]
	}
	if _, err := command(dir, nil, "go", "build", "./..."); err != nil {
		return nil, err
	}
	list, err := command(dir, nil, "go", "list", "./...")
	if err != nil {
		return nil, err
	}
	label := strconv.Itoa(n)
	if cfg.dir != "" {
		label = filepath.Base(dir)
	}
	res := &sizeResult{n: n, label: label, pkgs: len(strings.Fields(list)), summary: sum, wants: len(wants),
		samples: map[string][]sample{}, loadLo: 1e9}
	logf("%s: %d packages, %d expected findings in %s; edits go to %s", label, res.pkgs, len(wants), dir, edit)

	// The after-edit go vet runs share one copy of the tool per size.
	stable := map[*mode]string{}
	defer func() {
		for _, cp := range stable {
			os.Remove(cp)
		}
	}()
	edits := 0
	prepare := func(m *mode) (string, bool, error) {
		if !m.edit {
			return "", true, nil
		}
		if edit == "" {
			return "", false, nil
		}
		edits++
		if err := appendFunc(edit, edits); err != nil {
			return "", false, err
		}
		if !m.vet && !m.copy {
			return "", true, nil
		}
		if stable[m] == "" {
			cp, err := uniqueCopy(m.tool.bin, "stable")
			if err != nil {
				return "", false, err
			}
			stable[m] = cp
		}
		return stable[m], true, nil
	}

	// Sanity and warm-up pass (not timed).
	for _, m := range modes {
		vettool, ok, err := prepare(m)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		s, out, err := runMode(dir, m, "warm", vettool)
		if err != nil {
			return nil, err
		}
		diags := diagnostics(dir, out)
		if m.sarif {
			if diags, err = sarifDiagnostics(out); err != nil {
				return nil, fmt.Errorf("%s: %v", m.key, err)
			}
		}
		switch {
		case m.tool != nil && m.tool.finds && cfg.dir == "":
			res.sanity = append(res.sanity, checkFindings(diags, wants, m.key)...)
		case m.tool != nil && m.tool.finds:
			logf("%s: %s: %d findings", label, m.key, len(diags))
		case s.findings != 0:
			res.sanity = append(res.sanity, fmt.Sprintf("%s reported %d diagnostics, want none", m.key, s.findings))
		}
	}
	for i := range cfg.runs {
		for _, m := range modes {
			vettool, ok, err := prepare(m)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
			s, _, err := runMode(dir, m, fmt.Sprintf("r%d", i), vettool)
			if err != nil {
				return nil, err
			}
			res.samples[m.key] = append(res.samples[m.key], s)
			res.loadLo = min(res.loadLo, s.load)
			res.loadHi = max(res.loadHi, s.load)
			logf("%s run %d %-26s %6.2fs cpu %6.2fs rss %5d MB findings %d load %.2f",
				label, i+1, m.key, s.wall.Seconds(), s.cpu.Seconds(), s.rssKB/1024, s.findings, s.load)
		}
	}
	res.duration = time.Since(t0)
	return res, nil
}

// appendFunc appends a new exported function to a Go file: a one-package
// edit that changes the package's export data, so that its importers are
// compiled and analyzed again too.
func appendFunc(file string, n int) error {
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, werr := fmt.Fprintf(f, "\n// BenchEdit%d is appended by the benchmark harness.\nfunc BenchEdit%d() {}\n", n, n)
	return errors.Join(werr, f.Close())
}

// runMode runs m once in dir. tag makes go vet's cache key unique, unless
// vettool names the tool copy to use.
func runMode(dir string, m *mode, tag, vettool string) (sample, string, error) {
	var args []string
	var cleanup func()
	switch {
	case !m.vet:
		bin := m.tool.bin
		switch {
		case m.copy && vettool != "":
			bin = vettool // the stable copy of an after-edit row
		case m.copy:
			cp, err := uniqueCopy(m.tool.bin, tag)
			if err != nil {
				return sample{}, "", err
			}
			cleanup = func() { os.Remove(cp) }
			bin = cp
		}
		args = append(append([]string{bin}, m.flags...), "./...")
	case vettool != "":
		args = []string{"go", "vet", "-vettool=" + vettool, "./..."}
	case m.tool == nil:
		// Stock vet's ID is the toolchain version; the flags are part of
		// the cache key, so name a printf wrapper that does not exist.
		args = []string{"go", "vet", "-printf.funcs=benchNoSuchFunc" + uniq(tag), "./..."}
	default:
		cp, err := uniqueCopy(m.tool.bin, tag)
		if err != nil {
			return sample{}, "", err
		}
		cleanup = func() { os.Remove(cp) }
		args = []string{"go", "vet", "-vettool=" + cp, "./..."}
	}
	if cleanup != nil {
		defer cleanup()
	}
	load := loadAvg()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = dir
	var out, stderr bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	if m.sarif {
		cmd.Stderr = &stderr // the SARIF document alone on stdout
	}
	t0 := time.Now()
	err := cmd.Run()
	wall := time.Since(t0)
	code := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			return sample{}, "", fmt.Errorf("%s: %w", strings.Join(args, " "), err)
		}
		code = ee.ExitCode()
	}
	if !slices.Contains(m.exits, code) || strings.Contains(out.String()+stderr.String(), "panic:") {
		return sample{}, "", fmt.Errorf("%s in %s: exit status %d:\n%s", strings.Join(args, " "), dir, code, tail(out.String()+stderr.String(), 40))
	}
	ps := cmd.ProcessState
	s := sample{
		wall:     wall,
		cpu:      ps.UserTime() + ps.SystemTime(),
		rssKB:    maxRSSKB(ps),
		findings: len(diagnostics(dir, out.String())),
		load:     load,
	}
	if m.sarif {
		ds, err := sarifDiagnostics(out.String())
		if err != nil {
			return sample{}, "", fmt.Errorf("%s: %v", strings.Join(args, " "), err)
		}
		s.findings = len(ds)
	}
	return s, out.String(), nil
}

// uniq makes a per-run suffix: tag plus the clock, so that no two runs of
// this harness (whose results go vet may still have cached) share it.
func uniq(tag string) string {
	return tag + "x" + strconv.FormatInt(time.Now().UnixNano(), 36)
}

// uniqueCopy copies the executable bin and appends a few bytes, which
// changes the hash singlechecker reports for -V=full, and so go vet's
// cache key, without changing what the program does.
func uniqueCopy(bin, tag string) (string, error) {
	data, err := os.ReadFile(bin)
	if err != nil {
		return "", err
	}
	dst := bin + "-" + uniq(tag)
	data = append(data, []byte("\x00cqrslint-bench "+dst)...)
	if err := os.WriteFile(dst, data, 0o755); err != nil {
		return "", err
	}
	return dst, nil
}

// A diag is one diagnostic line: "file.go:12:3: message" (related
// information lines start with a tab and are not counted).
type diag struct {
	file string // relative to the module root, with slashes
	line int
	msg  string
}

var diagRE = regexp.MustCompile(`(?m)^(\S+\.go):(\d+):\d+: ([^\t\n].*)$`)

func diagnostics(dir string, out string) []diag {
	var ds []diag
	for _, m := range diagRE.FindAllStringSubmatch(out, -1) {
		file := m[1]
		if rel, err := filepath.Rel(dir, file); err == nil && filepath.IsAbs(file) {
			file = rel
		}
		line, _ := strconv.Atoi(m[2])
		ds = append(ds, diag{file: filepath.ToSlash(filepath.Clean(file)), line: line, msg: m[3]})
	}
	return ds
}

// sarifDiagnostics reads the results of a SARIF report.
func sarifDiagnostics(out string) ([]diag, error) {
	var rep struct {
		Runs []struct {
			Results []struct {
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		return nil, fmt.Errorf("not SARIF: %v", err)
	}
	var ds []diag
	for _, run := range rep.Runs {
		for _, r := range run.Results {
			if len(r.Locations) == 0 {
				continue
			}
			loc := r.Locations[0].PhysicalLocation
			ds = append(ds, diag{file: loc.ArtifactLocation.URI, line: loc.Region.StartLine, msg: r.Message.Text})
		}
	}
	return ds, nil
}

// checkFindings compares cqrslint's diagnostics with the markers.
func checkFindings(diags []diag, wants []synth.Want, key string) []string {
	type pos struct {
		file string
		line int
	}
	want := map[pos]string{}
	for _, w := range wants {
		want[pos{w.File, w.Line}] = w.Type
	}
	got := map[pos]bool{}
	var problems []string
	for _, d := range diags {
		p := pos{d.file, d.line}
		typ, ok := want[p]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("%s: unexpected finding %s:%d: %s", key, d.file, d.line, d.msg))
		case !strings.Contains(d.msg, typ):
			problems = append(problems, fmt.Sprintf("%s: finding %s:%d does not name %s: %s", key, d.file, d.line, typ, d.msg))
		}
		got[p] = true
	}
	for _, w := range wants {
		if !got[pos{w.File, w.Line}] {
			problems = append(problems, fmt.Sprintf("%s: missed god struct %s at %s:%d", key, w.Type, w.File, w.Line))
		}
	}
	return problems
}

func profile(w io.Writer, cfg config, dir, bin string) error {
	abs, err := filepath.Abs(cfg.profile)
	if err != nil {
		return err
	}
	cmd := exec.Command(bin, "-cpuprofile="+abs, "./...")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 3) {
		return fmt.Errorf("profiling: %v\n%s", err, tail(string(out), 20))
	}
	top, err := command(dir, nil, "go", "tool", "pprof", "-top", "-nodecount="+strconv.Itoa(cfg.profileTop), bin, abs)
	if err != nil {
		return err
	}
	cum, err := command(dir, nil, "go", "tool", "pprof", "-top", "-cum", "-nodecount="+strconv.Itoa(cfg.profileTop), bin, abs)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n## CPU profile: standalone cqrslint on %s\n\nProfile written to %s.\n\n```\n%s```\n\nBy cumulative time:\n\n```\n%s```\n", filepath.Base(dir), cfg.profile, top, cum)
	return nil
}

func report(w io.Writer, cfg config, results []*sizeResult, total time.Duration) {
	host, _ := os.Hostname()
	gover, _ := command(".", nil, "go", "version")
	fmt.Fprintf(w, "# cqrslint benchmark\n\n")
	fmt.Fprintf(w, "%s, %s, %d CPUs (GOMAXPROCS %d), %s; seed %d, %d timed runs per cell (median), total %s.\n\n",
		time.Now().Format("2006-01-02 15:04 MST"), strings.TrimSpace(gover), runtime.NumCPU(), runtime.GOMAXPROCS(0), host, cfg.seed, cfg.runs, total.Round(time.Second))
	fmt.Fprintf(w, "Cells are median wall time / median CPU time (user+system, whole process tree); ratios are of wall medians, CPU ratio in parentheses.\n\n")

	fmt.Fprintf(w, "## Standalone: `tool ./...`\n\n")
	fmt.Fprintf(w, "| size | lines | cqrslint | nop (no facts) | nopfact (1 fact) | cqrslint/nop | cqrslint/nopfact | peak RSS MB cqrslint / nop / nopfact | findings / want | load (1 min) |\n")
	fmt.Fprintf(w, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range results {
		c, n, f := r.samples["cqrslint"], r.samples["nop"], r.samples["nopfact"]
		fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %s | %s | %d / %d / %d | %d / %d | %.1f–%.1f |\n",
			r.label, r.summary.Lines, cell(c), cell(n), cell(f), ratio(c, n), ratio(c, f),
			peakMB(c), peakMB(n), peakMB(f), last(c).findings, r.wants, r.loadLo, r.loadHi)
	}
	fmt.Fprintf(w, "\n## go vet (vet cache defeated, build cache warm)\n\n")
	fmt.Fprintf(w, "| size | stock `go vet` | `-vettool=cqrslint` | `-vettool=nop` | `-vettool=nopfact` | cqrslint/nop | cqrslint/nopfact | cqrslint/stock | peak RSS MB cqrslint / nop / nopfact / stock | findings / want |\n")
	fmt.Fprintf(w, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range results {
		s, c, n, f := r.samples["vet stock"], r.samples["vet cqrslint"], r.samples["vet nop"], r.samples["vet nopfact"]
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s | %d / %d / %d / %d | %d / %d |\n",
			r.label, cell(s), cell(c), cell(n), cell(f), ratio(c, n), ratio(c, f), ratio(c, s),
			peakMB(c), peakMB(n), peakMB(f), peakMB(s), last(c).findings, r.wants)
	}
	fmt.Fprintf(w, "\n## -incremental: the CI formats from go vet's cache\n\n")
	fmt.Fprintf(w, "`cqrslint -incremental -format=sarif ./...`: a new copy of the binary each run (its results are not in the build cache: a first run), and one copy after a one-package edit (the previous run's results cached), against the driver's `-format=sarif` run.\n\n")
	fmt.Fprintf(w, "| module | pkgs | incremental first run | incremental after edit | edit/first | `-format=sarif` | edit/`-format=sarif` | peak RSS MB first / edit | findings first / edit / sarif |\n")
	fmt.Fprintf(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range results {
		ic, ie, sa := r.samples["incremental cqrslint"], r.samples["incremental cqrslint after edit"], r.samples["sarif cqrslint"]
		if len(ic) == 0 && len(ie) == 0 {
			continue
		}
		opt := func(ss []sample, f func([]sample) string) string {
			if len(ss) == 0 {
				return "n/a"
			}
			return f(ss)
		}
		fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %s | %s | %d / %d | %d / %d / %d |\n",
			r.label, r.pkgs, opt(ic, cell), opt(ie, cell), opt(ie, func(ss []sample) string { return ratio(ss, ic) }),
			opt(sa, cell), opt(ie, func(ss []sample) string { return ratio(ss, sa) }),
			peakMB(ic), peakMB(ie), last(ic).findings, last(ie).findings, last(sa).findings)
	}
	fmt.Fprintf(w, "\n## CI formats and incremental runs\n\n")
	fmt.Fprintf(w, "`cqrslint -format=sarif ./...` (the driver behind the CI formats) against the fact-free floor; then each after a one-package edit (a function appended to one file, so that its importers are compiled again): standalone, and under go vet with the cache of the previous run (the same tool copy), against the cold go vet run above.\n\n")
	fmt.Fprintf(w, "| module | pkgs | `-format=sarif` | nop (no facts) | sarif/nop | peak RSS MB sarif / nop | sarif after edit | vet cold | vet after edit | vet edit/cold | findings sarif / vet |\n")
	fmt.Fprintf(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range results {
		sa, n, se := r.samples["sarif cqrslint"], r.samples["nop"], r.samples["sarif cqrslint after edit"]
		vc, ve := r.samples["vet cqrslint"], r.samples["vet cqrslint after edit"]
		opt := func(ss []sample, f func([]sample) string) string {
			if len(ss) == 0 {
				return "n/a"
			}
			return f(ss)
		}
		fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %d / %d | %s | %s | %s | %s | %d / %d |\n",
			r.label, r.pkgs, cell(sa), cell(n), ratio(sa, n), peakMB(sa), peakMB(n),
			opt(se, cell), cell(vc), opt(ve, cell), opt(ve, func(ss []sample) string { return ratio(ss, vc) }),
			last(sa).findings, last(vc).findings)
	}
	if slices.ContainsFunc(results, func(r *sizeResult) bool { return len(r.samples["vet nopdeps"]) > 0 }) {
		fmt.Fprintf(w, "\n## go vet: where cqrslint's time over the floor goes\n\n")
		fmt.Fprintf(w, "nopdeps is nopfact linking cqrslint's libraries (the SQL parser, go-sarif, pgx): their initialisers run at every process start.\n\n")
		fmt.Fprintf(w, "| pkgs | `-vettool=nopfact` | `-vettool=nopdeps` | `-vettool=cqrslint` | nopdeps/nopfact (start cost of the libraries) | cqrslint/nopdeps (cqrslint's own work and start) | cqrslint/nopfact |\n")
		fmt.Fprintf(w, "|---:|---:|---:|---:|---:|---:|---:|\n")
		for _, r := range results {
			nf, nd, vc := r.samples["vet nopfact"], r.samples["vet nopdeps"], r.samples["vet cqrslint"]
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s |\n", r.label, cell(nf), cell(nd), cell(vc),
				ratio(nd, nf), ratio(vc, nd), ratio(vc, nf))
		}
	}
	if len(cfg.extras) > 0 {
		fmt.Fprintf(w, "\n## Variants of cqrslint (-extra)\n\n")
		fmt.Fprintf(w, "| pkgs | variant | standalone | vs cqrslint | vs nopfact | peak RSS MB (cqrslint) | `go vet -vettool` | vs cqrslint | vs nopfact | findings / want |\n")
		fmt.Fprintf(w, "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
		for _, r := range results {
			for _, e := range cfg.extras {
				x, vx := r.samples[e.name], r.samples["vet "+e.name]
				fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %d (%d) | %s | %s | %s | %d / %d |\n",
					r.label, e.name, cell(x), ratio(x, r.samples["cqrslint"]), ratio(x, r.samples["nopfact"]),
					peakMB(x), peakMB(r.samples["cqrslint"]), cell(vx), ratio(vx, r.samples["vet cqrslint"]),
					ratio(vx, r.samples["vet nopfact"]), last(x).findings, r.wants)
			}
		}
	}
	fmt.Fprintf(w, "\n## All runs (wall seconds, in run order)\n\n| pkgs | command | runs | min | median | max |\n|---:|---|---|---:|---:|---:|\n")
	for _, r := range results {
		keys := []string{"cqrslint", "sarif cqrslint", "sarif cqrslint after edit", "nop", "nopfact",
			"vet stock", "vet cqrslint", "vet cqrslint after edit", "vet nop", "vet nopfact", "vet nopdeps",
			"incremental cqrslint", "incremental cqrslint after edit"}
		for _, e := range cfg.extras {
			keys = append(keys, e.name, "vet "+e.name)
		}
		for _, key := range keys {
			ss := r.samples[key]
			if len(ss) == 0 {
				continue
			}
			var runs []string
			for _, s := range ss {
				runs = append(runs, fmt.Sprintf("%.2f", s.wall.Seconds()))
			}
			walls := durations(ss, func(s sample) time.Duration { return s.wall })
			fmt.Fprintf(w, "| %s | %s | %s | %.2f | %.2f | %.2f |\n", r.label, key, strings.Join(runs, " "),
				slices.Min(walls).Seconds(), median(walls).Seconds(), slices.Max(walls).Seconds())
		}
	}
	fmt.Fprintf(w, "\nModules:\n\n")
	for _, r := range results {
		if cfg.dir != "" {
			fmt.Fprintf(w, "- %s: %d packages (./...), a checkout; findings counted, not checked; done in %s\n", r.label, r.pkgs, r.duration.Round(time.Second))
			continue
		}
		l := r.summary.Layout
		fmt.Fprintf(w, "- %d packages: %d util, %d domain, %d repositories (%s), %d services, %d handlers, 1 main; %d lines; %d expected findings; size done in %s\n",
			r.n, l.Util, l.Domain, l.Repo, flavorList(r.summary.Flavors), l.Service, l.Handler, r.summary.Lines, r.wants, r.duration.Round(time.Second))
	}
	for _, r := range results {
		for _, p := range r.sanity {
			fmt.Fprintf(w, "- SANITY FAILURE at %s: %s\n", r.label, p)
		}
	}
}

func flavorList(m map[string]int) string {
	var parts []string
	for _, k := range []string{"pgx", "sql", "sqlx", "sqlc"} {
		parts = append(parts, fmt.Sprintf("%d %s", m[k], k))
	}
	return strings.Join(parts, ", ")
}

func durations(ss []sample, f func(sample) time.Duration) []time.Duration {
	out := make([]time.Duration, len(ss))
	for i, s := range ss {
		out[i] = f(s)
	}
	return out
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func cell(ss []sample) string {
	if len(ss) == 0 {
		return "n/a" // a row -modes left out
	}
	wall := median(durations(ss, func(s sample) time.Duration { return s.wall }))
	cpu := median(durations(ss, func(s sample) time.Duration { return s.cpu }))
	return fmt.Sprintf("%.2f s / %.2f s", wall.Seconds(), cpu.Seconds())
}

func ratio(a, b []sample) string {
	if len(a) == 0 || len(b) == 0 {
		return "n/a"
	}
	wa := median(durations(a, func(s sample) time.Duration { return s.wall }))
	wb := median(durations(b, func(s sample) time.Duration { return s.wall }))
	ca := median(durations(a, func(s sample) time.Duration { return s.cpu }))
	cb := median(durations(b, func(s sample) time.Duration { return s.cpu }))
	return fmt.Sprintf("%.2f× (%.2f×)", wa.Seconds()/wb.Seconds(), ca.Seconds()/cb.Seconds())
}

func peakMB(ss []sample) int64 {
	if len(ss) == 0 {
		return 0
	}
	return slices.MaxFunc(ss, func(a, b sample) int { return cmp.Compare(a.rssKB, b.rssKB) }).rssKB / 1024
}

func last(ss []sample) sample {
	if len(ss) == 0 {
		return sample{}
	}
	return ss[len(ss)-1]
}

// loadAvg is the 1-minute load average, or -1 where /proc is missing.
func loadAvg() float64 {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	f, err := strconv.ParseFloat(strings.Fields(string(data))[0], 64)
	if err != nil {
		return -1
	}
	return f
}

// repoRoot is the directory of the cqrslint module.
func repoRoot() (string, error) {
	out, err := command(".", nil, "go", "env", "GOMOD")
	if err != nil {
		return "", err
	}
	gomod := strings.TrimSpace(out)
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("run the harness inside the cqrslint module")
	}
	return filepath.Dir(gomod), nil
}

// command runs name with args in dir, with extra environment variables,
// and returns its standard output.
func command(dir string, env []string, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("%s %s (in %s): %v\n%s", name, strings.Join(args, " "), dir, err, tail(stderr.String(), 30))
	}
	return stdout.String(), nil
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"..."}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "harness: "+format+"\n", args...)
}
