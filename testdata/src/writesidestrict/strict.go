// Package writesidestrict is run with -strict: an unrelated write makes a // want package:`writes writesidestrict\.UserProfile\.Name`
// write path, and a RETURNING scan makes a write model; a projection is
// still never reported.
package writesidestrict

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"
)

type Store struct{ pool *pgxpool.Pool }

type UserProfile struct {
	ID        int64
	Name      string
	PostCount int64
}

// Refresh loads the profile and upserts it into the read model.
func (s *Store) Refresh(ctx context.Context, id int64) error { // want Refresh:`writes INSERT INTO profile_cache \(strict\.go:27\)`
	var p UserProfile
	err := s.pool.QueryRow(ctx, `SELECT u.id, u.name, (SELECT count(*) FROM posts WHERE author_id = u.id) FROM users u WHERE u.id = $1`, id).Scan(&p.ID, &p.Name, &p.PostCount)
	if err != nil {
		return err
	}
	_, err = s.pool.Exec(ctx, `INSERT INTO profile_cache (user_id, name, post_count) VALUES ($1, $2, $3)`, p.ID, p.Name, p.PostCount)
	return err
}

type PatientView struct {
	ID         int64
	Name       string
	VisitCount int64
}

func (s *Store) View(ctx context.Context, viewer, id int64) (PatientView, error) { // want View:`writes INSERT INTO access_log \(strict\.go:38\)`
	if _, err := s.pool.Exec(ctx, `INSERT INTO access_log (viewer_id, patient_id) VALUES ($1, $2)`, viewer, id); err != nil {
		return PatientView{}, err
	}
	var v PatientView
	err := s.pool.QueryRow(ctx, `SELECT p.id, p.name, (SELECT count(*) FROM visits v WHERE v.patient_id = p.id) FROM patients p WHERE p.id = $1`, id).Scan(&v.ID, &v.Name, &v.VisitCount) // want `PatientView mixes stored fields \(ID, Name\) with computed fields \(VisitCount: subquery\) on write path Store.View \(strict.go:38\)`
	return v, err
}

type Ticket struct {
	ID           int64
	Subject      string
	CommentCount int64
}

func (s *Store) Open(ctx context.Context, subject string) (Ticket, error) { // want Open:`writes INSERT INTO tickets \(strict\.go:54\)`
	var t Ticket
	err := s.pool.QueryRow(ctx, `INSERT INTO tickets (subject) VALUES ($1) RETURNING id, subject`, subject).Scan(&t.ID, &t.Subject)
	return t, err
}

func (s *Store) Ticket(ctx context.Context, id int64) (Ticket, error) { // want Ticket:`loads Ticket with CommentCount: subquery \(strict\.go:60\)`
	var t Ticket
	err := s.pool.QueryRow(ctx, `SELECT t.id, t.subject, (SELECT count(*) FROM comments c WHERE c.ticket_id = t.id) FROM tickets t WHERE t.id = $1`, id).Scan(&t.ID, &t.Subject, &t.CommentCount) // want `Ticket mixes stored fields \(ID, Subject\) with computed fields \(CommentCount: subquery\) and is also written \(Subject received from INSERT INTO tickets ... RETURNING in Store.Open \(strict.go:54\)\)`
	return t, err
}
