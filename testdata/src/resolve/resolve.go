// Package resolve covers how query text is found: concatenation, +=
// appends, variables with several constant values, package variables,
// fmt.Sprintf with a constant format.
package resolve

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
)

type Team struct {
	ID          int64
	Name        string
	MemberCount int64
}

type Store struct{ pool *pgxpool.Pool }

const teamCols = "t.id, t.name, "

var countMembers = "(SELECT count(*) FROM members m WHERE m.team_id = t.id)"

func (s *Store) Rename(ctx context.Context, id int64, name string, sorted bool) (Team, error) { // want Rename:`writes UPDATE teams \(resolve\.go:26\)`
	if _, err := s.pool.Exec(ctx, "UPDATE teams SET name = $1 WHERE id = $2", name, id); err != nil {
		return Team{}, err
	}
	query := "SELECT " + teamCols + countMembers + " AS member_count FROM teams t"
	query += " WHERE t.id = $1"
	if sorted {
		query += " ORDER BY t.name"
	}
	var t Team
	err := s.pool.QueryRow(ctx, query, id).Scan(&t.ID, &t.Name, &t.MemberCount) // want `Team mixes stored fields \(ID, Name\) with computed fields \(MemberCount: subquery\) on write path Store.Rename \(resolve.go:26\)`
	return t, err
}

func (s *Store) Archive(ctx context.Context, id int64, hard bool) (Team, error) { // want Archive:`writes UPDATE teams \(resolve\.go:44\)`
	write := "UPDATE teams SET archived = true WHERE id = $1"
	if hard {
		write = "DELETE FROM teams WHERE id = $1"
	}
	if _, err := s.pool.Exec(ctx, write, id); err != nil {
		return Team{}, err
	}
	var t Team
	err := s.pool.QueryRow(ctx, fmt.Sprintf("SELECT t.id, t.name, (SELECT count(*) FROM %s m WHERE m.team_id = t.id) FROM teams t WHERE t.id = $1", "members"), id).Scan(&t.ID, &t.Name, &t.MemberCount) // want `Team mixes stored fields \(ID, Name\) with computed fields \(MemberCount: subquery\) on write path Store.Archive \(resolve.go:44\)`
	return t, err
}

// A hole in the select list makes the column unknown: no finding.
func (s *Store) Touch(ctx context.Context, id int64, col string) (Team, error) { // want Touch:`writes UPDATE teams \(resolve\.go:54\)`
	if _, err := s.pool.Exec(ctx, "UPDATE teams SET touched = now() WHERE id = $1", id); err != nil {
		return Team{}, err
	}
	var t Team
	err := s.pool.QueryRow(ctx, fmt.Sprintf("SELECT t.id, t.name, %s FROM teams t WHERE t.id = $1", col), id).Scan(&t.ID, &t.Name, &t.MemberCount)
	return t, err
}

type Project struct {
	ID   int64
	Name string
}

// A query variable reused for a later statement: the text at each call is
// the one that reaches it, not every text the variable ever holds. The
// SELECT after the UPDATE is a load on the write path.
func (s *Store) Recount(ctx context.Context, id int64) (Team, error) { // want Recount:`writes UPDATE teams \(resolve\.go:72\)`
	q := "UPDATE teams SET recounted = now() WHERE id = $1"
	if _, err := s.pool.Exec(ctx, q, id); err != nil {
		return Team{}, err
	}
	q = "SELECT t.id, t.name, (SELECT count(*) FROM members m WHERE m.team_id = t.id) FROM teams t WHERE t.id = $1"
	var t Team
	err := s.pool.QueryRow(ctx, q, id).Scan(&t.ID, &t.Name, &t.MemberCount) // want `Team mixes stored fields \(ID, Name\) with computed fields \(MemberCount: subquery\) on write path Store.Recount \(resolve.go:72\)`
	return t, err
}

// The negative twin: the stale SELECT with a subquery is replaced before
// the second scan, so its columns are not mapped onto Project.
func (s *Store) RenameProject(ctx context.Context, id int64, name string) (Project, error) { // want RenameProject:`writes UPDATE projects \(resolve\.go:89\)`
	q := "SELECT p.id, (SELECT count(*) FROM members m WHERE m.project_id = p.id) FROM projects p WHERE p.id = $1"
	var pid, members int64
	if err := s.pool.QueryRow(ctx, q, id).Scan(&pid, &members); err != nil || members > 100 {
		return Project{}, err
	}
	if _, err := s.pool.Exec(ctx, "UPDATE projects SET name = $1 WHERE id = $2", name, id); err != nil {
		return Project{}, err
	}
	q = "SELECT p.id, p.name FROM projects p WHERE p.id = $1"
	var p Project
	err := s.pool.QueryRow(ctx, q, id).Scan(&p.ID, &p.Name)
	return p, err
}

// A reassignment in a branch does not replace the earlier text: both
// texts may reach the call, and the write among them makes it a write.
func (s *Store) MaybeReset(ctx context.Context, id int64, reset bool) error { // want MaybeReset:`writes UPDATE teams \(resolve\.go:105\)`
	q := "SELECT t.id FROM teams t WHERE t.id = $1"
	if reset {
		q = "UPDATE teams SET name = '' WHERE id = $1"
	}
	_, err := s.pool.Exec(ctx, q, id)
	return err
}
