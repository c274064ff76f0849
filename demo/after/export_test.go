package after

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// The statements the tests expect the commands to send.
const (
	InsertUser     = insertUser
	InsertStats    = insertStats
	InsertPost     = insertPost
	InsertFollow   = insertFollow
	DeleteFollow   = deleteFollow
	UpdateEmail    = updateEmail
	IncPosts       = incPosts
	IncFollowers   = incFollowers
	DecFollowers   = decFollowers
	InsertFollower = insertFollower
	SelectProfile  = selectProfile
	MaxAttempts    = maxAttempts
)

func InTx(ctx context.Context, db DB, fn func(pgx.Tx) error) error { return inTx(ctx, db, fn) }
