package after

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// UserProfile is what a profile page shows: no credentials.
type UserProfile struct {
	ID            int64
	DisplayName   string
	Bio           string
	PostCount     int64
	FollowerCount int64
}

// Queries are the read side. They need only a Querier: they cannot
// write.
type Queries struct {
	db Querier
}

// NewQueries returns the read side on db.
func NewQueries(db Querier) *Queries { return &Queries{db: db} }

const selectProfile = `SELECT u.id, u.display_name, u.bio, s.post_count, s.follower_count
FROM users u
JOIN user_stats s ON s.user_id = u.id
WHERE u.id = $1`

// Profile returns the profile of user id.
func (q *Queries) Profile(ctx context.Context, id int64) (UserProfile, error) {
	var p UserProfile
	err := q.db.QueryRow(ctx, selectProfile, id).Scan(&p.ID, &p.DisplayName, &p.Bio, &p.PostCount, &p.FollowerCount)
	if errors.Is(err, pgx.ErrNoRows) {
		return UserProfile{}, fmt.Errorf("profile of user %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return UserProfile{}, fmt.Errorf("profile of user %d: %w", id, err)
	}
	return p, nil
}
