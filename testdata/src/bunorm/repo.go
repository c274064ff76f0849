// want package:`writes bunorm\.Login\.User, bunorm\.Login\.Type, bunorm\.Post\.Title, bunorm\.User\.Email, bunorm\.User\.PasswordHash`
// Package bunorm covers uptrace/bun: queries built by chained methods
// on a model, run by Scan or Exec, mapped to fields by bun tags.
package bunorm

import (
	"context"

	"github.com/uptrace/bun"
)

// User is a god struct: its stored columns are inserted and updated
// through the model, and PostCount is counted on every load.
type User struct {
	bun.BaseModel `bun:"table:users,alias:u"`

	ID           int64  `bun:"id,pk,autoincrement"`
	Email        string `bun:"email"`
	PasswordHash string
	PostCount    int64   `bun:"post_count,scanonly"`
	Posts        []*Post `bun:"rel:has-many,join:id=user_id"`
}

type Post struct {
	ID     int64
	UserID int64
	Title  string
}

type Repo struct{ db *bun.DB }

// Register inserts the model, then loads it back with a count: the
// command pays for the dashboard's read.
func (r *Repo) Register(ctx context.Context, u *User) error { // want Register:`writes INSERT INTO users \(repo\.go:35\)`
	if _, err := r.db.NewInsert().Model(u).Exec(ctx); err != nil {
		return err
	}
	return r.db.NewSelect().Model(u). // want `User mixes stored fields \(ID, Email, PasswordHash\) with computed fields \(PostCount: subquery\) on write path Repo\.Register \(repo\.go:35\); split it into a command model and a query model`
						ColumnExpr("u.*").
						ColumnExpr("(SELECT count(*) FROM posts p WHERE p.user_id = u.id) AS post_count").
						Where("u.id = ?", u.ID).
						Scan(ctx)
}

// Rename updates through a transaction and reloads through a variable
// whose filters are added under a condition.
func (r *Repo) Rename(ctx context.Context, id int64, email string, strict bool) (*User, error) { // want Rename:`writes UPDATE users \(repo\.go:49\)`
	tx := bun.Tx{}
	if _, err := tx.NewUpdate().Model(&User{ID: id, Email: email}).Column("email").WherePK().Exec(ctx); err != nil {
		return nil, err
	}
	u := new(User)
	q := tx.NewSelect().Model(u).Column("u.id", "u.email")
	if strict {
		q = q.Where("u.email IS NOT NULL")
	}
	q.ColumnExpr("(SELECT count(*) FROM posts p WHERE p.user_id = u.id) AS post_count")
	err := q.Scan(ctx) // want `User mixes stored fields \(ID, Email\) with computed fields \(PostCount: subquery\) on write path Repo\.Rename \(repo\.go:49\); split it into a command model and a query model`
	return u, err
}

// Profile loads the god struct with its count on the read side: User
// is also the model that Register inserts, so it is reported.
func (r *Repo) Profile(ctx context.Context, id int64) (*User, error) { // want Profile:`loads User with PostCount: subquery \(repo\.go:66\)`
	u := new(User)
	err := r.db.NewSelect().Model(u). // want `User mixes stored fields \(ID, Email, PasswordHash\) with computed fields \(PostCount: subquery\) and is also written \(Email bound in INSERT INTO users \(email\) VALUES \(:email\) in Repo\.Register \(repo\.go:35\)\); split it into a command model and a query model`
						ColumnExpr("?TableColumns").
						ColumnExpr("(SELECT count(*) FROM posts p WHERE p.user_id = ?TableAlias.id) AS post_count").
						Where("u.id = ?", id).Scan(ctx)
	return u, err
}

// Touch writes, then reads stored columns only: the default select
// list of the model leaves scanonly fields out. No report.
func (r *Repo) Touch(ctx context.Context, u *User) error { // want Touch:`writes UPDATE users \(repo\.go:76\)`
	if _, err := r.db.NewUpdate().Model(u).Set("email = lower(email)").WherePK().Exec(ctx); err != nil {
		return err
	}
	return r.db.NewSelect().Model(u).WherePK().Scan(ctx)
}

