package main

import (
	"io"
	"testing"

	"github.com/cqrslint/cqrslint/demo/after"
	"github.com/cqrslint/cqrslint/demo/before"
	"github.com/cqrslint/cqrslint/demo/internal/dbtest"
	"github.com/cqrslint/cqrslint/demo/internal/dbx"
	"github.com/cqrslint/cqrslint/demo/internal/seed"
)

// TestParity seeds both sides as the demo does and checks that they show
// the same profile for every user, before and after the same writes.
func TestParity(t *testing.T) {
	srv := dbtest.Server(t)
	cfg := seed.Config{Users: 300, Posts: 3000, Celebrities: 3, CelebrityPostShare: 0.2, CelebrityFollowerShare: 0.3, FollowsPerUser: 4, Seed: 11}
	env, err := setup(t.Context(), srv, cfg, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := env.close(); err != nil {
			t.Error(err)
		}
	})
	conns := make([]*dbx.Conn, 2)
	for i, s := range env.sides() {
		c, err := dbx.Connect(t.Context(), srv.Config, s.schema)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		conns[i] = c
	}
	b, q := before.New(conns[0]), after.NewQueries(conns[1])
	compare := func(ids ...int64) {
		t.Helper()
		for _, id := range ids {
			u, err := b.Profile(t.Context(), id)
			if err != nil {
				t.Fatal(err)
			}
			p, err := q.Profile(t.Context(), id)
			if err != nil {
				t.Fatal(err)
			}
			if want := (after.UserProfile{ID: u.ID, DisplayName: u.DisplayName, Bio: u.Bio, PostCount: u.PostCount, FollowerCount: u.FollowerCount}); p != want {
				t.Errorf("user %d: after shows %+v, before %+v", id, p, want)
			}
		}
	}
	var all []int64
	for id := int64(1); id <= int64(cfg.Users); id++ {
		all = append(all, id)
	}
	compare(all...)

	// The same writes on both sides, through the demo's adapters.
	celebs, ordinary := env.data.Celebrities(), env.data.Ordinary()
	ids := make([]int64, 2)
	for i, s := range env.sides() {
		a := newApp(s.name, conns[i], after.SameTransaction)
		id, err := a.register(t.Context(), "parity@example.com")
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = id
		for _, err := range []error{
			a.post(t.Context(), id),
			a.post(t.Context(), celebs[0]),
			a.follow(t.Context(), id, celebs[1]),
			a.follow(t.Context(), id, ordinary[0]),
			a.follow(t.Context(), ordinary[1], id),
			a.unfollow(t.Context(), id, ordinary[0]),
		} {
			if err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
		}
	}
	if ids[0] != ids[1] {
		t.Fatalf("registration gave id %d before, %d after", ids[0], ids[1])
	}
	compare(append(all, ids[0])...)
	if n, err := after.Drift(t.Context(), conns[1]); err != nil || n != 0 {
		t.Errorf("Drift = %d, %v", n, err)
	}
}
