package main

import (
	"context"
	"fmt"

	"github.com/cqrslint/cqrslint/demo/after"
	"github.com/cqrslint/cqrslint/demo/before"
)

// app is one side of the demo as the benchmarks drive it.
type app interface {
	register(ctx context.Context, email string) (int64, error)
	post(ctx context.Context, author int64) error
	follow(ctx context.Context, follower, followee int64) error
	unfollow(ctx context.Context, follower, followee int64) error
	profile(ctx context.Context, id int64) error
}

// db is what both sides need; *dbx.Conn, *pgxpool.Pool and explainTx
// provide it.
type db interface {
	before.DB
	after.DB
}

// newApp returns side name's service on db.
func newApp(name string, db db, counting after.Counting) app {
	if name == "before" {
		return beforeApp{before.New(db)}
	}
	return afterApp{after.NewCommands(db, counting), after.NewQueries(db)}
}

const postBody = "a post written during the benchmark"

type beforeApp struct{ s *before.Service }

func (a beforeApp) register(ctx context.Context, email string) (int64, error) {
	u, err := a.s.Register(ctx, before.User{Email: email, PasswordHash: passwordHash, DisplayName: displayName(email)})
	return u.ID, err
}

func (a beforeApp) post(ctx context.Context, author int64) error {
	_, err := a.s.Publish(ctx, author, postBody)
	return err
}

func (a beforeApp) follow(ctx context.Context, follower, followee int64) error {
	_, err := a.s.Follow(ctx, follower, followee)
	return err
}

func (a beforeApp) unfollow(ctx context.Context, follower, followee int64) error {
	_, err := a.s.Unfollow(ctx, follower, followee)
	return err
}

func (a beforeApp) profile(ctx context.Context, id int64) error {
	_, err := a.s.Profile(ctx, id)
	return err
}

type afterApp struct {
	c *after.Commands
	q *after.Queries
}

func (a afterApp) register(ctx context.Context, email string) (int64, error) {
	return a.c.RegisterUser(ctx, after.RegisterUser{Email: email, PasswordHash: passwordHash, DisplayName: displayName(email)})
}

func (a afterApp) post(ctx context.Context, author int64) error {
	_, err := a.c.PublishPost(ctx, after.PublishPost{AuthorID: author, Body: postBody})
	return err
}

func (a afterApp) follow(ctx context.Context, follower, followee int64) error {
	return a.c.FollowUser(ctx, after.FollowUser{FollowerID: follower, FolloweeID: followee})
}

func (a afterApp) unfollow(ctx context.Context, follower, followee int64) error {
	return a.c.UnfollowUser(ctx, after.UnfollowUser{FollowerID: follower, FolloweeID: followee})
}

func (a afterApp) profile(ctx context.Context, id int64) error {
	_, err := a.q.Profile(ctx, id)
	return err
}

// passwordHash is a bcrypt-sized stand-in: the demo never logs anyone in.
const passwordHash = "$2a$10$0123456789012345678901uDemoDemoDemoDemoDemoDemoDemoDemo"

func displayName(email string) string { return fmt.Sprintf("New user %s", email) }
