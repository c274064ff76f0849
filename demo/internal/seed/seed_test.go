package seed

import (
	"reflect"
	"slices"
	"testing"
)

func TestGenerateIsDeterministic(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Users, cfg.Posts = 2000, 20_000
	a, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Generate(cfg)
	if !reflect.DeepEqual(a, b) {
		t.Error("the same config gave different data")
	}
	cfg.Seed++
	c, _ := Generate(cfg)
	if reflect.DeepEqual(a.postAuthors, c.postAuthors) {
		t.Error("another seed gave the same posts")
	}
}

func TestGenerateSkew(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Users, cfg.Posts = 5000, 50_000
	d, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	posts, followers := d.PostCounts(), d.FollowerCounts()
	celebPosts := int64(0)
	for _, c := range d.Celebrities() {
		celebPosts += posts[c]
		if want := int64(float64(cfg.Users) * cfg.CelebrityFollowerShare); followers[c] < want-1 || followers[c] > want+int64(cfg.Users/100) {
			t.Errorf("celebrity %d has %d followers; want about %d", c, followers[c], want)
		}
	}
	if got, want := float64(celebPosts)/float64(cfg.Posts), cfg.CelebrityPostShare; got < want-0.001 || got > want+0.001 {
		t.Errorf("celebrities hold %.3f of the posts; want %.3f", got, want)
	}
	var ordinary []int64
	for _, u := range d.Ordinary() {
		ordinary = append(ordinary, posts[u])
	}
	slices.Sort(ordinary)
	median, top := ordinary[len(ordinary)/2], ordinary[len(ordinary)-1]
	if median > 10 || top < 5*median {
		t.Errorf("ordinary users' posts: median %d, top %d; want a few with a long tail", median, top)
	}
	seen := map[[2]int64]bool{}
	for _, f := range d.follows {
		if f[0] == f[1] || seen[f] || f[0] < 1 || f[1] > int64(cfg.Users) {
			t.Fatalf("bad follow %v", f)
		}
		seen[f] = true
	}
}

func TestValidate(t *testing.T) {
	for _, c := range []Config{
		{Users: -1},
		{Users: 3, Celebrities: 4},
		{Users: 10, Posts: 10, Celebrities: 1, CelebrityPostShare: 1.5},
		{Users: 10, Posts: 10, CelebrityPostShare: 0.2},
	} {
		if c.Validate() == nil {
			t.Errorf("Validate(%+v) = nil; want an error", c)
		}
	}
	if err := DefaultConfig().Validate(); err != nil {
		t.Error(err)
	}
	if _, err := Generate(Config{}); err != nil {
		t.Errorf("empty data set: %v", err)
	}
}
