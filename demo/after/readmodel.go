package after

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// readModel is the after side's own schema, on top of the shared tables.
// The counters are not indexed, so their updates stay HOT updates; the
// fill factor leaves room on each page for the new row versions.
const readModel = `
CREATE TABLE user_stats (
	user_id        bigint PRIMARY KEY REFERENCES users (id),
	post_count     bigint NOT NULL DEFAULT 0,
	follower_count bigint NOT NULL DEFAULT 0
) WITH (fillfactor = 70);
CREATE TABLE follower_deltas (
	user_id bigint NOT NULL,
	delta   integer NOT NULL
);`

// Migrate creates the read-model tables; the shared tables must exist.
// Reconcile then fills them.
func Migrate(ctx context.Context, db DB) error {
	if _, err := db.Exec(ctx, readModel); err != nil {
		return fmt.Errorf("create read model: %w", err)
	}
	return nil
}

// The truth, counted: maintenance only, never on a request path.
const (
	// lockSources waits for the writes in flight and holds off new ones
	// (reads go on), so the counts cannot move under the repair.
	lockSources = `LOCK TABLE posts, follows IN SHARE MODE`
	// dropDeltas discards deferred counts: the truth already has them.
	dropDeltas  = `DELETE FROM follower_deltas`
	upsertStats = `INSERT INTO user_stats (user_id, post_count, follower_count)
SELECT u.id, coalesce(p.n, 0), coalesce(f.n, 0)
FROM users u
LEFT JOIN (SELECT author_id, count(*) AS n FROM posts GROUP BY author_id) p ON p.author_id = u.id
LEFT JOIN (SELECT followee_id, count(*) AS n FROM follows GROUP BY followee_id) f ON f.followee_id = u.id
ON CONFLICT (user_id) DO UPDATE
SET post_count = EXCLUDED.post_count, follower_count = EXCLUDED.follower_count
WHERE (user_stats.post_count, user_stats.follower_count) IS DISTINCT FROM (EXCLUDED.post_count, EXCLUDED.follower_count)`
	countDrift = `SELECT count(*)
FROM users u
LEFT JOIN user_stats s ON s.user_id = u.id
LEFT JOIN (SELECT author_id, count(*) AS n FROM posts GROUP BY author_id) p ON p.author_id = u.id
LEFT JOIN (SELECT followee_id, count(*) AS n FROM follows GROUP BY followee_id) f ON f.followee_id = u.id
LEFT JOIN (SELECT user_id, sum(delta) AS n FROM follower_deltas GROUP BY user_id) d ON d.user_id = u.id
WHERE s.user_id IS NULL
   OR s.post_count <> coalesce(p.n, 0)
   OR s.follower_count + coalesce(d.n, 0) <> coalesce(f.n, 0)`
	foldDeltas = `WITH d AS (DELETE FROM follower_deltas RETURNING user_id, delta),
x AS (SELECT user_id, sum(delta) AS delta, count(*) AS deltas FROM d GROUP BY user_id),
u AS (UPDATE user_stats s SET follower_count = s.follower_count + x.delta
	FROM x WHERE s.user_id = x.user_id RETURNING x.deltas)
SELECT count(*), coalesce(sum(deltas), 0) FROM u`
)

// Drift returns how many users' read-model rows are missing or disagree
// with the truth (deferred counts included). It is one statement, so it
// sees one snapshot and is exact even while writers run. It reads every
// row: a periodic check, not a request path.
func Drift(ctx context.Context, q Querier) (int64, error) {
	var n int64
	if err := q.QueryRow(ctx, countDrift).Scan(&n); err != nil {
		return 0, fmt.Errorf("drift: %w", err)
	}
	return n, nil
}

// Reconcile rewrites the read-model rows that disagree with the truth,
// creates the missing ones, and returns how many it changed. It blocks
// posts and follows while it runs.
func Reconcile(ctx context.Context, db DB) (int64, error) {
	var n int64
	err := inTx(ctx, db, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, lockSources); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, dropDeltas); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, upsertStats)
		n = tag.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("reconcile: %w", err)
	}
	return n, nil
}

// Fold applies the deferred follower counts to user_stats and returns
// how many users it updated and how many deltas it applied. Run it
// periodically: its interval is how stale follower counts may be.
func Fold(ctx context.Context, db DB) (users, deltas int64, err error) {
	err = inTx(ctx, db, func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, foldDeltas).Scan(&users, &deltas)
	})
	if err != nil {
		return 0, 0, fmt.Errorf("fold: %w", err)
	}
	return users, deltas, nil
}
