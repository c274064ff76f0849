package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// cqrslintCmd is the command the lint step builds.
const cqrslintCmd = "github.com/cqrslint/cqrslint/cmd/cqrslint"

// lint runs cqrslint with go vet on both sides, printing the findings;
// it builds cqrslint unless bin names a binary. It never fails the demo:
// problems are printed. It returns the binary ("" when there is none),
// for the explain line after seeding, and a function removing it.
func lint(ctx context.Context, w io.Writer, bin string) (string, func()) {
	done := func() {}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	root, err := moduleRoot(ctx)
	if err == nil && bin == "" {
		progressOf(w).start("building cqrslint", 0)
		bin, done, err = buildLinter(ctx, root)
		progressOf(w).finish()
		if err != nil {
			done = func() {}
		}
	}
	if err == nil {
		bin, err = filepath.Abs(bin)
	}
	if err == nil {
		_, err = os.Stat(bin)
	}
	if err != nil {
		fmt.Fprintf(w, "   cqrslint not built: %s\n", oneLine(err.Error()))
		done()
		return "", func() {}
	}
	for _, pkg := range []string{"./demo/before", "./demo/after"} {
		progressOf(w).start("go vet "+pkg, 0)
		out, err := goCmd(ctx, root, "vet", "-vettool="+bin, pkg)
		progressOf(w).finish()
		findings, notes := parseFindings(out)
		switch {
		case len(findings) > 0:
			fmt.Fprintf(w, "   %s: %d finding(s)", pkg, len(findings))
			if notes > 0 {
				fmt.Fprintf(w, " (their %d related positions not shown)", notes)
			}
			fmt.Fprintln(w)
			for _, f := range findings {
				fmt.Fprintf(w, "     %s\n", f)
			}
		case err != nil:
			fmt.Fprintf(w, "   %s: cqrslint failed: %s\n", pkg, firstLine(out, err))
		default:
			fmt.Fprintf(w, "   %s: no findings\n", pkg)
		}
	}
	return bin, done
}

// explainLine runs cqrslint -explain on demo/before against the seeded
// before schema and prints what it says of the god query's cost: the
// estimated plan cost as written and without the computed columns.
func explainLine(ctx context.Context, w io.Writer, bin string, cfg *pgx.ConnConfig, schema string) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	root, err := moduleRoot(ctx)
	if err != nil {
		fmt.Fprintf(w, "   cqrslint -explain not run: %s\n", oneLine(err.Error()))
		return
	}
	u, err := explainURL(cfg, schema)
	if err != nil {
		fmt.Fprintf(w, "   cqrslint -explain not run: %s\n", oneLine(err.Error()))
		return
	}
	progressOf(w).start("cqrslint -explain ./demo/before", 0)
	cmd := exec.CommandContext(ctx, bin, "-explain", "-explain-db="+u, "./demo/before")
	cmd.Dir = root
	out, runErr := cmd.CombinedOutput()
	progressOf(w).finish()
	for l := range strings.Lines(string(out)) {
		l = strings.TrimRight(l, "\r\n")
		if i := strings.Index(l, "\texplain: "); i >= 0 && finding.MatchString(l) {
			fmt.Fprintf(w, "   cqrslint -explain on demo/before (the before schema, seeded):\n     %s\n", l[i+len("\texplain: "):])
			return
		}
	}
	fmt.Fprintf(w, "   cqrslint -explain printed no plan: %s\n", firstLine(out, runErr))
}

// explainURL is a connection URL for cfg whose search_path is schema.
// The password, if any, travels in the URL to the child process only.
func explainURL(cfg *pgx.ConnConfig, schema string) (string, error) {
	u := &url.URL{Scheme: "postgres", Path: "/" + cfg.Database}
	if cfg.Password != "" {
		u.User = url.UserPassword(cfg.User, cfg.Password)
	} else {
		u.User = url.User(cfg.User)
	}
	q := url.Values{}
	q.Set("search_path", schema)
	q.Set("sslmode", "disable")
	if strings.HasPrefix(cfg.Host, "/") {
		q.Set("host", cfg.Host) // a Unix socket directory
		q.Set("port", fmt.Sprint(cfg.Port))
	} else {
		u.Host = net.JoinHostPort(cfg.Host, fmt.Sprint(cfg.Port))
	}
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// moduleRoot is the directory of the main module's go.mod.
func moduleRoot(ctx context.Context) (string, error) {
	out, err := goCmd(ctx, "", "env", "GOMOD")
	if err != nil {
		return "", errors.New(firstLine(out, err))
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("not inside the cqrslint module: run go run ./demo from the module root")
	}
	return filepath.Dir(gomod), nil
}

// buildLinter builds cqrslint into a temporary directory and returns the
// binary and a function removing the directory.
func buildLinter(ctx context.Context, root string) (bin string, cleanup func(), err error) {
	dir, err := os.MkdirTemp("", "cqrslint-demo-")
	if err != nil {
		return "", nil, err
	}
	bin = filepath.Join(dir, "cqrslint")
	if out, err := goCmd(ctx, root, "build", "-o", bin, cqrslintCmd); err != nil {
		os.RemoveAll(dir)
		return "", nil, errors.New(firstLine(out, err))
	}
	return bin, func() { os.RemoveAll(dir) }, nil
}

// goCmd runs the go command in dir and returns its combined output.
func goCmd(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	return cmd.CombinedOutput()
}

// finding matches a diagnostic line: file.go:line:col: message.
var finding = regexp.MustCompile(`^\S+\.go:\d+:\d+: `)

// parseFindings returns the diagnostic lines of go vet's output and the
// number of related positions, the lines whose message starts with a tab.
func parseFindings(out []byte) (findings []string, notes int) {
	for l := range strings.Lines(string(out)) {
		l = strings.TrimRight(l, "\r\n")
		loc := finding.FindStringIndex(l)
		switch {
		case loc == nil:
		case strings.HasPrefix(l[loc[1]:], "\t"):
			notes++
		default:
			findings = append(findings, l)
		}
	}
	return findings, notes
}

// firstLine is the first non-empty line of out that is not a "# package"
// header, else err.
func firstLine(out []byte, err error) string {
	for l := range bytes.Lines(out) {
		if s := strings.TrimSpace(string(l)); s != "" && !strings.HasPrefix(s, "#") {
			return s
		}
	}
	return err.Error()
}
