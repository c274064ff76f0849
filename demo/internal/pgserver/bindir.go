package pgserver

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// findBinDir returns a directory holding initdb and postgres: the one on
// PATH, else the newest versioned installation.
func findBinDir() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		if dir := filepath.Dir(p); hasServer(dir) {
			return dir, nil
		}
	}
	// Where distributions install versioned PostgreSQL binaries.
	globs := []string{
		"/usr/lib/postgresql/*/bin",         // Debian, Ubuntu
		"/usr/pgsql-*/bin",                  // RHEL, Fedora (PGDG)
		"/opt/homebrew/opt/postgresql*/bin", // Homebrew on Apple silicon
		"/usr/local/opt/postgresql*/bin",    // Homebrew on Intel
		"/usr/local/pgsql/bin",              // built from source
	}
	var dirs []string
	for _, g := range globs {
		m, _ := filepath.Glob(g)
		dirs = append(dirs, m...)
	}
	dirs = slices.DeleteFunc(dirs, func(d string) bool { return !hasServer(d) })
	if len(dirs) == 0 {
		return "", errors.New("initdb and postgres were not found (PATH, /usr/lib/postgresql/*/bin, ...)")
	}
	slices.SortStableFunc(dirs, func(a, b string) int { return majorVersion(b) - majorVersion(a) })
	return dirs[0], nil
}

func hasServer(dir string) bool {
	for _, name := range []string{"initdb", "postgres"} {
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.IsDir() {
			return false
		}
	}
	return true
}

// majorVersion reads the first number in a path like
// /usr/lib/postgresql/15/bin or /usr/pgsql-16/bin; 0 if none.
func majorVersion(path string) int {
	i := strings.IndexAny(path, "0123456789")
	if i < 0 {
		return 0
	}
	j := i
	for j < len(path) && path[j] >= '0' && path[j] <= '9' {
		j++
	}
	n, _ := strconv.Atoi(path[i:j])
	return n
}
