package pgserver

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestParseMode(t *testing.T) {
	for _, s := range []string{"auto", "url", "throwaway"} {
		if m, err := ParseMode(s); err != nil || string(m) != s {
			t.Errorf("ParseMode(%q) = %q, %v", s, m, err)
		}
	}
	if _, err := ParseMode("docker"); err == nil {
		t.Error("ParseMode(docker) accepted")
	}
}

func TestMajorVersion(t *testing.T) {
	for path, want := range map[string]int{
		"/usr/lib/postgresql/15/bin":          15,
		"/usr/pgsql-9/bin":                    9,
		"/opt/homebrew/opt/postgresql@17/bin": 17,
		"/usr/local/pgsql/bin":                0,
	} {
		if got := majorVersion(path); got != want {
			t.Errorf("majorVersion(%q) = %d; want %d", path, got, want)
		}
	}
}

func TestLoopback(t *testing.T) {
	for url, want := range map[string]bool{
		"postgres://localhost/db":      true,
		"postgres://127.0.0.1:5433/db": true,
		"postgres://[::1]/db":          true,
		"postgres:///db?host=/tmp":     true,
		"postgres://db.example.com/db": false,
		"postgres://10.0.0.5/db":       false,
	} {
		cfg, err := pgx.ParseConfig(url)
		if err != nil {
			t.Fatal(err)
		}
		if got := (&Server{Config: cfg}).Loopback(); got != want {
			t.Errorf("Loopback(%s) = %v; want %v", url, got, want)
		}
	}
}

// A DATABASE_URL that does not answer is an error with a hint, never a
// fallback: the user asked for that server.
func TestDatabaseURLDoesNotFallBack(t *testing.T) {
	for _, mode := range []Mode{Auto, URL} {
		_, err := Start(t.Context(), mode, "postgres://127.0.0.1:1/postgres?connect_timeout=2", t.Logf)
		if err == nil || !strings.Contains(err.Error(), "check DATABASE_URL") || !nothingAnswers(err) {
			t.Errorf("%s: %v; want a refused connection naming DATABASE_URL", mode, err)
		}
		if strings.Count(err.Error(), "refused") != 1 {
			t.Errorf("%s: %v; want the cause once", mode, err)
		}
	}
}

// With DATABASE_URL unset and nothing answering at the default URL, Auto
// starts a throwaway cluster; URL mode gives up with a hint.
func TestAutoFallsBack(t *testing.T) {
	const closed = "postgres://127.0.0.1:1/postgres?connect_timeout=2"
	if _, err := start(t.Context(), URL, "", closed, t.Logf); err == nil || !strings.Contains(err.Error(), "set DATABASE_URL") {
		t.Errorf("URL mode: %v; want an error with a hint", err)
	}
	srv, err := start(t.Context(), Auto, "", closed, t.Logf)
	if _, berr := findBinDir(); berr != nil {
		if err == nil || !strings.Contains(err.Error(), "set DATABASE_URL") {
			t.Errorf("no server, no binaries: %v; want an error with a hint", err)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if srv.dir == "" || !strings.Contains(srv.Source, "throwaway") {
		t.Errorf("Auto fell back to %s", srv.Source)
	}
}

// Available decides as Start does, without starting a cluster.
func TestAvailable(t *testing.T) {
	const closed = "postgres://127.0.0.1:1/postgres?connect_timeout=2"
	if err := available(t.Context(), Auto, closed, DefaultURL); err == nil || !nothingAnswers(err) {
		t.Errorf("a DATABASE_URL that does not answer: %v; want its error", err)
	}
	if err := available(t.Context(), URL, "", closed); err == nil {
		t.Error("URL mode, nothing answering: no error")
	}
	err := available(t.Context(), Auto, "", closed)
	if _, berr := findBinDir(); berr != nil {
		if err == nil || !strings.Contains(err.Error(), "initdb") {
			t.Errorf("no server, no binaries: %v; want an error naming initdb", err)
		}
	} else if err != nil {
		t.Errorf("no server, binaries installed: %v; want nil (a throwaway cluster can start)", err)
	}
}

// TestThrowawayCluster starts a real cluster, uses it, and checks that
// Close removes it.
func TestThrowawayCluster(t *testing.T) {
	if _, err := findBinDir(); err != nil {
		t.Skipf("PostgreSQL server binaries not installed: %v", err)
	}
	srv, err := Start(t.Context(), Throwaway, "", t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if !srv.Loopback() || srv.dir == "" {
		t.Errorf("throwaway server at %s, dir %q", srv.Addr(), srv.dir)
	}
	conn, err := pgx.ConnectConfig(t.Context(), srv.Config)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	err = conn.QueryRow(t.Context(), "SELECT count(*) FROM pg_database").Scan(&n)
	conn.Close(context.Background())
	if err != nil || n < 1 {
		t.Errorf("query: %d, %v", n, err)
	}
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(srv.dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s still there after Close: %v", srv.dir, err)
	}
}
