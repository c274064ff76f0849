// Package pgserver finds a PostgreSQL server for the demo and its tests:
// DATABASE_URL if set, else the default local server, else a throwaway
// cluster started from the installed initdb and postgres binaries.
package pgserver

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// DefaultURL is used when DATABASE_URL is not set.
const DefaultURL = "postgres://localhost:5432/postgres"

// Mode says where the server comes from.
type Mode string

const (
	// Auto uses the URL; when DATABASE_URL is unset and nothing answers at
	// DefaultURL, it starts a throwaway cluster.
	Auto Mode = "auto"
	// URL uses DATABASE_URL or DefaultURL and nothing else.
	URL Mode = "url"
	// Throwaway always starts a throwaway cluster.
	Throwaway Mode = "throwaway"
)

// ParseMode checks s against the known modes.
func ParseMode(s string) (Mode, error) {
	switch m := Mode(s); m {
	case Auto, URL, Throwaway:
		return m, nil
	}
	return "", fmt.Errorf("unknown -pg mode %q (want auto, url or throwaway)", s)
}

// Server is a reachable PostgreSQL server.
type Server struct {
	// Config is the base connection configuration. Copy it before
	// changing it.
	Config *pgx.ConnConfig
	// Source says where the server came from, for the user.
	Source string
	// Version is the server_version setting.
	Version string
	dir     string // the throwaway cluster's directory
	stop    func() error
}

// Addr is host:port of the server.
func (s *Server) Addr() string {
	return net.JoinHostPort(s.Config.Host, fmt.Sprint(s.Config.Port))
}

// Loopback reports whether the server is on this machine (a loopback
// address or a Unix socket), where a load test cannot hurt anyone else.
func (s *Server) Loopback() bool {
	h := s.Config.Host
	if h == "localhost" || (len(h) > 0 && h[0] == '/') {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// Close stops the throwaway cluster, if one was started, and removes it.
func (s *Server) Close() error {
	if s.stop == nil {
		return nil
	}
	stop := s.stop
	s.stop = nil
	return stop()
}

// Start returns a server for mode. databaseURL is the value of
// DATABASE_URL ("" when unset). logf reports progress of slow steps.
func Start(ctx context.Context, mode Mode, databaseURL string, logf func(format string, args ...any)) (*Server, error) {
	return start(ctx, mode, databaseURL, DefaultURL, logf)
}

func start(ctx context.Context, mode Mode, databaseURL, defaultURL string, logf func(format string, args ...any)) (*Server, error) {
	if mode == Throwaway {
		if _, err := findBinDir(); err != nil {
			return nil, fmt.Errorf("no throwaway cluster: %w; install PostgreSQL's server binaries, or leave out -pg=throwaway to use DATABASE_URL or %s", err, defaultURL)
		}
		return startCluster(ctx, logf)
	}
	url, source := databaseURL, "DATABASE_URL"
	if url == "" {
		url, source = defaultURL, "default "+defaultURL
	}
	srv, err := dial(ctx, url, source)
	if err == nil {
		return srv, nil
	}
	var priv privilegeError
	if errors.As(err, &priv) {
		return nil, err // it says what to do already
	}
	if databaseURL != "" {
		return nil, fmt.Errorf("%w; check DATABASE_URL, or unset it to use %s", err, defaultURL)
	}
	if mode == URL || !nothingAnswers(err) {
		return nil, fmt.Errorf("%w; %s", err, hint)
	}
	// Look for the binaries before saying a cluster is coming.
	if _, berr := findBinDir(); berr != nil {
		return nil, fmt.Errorf("nothing answers at %s and %w; %s", url, berr, hint)
	}
	logf("nothing answers at %s: starting a throwaway PostgreSQL cluster", url)
	srv, cerr := startCluster(ctx, logf)
	if cerr != nil {
		return nil, fmt.Errorf("nothing answers at %s and %w; %s", url, cerr, hint)
	}
	return srv, nil
}

// Available reports, without starting anything, why Start(ctx, mode,
// databaseURL) would fail: nil when a server answers, or when none does
// but a throwaway cluster could be started.
func Available(ctx context.Context, mode Mode, databaseURL string) error {
	return available(ctx, mode, databaseURL, DefaultURL)
}

func available(ctx context.Context, mode Mode, databaseURL, defaultURL string) error {
	if mode != Throwaway {
		url, source := databaseURL, "DATABASE_URL"
		if url == "" {
			url, source = defaultURL, "default "+defaultURL
		}
		err := probe(ctx, url, source)
		if err == nil || databaseURL != "" || mode == URL || !nothingAnswers(err) {
			return err
		}
	}
	if _, err := findBinDir(); err != nil {
		return fmt.Errorf("no server answers and %w", err)
	}
	return nil
}

// probe connects to url and disconnects.
func probe(ctx context.Context, url, source string) error {
	srv, err := dial(ctx, url, source)
	if err == nil {
		srv.Close()
	}
	return err
}

const hint = "set DATABASE_URL=postgres://user:password@host:5432/dbname, or start PostgreSQL on localhost:5432, or install it (initdb, postgres) so the demo can start a throwaway cluster"

// dial checks that url answers and reports the server version.
func dial(ctx context.Context, url, source string) (*Server, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("bad connection URL from %s: %w", source, err)
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 5 * time.Second
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, connectError{source: source, err: err}
	}
	defer conn.Close(context.WithoutCancel(ctx))
	var (
		version, user, database string
		canCreate               bool
	)
	err = conn.QueryRow(ctx, `SELECT current_setting('server_version'), current_user, current_database(),
	has_database_privilege(current_database(), 'CREATE')`).Scan(&version, &user, &database, &canCreate)
	if err != nil {
		return nil, fmt.Errorf("PostgreSQL (%s): %w", source, err)
	}
	if !canCreate {
		return nil, privilegeError{source: source, role: pgx.Identifier{user}.Sanitize(), database: pgx.Identifier{database}.Sanitize()}
	}
	return &Server{Config: cfg, Source: source, Version: version}, nil
}

// privilegeError is a role without CREATE on its database.
type privilegeError struct{ source, role, database string }

func (e privilegeError) Error() string {
	return fmt.Sprintf("PostgreSQL (%s): role %s lacks the CREATE privilege on database %s, which the demo needs to create and drop its own schemas; "+
		"GRANT CREATE ON DATABASE %s TO %s, or use a database where %s has it",
		e.source, e.role, e.database, e.database, e.role, e.role)
}

// nothingAnswers reports whether err means no server listens, as opposed
// to a server that refused us (authentication, missing database).
func nothingAnswers(err error) bool {
	var ne net.Error
	return errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ENOENT) ||
		(errors.As(err, &ne) && ne.Timeout())
}

// connectError is a failed connection attempt. pgx lists every address
// and TLS mode it tried, one per line, usually with the same cause; the
// first is enough for a person.
type connectError struct {
	source string
	err    error
}

func (e connectError) Error() string {
	msg, _, _ := strings.Cut(e.err.Error(), "\n")
	if _, detail, ok := strings.Cut(e.err.Error(), "\n"); ok {
		first, _, _ := strings.Cut(detail, "\n")
		msg += " " + strings.TrimSpace(first)
	}
	return fmt.Sprintf("cannot connect to PostgreSQL (%s): %s", e.source, msg)
}

func (e connectError) Unwrap() error { return e.err }
