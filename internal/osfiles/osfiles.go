// Package osfiles gives the analyzer read access to the operating
// system's files (analyzer.Files): the command and the golangci-lint
// plugin hand it over, so that the analyzer package itself does no I/O.
package osfiles

import (
	"os"
	"path/filepath"
)

// Files reads files from the operating system.
type Files struct{}

// ReadFile is os.ReadFile.
func (Files) ReadFile(name string) ([]byte, error) { return os.ReadFile(name) }

// Glob is filepath.Glob.
func (Files) Glob(pattern string) ([]string, error) { return filepath.Glob(pattern) }
