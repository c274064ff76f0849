package dbx_test

import (
	"testing"

	"github.com/cqrslint/cqrslint/demo/internal/dbtest"
	"github.com/jackc/pgx/v5/pgxpool"
)

// TestNewPool checks that every connection of a pool is open when
// NewPool returns, and that each lives in the schema.
func TestNewPool(t *testing.T) {
	srv := dbtest.Server(t)
	s := dbtest.NewSchema(t, srv)
	const size = 3
	p := s.Pool(t, size)
	if st := p.Stat(); st.TotalConns() != size || st.IdleConns() != size || st.NewConnsCount() != size {
		t.Errorf("new pool: %d connections, %d idle, %d opened; want %d of each", st.TotalConns(), st.IdleConns(), st.NewConnsCount(), size)
	}
	var held []*pgxpool.Conn
	defer func() {
		for _, c := range held {
			c.Release()
		}
	}()
	for range size {
		c, err := p.Acquire(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
		var path string
		if err := c.QueryRow(t.Context(), "SHOW search_path").Scan(&path); err != nil {
			t.Fatal(err)
		}
		if path != s.Name {
			t.Errorf("search_path = %q; want %q", path, s.Name)
		}
	}
	if st := p.Stat(); st.NewConnsCount() != size {
		t.Errorf("acquiring %d connections opened %d more; want none", size, st.NewConnsCount()-size)
	}
}
