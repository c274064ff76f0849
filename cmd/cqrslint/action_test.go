package main

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// actionFile is the part of action.yml the tests read.
type actionFile struct {
	Inputs map[string]struct {
		Default *string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Value string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			ID   string            `yaml:"id"`
			If   string            `yaml:"if"`
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			Env  map[string]string `yaml:"env"`
			With map[string]string `yaml:"with"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

func repoRoot() string { return filepath.Join(testdata, "..", "..", "..") }

func readAction(t *testing.T) actionFile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(), "action.yml"))
	require.NoError(t, err)
	var a actionFile
	require.NoError(t, yaml.Unmarshal(data, &a))
	return a
}

// TestActionFile checks action.yml's wiring: its inputs (packages,
// format, baseline, strict, explain, go-version, upload-sarif), every ${{ inputs.X }} declared, every step output it
// reads written by scripts/action.sh, every CQRSLINT_* variable the script
// reads passed in.
func TestActionFile(t *testing.T) {
	a := readAction(t)
	require.Equal(t, "composite", a.Runs.Using)
	for _, name := range []string{"packages", "format", "baseline", "strict", "explain", "go-version", "upload-sarif"} {
		require.Contains(t, a.Inputs, name)
		require.NotNil(t, a.Inputs[name].Default, "input %s has a default", name)
	}
	require.Equal(t, "github", *a.Inputs["format"].Default)
	require.Equal(t, "false", *a.Inputs["explain"].Default)
	require.Equal(t, "", *a.Inputs["baseline"].Default)

	script, err := os.ReadFile(filepath.Join(repoRoot(), "scripts", "action.sh"))
	require.NoError(t, err)
	written := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\s*output ([a-z-]+) `).FindAllStringSubmatch(string(script), -1) {
		written[m[1]] = true
	}
	readVars := map[string]bool{}
	for _, m := range regexp.MustCompile(`\$\{(CQRSLINT_[A-Z_]+)`).FindAllStringSubmatch(string(script), -1) {
		readVars[m[1]] = true
	}

	inputRE := regexp.MustCompile(`inputs\.([a-z-]+)`)
	outputRE := regexp.MustCompile(`steps\.([a-z]+)\.outputs\.([a-z-]+)`)
	passed := map[string]bool{}
	ids := map[string]bool{}
	var text []string
	for _, s := range a.Runs.Steps {
		require.True(t, (s.Run == "") != (s.Uses == ""), "a step runs a command or uses an action: %+v", s)
		if s.Run != "" {
			require.Regexp(t, `^bash "\$GITHUB_ACTION_PATH/scripts/action\.sh" [a-z-]+$`, strings.TrimSpace(s.Run),
				"shell steps live in scripts/action.sh")
		}
		for k, v := range s.Env {
			passed[k] = true
			text = append(text, v)
		}
		for _, v := range s.With {
			text = append(text, v)
		}
		text = append(text, s.If)
		for _, m := range outputRE.FindAllStringSubmatch(strings.Join(append([]string{s.If}, mapValues(s.Env, s.With)...), " "), -1) {
			require.True(t, ids[m[1]], "step %s is used before it runs", m[1])
			if m[1] == "install" || m[1] == "run" || m[1] == "key" {
				require.True(t, written[m[2]], "scripts/action.sh writes output %s", m[2])
			}
		}
		if s.ID != "" {
			ids[s.ID] = true
		}
	}
	for _, o := range a.Outputs {
		text = append(text, o.Value)
		m := outputRE.FindStringSubmatch(o.Value)
		require.NotNil(t, m, o.Value)
		require.True(t, written[m[2]], "scripts/action.sh writes output %s", m[2])
	}
	for _, m := range inputRE.FindAllStringSubmatch(strings.Join(text, " "), -1) {
		require.Contains(t, a.Inputs, m[1], "${{ inputs.%s }} is declared", m[1])
	}
	for v := range readVars {
		require.True(t, passed[v], "action.yml passes %s, which scripts/action.sh reads", v)
	}
	for v := range passed {
		if strings.HasPrefix(v, "CQRSLINT_") {
			require.True(t, readVars[v], "scripts/action.sh reads %s, which action.yml passes", v)
		}
	}
}

func mapValues(ms ...map[string]string) []string {
	var out []string
	for _, m := range ms {
		for _, v := range m {
			out = append(out, v)
		}
	}
	return out
}

// actionRun is one run of a step of scripts/action.sh.
type actionRun struct {
	result
	outputs map[string]string
}

