// Package sqlfiles keeps its SQL in queries/*.sql, "-- name:" blocks
// that goyesql loads at run time into the tagged fields of Queries, and
// that dotsql calls by name. The test points -sqlfiles at those files.
package sqlfiles

import (
	"database/sql"
	"strings"

	"github.com/knadh/goyesql/v2"
	"github.com/qustavo/dotsql"
)

type Feed struct {
	ID     int64
	Title  string
	Unread int64
}

// Queries is filled by goyesql.ScanToStruct: each tagged field gets the
// block of that name, prepared (statements) or as text (strings).
type Queries struct {
	GetFeed        *sql.Stmt `query:"get-feed"`
	GetFeedStored  *sql.Stmt `query:"get-feed-stored"`
	TouchFeed      *sql.Stmt `query:"touch-feed"`
	QueryFeeds     string    `query:"query-feeds"`
	QueryFeedsCols string    `query:"query-feeds-cols"`
	Missing        *sql.Stmt `query:"missing-query"`
}

func Load(db *sql.DB, qs goyesql.Queries) (*Queries, error) {
	var q Queries
	err := goyesql.ScanToStruct(&q, qs, db)
	return &q, err
}

type Store struct {
	db      *sql.DB
	q       *Queries
	dot     *dotsql.DotSql
	getFeed *sql.Stmt // prepared once in NewStore
	other   *sql.Stmt // prepared, or handed in: not known
}

func NewStore(db *sql.DB, q *Queries, other *sql.Stmt) (*Store, error) {
	s := &Store{db: db, q: q, other: other}
	var err error
	s.getFeed, err = db.Prepare("SELECT f.id, f.title, (SELECT count(*) FROM entries e WHERE e.feed_id = f.id) FROM feeds f WHERE f.id = $1")
	if err != nil {
		return nil, err
	}
	s.dot, err = dotsql.LoadFromFile("queries/feeds.sql")
	return s, err
}

func (s *Store) Reset(db *sql.DB) error {
	var err error
	s.other, err = db.Prepare("SELECT f.id, f.title, (SELECT count(*) FROM entries e WHERE e.feed_id = f.id) FROM feeds f WHERE f.id = $1")
	return err
}

// Statements in tagged fields carry their named query's text.
func (s *Store) Refresh(id int64) (Feed, error) { // want Refresh:`writes UPDATE feeds \(store\.go:64\)`
	if _, err := s.q.TouchFeed.Exec(id); err != nil {
		return Feed{}, err
	}
	var f Feed
	err := s.q.GetFeed.QueryRow(id).Scan(&f.ID, &f.Title, &f.Unread) // want `Feed mixes stored fields \(ID, Title\) with computed fields \(Unread: subquery\) on write path Store.Refresh \(store.go:64\)`
	return f, err
}

// The negative twin: stored columns only.
func (s *Store) RefreshStored(id int64) (Feed, error) { // want RefreshStored:`writes UPDATE feeds \(store\.go:74\)`
	if _, err := s.q.TouchFeed.Exec(id); err != nil {
		return Feed{}, err
	}
	var f Feed
	err := s.q.GetFeedStored.QueryRow(id).Scan(&f.ID, &f.Title)
	return f, err
}

