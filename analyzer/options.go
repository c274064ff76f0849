package analyzer

import (
	"flag"
	"fmt"
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
}

// Validate reports the first problem with o.
func (o Options) Validate() error {
	for _, r := range o.Disable {
		if !knownRule(r) {
			return fmt.Errorf("unknown rule %q in disable (known: %s)", r, strings.Join(Rules, ", "))
		}
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
	fs.Var(rulesFlag{&o.Disable}, "disable", "comma-separated rule ids to turn off ("+strings.Join(Rules, ", ")+")")
}