// runAction runs scripts/action.sh step at the repository root as the
// runner would, with env on top of the runner's variables.
func runAction(t *testing.T, tmp, step string, env ...string) actionRun {
	t.Helper()
	out := filepath.Join(t.TempDir(), "github_output")
	cmd := exec.Command("bash", filepath.Join(repoRoot(), "scripts", "action.sh"), step)
	cmd.Dir = repoRoot()
	cmd.Env = append(os.Environ(),
		"GITHUB_ACTION_PATH="+repoRoot(),
		"RUNNER_TEMP="+tmp,
		"GITHUB_OUTPUT="+out,
		"GITHUB_REPOSITORY=cqrslint/cqrslint",
		"GITHUB_EVENT_NAME=pull_request",
		"GITHUB_ACTOR=someone",
	)
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("action.sh %s: %v", step, err)
	}
	r := actionRun{result: result{cmd.ProcessState.ExitCode(), stdout.String(), stderr.String()}, outputs: map[string]string{}}
	data, err := os.ReadFile(out)
	if err == nil {
		for _, l := range lines(string(data)) {
			k, v, ok := strings.Cut(l, "=")
			require.True(t, ok, l)
			r.outputs[k] = v
		}
	}
	return r
}

// annotations are the positions ("file:line:col") of the ::warning
// commands in out.
func annotations(t *testing.T, out string) []string {
	t.Helper()
	var pos []string
	for _, m := range regexp.MustCompile(`(?m)^::warning file=([^,]+),line=(\d+),col=(\d+),title=cqrslint/[a-z-]+::`).FindAllStringSubmatch(out, -1) {
		pos = append(pos, m[1]+":"+m[2]+":"+m[3])
	}
	var commands []string // the workflow commands cqrslint printed
	for _, l := range lines(out) {
		if !strings.HasPrefix(l, "::notice title=cqrslint::") {
			commands = append(commands, l)
		}
	}
	require.Equal(t, checkAnnotations(t, strings.Join(commands, "\n")), len(pos))
	return pos
}

func readSARIF(t *testing.T, name string) *sarif.Report {
	t.Helper()
	rep, err := sarif.Open(name)
	require.NoError(t, err)
	require.NoError(t, rep.Validate(), "SARIF 2.1.0 schema")
	require.Len(t, rep.Runs, 1)
	return rep
}

