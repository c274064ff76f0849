package plugin

import (
	"path/filepath"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/cqrslint/cqrslint/analyzer"
)

// flagValue reads an option back from the analyzer's own flags, which are
// bound to the options the analyzer runs with.
func flagValue(t *testing.T, a *analysis.Analyzer, name string) string {
	t.Helper()
	f := a.Flags.Lookup(name)
	require.NotNil(t, f, "-%s", name)
	return f.Value.String()
}

func build(t *testing.T, settings any) *analysis.Analyzer {
	t.Helper()
	p, err := New(settings)
	require.NoError(t, err)
	as, err := p.BuildAnalyzers()
	require.NoError(t, err)
	require.Len(t, as, 1)
	require.NoError(t, analysis.Validate(as))
	return as[0]
}

func TestRegistered(t *testing.T) {
	newPlugin, err := register.GetPlugin("cqrslint")
	require.NoError(t, err)
	p, err := newPlugin(nil)
	require.NoError(t, err)
	require.Equal(t, register.LoadModeTypesInfo, p.GetLoadMode())
}

func TestSettings(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings any
		strict   string
		disable  string
	}{
		{"nil", nil, "false", ""},
		{"empty", map[string]any{}, "false", ""},
		{"strict", map[string]any{"strict": true}, "true", ""},
		// golangci-lint hands over what its YAML decoder produced.
		{"both", map[string]any{"strict": false, "disable": []any{"unused-computed"}}, "false", "unused-computed"},
		{"all rules", map[string]any{"disable": []string{"god-struct", "unused-computed"}}, "false", "god-struct,unused-computed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := build(t, tc.settings)
			require.Equal(t, "cqrslint", a.Name)
			require.Empty(t, flagValue(t, a, "sqlfiles"))
			require.Equal(t, tc.strict, flagValue(t, a, "strict"))
			require.Equal(t, tc.disable, flagValue(t, a, "disable"))
		})
	}
}

func TestSQLFilesSetting(t *testing.T) {
	a := build(t, map[string]any{"sqlfiles": []any{"queries/*.sql", "db/named.sql"}})
	require.Equal(t, "queries/*.sql,db/named.sql", flagValue(t, a, "sqlfiles"))
}

func TestBadSettings(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings any
		want     string
	}{
		{"unknown key", map[string]any{"stirct": true}, `cqrslint settings: decoding settings: json: unknown field "stirct"`},
		{"wrong type", map[string]any{"strict": "yes"}, "cqrslint settings: decoding settings: json: cannot unmarshal string into Go struct field Options.strict of type bool"},
		{"list as string", map[string]any{"disable": "god-struct"}, "cqrslint settings: decoding settings: json: cannot unmarshal string into Go struct field Options.disable of type []string"},
		{"unknown rule", map[string]any{"disable": []any{"god-structs"}}, `cqrslint settings: unknown rule "god-structs" in disable`},
		{"not a map", []any{"strict"}, "cqrslint settings: decoding settings: json: cannot unmarshal array into Go value of type analyzer.Options"},
		{"bad sqlfiles pattern", map[string]any{"sqlfiles": []any{"queries/[.sql"}}, `cqrslint settings: sqlfiles: bad pattern "queries/[.sql"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := New(tc.settings)
			require.Nil(t, p)
			require.ErrorContains(t, err, tc.want)
		})
	}
}

// TestInstancesIndependent checks that two plugin instances with
// different settings, and two analyzers of one instance, share nothing.
func TestInstancesIndependent(t *testing.T) {
	strictP, err := New(map[string]any{"strict": true, "disable": []any{"unused-computed"}})
	require.NoError(t, err)
	plainP, err := New(nil)
	require.NoError(t, err)

	s1, err := strictP.BuildAnalyzers()
	require.NoError(t, err)
	p1, err := plainP.BuildAnalyzers()
	require.NoError(t, err)
	require.NotSame(t, s1[0], p1[0])
	require.NotSame(t, analyzer.Analyzer, s1[0])
	require.NotSame(t, analyzer.Analyzer, p1[0])
	require.Equal(t, "true", flagValue(t, s1[0], "strict"))
	require.Equal(t, "false", flagValue(t, p1[0], "strict"))
	require.Equal(t, "unused-computed", flagValue(t, s1[0], "disable"))
	require.Equal(t, "", flagValue(t, p1[0], "disable"))

	// Changing one analyzer's options changes no other analyzer, nor the
	// plugin's next analyzer.
	require.NoError(t, p1[0].Flags.Set("strict", "true"))
	require.NoError(t, p1[0].Flags.Set("disable", "god-struct"))
	p2, err := plainP.BuildAnalyzers()
	require.NoError(t, err)
	require.NotSame(t, p1[0], p2[0])
	require.Equal(t, "false", flagValue(t, p2[0], "strict"))
	require.Equal(t, "", flagValue(t, p2[0], "disable"))
	require.Equal(t, "unused-computed", flagValue(t, s1[0], "disable"))
	require.Equal(t, "false", flagValue(t, analyzer.Analyzer, "strict"))
}

// TestWithoutRelated checks that the plugin's analyzer reports the
// message without Related positions.
func TestWithoutRelated(t *testing.T) {
	a := &analysis.Analyzer{
		Name: "fake",
		Doc:  "reports every type with a related position",
		Run: func(pass *analysis.Pass) (any, error) {
			for _, f := range pass.Files {
				for _, d := range f.Decls {
					pass.Report(analysis.Diagnostic{
						Pos:      d.Pos(),
						Category: analyzer.RuleGodStruct,
						Message:  "struct User is a god struct",
						Related:  []analysis.RelatedInformation{{Pos: d.Pos(), Message: "declared here"}},
					})
				}
			}
			return nil, nil
		},
	}
	dir, err := filepath.Abs("testdata")
	require.NoError(t, err)
	results := analysistest.Run(t, dir, withoutRelated(a), "p")
	require.Len(t, results, 1)
	require.Len(t, results[0].Diagnostics, 1)
	d := results[0].Diagnostics[0]
	require.Equal(t, "struct User is a god struct", d.Message)
	require.Equal(t, analyzer.RuleGodStruct, d.Category)
	require.Empty(t, d.Related)
}
