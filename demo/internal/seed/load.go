package seed

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Load creates the shared tables in conn's schema (its search_path),
// copies d into them, adds the indexes and foreign keys, and analyzes
// the tables. A zero Dataset gives empty tables.
func Load(ctx context.Context, conn *pgx.Conn, d *Dataset) error {
	if _, err := conn.Exec(ctx, tables); err != nil {
		return fmt.Errorf("create tables: %w", err)
	}
	if err := d.copy(ctx, conn); err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, constraints); err != nil {
		return fmt.Errorf("add constraints: %w", err)
	}
	if _, err := conn.Exec(ctx, restartUserIDs); err != nil {
		return fmt.Errorf("restart user ids: %w", err)
	}
	return Analyze(ctx, conn, "users", "posts", "follows")
}

// Analyze vacuums and analyzes the named tables of conn's schema, so that
// plans and index-only scans look like those of a settled database.
func Analyze(ctx context.Context, conn *pgx.Conn, tables ...string) error {
	names := make([]string, len(tables))
	for i, t := range tables {
		names[i] = pgx.Identifier{t}.Sanitize()
	}
	if _, err := conn.Exec(ctx, "VACUUM (ANALYZE) "+strings.Join(names, ", ")); err != nil {
		return fmt.Errorf("vacuum: %w", err)
	}
	return nil
}

func (d *Dataset) copy(ctx context.Context, conn *pgx.Conn) error {
	w := vocabulary()
	users := pgx.CopyFromSlice(d.Users, func(i int) ([]any, error) {
		id := int64(i + 1)
		return []any{id, email(id), passwordHash(d.Seed, id), d.displayName(id), bio(w, d.Seed, id), epoch.Add(time.Duration(i) * time.Second)}, nil
	})
	if _, err := conn.CopyFrom(ctx, pgx.Identifier{"users"},
		[]string{"id", "email", "password_hash", "display_name", "bio", "created_at"}, users); err != nil {
		return fmt.Errorf("copy users: %w", err)
	}
	posts := pgx.CopyFromSlice(len(d.postAuthors), func(i int) ([]any, error) {
		return []any{d.postAuthors[i], postBody(w, d.Seed, uint64(i)), epoch.Add(time.Duration(i) * time.Minute)}, nil
	})
	if _, err := conn.CopyFrom(ctx, pgx.Identifier{"posts"}, []string{"author_id", "body", "created_at"}, posts); err != nil {
		return fmt.Errorf("copy posts: %w", err)
	}
	follows := pgx.CopyFromSlice(len(d.follows), func(i int) ([]any, error) {
		return []any{d.follows[i][0], d.follows[i][1]}, nil
	})
	if _, err := conn.CopyFrom(ctx, pgx.Identifier{"follows"}, []string{"follower_id", "followee_id"}, follows); err != nil {
		return fmt.Errorf("copy follows: %w", err)
	}
	return nil
}

func email(id int64) string { return "user" + strconv.FormatInt(id, 10) + "@example.com" }

func (d *Dataset) displayName(id int64) string {
	for k, c := range d.celebrities {
		if c == id {
			return "Celebrity " + strconv.Itoa(k+1)
		}
	}
	return "User " + strconv.FormatInt(id, 10)
}
