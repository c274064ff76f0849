// Package seed holds the schema both sides of the demo share (users,
// posts, follows) and generates and loads a deterministic data set with a
// realistic skew: most users write a few posts and have a few followers,
// a few celebrities hold a large share of both.
package seed

import (
	"errors"
	"fmt"
)

// Config sizes a data set. The same Config always yields the same data.
type Config struct {
	Users       int
	Posts       int
	Celebrities int
	// CelebrityPostShare is the share of all posts written by the
	// celebrities together.
	CelebrityPostShare float64
	// CelebrityFollowerShare is the share of all users following each
	// celebrity.
	CelebrityFollowerShare float64
	// FollowsPerUser is the mean number of ordinary users each user
	// follows.
	FollowsPerUser float64
	Seed           uint64
}

// DefaultConfig is sized to load in a few seconds on two cores.
func DefaultConfig() Config {
	return Config{
		Users:                  50_000,
		Posts:                  500_000,
		Celebrities:            10,
		CelebrityPostShare:     0.20,
		CelebrityFollowerShare: 0.09,
		FollowsPerUser:         5,
		Seed:                   1,
	}
}

// Validate reports the first problem with c.
func (c Config) Validate() error {
	switch {
	case c.Users < 0 || c.Posts < 0 || c.Celebrities < 0:
		return errors.New("sizes must not be negative")
	case c.Celebrities > c.Users:
		return fmt.Errorf("%d celebrities but only %d users", c.Celebrities, c.Users)
	case c.Users-c.Celebrities < 2 && (c.Posts > 0 || c.FollowsPerUser > 0) && c.Users > 0:
		return errors.New("need at least two ordinary users")
	case c.CelebrityPostShare < 0 || c.CelebrityPostShare > 1:
		return errors.New("celebrity post share must be between 0 and 1")
	case c.CelebrityFollowerShare < 0 || c.CelebrityFollowerShare > 1:
		return errors.New("celebrity follower share must be between 0 and 1")
	case c.FollowsPerUser < 0:
		return errors.New("follows per user must not be negative")
	case c.Celebrities == 0 && c.CelebrityPostShare > 0 && c.Posts > 0:
		return errors.New("a celebrity post share needs celebrities")
	}
	return nil
}
