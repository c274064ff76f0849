package synth

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// tree reads every file under dir.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[rel] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestDeterministic(t *testing.T) {
	gen := func(seed uint64) (map[string][]byte, *Summary, string) {
		dir := t.TempDir()
		sum, err := Generate(dir, Config{Packages: 40, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		return tree(t, dir), sum, dir
	}
	a, sum, dir := gen(7)
	b, _, _ := gen(7)
	c, _, _ := gen(8)
	if len(a) != len(b) {
		t.Fatalf("same seed, %d files then %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("same seed, %s differs", name)
		}
	}
	same := len(a) == len(c)
	for name, data := range a {
		same = same && bytes.Equal(data, c[name])
	}
	if same {
		t.Error("seeds 7 and 8 generated the same module")
	}

	if got := sum.Layout.Total(); got != 40 {
		t.Errorf("layout has %d packages, want 40", got)
	}
	if sum.Files != len(a)-1 { // every package has one file, plus go.mod
		t.Errorf("summary says %d Go files, the tree has %d files besides go.mod", sum.Files, len(a)-1)
	}
	wants, err := Wants(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(wants) != sum.Wants || len(wants) == 0 {
		t.Errorf("Wants found %d markers, the summary counted %d", len(wants), sum.Wants)
	}
	for _, f := range []string{"pgx", "sql", "sqlx", "sqlc"} {
		if sum.Flavors[f] == 0 {
			t.Errorf("no %s repository in 40 packages", f)
		}
	}
}

func TestSizes(t *testing.T) {
	for _, n := range []int{6, 7, 10, 100, 400} {
		l, err := layout(n)
		if err != nil {
			t.Fatal(err)
		}
		if l.Total() != n || l.Util < 1 || l.Domain < 1 || l.Repo < 1 || l.Service < 1 || l.Handler < 1 || l.Main != 1 {
			t.Errorf("layout(%d) = %+v", n, l)
		}
	}
	if _, err := layout(5); err == nil {
		t.Error("layout(5): no error")
	}
	if _, err := Generate(t.TempDir(), Config{Packages: 3}); err == nil {
		t.Error("Generate with 3 packages: no error")
	}
}
