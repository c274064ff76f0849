package after

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Counting says how follows reach user_stats.follower_count.
type Counting int

const (
	// SameTransaction updates the followee's counter row in the follow's
	// transaction: always fresh, but concurrent followers of one user
	// queue on that row's lock until each COMMIT.
	SameTransaction Counting = iota
	// Deferred appends a +1/-1 row to follower_deltas instead, which no
	// two writers contend on; Fold applies the deltas. Follower counts
	// are stale until the next Fold. Post counts stay same-transaction.
	Deferred
)

// Commands are the write side.
type Commands struct {
	db       DB
	counting Counting
}

// NewCommands returns the write side on db.
func NewCommands(db DB, counting Counting) *Commands {
	return &Commands{db: db, counting: counting}
}

// RegisterUser is a new user's sign-up.
type RegisterUser struct {
	Email        string
	PasswordHash string
	DisplayName  string
}

// PublishPost is a new post.
type PublishPost struct {
	AuthorID int64
	Body     string
}

// FollowUser makes FollowerID follow FolloweeID; following twice is a
// no-op.
type FollowUser struct {
	FollowerID int64
	FolloweeID int64
}

// UnfollowUser undoes FollowUser; unfollowing twice is a no-op.
type UnfollowUser struct {
	FollowerID int64
	FolloweeID int64
}

// ChangeEmail changes a user's email address.
type ChangeEmail struct {
	UserID int64
	Email  string
}

const (
	insertUser     = `INSERT INTO users (email, password_hash, display_name) VALUES ($1, $2, $3) RETURNING id`
	insertStats    = `INSERT INTO user_stats (user_id) VALUES ($1)`
	insertPost     = `INSERT INTO posts (author_id, body) VALUES ($1, $2) RETURNING id`
	insertFollow   = `INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`
	deleteFollow   = `DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2`
	updateEmail    = `UPDATE users SET email = $2 WHERE id = $1`
	incPosts       = `UPDATE user_stats SET post_count = post_count + 1 WHERE user_id = $1`
	incFollowers   = `UPDATE user_stats SET follower_count = follower_count + 1 WHERE user_id = $1`
	decFollowers   = `UPDATE user_stats SET follower_count = follower_count - 1 WHERE user_id = $1`
	insertFollower = `INSERT INTO follower_deltas (user_id, delta) VALUES ($1, $2)`
)

// RegisterUser stores the user and its empty read-model row and returns
// the new id.
func (c *Commands) RegisterUser(ctx context.Context, cmd RegisterUser) (int64, error) {
	var id int64
	err := inTx(ctx, c.db, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, insertUser, cmd.Email, cmd.PasswordHash, cmd.DisplayName).Scan(&id); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, insertStats, id)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("register user: %w", err)
	}
	return id, nil
}

// PublishPost stores the post, counts it, and returns the post's id.
func (c *Commands) PublishPost(ctx context.Context, cmd PublishPost) (int64, error) {
	var id int64
	err := inTx(ctx, c.db, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, insertPost, cmd.AuthorID, cmd.Body).Scan(&id); err != nil {
			return err
		}
		return bump(ctx, tx, incPosts, cmd.AuthorID)
	})
	if err != nil {
		return 0, fmt.Errorf("publish post: %w", err)
	}
	return id, nil
}

// FollowUser stores the follow and, if it is new, counts it.
func (c *Commands) FollowUser(ctx context.Context, cmd FollowUser) error {
	err := inTx(ctx, c.db, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, insertFollow, cmd.FollowerID, cmd.FolloweeID)
		if err != nil || tag.RowsAffected() == 0 {
			return err
		}
		return c.countFollower(ctx, tx, cmd.FolloweeID, +1)
	})
	if err != nil {
		return fmt.Errorf("follow user: %w", err)
	}
	return nil
}

// UnfollowUser removes the follow and, if there was one, uncounts it.
func (c *Commands) UnfollowUser(ctx context.Context, cmd UnfollowUser) error {
	err := inTx(ctx, c.db, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, deleteFollow, cmd.FollowerID, cmd.FolloweeID)
		if err != nil || tag.RowsAffected() == 0 {
			return err
		}
		return c.countFollower(ctx, tx, cmd.FolloweeID, -1)
	})
	if err != nil {
		return fmt.Errorf("unfollow user: %w", err)
	}
	return nil
}

// ChangeEmail updates the credentials row only. The counters live in
// user_stats, so a follow storm on this user never blocks it.
func (c *Commands) ChangeEmail(ctx context.Context, cmd ChangeEmail) error {
	tag, err := c.db.Exec(ctx, updateEmail, cmd.UserID, cmd.Email)
	if err != nil {
		return fmt.Errorf("change email: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("change email of user %d: %w", cmd.UserID, ErrNotFound)
	}
	return nil
}

// countFollower records delta (+1 or -1) followers for userID.
func (c *Commands) countFollower(ctx context.Context, tx pgx.Tx, userID int64, delta int) error {
	if c.counting == Deferred {
		_, err := tx.Exec(ctx, insertFollower, userID, delta)
		return err
	}
	if delta > 0 {
		return bump(ctx, tx, incFollowers, userID)
	}
	return bump(ctx, tx, decFollowers, userID)
}

// bump runs one counter UPDATE on userID's user_stats row. Every command
// touches at most one counter row, as its last statement before COMMIT:
// the row lock is held for the shortest time, and no two commands can
// wait for each other's rows (mutual follows A→B and B→A lock different
// rows, one each).
func bump(ctx context.Context, tx pgx.Tx, sql string, userID int64) error {
	tag, err := tx.Exec(ctx, sql, userID)
	if err != nil {
		return err
	}
	if tag.RowsAffected() != 1 {
		return fmt.Errorf("user %d has no user_stats row (run Reconcile)", userID)
	}
	return nil
}
