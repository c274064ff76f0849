// Package scany1 uses scany v1 over pgx v4, with CopyFrom and a batch.
package scany1

import (
	"context"

	"github.com/georgysavva/scany/pgxscan"
	"github.com/jackc/pgx/v4"
	"github.com/jackc/pgx/v4/pgxpool"
)

// Project is written by Rename and loaded with a count: a god struct.
type Project struct {
	ID        int64
	Name      string
	TaskCount int64
}

const loadProject = `SELECT p.id, p.name, (SELECT count(*) FROM tasks t WHERE t.project_id = p.id) AS task_count FROM projects p WHERE p.id = $1`

type Store struct{ pool *pgxpool.Pool }

func (s *Store) Rename(ctx context.Context, p *Project) error {
	if _, err := s.pool.Exec(ctx, `UPDATE projects SET name = $2 WHERE id = $1`, p.ID, p.Name); err != nil {
		return err
	}
	return pgxscan.Get(ctx, s.pool, p, loadProject, p.ID)
}

// Lower names the count taskcount, which scany maps to no field: silent.
func (s *Store) Lower(ctx context.Context, p *Project) error {
	s.pool.Exec(ctx, `UPDATE projects SET name = $2 WHERE id = $1`, p.ID, p.Name)
	return pgxscan.Get(ctx, s.pool, p, `SELECT id, name, 0 AS taskcount FROM projects WHERE id = $1`, p.ID)
}

// Import copies Projects in bulk, then lists them with their counts.
func (s *Store) Import(ctx context.Context, ps []Project) ([]*Project, error) {
	_, err := s.pool.CopyFrom(ctx, pgx.Identifier{"projects"}, []string{"name"}, pgx.CopyFromSlice(len(ps), func(i int) ([]interface{}, error) {
		return []interface{}{ps[i].Name}, nil
	}))
	if err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, `SELECT p.id, p.name, (SELECT count(*) FROM tasks t WHERE t.project_id = p.id) AS task_count FROM projects p`)
	if err != nil {
		return nil, err
	}
	var out []*Project
	err = pgxscan.ScanAll(&out, rows)
	return out, err
}

// Batch queues a write and a stored-only read: silent.
func (s *Store) Batch(ctx context.Context, id int64) error {
	b := &pgx.Batch{}
	b.Queue(`UPDATE projects SET seen_at = now() WHERE id = $1`, id)
	b.Queue(`SELECT id, name FROM projects WHERE id = $1`, id)
	return s.pool.SendBatch(ctx, b).Close()
}
