// Package embedsql embeds its SQL files with //go:embed: into strings,
// byte slices and an embed.FS, and a named-query file that goyesql parses
// into the tagged fields of Queries.
package embedsql

import (
	"database/sql"
	"embed"
	"io/fs"

	"github.com/knadh/goyesql/v2"
)

type Feed struct {
	ID     int64
	Title  string
	Unread int64
}

//go:embed sql/get_feed.sql
var getFeedSQL string

//go:embed sql/get_feed_stored.sql
var getFeedStoredSQL string

//go:embed sql/touch_feed.sql
var touchFeedSQL []byte

//go:embed sql/*.sql
var sqlFS embed.FS

//go:embed sql/queries.sql
var namedSQL []byte

// overwritten is embedded, then replaced at run time: not known.
//
//go:embed sql/get_feed.sql
var overwritten string

func init() { overwritten = "SELECT 1" }

type Queries struct {
	GetFeed       *sql.Stmt `query:"get-feed"`
	GetFeedStored *sql.Stmt `query:"get-feed-stored"`
	TouchFeed     *sql.Stmt `query:"touch-feed"`
}

func Load(db *sql.DB) (*Queries, error) {
	qs, err := goyesql.ParseBytes(namedSQL)
	if err != nil {
		return nil, err
	}
	var q Queries
	err = goyesql.ScanToStruct(&q, qs, db)
	return &q, err
}

type Store struct {
	db *sql.DB
	q  *Queries
}

// Embedded string and []byte variables are their files' text.
func (s *Store) Refresh(id int64) (Feed, error) { // want Refresh:`writes UPDATE feeds \(store\.go:65\)`
	if _, err := s.db.Exec(string(touchFeedSQL), id); err != nil {
		return Feed{}, err
	}
	var f Feed
	err := s.db.QueryRow(getFeedSQL, id).Scan(&f.ID, &f.Title, &f.Unread) // want `Feed mixes stored fields \(ID, Title\) with computed fields \(Unread: subquery\) on write path Store.Refresh \(store.go:65\)`
	return f, err
}

// An embed.FS read with a constant name.
func (s *Store) RefreshFS(id int64) (Feed, error) { // want RefreshFS:`writes UPDATE feeds \(store\.go:75\)`
	if _, err := s.db.Exec(string(touchFeedSQL), id); err != nil {
		return Feed{}, err
	}
	q, err := sqlFS.ReadFile("sql/get_feed.sql")
	if err != nil {
		return Feed{}, err
	}
	var f Feed
	err = s.db.QueryRow(string(q), id).Scan(&f.ID, &f.Title, &f.Unread) // want `Feed mixes stored fields \(ID, Title\) with computed fields \(Unread: subquery\) on write path Store.RefreshFS \(store.go:75\)`
	return f, err
}

// Named queries from an embedded file parsed by goyesql.
func (s *Store) RefreshNamed(id int64) (Feed, error) { // want RefreshNamed:`writes UPDATE feeds \(store\.go:89\)`
	if _, err := s.q.TouchFeed.Exec(id); err != nil {
		return Feed{}, err
	}
	var f Feed
	err := s.q.GetFeed.QueryRow(id).Scan(&f.ID, &f.Title, &f.Unread) // want `Feed mixes stored fields \(ID, Title\) with computed fields \(Unread: aggregate\) on write path Store.RefreshNamed \(store.go:89\)`
	return f, err
}

// Negative twins: stored columns only, through each way; a variable
// replaced at run time and a name the directive does not embed are not
// known.
func (s *Store) RefreshStored(id int64) (Feed, error) { // want RefreshStored:`writes UPDATE feeds \(store\.go:101\)`
	if _, err := s.db.Exec(string(touchFeedSQL), id); err != nil {
		return Feed{}, err
	}
	var f Feed
	if err := s.db.QueryRow(getFeedStoredSQL, id).Scan(&f.ID, &f.Title); err != nil {
		return f, err
	}
	q, err := fs.ReadFile(sqlFS, "sql/get_feed_stored.sql")
	if err != nil {
		return f, err
	}
	if err := s.db.QueryRow(string(q), id).Scan(&f.ID, &f.Title); err != nil {
		return f, err
	}
	if err := s.q.GetFeedStored.QueryRow(id).Scan(&f.ID, &f.Title); err != nil {
		return f, err
	}
	if err := s.db.QueryRow(overwritten, id).Scan(&f.ID, &f.Title, &f.Unread); err != nil {
		return f, err
	}
	other, err := sqlFS.ReadFile("other/get_feed.sql")
	if err != nil {
		return f, err
	}
	err = s.db.QueryRow(string(other), id).Scan(&f.ID, &f.Title, &f.Unread)
	return f, err
}
