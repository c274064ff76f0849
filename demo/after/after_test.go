package after_test

import (
	"errors"
	"testing"

	"github.com/cqrslint/cqrslint/demo/after"
	"github.com/cqrslint/cqrslint/demo/internal/dbtest"
	"github.com/cqrslint/cqrslint/demo/internal/pgserver"
	"github.com/jackc/pgx/v5/pgconn"
)

func TestAfter(t *testing.T) {
	srv := dbtest.Server(t)
	t.Run("commands and profile", func(t *testing.T) {
		t.Parallel()
		testCommands(t, srv)
	})
	t.Run("statements sent", func(t *testing.T) {
		t.Parallel()
		testStatements(t, srv)
	})
	t.Run("concurrent writers keep the read model exact", func(t *testing.T) {
		t.Parallel()
		testConcurrent(t, srv, after.SameTransaction, false)
	})
	t.Run("concurrent writers on a pgxpool.Pool keep the read model exact", func(t *testing.T) {
		t.Parallel()
		testConcurrent(t, srv, after.SameTransaction, true)
	})
	t.Run("deferred counting is exact after Fold", func(t *testing.T) {
		t.Parallel()
		testConcurrent(t, srv, after.Deferred, false)
	})
	t.Run("reconcile repairs drift", func(t *testing.T) {
		t.Parallel()
		testReconcile(t, srv)
	})
	t.Run("a follow storm does not block ChangeEmail", func(t *testing.T) {
		t.Parallel()
		testHotRowLocks(t, srv)
	})
}

func testCommands(t *testing.T, srv *pgserver.Server) {
	_, c, d := newSchema(t, srv, small())
	ctx := t.Context()
	cmd, q := after.NewCommands(c, after.SameTransaction), after.NewQueries(c)
	assertTruth(t, c)

	id, err := cmd.RegisterUser(ctx, after.RegisterUser{Email: "new@example.com", PasswordHash: "x", DisplayName: "New"})
	if err != nil {
		t.Fatal(err)
	}
	celeb := d.Celebrities()[0]
	before, err := q.Profile(ctx, celeb)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cmd.PublishPost(ctx, after.PublishPost{AuthorID: id, Body: "hello"}); err != nil {
		t.Fatal(err)
	}
	for range 2 { // the second follow is a no-op
		if err := cmd.FollowUser(ctx, after.FollowUser{FollowerID: id, FolloweeID: celeb}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := q.Profile(ctx, id)
	want := after.UserProfile{ID: id, DisplayName: "New", PostCount: 1}
	if err != nil || got != want {
		t.Errorf("Profile(new) = %+v, %v; want %+v", got, err, want)
	}
	if got, err := q.Profile(ctx, celeb); err != nil || got.FollowerCount != before.FollowerCount+1 {
		t.Errorf("celebrity followers = %d, %v; want %d", got.FollowerCount, err, before.FollowerCount+1)
	}
	for range 2 { // the second unfollow is a no-op
		if err := cmd.UnfollowUser(ctx, after.UnfollowUser{FollowerID: id, FolloweeID: celeb}); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := q.Profile(ctx, celeb); err != nil || got != before {
		t.Errorf("after unfollow: %+v, %v; want %+v", got, err, before)
	}
	if err := cmd.ChangeEmail(ctx, after.ChangeEmail{UserID: id, Email: "other@example.com"}); err != nil {
		t.Error(err)
	}
	if err := cmd.ChangeEmail(ctx, after.ChangeEmail{UserID: -1, Email: "x@example.com"}); !errors.Is(err, after.ErrNotFound) {
		t.Errorf("ChangeEmail(unknown) = %v; want ErrNotFound", err)
	}
	if _, err := q.Profile(ctx, -1); !errors.Is(err, after.ErrNotFound) {
		t.Errorf("Profile(unknown) = %v; want ErrNotFound", err)
	}
	_, err = cmd.RegisterUser(ctx, after.RegisterUser{Email: "user1@example.com", PasswordHash: "x", DisplayName: "Twin"})
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "23505" {
		t.Errorf("duplicate email: %v; want unique violation", err)
	}
	assertTruth(t, c)
}