// TestActionScript runs the action's steps (scripts/action.sh, as
// action.yml calls them) on demo/before and demo/after: the build from the
// action's sources, the annotations and exit codes, the SARIF file, the
// baseline gate and what a pull request from a fork gets.
func TestActionScript(t *testing.T) {
	t.Parallel() // a process of its own: overlaps the others
	if testing.Short() {
		t.Skip("builds cqrslint and runs it on the demo")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	tmp := t.TempDir()

	key := runAction(t, tmp, "cache-key")
	require.Equal(t, 0, key.code, key.stderr)
	require.Regexp(t, `^[0-9a-f]{32}$`, key.outputs["key"])

	install := runAction(t, tmp, "install", "CQRSLINT_VERSION=v9.9.9-test")
	require.Equal(t, 0, install.code, install.stderr)
	bin := install.outputs["path"]
	require.FileExists(t, bin)
	require.Regexp(t, `^cqrslint v9\.9\.9-test \(go1\.`, install.stdout, "the build says which version it is")

	// What go vet reports on the demo (TestVetDemo checks this file).
	golden, err := os.ReadFile(filepath.Join(testdata, "golden", "vet-demo.txt"))
	require.NoError(t, err)
	var want []string
	for _, l := range lines(string(golden)) {
		if m := regexp.MustCompile(`^(\S+\.go:\d+:\d+): [^\t]`).FindStringSubmatch(l); m != nil {
			want = append(want, m[1])
		}
	}
	require.NotEmpty(t, want)

	sarifFile := filepath.Join(tmp, "out", "cqrslint.sarif")
	require.NoError(t, os.MkdirAll(filepath.Dir(sarifFile), 0o755))
	run := func(pkgs string, env ...string) actionRun {
		t.Helper()
		if err := os.Remove(sarifFile); !os.IsNotExist(err) {
			require.NoError(t, err, "no file from the previous run")
		}
		return runAction(t, tmp, "run", append([]string{"CQRSLINT_BIN=" + bin, "CQRSLINT_PACKAGES=" + pkgs,
			"CQRSLINT_SARIF_FILE=" + sarifFile}, env...)...)
	}

	t.Run("before", func(t *testing.T) {
		r := run("./demo/before")
		require.Equal(t, exitFindings, r.code, "the step fails on findings:\n%s", r.stderr)
		require.Equal(t, want, annotations(t, r.stdout), "the annotations are go vet's findings")
		require.Equal(t, map[string]string{"sarif-file": sarifFile, "upload-sarif": "true", "exit-code": "1"}, r.outputs)
		rep := readSARIF(t, sarifFile)
		require.Len(t, rep.Runs[0].Results, len(want))
		require.Equal(t, "v9.9.9-test", *rep.Runs[0].Tool.Driver.Version)
	})

	t.Run("after", func(t *testing.T) {
		r := run("./demo/after")
		require.Equal(t, exitClean, r.code, r.stderr)
		require.Empty(t, annotations(t, r.stdout))
		require.Equal(t, "0", r.outputs["exit-code"])
		require.Equal(t, "true", r.outputs["upload-sarif"])
		require.Empty(t, readSARIF(t, sarifFile).Runs[0].Results)
	})

	base := filepath.Join(tmp, "baseline.json")
	r := runProcess(t, repoRoot(), bin, "-write-baseline="+base, "./demo/before")
	require.Equal(t, 0, r.code, r.stderr)

	t.Run("baseline", func(t *testing.T) {
		r := run("./demo/before", "CQRSLINT_BASELINE="+base)
		require.Equal(t, exitClean, r.code, "every finding is in the baseline:\n%s", r.stderr)
		require.Empty(t, annotations(t, r.stdout))
		rep := readSARIF(t, sarifFile)
		require.Len(t, rep.Runs[0].Results, len(want), "the SARIF file has the baselined findings too")
		for _, res := range rep.Runs[0].Results {
			require.Equal(t, "unchanged", *res.BaselineState)
		}
	})

	t.Run("new finding from a fork", func(t *testing.T) {
		// A baseline without the last finding: that one is new.
		var bf map[string]any
		data, err := os.ReadFile(base)
		require.NoError(t, err)
		require.NoError(t, json.Unmarshal(data, &bf))
		entries := bf["findings"].([]any)
		count := int(entries[len(entries)-1].(map[string]any)["count"].(float64))
		bf["findings"] = entries[:len(entries)-1]
		data, err = json.Marshal(bf)
		require.NoError(t, err)
		older := filepath.Join(tmp, "older.json")
		require.NoError(t, os.WriteFile(older, data, 0o644))

		r := run("./demo/before", "CQRSLINT_BASELINE="+older, "CQRSLINT_HEAD_REPO=someone/cqrslint")
		require.Equal(t, exitFindings, r.code, "the step fails on the new finding only:\n%s", r.stderr)
		got := annotations(t, r.stdout)
		require.Len(t, got, count)
		for _, pos := range got {
			require.True(t, slices.Contains(want, pos), pos)
		}
		require.Contains(t, r.stdout, "::notice title=cqrslint::SARIF not uploaded: a pull request from a fork (someone/cqrslint)")
		require.Equal(t, "false", r.outputs["upload-sarif"], "the upload step is skipped")
		states := map[string]int{}
		for _, res := range readSARIF(t, sarifFile).Runs[0].Results {
			states[*res.BaselineState]++
		}
		require.Equal(t, map[string]int{"new": count, "unchanged": len(want) - count}, states, "the SARIF file is still written")
	})

	t.Run("bad input", func(t *testing.T) {
		r := run("./demo/before", "CQRSLINT_BASELINE="+filepath.Join(tmp, "missing.json"))
		require.Equal(t, exitUsage, r.code, r.stdout)
		require.Contains(t, r.stdout, "::warning title=cqrslint::no SARIF file: cqrslint -format=sarif exited 2")
		require.Equal(t, "false", r.outputs["upload-sarif"])

		r = run("./demo/before", "CQRSLINT_STRICT=yes")
		require.Equal(t, exitUsage, r.code)
		require.Contains(t, r.stdout, `::error title=cqrslint::input strict must be true or false, not "yes"`)
	})
}

// TestActionArguments checks how the inputs become cqrslint's command
// lines, with a stand-in binary that records its arguments.
func TestActionArguments(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	tmp := t.TempDir()
	fake := filepath.Join(tmp, "cqrslint")
	log := filepath.Join(tmp, "args")
	require.NoError(t, os.WriteFile(fake, []byte("#!/usr/bin/env bash\necho \"$*\" >>"+log+"\n"), 0o755))
	for _, tc := range []struct {
		env  []string
		want []string
	}{
		{nil, []string{"-format=sarif ./...", "-format=github ./..."}},
		{
			[]string{"CQRSLINT_PACKAGES=./a/... ./b", "CQRSLINT_FORMAT=text", "CQRSLINT_BASELINE=.cqrslint-baseline.json",
				"CQRSLINT_STRICT=true", "CQRSLINT_EXPLAIN=true"},
			[]string{
				"-format=sarif -strict -explain -baseline=.cqrslint-baseline.json ./a/... ./b",
				"-format=text -strict -explain -baseline=.cqrslint-baseline.json ./a/... ./b",
			},
		},
		{[]string{"CQRSLINT_UPLOAD_SARIF=false"}, []string{"-format=github ./..."}},
	} {
		require.NoError(t, os.RemoveAll(log))
		env := append([]string{"CQRSLINT_BIN=" + fake, "CQRSLINT_SARIF_FILE=" + filepath.Join(tmp, "x.sarif")}, tc.env...)
		r := runAction(t, tmp, "run", env...)
		require.Equal(t, 0, r.code, r.stderr)
		data, err := os.ReadFile(log)
		require.NoError(t, err)
		require.Equal(t, tc.want, lines(string(data)), "%v", tc.env)
	}
}