// Raw runs a raw statement after a delete, into scanned destinations.
func (r *Repo) Raw(ctx context.Context, id int64) (User, error) { // want Raw:`writes DELETE FROM users \(repo\.go:85\)`
	var u User
	if _, err := r.db.NewDelete().Model(&u).Where("id = ?", id).Exec(ctx); err != nil {
		return u, err
	}
	err := r.db.NewRaw("SELECT id, email, (SELECT count(*) FROM posts WHERE user_id = users.id) AS post_count FROM users WHERE id = ?", id). // want `User mixes stored fields \(ID, Email\) with computed fields \(PostCount: subquery\) on write path Repo\.Raw \(repo\.go:85\); split it into a command model and a query model`
																			Scan(ctx, &u)
	return u, err
}

// Skipped: Apply of a nil function, and a query passed to a helper
// escapes. Both are counted, with a reason, and not reported.
func (r *Repo) Skipped(ctx context.Context, u *User) error { // want Skipped:`writes INSERT INTO users \(repo\.go:96\)`
	if _, err := r.db.NewInsert().Model(u).Exec(ctx); err != nil {
		return err
	}
	if err := r.db.NewSelect().Model(u).Apply(nil).ColumnExpr("(SELECT 1) AS post_count").Scan(ctx); err != nil {
		return err
	}
	q := r.db.NewSelect().Model(u)
	filter(q)
	return q.ColumnExpr("(SELECT count(*) FROM posts) AS post_count").Scan(ctx)
}

func filter(q *bun.SelectQuery) { q.Where("true") }

// Identifiers passed as values are SQL text: skipped.
func (r *Repo) Ident(ctx context.Context, u *User, col string) error { // want Ident:`writes INSERT INTO users \(repo\.go:111\)`
	if _, err := r.db.NewInsert().Model(u).Exec(ctx); err != nil {
		return err
	}
	return r.db.NewSelect().Model(u).ColumnExpr("u.id, ? AS post_count", bun.Ident(col)).Scan(ctx)
}

// UserCard is a read model: loaded with a count, never written. No
// report, on the read side or after a write in a transaction.
type UserCard struct {
	bun.BaseModel `bun:"table:users,alias:u"`

	ID        int64
	Email     string
	PostCount int64
}

func (r *Repo) Card(ctx context.Context, id int64) (*UserCard, error) { // want Card:`loads UserCard with PostCount: subquery \(repo\.go:129\)`
	c := new(UserCard)
	err := r.db.NewSelect().Model(c).
		Column("u.id", "u.email").
		ColumnExpr("(SELECT count(*) FROM posts p WHERE p.user_id = u.id) AS post_count").
		Where("u.id = ?", id).Scan(ctx)
	return c, err
}

// Cards loads many read models into a slice.
func (r *Repo) Cards(ctx context.Context) ([]UserCard, error) { // want Cards:`loads UserCard with PostCount: subquery \(repo\.go:139\)`
	var cs []UserCard
	err := r.db.NewSelect().Model(&cs).ColumnExpr("u.id, u.email").
		ColumnExpr("(SELECT count(*) FROM posts p WHERE p.user_id = u.id) AS post_count").Scan(ctx)
	return cs, err
}

// Publish writes in RunInTx and reloads the god struct in the same
// function literal, which runs in place: reported.
func (r *Repo) Publish(ctx context.Context, u *User, p *Post) error { // want Publish:`writes INSERT INTO posts \(repo\.go:147\)`
	return r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(p).Exec(ctx); err != nil {
			return err
		}
		return tx.NewSelect().Model(u). // want `User mixes stored fields \(ID, Email\) with computed fields \(PostCount: subquery\) on write path a function literal in Repo\.Publish \(repo\.go:148\); split it into a command model and a query model`
						ColumnExpr("u.id, u.email").
						ColumnExpr("(SELECT count(*) FROM posts p WHERE p.user_id = u.id) AS post_count").
						WherePK().Scan(ctx)
	})
}

// Counted writes, then loads the god struct with a relation and a
// count given as a bun subquery: the relation's columns land in Posts,
// the subquery makes PostCount computed. Reported.
func (r *Repo) Counted(ctx context.Context, u *User) error { // want Counted:`writes UPDATE users \(repo\.go:162\)`
	if _, err := r.db.NewUpdate().Model(u).Column("email").WherePK().Exec(ctx); err != nil {
		return err
	}
	count := r.db.NewSelect().Model((*Post)(nil)).ColumnExpr("count(*)").Where("p.user_id = u.id")
	return r.db.NewSelect().Model(u).Relation("Posts"). // want `User mixes stored fields \(ID, Email\) with computed fields \(PostCount: subquery\) on write path Repo\.Counted \(repo\.go:162\); split it into a command model and a query model`
								Column("u.id", "u.email").
								ColumnExpr("(?) AS post_count", count).
								WherePK().Scan(ctx)
}

