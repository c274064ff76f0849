// Package scany covers georgysavva/scany: Get and Select send a query and // want package:`writes scany\.Project\.Name, scany\.Task\.Title`
// scan it into their destination, ScanOne and ScanAll scan rows, and the
// default API maps columns to fields by db tag, else by the snake_case
// name of the field (TaskCount receives task_count).
package scany

import (
	"context"
	"database/sql"

	"github.com/georgysavva/scany/dbscan"
	"github.com/georgysavva/scany/pgxscan"
	"github.com/georgysavva/scany/sqlscan"
	pgxscan2 "github.com/georgysavva/scany/v2/pgxscan"
	"github.com/jackc/pgx/v4/pgxpool"
	pgxpool5 "github.com/jackc/pgx/v5/pgxpool"
)

// Project has no db tags: scany maps TaskCount to task_count.
type Project struct {
	ID        int64
	Name      string
	TaskCount int64
}

const loadProject = `SELECT p.id, p.name, (SELECT count(*) FROM tasks t WHERE t.project_id = p.id) AS task_count FROM projects p WHERE p.id = $1`
const rename = `UPDATE projects SET name = $2 WHERE id = $1`

type V1 struct{ pool *pgxpool.Pool }

// Rename writes a Project's name, then reloads it whole: a god struct
// on a write path (pgxscan v1, pgx v4).
func (s *V1) Rename(ctx context.Context, p *Project) error { // want Rename:`writes UPDATE projects \(scany\.go:34\)`
	if _, err := s.pool.Exec(ctx, rename, p.ID, p.Name); err != nil {
		return err
	}
	return pgxscan.Get(ctx, s.pool, p, loadProject, p.ID) // want `Project mixes stored fields \(ID, Name\) with computed fields \(TaskCount: subquery\) on write path V1.Rename \(scany.go:34\)`
}

// Show is the read side of the Project that Rename writes: reported as
// also written.
func (s *V1) Show(ctx context.Context, id int64) (Project, error) { // want Show:`loads Project with TaskCount: subquery \(scany\.go:44\)`
	var p Project
	err := pgxscan.Get(ctx, s.pool, &p, loadProject, id) // want `Project mixes stored fields \(ID, Name\) with computed fields \(TaskCount: subquery\) and is also written \(Name bound in UPDATE projects SET name = \$2 in V1.Rename \(scany.go:34\)\)`
	return p, err
}

// List scans its rows with ScanAll, on a write path.
func (s *V1) List(ctx context.Context, id int64) ([]*Project, error) { // want List:`writes UPDATE projects \(scany\.go:50\)`
	s.pool.Exec(ctx, `UPDATE projects SET listed_at = now() WHERE id = $1`, id)
	rows, err := s.pool.Query(ctx, loadProject, id) // want `Project mixes .* on write path V1.List \(scany.go:50\)`
	if err != nil {
		return nil, err
	}
	var out []*Project
	err = pgxscan.ScanAll(&out, rows)
	return out, err
}

// Lower is the negative twin of Rename: the computed column is named
// taskcount, which scany maps to no field (sqlx would map it to
// TaskCount). Nothing computed lands in Project.
func (s *V1) Lower(ctx context.Context, p *Project) error { // want Lower:`writes UPDATE projects \(scany\.go:64\)`
	s.pool.Exec(ctx, rename, p.ID, p.Name)
	return pgxscan.Get(ctx, s.pool, p, `SELECT p.id, p.name, (SELECT count(*) FROM tasks t WHERE t.project_id = p.id) AS taskcount FROM projects p WHERE p.id = $1`, p.ID)
}

// Custom is scanned by an API made with options: its mapping is not
// known, so the load is not mapped (counted in -stats), and not reported.
func (s *V1) Custom(ctx context.Context, api *pgxscan.API, p *Project) error { // want Custom:`writes UPDATE projects \(scany\.go:71\)`
	s.pool.Exec(ctx, rename, p.ID, p.Name)
	return api.Get(ctx, s.pool, p, loadProject, p.ID)
}

// Count scans a single value.
func (s *V1) Count(ctx context.Context) (int64, error) {
	var n int64
	err := pgxscan.Get(ctx, s.pool, &n, `SELECT count(*) FROM projects`)
	return n, err
}

// Task has db tags: they win over the field names.
type Task struct {
	ID       int64  `db:"id"`
	Title    string `db:"title"`
	Comments int64  `db:"n"`
}

const loadTasks = `SELECT t.id, t.title, count(c.id) AS n FROM tasks t LEFT JOIN comments c ON c.task_id = t.id WHERE t.project_id = $1 GROUP BY t.id`

type V2 struct{ pool *pgxpool5.Pool }

// Retitle binds Title into an UPDATE and loads Tasks with an aggregate
// (pgxscan v2, pgx v5).
func (s *V2) Retitle(ctx context.Context, t Task, project int64) ([]Task, error) { // want Retitle:`writes UPDATE tasks \(scany\.go:96\)`
	if _, err := s.pool.Exec(ctx, `UPDATE tasks SET title = $2 WHERE id = $1`, t.ID, t.Title); err != nil {
		return nil, err
	}
	var out []Task
	err := pgxscan2.Select(ctx, s.pool, &out, loadTasks, project) // want `Task mixes stored fields \(ID, Title\) with computed fields \(Comments: aggregate\) on write path V2.Retitle \(scany.go:96\)`
	return out, err
}

// Board lists the Tasks Retitle writes: reported as also written.
func (s *V2) Board(ctx context.Context, project int64) ([]Task, error) { // want Board:`loads Task with Comments: aggregate \(scany\.go:107\)`
	var out []Task
	err := pgxscan2.Select(ctx, s.pool, &out, loadTasks, project) // want `Task mixes .* and is also written \(Title bound in UPDATE tasks SET title = \$2 in V2.Retitle \(scany.go:96\)\)`
	return out, err
}

// SQL is sqlscan over database/sql, with dbscan scanning raw rows.
type SQL struct{ db *sql.DB }

func (s *SQL) Archive(ctx context.Context, id int64) ([]Task, error) { // want Archive:`writes UPDATE tasks \(scany\.go:115\)`
	s.db.ExecContext(ctx, `UPDATE tasks SET archived = true WHERE project_id = $1`, id)
	var out []Task
	err := sqlscan.Select(ctx, s.db, &out, loadTasks, id) // want `Task mixes .* on write path SQL.Archive \(scany.go:115\)`
	return out, err
}

func (s *SQL) Close(ctx context.Context, id int64) (Task, error) { // want Close:`writes UPDATE tasks \(scany\.go:122\)`
	s.db.ExecContext(ctx, `UPDATE tasks SET closed = true WHERE id = $1`, id)
	rows, err := s.db.QueryContext(ctx, loadTasks, id) // want `Task mixes .* on write path SQL.Close \(scany.go:122\)`
	if err != nil {
		return Task{}, err
	}
	var t Task
	err = dbscan.ScanOne(&t, rows)
	return t, err
}

// Stored loads stored columns only, on a write path: no report.
func (s *SQL) Stored(ctx context.Context, id int64) (Task, error) { // want Stored:`writes UPDATE tasks \(scany\.go:134\)`
	s.db.ExecContext(ctx, `UPDATE tasks SET closed = true WHERE id = $1`, id)
	var t Task
	err := sqlscan.Get(ctx, s.db, &t, `SELECT id, title FROM tasks WHERE id = $1`, id)
	return t, err
}
