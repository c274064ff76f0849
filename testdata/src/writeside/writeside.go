// Package writeside holds the write-side cases: a struct is the write // want package:`writes writeside\.Article\.Title`
// model of the table it is read from, and a load is on a write path only
// when the write touches what it reads. Each "not reported" case has a
// reported twin.
package writeside

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"
)

type Store struct{ pool *pgxpool.Pool }

// --- The projector: the fix itself is never reported. -----------------

type UserProfile struct {
	ID        int64
	Name      string
	PostCount int64
}

func (s *Store) compute(ctx context.Context, id int64) (UserProfile, error) {
	var p UserProfile
	err := s.pool.QueryRow(ctx, `SELECT u.id, u.name, (SELECT count(*) FROM posts WHERE author_id = u.id) FROM users u WHERE u.id = $1`, id).Scan(&p.ID, &p.Name, &p.PostCount)
	return p, err
}

// Refresh upserts the computed profile into the read model.
func (s *Store) Refresh(ctx context.Context, id int64) error { // want Refresh:`writes INSERT INTO profile_cache \(writeside\.go:35\)`
	p, err := s.compute(ctx, id)
	if err != nil {
		return err
	}
	_, err = s.pool.Exec(ctx, `INSERT INTO profile_cache (user_id, name, post_count) VALUES ($1, $2, $3)
		ON CONFLICT (user_id) DO UPDATE SET name = excluded.name, post_count = excluded.post_count`, p.ID, p.Name, p.PostCount)
	return err
}

// Its twin: the same load reloaded after writing users (what it reads),
// with nothing computed flowing into the write.
type Member struct {
	ID        int64
	Name      string
	PostCount int64
}

func (s *Store) Rename(ctx context.Context, id int64, name string) (Member, error) { // want Rename:`writes UPDATE users \(writeside\.go:49\)`
	if _, err := s.pool.Exec(ctx, `UPDATE users SET name = $1 WHERE id = $2`, name, id); err != nil {
		return Member{}, err
	}
	var m Member
	err := s.pool.QueryRow(ctx, `SELECT u.id, u.name, (SELECT count(*) FROM posts WHERE author_id = u.id) FROM users u WHERE u.id = $1`, id).Scan(&m.ID, &m.Name, &m.PostCount) // want `Member mixes stored fields \(ID, Name\) with computed fields \(PostCount: subquery\) on write path Store.Rename \(writeside.go:49\); split it into a command model and a query model`
	return m, err
}

// --- An audit write beside a read: not a write path. ------------------

type PatientView struct {
	ID         int64
	Name       string
	VisitCount int64
}

const selectPatient = `SELECT p.id, p.name, (SELECT count(*) FROM visits v WHERE v.patient_id = p.id) FROM patients p WHERE p.id = $1`

func (s *Store) View(ctx context.Context, viewer, id int64) (PatientView, error) { // want View:`writes INSERT INTO access_log \(writeside\.go:68\)` View:`loads PatientView with VisitCount: subquery \(writeside\.go:72\)`
	if _, err := s.pool.Exec(ctx, `INSERT INTO access_log (viewer_id, patient_id) VALUES ($1, $2)`, viewer, id); err != nil {
		return PatientView{}, err
	}
	var v PatientView
	err := s.pool.QueryRow(ctx, selectPatient, id).Scan(&v.ID, &v.Name, &v.VisitCount)
	return v, err
}

// Its twin: the write adds a visit, which the load counts.
type VisitResult struct {
	ID         int64
	Name       string
	VisitCount int64
}

func (s *Store) Visit(ctx context.Context, id int64) (VisitResult, error) { // want Visit:`writes INSERT INTO visits \(writeside\.go:84\)`
	if _, err := s.pool.Exec(ctx, `INSERT INTO visits (patient_id) VALUES ($1)`, id); err != nil {
		return VisitResult{}, err
	}
	var v VisitResult
	err := s.pool.QueryRow(ctx, selectPatient, id).Scan(&v.ID, &v.Name, &v.VisitCount) // want `VisitResult mixes stored fields \(ID, Name\) with computed fields \(VisitCount: subquery\) on write path Store.Visit \(writeside.go:84\)`
	return v, err
}

