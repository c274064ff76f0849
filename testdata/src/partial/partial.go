// Package partial covers query text that is only partly constant: pieces
// not known statically (strings.Join of conditions, a helper's result, a
// parameter) are holes. The text is read when no hole can change the
// select list or FROM; otherwise the call is skipped with a reason.
package partial

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
)

type Feed struct {
	ID          int64
	Title       string
	UnreadCount int64
}

type Store struct{ pool *pgxpool.Pool }

func (s *Store) order(desc bool) string {
	if desc {
		return "ORDER BY f.title DESC"
	}
	return "ORDER BY f.title"
}

// Conditions joined at run time and a LIMIT from strconv are holes in
// WHERE and LIMIT: the select list is known.
func (s *Store) Refresh(ctx context.Context, id int64, conds []string, limit int) (Feed, error) { // want Refresh:`writes UPDATE feeds \(partial\.go:34\)`
	if _, err := s.pool.Exec(ctx, "UPDATE feeds SET checked_at = now() WHERE id = $1", id); err != nil {
		return Feed{}, err
	}
	query := `SELECT f.id, f.title, (SELECT count(*) FROM entries e WHERE e.feed_id = f.id AND e.unread) FROM feeds f WHERE ` +
		strings.Join(conds, " AND ")
	if limit > 0 {
		query += " LIMIT " + strconv.Itoa(limit)
	}
	var f Feed
	err := s.pool.QueryRow(ctx, query, id).Scan(&f.ID, &f.Title, &f.UnreadCount) // want `Feed mixes stored fields \(ID, Title\) with computed fields \(UnreadCount: subquery\) on write path Store.Refresh \(partial.go:34\)`
	return f, err
}

// A whole optional clause from a helper: the hole is tried empty when the
// text does not parse with it.
func (s *Store) Retitle(ctx context.Context, id int64, title string, desc bool) (Feed, error) { // want Retitle:`writes UPDATE feeds \(partial\.go:50\)`
	if _, err := s.pool.Exec(ctx, "UPDATE feeds SET title = $1 WHERE id = $2", title, id); err != nil {
		return Feed{}, err
	}
	query := fmt.Sprintf(`SELECT f.id, f.title, (SELECT count(*) FROM entries e WHERE e.feed_id = f.id) FROM feeds f WHERE %s %s`, "f.id = $1", s.order(desc))
	var f Feed
	err := s.pool.QueryRow(ctx, query, id).Scan(&f.ID, &f.Title, &f.UnreadCount) // want `Feed mixes stored fields \(ID, Title\) with computed fields \(UnreadCount: subquery\) on write path Store.Retitle \(partial.go:50\)`
	return f, err
}

// The negative twins: a hole in the select list or in FROM could change
// the columns, so the calls are skipped and nothing is reported; stored
// columns with a hole in WHERE are read and give no finding.
func (s *Store) Touch(ctx context.Context, id int64, col, table string, conds []string) (Feed, error) { // want Touch:`writes UPDATE feeds \(partial\.go:63\)`
	if _, err := s.pool.Exec(ctx, "UPDATE feeds SET touched_at = now() WHERE id = $1", id); err != nil {
		return Feed{}, err
	}
	var f Feed
	if err := s.pool.QueryRow(ctx, "SELECT f.id, f.title, "+col+" FROM feeds f WHERE f.id = $1", id).Scan(&f.ID, &f.Title, &f.UnreadCount); err != nil {
		return f, err
	}
	if err := s.pool.QueryRow(ctx, "SELECT f.id, f.title, (SELECT count(*) FROM entries e WHERE e.feed_id = f.id) FROM "+table+" f WHERE f.id = $1", id).Scan(&f.ID, &f.Title, &f.UnreadCount); err != nil {
		return f, err
	}
	err := s.pool.QueryRow(ctx, "SELECT f.id, f.title FROM feeds f WHERE "+strings.Join(conds, " AND "), id).Scan(&f.ID, &f.Title)
	return f, err
}

// A text that starts with a hole has no known statement kind: skipped as
// before ("built from a parameter").
func (s *Store) Run(ctx context.Context, query string) error {
	_, err := s.pool.Exec(ctx, query+" WHERE true")
	return err
}
