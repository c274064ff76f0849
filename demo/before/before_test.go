package before_test

import (
	"testing"

	"github.com/cqrslint/cqrslint/demo/before"
	"github.com/cqrslint/cqrslint/demo/internal/dbtest"
	"github.com/cqrslint/cqrslint/demo/internal/seed"
)

func TestService(t *testing.T) {
	srv := dbtest.Server(t)
	d, err := seed.Generate(seed.Config{Users: 40, Posts: 300, Celebrities: 2, CelebrityPostShare: 0.3, CelebrityFollowerShare: 0.5, FollowsPerUser: 3, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	c := dbtest.NewSchema(t, srv).Conn(t)
	ctx := t.Context()
	if err := seed.Load(ctx, c.Conn, d); err != nil {
		t.Fatal(err)
	}
	s := before.New(c)
	posts, followers := d.PostCounts(), d.FollowerCounts()
	for _, id := range append(d.Celebrities(), d.Ordinary()[:5]...) {
		u, err := s.Profile(ctx, id)
		if err != nil || u.PostCount != posts[id] || u.FollowerCount != followers[id] {
			t.Errorf("Profile(%d) = %+v, %v; want %d posts, %d followers", id, u, err, posts[id], followers[id])
		}
	}

	u, err := s.Register(ctx, before.User{Email: "new@example.com", PasswordHash: "x", DisplayName: "New"})
	if err != nil || u.ID == 0 || u.Email != "new@example.com" || u.PostCount != 0 {
		t.Fatalf("Register = %+v, %v", u, err)
	}
	if u, err = s.Publish(ctx, u.ID, "hello"); err != nil || u.PostCount != 1 {
		t.Errorf("Publish = %+v, %v; want 1 post", u, err)
	}
	celeb := d.Celebrities()[0]
	for range 2 { // the second follow is a no-op
		f, err := s.Follow(ctx, u.ID, celeb)
		if err != nil || f.ID != celeb || f.FollowerCount != followers[celeb]+1 {
			t.Errorf("Follow = %+v, %v; want %d followers", f, err, followers[celeb]+1)
		}
	}
	if f, err := s.Unfollow(ctx, u.ID, celeb); err != nil || f.FollowerCount != followers[celeb] {
		t.Errorf("Unfollow = %+v, %v; want %d followers", f, err, followers[celeb])
	}
	if _, err := s.Register(ctx, before.User{Email: "NEW@example.com", PasswordHash: "x", DisplayName: "Twin"}); err == nil {
		t.Error("a second account with the same email (in another case) was registered")
	}
}
