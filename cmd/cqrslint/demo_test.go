package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestVetDemo runs the real command under `go vet -vettool` on the demo's
// two services, which use the real pgx/v5 module from go.mod: the god
// struct of demo/before is reported exactly, demo/after is clean.
func TestVetDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go vet on the demo")
	}
	exe, err := os.Executable()
	require.NoError(t, err)
	root := filepath.Join(testdata, "..", "..", "..")

	r := runProcess(t, root, "go", "vet", "-vettool="+exe, "./demo/before", "./demo/after")
	require.Equal(t, 1, r.code, "go vet exits 1 on findings:\n%s", r.stderr)
	var got []string
	for _, line := range strings.Split(r.stderr, "\n") {
		if line != "" && !strings.HasPrefix(line, "#") {
			got = append(got, line)
		}
	}
	golden := filepath.Join(testdata, "golden", "vet-demo.txt")
	if update {
		require.NoError(t, os.WriteFile(golden, []byte(strings.Join(got, "\n")+"\n"), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	require.Equal(t, string(want), strings.Join(got, "\n")+"\n")
	require.NotContains(t, r.stderr, "demo/after", "the CQRS side has no finding")
}
