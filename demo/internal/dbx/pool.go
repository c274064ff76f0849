package dbx

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// NewPool opens a pool of size connections to schema, each starting with
// search_path set to schema as Connect's do. MinConns is MaxConns, and
// every connection is opened before NewPool returns, so no request ever
// waits for a connection to be established: waiting for a pooled
// connection means waiting for one to be released. Otherwise the pool has
// pgxpool's defaults (for instance, a connection idle for more than a
// second is pinged before it is handed out).
func NewPool(ctx context.Context, base *pgx.ConnConfig, schema string, size int) (*pgxpool.Pool, error) {
	if size < 1 || size > 1<<16 {
		return nil, fmt.Errorf("pool size %d out of range", size)
	}
	// pgxpool wants a Config made by ParseConfig; its defaults come from
	// there, its connections from base.
	cfg, err := pgxpool.ParseConfig("")
	if err != nil {
		return nil, err
	}
	cfg.ConnConfig = connConfig(base, schema)
	cfg.MaxConns, cfg.MinConns = int32(size), int32(size)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	// The pool opens its MinConns in the background; holding size
	// connections at once makes sure they are all open, and work.
	held := make([]*pgxpool.Conn, 0, size)
	for range size {
		c, err := pool.Acquire(ctx)
		if err != nil {
			err = fmt.Errorf("open pool connection %d of %d: %w", len(held)+1, size, err)
			release(held)
			pool.Close()
			return nil, err
		}
		held = append(held, c)
	}
	release(held)
	return pool, nil
}

func release(conns []*pgxpool.Conn) {
	for _, c := range conns {
		c.Release()
	}
}
