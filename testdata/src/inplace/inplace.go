// Package inplace: a function literal's writes are its parent's only when
// the literal runs in place.
package inplace

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Bookmark struct {
	ID        int64
	URL       string
	SaveCount int64
}

const selectBookmark = `SELECT b.id, b.url, (SELECT count(*) FROM saves s WHERE s.bookmark_id = b.id) FROM bookmarks b WHERE b.id = $1`

type handler func(ctx context.Context) error

type Server struct {
	pool     *pgxpool.Pool
	handlers []handler
}

// register keeps the handler for later: it does not call it.
func (s *Server) register(h handler) { s.handlers = append(s.handlers, h) }

// routes registers a writing handler beside a read-only one: neither runs
// while routes runs, so routes is no write path.
func (s *Server) routes() {
	s.register(func(ctx context.Context) error {
		_, err := s.pool.Exec(ctx, `UPDATE bookmarks SET url = $1 WHERE id = $2`, "u", 1)
		return err
	})
	s.register(func(ctx context.Context) error {
		var b Bookmark
		return s.pool.QueryRow(ctx, selectBookmark, 1).Scan(&b.ID, &b.URL, &b.SaveCount)
	})
}

// background starts the write in a goroutine: not a write path either.
func (s *Server) background(ctx context.Context) (Bookmark, error) {
	go func() {
		_, _ = s.pool.Exec(ctx, `UPDATE bookmarks SET url = $1 WHERE id = $2`, "u", 1)
	}()
	var b Bookmark
	err := s.pool.QueryRow(ctx, selectBookmark, 1).Scan(&b.ID, &b.URL, &b.SaveCount)
	return b, err
}

// withTx calls fn before it returns: its literal runs in place.
func (s *Server) withTx(ctx context.Context, fn func(pgx.Tx) error) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// retry hands fn to withTx: it too calls fn in place.
func (s *Server) retry(ctx context.Context, fn func(pgx.Tx) error) error {
	return s.withTx(ctx, fn)
}

func (s *Server) save(ctx context.Context, id int64) (Bookmark, error) {
	var b Bookmark
	err := s.retry(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO saves (bookmark_id) VALUES ($1)`, id); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		return b, err
	}
	err = s.pool.QueryRow(ctx, selectBookmark, id).Scan(&b.ID, &b.URL, &b.SaveCount) // want `Bookmark mixes stored fields \(ID, URL\) with computed fields \(SaveCount: subquery\) on write path Server.save`
	return b, err
}