// A text field with template markers replaced at run time: the
// replacements are holes in WHERE and ORDER BY, the select list is known.
func (s *Store) Search(id int64, cond, order string) ([]Feed, error) { // want Search:`writes UPDATE feeds \(store\.go:85\)`
	if _, err := s.q.TouchFeed.Exec(id); err != nil {
		return nil, err
	}
	q := strings.ReplaceAll(s.q.QueryFeeds, "%query%", cond)
	q = strings.ReplaceAll(q, "%order%", order)
	rows, err := s.db.Query(q) // want `Feed mixes stored fields \(ID, Title\) with computed fields \(Unread: subquery\) on write path Store.Search \(store.go:85\)`
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Feed
	for rows.Next() {
		var f Feed
		if err := rows.Scan(&f.ID, &f.Title, &f.Unread); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// Negative twins: a marker in the select list, replaced by text not known
// or left as it is, could be any column: skipped with a reason. A name
// missing from the files is skipped too.
func (s *Store) Columns(id int64, cols string) (Feed, error) { // want Columns:`writes UPDATE feeds \(store\.go:110\)`
	if _, err := s.q.TouchFeed.Exec(id); err != nil {
		return Feed{}, err
	}
	var f Feed
	q := strings.ReplaceAll(s.q.QueryFeedsCols, "%cols%", cols)
	if err := s.db.QueryRow(q, id).Scan(&f.ID, &f.Title, &f.Unread); err != nil {
		return f, err
	}
	if err := s.db.QueryRow(s.q.QueryFeedsCols, id).Scan(&f.ID, &f.Title, &f.Unread); err != nil {
		return f, err
	}
	err := s.q.Missing.QueryRow(id).Scan(&f.ID, &f.Title, &f.Unread)
	return f, err
}

// dotsql calls name their query.
func (s *Store) Rename(id int64, title string) ([]Feed, error) { // want Rename:`writes UPDATE feeds \(store\.go:127\)`
	if _, err := s.dot.Exec(s.db, "rename-feed", title, id); err != nil {
		return nil, err
	}
	rows, err := s.dot.Query(s.db, "get-feed", id) // want `Feed mixes stored fields \(ID, Title\) with computed fields \(Unread: subquery\) on write path Store.Rename \(store.go:127\)`
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Feed
	for rows.Next() {
		var f Feed
		if err := rows.Scan(&f.ID, &f.Title, &f.Unread); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// The negative twin: stored columns by name.
func (s *Store) RenameStored(id int64, title string) (Feed, error) { // want RenameStored:`writes UPDATE feeds \(store\.go:148\)`
	if _, err := s.dot.Exec(s.db, "rename-feed", title, id); err != nil {
		return Feed{}, err
	}
	var f Feed
	row, err := s.dot.QueryRow(s.db, "get-feed-stored", id)
	if err != nil {
		return f, err
	}
	err = row.Scan(&f.ID, &f.Title)
	return f, err
}

// A statement prepared once into an unexported field, used here.
func (s *Store) Check(id int64) (Feed, error) { // want Check:`writes UPDATE feeds \(store\.go:162\)`
	if _, err := s.q.TouchFeed.Exec(id); err != nil {
		return Feed{}, err
	}
	var f Feed
	err := s.getFeed.QueryRow(id).Scan(&f.ID, &f.Title, &f.Unread) // want `Feed mixes stored fields \(ID, Title\) with computed fields \(Unread: subquery\) on write path Store.Check \(store.go:162\)`
	return f, err
}

// The negative twin: a field also assigned a statement handed in.
func (s *Store) CheckOther(id int64) (Feed, error) { // want CheckOther:`writes UPDATE feeds \(store\.go:172\)`
	if _, err := s.q.TouchFeed.Exec(id); err != nil {
		return Feed{}, err
	}
	var f Feed
	err := s.other.QueryRow(id).Scan(&f.ID, &f.Title, &f.Unread)
	return f, err
}

// dotsql's Prepare names its query too: the statement carries its text.
func (s *Store) Mark(id int64) (Feed, error) { // want Mark:`writes UPDATE feeds \(store\.go:182\)`
	if _, err := s.dot.Exec(s.db, "touch-feed", id); err != nil {
		return Feed{}, err
	}
	stmt, err := s.dot.Prepare(s.db, "get-feed")
	if err != nil {
		return Feed{}, err
	}
	var f Feed
	err = stmt.QueryRow(id).Scan(&f.ID, &f.Title, &f.Unread) // want `Feed mixes stored fields \(ID, Title\) with computed fields \(Unread: subquery\) on write path Store.Mark \(store.go:182\)`
	return f, err
}