// An unrelated write beside a real reload in one function: reported, with
// the related write as evidence.
func (s *Store) Check(ctx context.Context, viewer, id int64) (VisitResult, error) { // want Check:`writes INSERT INTO access_log \(writeside\.go:95\)`
	if _, err := s.pool.Exec(ctx, `INSERT INTO access_log (viewer_id, patient_id) VALUES ($1, $2)`, viewer, id); err != nil {
		return VisitResult{}, err
	}
	if _, err := s.pool.Exec(ctx, `UPDATE patients SET checked_at = now() WHERE id = $1`, id); err != nil {
		return VisitResult{}, err
	}
	var v VisitResult
	err := s.pool.QueryRow(ctx, selectPatient, id).Scan(&v.ID, &v.Name, &v.VisitCount) // want `VisitResult mixes .* on write path Store.Check \(writeside.go:98\)`
	return v, err
}

// --- A field copied into another table: not a write model. ------------

type PostView struct {
	ID        int64
	Title     string
	LikeCount int64
}

func (s *Store) Post(ctx context.Context, id int64) (PostView, error) { // want Post:`loads PostView with LikeCount: subquery \(writeside\.go:116\)`
	var v PostView
	err := s.pool.QueryRow(ctx, `SELECT p.id, p.title, (SELECT count(*) FROM likes l WHERE l.post_id = p.id) FROM posts p WHERE p.id = $1`, id).Scan(&v.ID, &v.Title, &v.LikeCount)
	return v, err
}

// Bookmark keeps a snapshot of the title in bookmarks.
func (s *Store) Bookmark(ctx context.Context, user int64, v PostView) error { // want Bookmark:`writes INSERT INTO bookmarks \(writeside\.go:122\)`
	_, err := s.pool.Exec(ctx, `INSERT INTO bookmarks (user_id, post_id, title_snapshot) VALUES ($1, $2, $3)`, user, v.ID, v.Title)
	return err
}

// Its twin: the struct's field is written back to its own table.
type Article struct {
	ID        int64
	Title     string
	LikeCount int64
}

func (s *Store) Article(ctx context.Context, id int64) (Article, error) { // want Article:`loads Article with LikeCount: subquery \(writeside\.go:135\)`
	var a Article
	err := s.pool.QueryRow(ctx, `SELECT a.id, a.title, (SELECT count(*) FROM likes l WHERE l.post_id = a.id) FROM articles a WHERE a.id = $1`, id).Scan(&a.ID, &a.Title, &a.LikeCount) // want `Article mixes stored fields \(ID, Title\) with computed fields \(LikeCount: subquery\) and is also written \(Title bound in UPDATE articles SET title = \$1 in Store.Retitle \(writeside.go:140\)\); split it into a command model and a query model`
	return a, err
}

func (s *Store) Retitle(ctx context.Context, a Article) error { // want Retitle:`writes UPDATE articles \(writeside\.go:140\)`
	_, err := s.pool.Exec(ctx, `UPDATE articles SET title = $1 WHERE id = $2`, a.Title, a.ID)
	return err
}

// --- RETURNING as the only evidence: not a write model by default. -----

type Ticket struct {
	ID           int64
	Subject      string
	CommentCount int64
}

func (s *Store) Open(ctx context.Context, subject string) (Ticket, error) { // want Open:`writes INSERT INTO tickets \(writeside\.go:154\)`
	var t Ticket
	err := s.pool.QueryRow(ctx, `INSERT INTO tickets (subject) VALUES ($1) RETURNING id, subject`, subject).Scan(&t.ID, &t.Subject)
	return t, err
}

func (s *Store) Ticket(ctx context.Context, id int64) (Ticket, error) { // want Ticket:`loads Ticket with CommentCount: subquery \(writeside\.go:160\)`
	var t Ticket
	err := s.pool.QueryRow(ctx, `SELECT t.id, t.subject, (SELECT count(*) FROM comments c WHERE c.ticket_id = t.id) FROM tickets t WHERE t.id = $1`, id).Scan(&t.ID, &t.Subject, &t.CommentCount)
	return t, err
}

// --- A small private struct: the load is too wide, there is no model to split.