// Literal binds a value in the select list: no computed field, no
// report.
func (r *Repo) Literal(ctx context.Context, u *User) error { // want Literal:`writes UPDATE users \(repo\.go:175\)`
	if _, err := r.db.NewUpdate().Model(u).Column("email").WherePK().Exec(ctx); err != nil {
		return err
	}
	return r.db.NewSelect().Model(u).Column("u.id").ColumnExpr("coalesce(u.email, ?) AS email", "none").WherePK().Scan(ctx)
}

// Filter shapes the query through Apply, as bun's examples do.
type Filter struct{ Viewer int64 }

func (f *Filter) query(q *bun.SelectQuery) *bun.SelectQuery {
	q = q.Relation("Posts")
	if f.Viewer == 0 {
		q = q.ColumnExpr("0 AS post_count")
	} else {
		q = q.ColumnExpr("(SELECT count(*) FROM posts p WHERE p.user_id = u.id) AS post_count")
	}
	q.Apply(notViewer(f.Viewer))
	return q
}

func notViewer(id int64) func(*bun.SelectQuery) *bun.SelectQuery {
	return func(q *bun.SelectQuery) *bun.SelectQuery {
		if id == 0 {
			return q
		}
		return q.Where("u.id <> ?", id)
	}
}

// Filtered writes, then reloads through a method given to Apply, which
// adds a count under a condition: reported.
func (r *Repo) Filtered(ctx context.Context, u *User, f *Filter) error { // want Filtered:`writes UPDATE users \(repo\.go:207\)`
	if _, err := r.db.NewUpdate().Model(u).Column("email").WherePK().Exec(ctx); err != nil {
		return err
	}
	return r.db.NewSelect().Model(u).ColumnExpr("?TableColumns").Apply(f.query).WherePK().Scan(ctx) // want `User mixes stored fields \(ID, Email, PasswordHash\) with computed fields \(PostCount: subquery\) on write path Repo\.Filtered \(repo\.go:207\); split it into a command model and a query model`
}

// Paged writes, then reloads through Apply with a literal that only
// filters: stored columns only, no report.
func (r *Repo) Paged(ctx context.Context, u *User, limit int) error { // want Paged:`writes UPDATE users \(repo\.go:216\)`
	if _, err := r.db.NewUpdate().Model(u).Column("email").WherePK().Exec(ctx); err != nil {
		return err
	}
	return r.db.NewSelect().Model(u).Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.Limit(limit).Order("u.id")
	}, notViewer(7)).Scan(ctx)
}

// Migrate changes the schema: counted as a bun schema change, not read.
func (r *Repo) Migrate(ctx context.Context) error {
	_, err := r.db.NewCreateTable().Model((*User)(nil)).Exec(ctx)
	return err
}

// Total counts rows: a read, resolved, nothing scanned into a struct.
func (r *Repo) Total(ctx context.Context) (int, error) {
	return r.db.NewSelect().Model((*User)(nil)).Where("u.email IS NOT NULL").Count(ctx)
}

// Patch updates the columns a caller names: the write is known, the
// fields it binds are not. The reload is stored-only: no report.
func (r *Repo) Patch(ctx context.Context, u *User, fields []string) error { // want Patch:`writes UPDATE users \(repo\.go:238\)`
	if _, err := r.db.NewUpdate().Model(u).Column(fields...).WherePK().Exec(ctx); err != nil {
		return err
	}
	return r.db.NewSelect().Model(u).WherePK().Scan(ctx)
}

// Login's table and columns are keywords (user, type), which bun quotes.
type Login struct {
	bun.BaseModel `bun:"table:user,alias:l"`

	ID     int64
	User   string
	Type   string
	Logins int64 `bun:",scanonly"`
}

// SignIn inserts, then reloads with a count: reported.
func (r *Repo) SignIn(ctx context.Context, l *Login) error { // want SignIn:`writes INSERT INTO user \(repo\.go:256\)`
	if _, err := r.db.NewInsert().Model(l).Exec(ctx); err != nil {
		return err
	}
	return r.db.NewSelect().Model(l).ColumnExpr("?TableColumns"). // want `Login mixes stored fields \(ID, User, Type\) with computed fields \(Logins: subquery\) on write path Repo\.SignIn \(repo\.go:256\); split it into a command model and a query model`
									ColumnExpr("(SELECT count(*) FROM sessions s WHERE s.login_id = l.id) AS logins").
									WherePK().Scan(ctx)
}
