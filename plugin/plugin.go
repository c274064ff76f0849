// Package plugin registers cqrslint as a golangci-lint v2 module plugin.
//
// A custom golangci-lint built with this package blank-imported (see
// docs/golangci-lint.md) runs cqrslint when .golangci.yml enables it:
//
//	linters:
//	  enable: [cqrslint]
//	  settings:
//	    custom:
//	      cqrslint:
//	        type: module
//	        settings:
//	          strict: true
//	          disable: [unused-computed]
//
// The settings are the fields of [analyzer.Options], decoded strictly: an
// unknown key or a value of the wrong type is an error.
package plugin

import (
	"fmt"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/cqrslint/cqrslint/analyzer"
	"github.com/cqrslint/cqrslint/internal/osfiles"
)

// Name is the linter name golangci-lint knows the plugin by: the key under
// linters.settings.custom and in //nolint:cqrslint.
const Name = "cqrslint"

func init() {
	register.Plugin(Name, New)
}

// Plugin is one configured cqrslint linter. Each instance holds its own
// options; nothing is shared between instances.
type Plugin struct {
	opts analyzer.Options
}

var _ register.LinterPlugin = (*Plugin)(nil)

// New decodes settings (the value of linters.settings.custom.cqrslint.settings
// in .golangci.yml; nil when absent) into [analyzer.Options] and validates
// them.
func New(settings any) (register.LinterPlugin, error) {
	opts, err := register.DecodeSettings[analyzer.Options](settings)
	if err != nil {
		return nil, fmt.Errorf("cqrslint settings: %w", err)
	}
	if err := opts.Validate(); err != nil {
		return nil, fmt.Errorf("cqrslint settings: %w", err)
	}
	opts.Files = osfiles.Files{} // embedded SQL and sqlfiles
	return &Plugin{opts: opts}, nil
}

// BuildAnalyzers returns a fresh analyzer for the plugin's options, whose
// diagnostics carry no Related positions.
//
// golangci-lint (v2.15) turns each Related position into an issue of its
// own ("cqrslint(related information): User declared here"), placed on
// the finding's line when it is in another file. Those issues repeat what
// the message already says, and a //nolint:cqrslint on the finding's line
// does not silence the one on the struct declaration. cqrslint's messages
// carry their evidence (positions written as "(file.go:42)"), so the
// plugin reports the message alone.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{withoutRelated(analyzer.New(p.opts))}, nil
}

// GetLoadMode reports that cqrslint needs type information.
func (p *Plugin) GetLoadMode() string {
	return register.LoadModeTypesInfo
}

// withoutRelated makes a, which must be a fresh analyzer nobody else uses,
// drop the Related positions of its diagnostics.
func withoutRelated(a *analysis.Analyzer) *analysis.Analyzer {
	run := a.Run
	a.Run = func(pass *analysis.Pass) (any, error) {
		p := *pass
		p.Report = func(d analysis.Diagnostic) {
			d.Related = nil
			pass.Report(d)
		}
		return run(&p)
	}
	return a
}
