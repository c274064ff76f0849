package after

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// maxAttempts bounds how often inTx runs a transaction that keeps
// failing with a serialization failure or a deadlock.
const maxAttempts = 5

// inTx runs fn in a transaction on db and commits it, retrying the whole
// transaction when PostgreSQL aborts it with a serialization failure
// (40001, under REPEATABLE READ or SERIALIZABLE) or a deadlock (40P01).
// fn must be safe to run again: it should only set its results.
func inTx(ctx context.Context, db DB, fn func(pgx.Tx) error) error {
	for attempt := 1; ; attempt++ {
		err := pgx.BeginFunc(ctx, db, fn)
		if err == nil || attempt == maxAttempts || !retryable(err) {
			return err
		}
		// Jittered backoff, so the transactions that collided do not
		// collide again.
		wait := time.Duration(attempt) * time.Duration(rand.N(2000)) * time.Microsecond
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
	}
}

func retryable(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && (pgErr.Code == "40001" || pgErr.Code == "40P01")
}
