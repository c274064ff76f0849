package main

import (
	"io"
	"strings"
	"testing"
	"time"

	"github.com/cqrslint/cqrslint/demo/after"
	"github.com/cqrslint/cqrslint/demo/internal/dbtest"
	"github.com/cqrslint/cqrslint/demo/internal/dbx"
	"github.com/cqrslint/cqrslint/demo/internal/seed"
)

// TestLoadSteps runs the hot-row and mixed-load steps, briefly, on a small
// data set: their pools, the writers and requests sharing them, and the
// after side's read model, exact when they are done.
func TestLoadSteps(t *testing.T) {
	srv := dbtest.Server(t)
	if !srv.Loopback() {
		t.Skip("the load steps run only on a server on this machine")
	}
	cfg := config{
		seed:       seed.Config{Users: 300, Posts: 3000, Celebrities: 3, CelebrityPostShare: 0.2, CelebrityFollowerShare: 0.3, FollowsPerUser: 4, Seed: 5},
		hotWriters: 4, hotFor: 150 * time.Millisecond,
		mixedRates: []int{300}, mixedFor: 300 * time.Millisecond, mixedConns: 3,
		mixedRepeats: 2, readObjective: 50 * time.Millisecond,
	}
	env, err := setup(t.Context(), srv, cfg.seed, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := env.close(); err != nil {
			t.Error(err)
		}
	})
	var out strings.Builder
	if err := hotRow(t.Context(), env, cfg, &out); err != nil {
		t.Fatalf("hot row: %v\n%s", err, &out)
	}
	if !strings.Contains(out.String(), "truth: 0 users differ") {
		t.Errorf("hot row: the read model drifted:\n%s", &out)
	}
	out.Reset()
	if err := mixedLoad(t.Context(), env, cfg, &out); err != nil {
		t.Fatalf("mixed load: %v\n%s", err, &out)
	}
	for _, want := range []string{"pool of 3 connections per side", "conn wait", "before:", "after:", "ABBA", "2 time(s)"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("mixed load output lacks %q:\n%s", want, &out)
		}
	}
	if strings.Contains(out.String(), "errors (") || strings.Contains(out.String(), "reopened") {
		t.Errorf("mixed load had errors or lost connections:\n%s", &out)
	}
	t.Log(&out)
	c, err := dbx.Connect(t.Context(), srv.Config, env.after.schema)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if n, err := after.Drift(t.Context(), c); err != nil || n != 0 {
		t.Errorf("after the mixed load, Drift = %d, %v; want 0", n, err)
	}
}