func (s *Store) Reserve(ctx context.Context, user int64) error { // want Reserve:`writes INSERT INTO reservations \(writeside\.go:171\)`
	type quota struct {
		Limit int64
		Used  int64
	}
	if _, err := s.pool.Exec(ctx, `INSERT INTO reservations (user_id) VALUES ($1)`, user); err != nil {
		return err
	}
	var q quota
	err := s.pool.QueryRow(ctx, `SELECT u.quota_limit, (SELECT count(*) FROM reservations r WHERE r.user_id = u.id) FROM users u WHERE u.id = $1`, user).Scan(&q.Limit, &q.Used) // want `quota mixes stored fields \(Limit\) with computed fields \(Used: subquery\) on write path Store.Reserve \(writeside.go:171\); load only the stored fields the command needs$`
	if err != nil {
		return err
	}
	_ = q.Limit - q.Used
	return nil
}

// --- Statements that write and return computed columns. ----------------

type Counter struct {
	ID    int64
	Name  string
	Total int64
}

func (s *Store) RenameCounter(ctx context.Context, id int64, name string) (Counter, error) { // want RenameCounter:`writes UPDATE counters \(writeside\.go:193\)`
	var c Counter
	err := s.pool.QueryRow(ctx, `UPDATE counters SET name = $1 WHERE id = $2 RETURNING id, name, (SELECT count(*) FROM hits h WHERE h.counter_id = counters.id)`, name, id).Scan(&c.ID, &c.Name, &c.Total) // want `Counter mixes stored fields \(ID, Name\) with computed fields \(Total: subquery\) on write path Store.RenameCounter`
	return c, err
}

func (s *Store) TouchCounter(ctx context.Context, id int64) (Counter, error) { // want TouchCounter:`writes WITH \.\.\. a write to counters \(writeside\.go:199\)`
	var c Counter
	err := s.pool.QueryRow(ctx, `WITH m AS (UPDATE counters SET touched_at = now() WHERE id = $1 RETURNING id, name) SELECT m.id, m.name, (SELECT count(*) FROM hits h WHERE h.counter_id = m.id) FROM m`, id).Scan(&c.ID, &c.Name, &c.Total) // want `Counter mixes stored fields \(ID, Name\) with computed fields \(Total: subquery\) on write path Store.TouchCounter`
	return c, err
}

// A RETURNING list with stored columns only: nothing to report.
func (s *Store) ResetCounter(ctx context.Context, id int64) (Counter, error) { // want ResetCounter:`writes UPDATE counters \(writeside\.go:206\)`
	var c Counter
	err := s.pool.QueryRow(ctx, `UPDATE counters SET name = '' WHERE id = $1 RETURNING id, name`, id).Scan(&c.ID, &c.Name)
	return c, err
}

// --- A local copied into a field. --------------------------------------

type Feed struct {
	ID        int64
	Title     string
	LikeCount int64
	Followers *int64
}

func (s *Store) Like(ctx context.Context, id int64) (Feed, error) { // want Like:`writes INSERT INTO likes \(writeside\.go:220\)`
	if _, err := s.pool.Exec(ctx, `INSERT INTO likes (post_id) VALUES ($1)`, id); err != nil {
		return Feed{}, err
	}
	var f Feed
	var likeCount int64
	err := s.pool.QueryRow(ctx, `SELECT p.id, p.title, (SELECT count(*) FROM likes l WHERE l.post_id = p.id) FROM posts p WHERE p.id = $1`, id).Scan(&f.ID, &f.Title, &likeCount) // want `Feed mixes stored fields \(ID, Title\) with computed fields \(LikeCount: subquery\) on write path Store.Like`
	f.LikeCount = likeCount
	return f, err
}

func (s *Store) Follow(ctx context.Context, id int64) (Feed, error) { // want Follow:`writes INSERT INTO follows \(writeside\.go:231\)`
	if _, err := s.pool.Exec(ctx, `INSERT INTO follows (followee_id) VALUES ($1)`, id); err != nil {
		return Feed{}, err
	}
	var fid int64
	var title string
	var followers int64
	err := s.pool.QueryRow(ctx, `SELECT p.id, p.title, (SELECT count(*) FROM follows f WHERE f.followee_id = p.author_id) FROM posts p WHERE p.id = $1`, id).Scan(&fid, &title, &followers) // want `Feed mixes stored fields \(ID, Title\) with computed fields \(Followers: subquery\) on write path Store.Follow`
	return Feed{ID: fid, Title: title, Followers: &followers}, err
}
