package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	neturl "net/url"
	"strings"
	"testing"

	"github.com/cqrslint/cqrslint/demo/internal/pgserver"
	"github.com/jackc/pgx/v5"
)

// A role without CREATE on the database is refused at once, in one line
// that names the privilege and how to grant it.
func TestMissingCreatePrivilege(t *testing.T) {
	srv := Server(t)
	admin, err := pgx.ConnectConfig(t.Context(), srv.Config)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(context.Background())
	b := make([]byte, 4)
	rand.Read(b)
	role := "cqrsdemo_test_nocreate_" + hex.EncodeToString(b)
	if _, err := admin.Exec(t.Context(), "CREATE ROLE "+role+" LOGIN"); err != nil {
		t.Skipf("cannot create a role to test with: %v", err)
	}
	defer admin.Exec(context.Background(), "DROP ROLE "+role)
	url := (&neturl.URL{
		Scheme: "postgres", User: neturl.User(role), Host: srv.Addr(), Path: "/" + srv.Config.Database,
		RawQuery: "sslmode=disable&connect_timeout=5",
	}).String()
	_, err = pgserver.Start(t.Context(), pgserver.URL, url, t.Logf)
	switch {
	case err == nil:
		t.Skip("the new role has CREATE on the database (granted to PUBLIC here)")
	case strings.Contains(err.Error(), "password authentication") || strings.Contains(err.Error(), "no pg_hba.conf entry"):
		t.Skipf("the server does not let the new role in without a password: %v", err)
	}
	msg := err.Error()
	for _, want := range []string{"lacks the CREATE privilege on database", "GRANT CREATE ON DATABASE", role} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
	if strings.Contains(msg, "\n") {
		t.Errorf("error spans lines: %q", msg)
	}
}
