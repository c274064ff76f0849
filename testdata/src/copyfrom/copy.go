// Package copyfrom covers pgx CopyFrom: a bulk INSERT of its table's // want package:`writes copyfrom\.Event\.Kind, copyfrom\.Tag\.Name`
// columns, which makes a write path and binds the fields it copies.
package copyfrom

import (
	"context"

	pgx4 "github.com/jackc/pgx/v4"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Tag struct {
	ID    int64
	Name  string
	Posts int64
}

const loadTags = `SELECT t.id, t.name, count(pt.post_id) FROM tags t LEFT JOIN post_tags pt ON pt.tag_id = t.id GROUP BY t.id`

// Import copies Tags into tags, then reads them back with a count.
func Import(ctx context.Context, pool *pgxpool.Pool, tags []Tag) ([]Tag, error) { // want Import:`writes CopyFrom tags \(copy\.go:23\)`
	_, err := pool.CopyFrom(ctx, pgx.Identifier{"tags"}, []string{"name"}, pgx.CopyFromSlice(len(tags), func(i int) ([]any, error) {
		return []any{tags[i].Name}, nil
	}))
	if err != nil {
		return nil, err
	}
	rows, err := pool.Query(ctx, loadTags) // want `Tag mixes stored fields \(ID, Name\) with computed fields \(Posts: aggregate\) on write path Import \(copy.go:23\)`
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Tag
	for rows.Next() {
		var t Tag
		if err := rows.Scan(&t.ID, &t.Name, &t.Posts); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Cloud reads Tags on the read side: Import copies Tag.Name into tags.
func Cloud(ctx context.Context, pool *pgxpool.Pool) (Tag, error) { // want Cloud:`loads Tag with Posts: aggregate \(copy\.go:48\)`
	var t Tag
	err := pool.QueryRow(ctx, loadTags).Scan(&t.ID, &t.Name, &t.Posts) // want `Tag mixes .* and is also written \(Name copied into tags \(name\) by CopyFrom in Import \(copy.go:23\)\)`
	return t, err
}

type Event struct {
	ID    int64
	Kind  string
	Count int64
}

// Log copies into another table (v4): an audit log, not a write of
// events; the load of events is not on a write path.
func Log(ctx context.Context, conn *pgx4.Conn, e Event) (Event, error) { // want Log:`writes CopyFrom log \(copy\.go:62\)` Log:`loads Event with Count: subquery \(copy\.go:64\)`
	cols := []string{"kind"}
	conn.CopyFrom(ctx, pgx4.Identifier{"audit", "log"}, cols, pgx4.CopyFromRows([][]interface{}{{e.Kind}}))
	var out Event
	err := conn.QueryRow(ctx, `SELECT e.id, e.kind, (SELECT count(*) FROM hits h WHERE h.event_id = e.id) FROM events e WHERE e.id = $1`, e.ID).Scan(&out.ID, &out.Kind, &out.Count)
	return out, err
}

// Dynamic copies into a table named at run time: skipped with a reason.
func Dynamic(ctx context.Context, conn *pgx.Conn, table string, rows [][]any) error {
	_, err := conn.CopyFrom(ctx, pgx.Identifier{table}, []string{"a"}, pgx.CopyFromRows(rows))
	return err
}

// DBTX is sqlc's interface: its CopyFrom is pgx's by its signature.
type DBTX interface {
	CopyFrom(ctx context.Context, tableName pgx.Identifier, columnNames []string, rowSrc pgx.CopyFromSource) (int64, error)
}

type iteratorForCreateTags struct{ rows []string }

func (r *iteratorForCreateTags) Next() bool             { return false }
func (r *iteratorForCreateTags) Values() ([]any, error) { return nil, nil }
func (r *iteratorForCreateTags) Err() error             { return nil }

// CreateTags is sqlc's :copyfrom.
func CreateTags(ctx context.Context, db DBTX, names []string) (int64, error) { // want CreateTags:`writes CopyFrom tags \(copy\.go:87\)`
	return db.CopyFrom(ctx, []string{"tags"}, []string{"name"}, &iteratorForCreateTags{rows: names})
}
