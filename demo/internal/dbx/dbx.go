// Package dbx opens the demo's connections and pools. Each connection
// lives in one schema, set as its search_path when it starts, so that
// every statement the services send stays a constant string. A single
// connection (Connect) is metered: the statements it sends and the bytes
// it receives. Pool connections (NewPool) are not: the load steps count
// requests, not statements.
package dbx

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Conn is a connection with its meter.
type Conn struct {
	*pgx.Conn
	Meter *Meter
}

// Connect opens a connection whose search_path is schema ("": the
// server's default).
func Connect(ctx context.Context, base *pgx.ConnConfig, schema string) (*Conn, error) {
	cfg := connConfig(base, schema)
	m := &Meter{}
	cfg.Tracer = m
	// Count after TLS, if any: protocol bytes, not encrypted records.
	next := cfg.AfterNetConnect
	cfg.AfterNetConnect = func(ctx context.Context, pc *pgconn.Config, c net.Conn) (net.Conn, error) {
		if next != nil {
			var err error
			if c, err = next(ctx, pc, c); err != nil {
				return nil, err
			}
		}
		return countingConn{Conn: c, m: m}, nil
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return &Conn{Conn: conn, Meter: m}, nil
}

// connConfig returns a copy of base whose connections start with
// search_path set to schema ("": the server's default).
func connConfig(base *pgx.ConnConfig, schema string) *pgx.ConnConfig {
	cfg := base.Copy()
	if cfg.RuntimeParams == nil {
		cfg.RuntimeParams = map[string]string{}
	}
	if schema != "" {
		cfg.RuntimeParams["search_path"] = schema
	}
	return cfg
}

// Close closes c. It uses its own context so that it still works when
// the caller's context is canceled.
func (c *Conn) Close() error {
	return c.Conn.Close(context.Background())
}

// NewSchemaName returns prefix followed by a random suffix, so that runs
// and tests that share a database never meet.
func NewSchemaName(prefix string) (string, error) {
	b := make([]byte, 5)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return prefix + "_" + hex.EncodeToString(b), nil
}

// CreateSchema creates schema, which must not exist.
func CreateSchema(ctx context.Context, c *Conn, schema string) error {
	if _, err := c.Exec(ctx, "CREATE SCHEMA "+pgx.Identifier{schema}.Sanitize()); err != nil {
		return fmt.Errorf("create schema %s: %w", schema, err)
	}
	return nil
}

// DropSchema drops schema and everything in it. It runs on its own
// context so that cleanup still happens after the caller's is canceled.
func DropSchema(c *Conn, schema string) error {
	if c.IsClosed() {
		return errors.New("drop schema " + schema + ": connection closed")
	}
	if _, err := c.Exec(context.Background(), "DROP SCHEMA IF EXISTS "+pgx.Identifier{schema}.Sanitize()+" CASCADE"); err != nil {
		return fmt.Errorf("drop schema %s: %w", schema, err)
	}
	return nil
}
