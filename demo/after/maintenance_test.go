package after_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/cqrslint/cqrslint/demo/after"
	"github.com/cqrslint/cqrslint/demo/internal/dbtest"
	"github.com/cqrslint/cqrslint/demo/internal/pgserver"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

func testReconcile(t *testing.T, srv *pgserver.Server) {
	_, c, d := newSchema(t, srv, small())
	ctx := t.Context()
	ordinary := d.Ordinary()
	for _, sql := range []string{
		`UPDATE user_stats SET post_count = post_count + 5 WHERE user_id = $1`,
		`UPDATE user_stats SET follower_count = follower_count + 3 WHERE user_id = $1`,
		`DELETE FROM user_stats WHERE user_id = $1`,
	} {
		if _, err := c.Exec(ctx, sql, ordinary[0]); err != nil {
			t.Fatal(err)
		}
		ordinary = ordinary[1:]
	}
	if _, err := c.Exec(ctx, `UPDATE user_stats SET follower_count = 1 WHERE user_id = $1`, d.Celebrities()[0]); err != nil {
		t.Fatal(err)
	}
	if n, err := after.Drift(ctx, c); err != nil || n != 4 {
		t.Fatalf("Drift = %d, %v; want 4", n, err)
	}
	if n, err := after.Reconcile(ctx, c); err != nil || n != 4 {
		t.Fatalf("Reconcile = %d, %v; want 4", n, err)
	}
	if n, err := after.Reconcile(ctx, c); err != nil || n != 0 {
		t.Fatalf("second Reconcile = %d, %v; want 0", n, err)
	}
	assertTruth(t, c)
}

// testHotRowLocks holds a follower's counter row locked, as a follow
// storm does between each UPDATE and COMMIT, and checks what waits on it:
// another follow of that user does, a change of the user's email and a
// profile read do not.
func testHotRowLocks(t *testing.T, srv *pgserver.Server) {
	s, c, d := newSchema(t, srv, small())
	ctx := t.Context()
	celeb := d.Celebrities()[0]
	cmd := after.NewCommands(c, after.SameTransaction)
	var fans [2]int64 // new users: they follow nobody yet
	for i := range fans {
		var err error
		fans[i], err = cmd.RegisterUser(ctx, after.RegisterUser{Email: fmt.Sprintf("fan%d@example.com", i), PasswordHash: "x", DisplayName: "Fan"})
		if err != nil {
			t.Fatal(err)
		}
	}
	tx, err := c.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	// The command runs in a savepoint of tx: its lock stays held.
	if err := after.NewCommands(tx, after.SameTransaction).FollowUser(ctx, after.FollowUser{FollowerID: fans[0], FolloweeID: celeb}); err != nil {
		t.Fatal(err)
	}

	other := s.Conn(t)
	if _, err := other.Exec(ctx, `SET lock_timeout = '200ms'`); err != nil {
		t.Fatal(err)
	}
	err = after.NewCommands(other, after.SameTransaction).FollowUser(ctx, after.FollowUser{FollowerID: fans[1], FolloweeID: celeb})
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "55P03" {
		t.Errorf("second follower: %v; want lock_not_available (it should queue on the counter row)", err)
	}
	if err := after.NewCommands(other, after.Deferred).FollowUser(ctx, after.FollowUser{FollowerID: fans[1], FolloweeID: celeb}); err != nil {
		t.Errorf("deferred follower waits on the counter row: %v", err)
	}
	if err := after.NewCommands(other, after.SameTransaction).ChangeEmail(ctx, after.ChangeEmail{UserID: celeb, Email: "celeb@example.com"}); err != nil {
		t.Errorf("ChangeEmail waits on the follow storm: %v", err)
	}
	if _, err := after.NewQueries(other).Profile(ctx, celeb); err != nil {
		t.Errorf("Profile waits on the follow storm: %v", err)
	}
}

func TestInTxRetries(t *testing.T) {
	srv := dbtest.Server(t)
	c := dbtest.NewSchema(t, srv).Conn(t)
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	for _, tc := range []struct {
		code     string
		failures int
		want     int // attempts
		ok       bool
	}{
		{"40P01", 2, 3, true},
		{"40001", 1, 2, true},
		{"40001", 100, after.MaxAttempts, false},
		{"23505", 100, 1, false},
	} {
		attempts := 0
		err := after.InTx(ctx, c, func(pgx.Tx) error {
			attempts++
			if attempts <= tc.failures {
				return &pgconn.PgError{Code: tc.code}
			}
			return nil
		})
		if attempts != tc.want || (err == nil) != tc.ok {
			t.Errorf("%s failing %d times: %d attempts, err %v; want %d attempts, ok %v", tc.code, tc.failures, attempts, err, tc.want, tc.ok)
		}
	}
}
