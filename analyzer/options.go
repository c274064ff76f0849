package analyzer

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"
)

// Options configure one analyzer instance. The command-line flags and the
// golangci-lint plugin settings fill the same struct.
type Options struct {
	// Strict also reports any struct that mixes stored and computed
	// columns wherever it is read, not only on the write side.
	Strict bool `json:"strict" mapstructure:"strict"`
	// Disable lists rule ids to turn off.
	Disable []string `json:"disable" mapstructure:"disable"`
	// SQLFiles lists glob patterns of SQL files holding named queries
	// ("-- name: get-user" blocks, goyesql and dotsql style) that the
	// program loads at run time rather than embeds: relative to the
	// module root, or absolute. Struct fields tagged query:"get-user" and
	// dotsql calls are joined to them by name (sqlfiles.go).
	SQLFiles []string `json:"sqlfiles" mapstructure:"sqlfiles"`
	// Libraries also analyzes the packages of the database libraries whose
	// API the analyzer knows as data (database/sql, pgx, sqlx, bun, ...;
	// libraryModules), which it otherwise leaves alone: for running
	// cqrslint on those libraries' own code, as make robust does.
	Libraries bool `json:"libraries" mapstructure:"libraries"`
	// Files reads the files besides Go source the analyzer needs:
	// //go:embed'ded SQL and the SQLFiles. The analyzer does no file I/O
	// of its own; the command and the golangci-lint plugin set this to
	// the operating system's. When nil, those files are not read and
	// the call sites that need them are skipped with a reason.
	Files Files `json:"-" mapstructure:"-"`
}

// Files is the read-only file access the analyzer is given. Names are
// absolute, with the operating system's separator.
type Files interface {
	ReadFile(name string) ([]byte, error)
	// Glob returns the names of the files matching pattern, as
	// path/filepath.Glob does.
	Glob(pattern string) ([]string, error)
}

// Validate reports the first problem with o.
func (o Options) Validate() error {
	for _, r := range o.Disable {
		if !knownRule(r) {
			return fmt.Errorf("unknown rule %q in disable (known: %s)", r, strings.Join(Rules, ", "))
		}
	}
	for _, g := range o.SQLFiles {
		if err := checkGlob(g); err != nil {
			return fmt.Errorf("sqlfiles: %w", err)
		}
	}
	return nil
}

// checkGlob reports a malformed glob pattern.
func checkGlob(g string) error {
	if _, err := filepath.Match(g, ""); err != nil {
		return fmt.Errorf("bad pattern %q: %w", g, err)
	}
	return nil
}

func (o Options) enabled(rule string) bool {
	for _, r := range o.Disable {
		if r == rule {
			return false
		}
	}
	return true
}

// rulesFlag is a comma-separated list of rule ids.
type rulesFlag struct{ rules *[]string }

func (f rulesFlag) String() string {
	if f.rules == nil {
		return ""
	}
	s := ""
	for i, r := range *f.rules {
		if i > 0 {
			s += ","
		}
		s += r
	}
	return s
}

func (f rulesFlag) Set(v string) error {
	*f.rules = nil
	start := 0
	for i := 0; i <= len(v); i++ {
		if i == len(v) || v[i] == ',' {
			if r := v[start:i]; r != "" {
				if !knownRule(r) {
					return fmt.Errorf("unknown rule %q (known: %s)", r, strings.Join(Rules, ", "))
				}
				*f.rules = append(*f.rules, r)
			}
			start = i + 1
		}
	}
	return nil
}

// bindFlags attaches o's fields to fs. The flags write into o, so the
// analyzer built from o sees what the command line says.
func (o *Options) bindFlags(fs *flag.FlagSet) {
	fs.BoolVar(&o.Strict, "strict", o.Strict, "also report structs mixing stored and computed columns on read-only paths, and //cqrslint:ignore comments that suppress nothing")
	fs.Var(globsFlag{&o.SQLFiles}, "sqlfiles", "comma-separated glob patterns, relative to the module root, of SQL files with named queries (-- name: x) that struct fields tagged query:\"x\" and dotsql calls are read from")
	fs.Var(rulesFlag{&o.Disable}, "disable", "comma-separated rule ids to turn off ("+strings.Join(Rules, ", ")+")")
	fs.BoolVar(&o.Libraries, LibrariesFlag, o.Libraries, "also analyze the database libraries' own packages (database/sql, pgx, sqlx, bun, ...), which cqrslint otherwise skips: for testing it on their code")
}

// LibrariesFlag is the name of the flag that sets Options.Libraries.
const LibrariesFlag = "libraries"

// globsFlag is a comma-separated list of glob patterns.
type globsFlag struct{ globs *[]string }

func (f globsFlag) String() string {
	if f.globs == nil {
		return ""
	}
	return strings.Join(*f.globs, ",")
}

func (f globsFlag) Set(v string) error {
	*f.globs = nil
	for _, g := range strings.Split(v, ",") {
		if g = strings.TrimSpace(g); g == "" {
			continue
		}
		if err := checkGlob(g); err != nil {
			return err
		}
		*f.globs = append(*f.globs, g)
	}
	return nil
}
