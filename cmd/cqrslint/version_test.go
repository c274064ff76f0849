package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestReadVersion(t *testing.T) {
	vcs := func(rev, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{
			{Key: "-trimpath", Value: "true"},
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: rev},
			{Key: "vcs.time", Value: "2026-12-02T03:37:22Z"},
			{Key: "vcs.modified", Value: modified},
		}
	}
	const rev = "afaa6348c10da1196ce86bad551323f73a99bdc2"
	for _, tc := range []struct {
		name    string
		bi      *debug.BuildInfo
		release string
		want    string
		version string
	}{
		{
			name:    "go install ...@v0.1.0",
			bi:      &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/cqrslint/cqrslint", Version: "v0.1.0"}},
			want:    "cqrslint v0.1.0 (go1.26.8)",
			version: "v0.1.0",
		},
		{
			name: "clean clone",
			bi: &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20261202033722-afaa6348c10d"},
				Settings: vcs(rev, "false")},
			want:    "cqrslint v0.0.0-20261202033722-afaa6348c10d (revision " + rev + "; go1.26.8)",
			version: "v0.0.0-20261202033722-afaa6348c10d",
		},
		{
			name: "clone with uncommitted changes",
			bi: &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20261202033722-afaa6348c10d+dirty"},
				Settings: vcs(rev, "true")},
			want:    "cqrslint v0.0.0-20261202033722-afaa6348c10d+dirty (revision " + rev + ", modified; go1.26.8)",
			version: "v0.0.0-20261202033722-afaa6348c10d+dirty",
		},
		{
			name:    "build without VCS stamping",
			bi:      &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}},
			want:    "cqrslint devel (go1.26.8)",
			version: "devel",
		},
		{
			name:    "release build",
			bi:      &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.1.0"}, Settings: vcs(rev, "false")},
			release: "v0.1.0-rc1",
			want:    "cqrslint v0.1.0-rc1 (revision " + rev + "; go1.26.8)",
			version: "v0.1.0-rc1",
		},
		{name: "no build information", want: "cqrslint devel", version: "devel"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := readVersion(tc.bi, tc.bi != nil, tc.release)
			require.Equal(t, tc.want, v.String())
			require.Equal(t, tc.version, v.Version)
		})
	}
}

// TestVersionFromClone builds cqrslint in a fresh git repository holding
// this module's sources, as `go install ./cmd/cqrslint` in a clone does,
// and checks that -version names the commit, then the uncommitted change.
func TestVersionFromClone(t *testing.T) {
	t.Parallel() // a process of its own: overlaps the others
	if testing.Short() {
		t.Skip("builds cqrslint")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	root := filepath.Join(testdata, "..", "..", "..")
	dir := t.TempDir()
	for _, name := range []string{"go.mod", "go.sum", "LICENSE"} {
		data, err := os.ReadFile(filepath.Join(root, name))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o644))
	}
	for _, sub := range []string{"analyzer", "internal", filepath.Join("cmd", "cqrslint")} {
		require.NoError(t, os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(root, sub))))
	}
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=cqrslint test", "-c", "user.email=test@example.com",
			"-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "git %v: %s", args, out)
		return strings.TrimSpace(string(out))
	}
	git("init", "--quiet")
	git("add", ".")
	git("commit", "--quiet", "-m", "snapshot")
	rev := git("rev-parse", "HEAD")

	build := func() string {
		t.Helper()
		exe := filepath.Join(t.TempDir(), "cqrslint")
		// -buildvcs=true: the machine's GOFLAGS may turn stamping off.
		r := runProcess(t, dir, "go", "build", "-buildvcs=true", "-trimpath", "-o", exe, "./cmd/cqrslint")
		require.Equal(t, 0, r.code, r.stderr)
		r = runProcess(t, dir, exe, "-version")
		require.Equal(t, 0, r.code, r.stderr)
		return r.stdout
	}
	out := build()
	require.Contains(t, out, "(revision "+rev+"; go1.", out)
	require.Regexp(t, `^cqrslint v0\.0\.0-\d{14}-`+rev[:12]+` `, out, "the go command's pseudo-version for the commit")

	require.NoError(t, os.WriteFile(filepath.Join(dir, "LICENSE"), []byte("changed\n"), 0o644))
	out = build()
	require.Contains(t, out, "(revision "+rev+", modified; go1.", out)
	require.Regexp(t, `^cqrslint v0\.0\.0-\d{14}-`+rev[:12]+`\+dirty `, out)
}
