package main

import (
	"net/url"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExplainURL checks the URL handed to cqrslint -explain: the server,
// the user, the schema as search_path, and a Unix socket kept as host.
func TestExplainURL(t *testing.T) {
	cfg, err := pgx.ParseConfig("postgres://demo:s3cret@127.0.0.1:5433/shop?sslmode=disable")
	require.NoError(t, err)
	u, err := explainURL(cfg, "cqrsdemo_x_before")
	require.NoError(t, err)
	back, err := pgx.ParseConfig(u)
	require.NoError(t, err)
	assert.Equal(t, "127.0.0.1", back.Host)
	assert.EqualValues(t, 5433, back.Port)
	assert.Equal(t, "shop", back.Database)
	assert.Equal(t, "demo", back.User)
	assert.Equal(t, "s3cret", back.Password)
	assert.Equal(t, "cqrsdemo_x_before", back.RuntimeParams["search_path"])

	cfg, err = pgx.ParseConfig("host=/tmp/pgsock port=5432 user=postgres dbname=postgres")
	require.NoError(t, err)
	u, err = explainURL(cfg, "s")
	require.NoError(t, err)
	parsed, err := url.Parse(u)
	require.NoError(t, err)
	assert.Equal(t, "/tmp/pgsock", parsed.Query().Get("host"))
	back, err = pgx.ParseConfig(u)
	require.NoError(t, err)
	assert.Equal(t, "/tmp/pgsock", back.Host)
}
