// Package dbtest gives the demo's integration tests a real PostgreSQL and
// schemas of their own.
package dbtest

import (
	"context"
	"os"
	"testing"

	"github.com/cqrslint/cqrslint/demo/internal/dbx"
	"github.com/cqrslint/cqrslint/demo/internal/pgserver"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Server returns a server as the demo finds one: DATABASE_URL, else
// localhost:5432, else a throwaway cluster, stopped when t ends.
// CQRSDEMO_PG=url|throwaway narrows the choice. The test is skipped only
// when no server can be reached or started, DATABASE_URL is unset and CI
// is unset; a DATABASE_URL that does not work fails the test, and so does
// a missing server when CI is set (CI must not pass by skipping).
func Server(t testing.TB) *pgserver.Server {
	t.Helper()
	mode, err := Mode()
	if err != nil {
		t.Fatal(err)
	}
	url := os.Getenv("DATABASE_URL")
	srv, err := pgserver.Start(t.Context(), mode, url, t.Logf)
	if err != nil {
		if MustRun(mode) {
			t.Fatalf("%v (CI or DATABASE_URL is set, so the database tests do not skip)", err)
		}
		t.Skipf("no PostgreSQL reachable or startable, skipping: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("stop throwaway cluster: %v", err)
		}
	})
	return srv
}

// Mode is the server mode CQRSDEMO_PG asks for (auto when unset).
func Mode() (pgserver.Mode, error) {
	if m := os.Getenv("CQRSDEMO_PG"); m != "" {
		return pgserver.ParseMode(m)
	}
	return pgserver.Auto, nil
}

// MustRun reports whether the database tests must fail rather than skip
// when no server can be had: in CI (CI set to anything but false), with
// DATABASE_URL set, or with a throwaway cluster asked for.
func MustRun(mode pgserver.Mode) bool {
	ci := os.Getenv("CI")
	return (ci != "" && ci != "false" && ci != "0") || os.Getenv("DATABASE_URL") != "" || mode == pgserver.Throwaway
}

// Schema is a schema of its own on a server.
type Schema struct {
	srv  *pgserver.Server
	Name string
}

// NewSchema creates a schema with a unique name, dropped when t ends.
func NewSchema(t testing.TB, srv *pgserver.Server) *Schema {
	t.Helper()
	name, err := dbx.NewSchemaName("cqrsdemo_test")
	if err != nil {
		t.Fatal(err)
	}
	s := &Schema{srv: srv, Name: name}
	admin := s.Conn(t)
	if err := dbx.CreateSchema(t.Context(), admin, name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := dbx.DropSchema(admin, name); err != nil {
			t.Error(err)
		}
	})
	return s
}

// Conn opens a connection to the schema, closed when t ends.
func (s *Schema) Conn(t testing.TB) *dbx.Conn {
	t.Helper()
	c, err := dbx.Connect(context.WithoutCancel(t.Context()), s.srv.Config, s.Name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// Pool opens a pool of size connections to the schema, all open when it
// returns, closed when t ends.
func (s *Schema) Pool(t testing.TB, size int) *pgxpool.Pool {
	t.Helper()
	p, err := dbx.NewPool(context.WithoutCancel(t.Context()), s.srv.Config, s.Name, size)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}
