// Package namedsql keeps its SQL in an embedded named-query file, loaded
// with the real goyesql (into the tagged statement fields of Queries)
// and the real dotsql (run by name).
package namedsql

import (
	"database/sql"
	_ "embed"

	"github.com/knadh/goyesql/v2"
	"github.com/qustavo/dotsql"
)

//go:embed sql/queries.sql
var queriesSQL string

type Feed struct {
	ID     int64
	Title  string
	Unread int64
}

type Queries struct {
	TouchFeed     *sql.Stmt `query:"touch-feed"`
	GetFeed       *sql.Stmt `query:"get-feed"`
	GetFeedStored *sql.Stmt `query:"get-feed-stored"`
}

type Store struct {
	db  *sql.DB
	q   *Queries
	dot *dotsql.DotSql
}

func Open(db *sql.DB) (*Store, error) {
	qs, err := goyesql.ParseBytes([]byte(queriesSQL))
	if err != nil {
		return nil, err
	}
	var q Queries
	if err := goyesql.ScanToStruct(&q, qs, db); err != nil {
		return nil, err
	}
	dot, err := dotsql.LoadFromString(queriesSQL)
	if err != nil {
		return nil, err
	}
	return &Store{db: db, q: &q, dot: dot}, nil
}

// Refresh writes through a goyesql statement, then reloads the feed with
// its unread count: reported.
func (s *Store) Refresh(id int64) (Feed, error) {
	var f Feed
	if _, err := s.q.TouchFeed.Exec(id); err != nil {
		return f, err
	}
	err := s.q.GetFeed.QueryRow(id).Scan(&f.ID, &f.Title, &f.Unread)
	return f, err
}

// RefreshDot does the same through dotsql: reported.
func (s *Store) RefreshDot(id int64) (Feed, error) {
	var f Feed
	if _, err := s.dot.Exec(s.db, "touch-feed", id); err != nil {
		return f, err
	}
	row, err := s.dot.QueryRow(s.db, "get-feed", id)
	if err != nil {
		return f, err
	}
	err = row.Scan(&f.ID, &f.Title, &f.Unread)
	return f, err
}

// Touch reloads stored columns only: silent.
func (s *Store) Touch(id int64) (Feed, error) {
	var f Feed
	if _, err := s.q.TouchFeed.Exec(id); err != nil {
		return f, err
	}
	err := s.q.GetFeedStored.QueryRow(id).Scan(&f.ID, &f.Title)
	return f, err
}
