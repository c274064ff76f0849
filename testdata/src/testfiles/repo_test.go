package testfiles

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
)

func TestCards(t *testing.T) {
	var pool *pgxpool.Pool
	ctx := context.Background()
	fixture := Card{Title: "first"}
	if _, err := pool.Exec(ctx, `INSERT INTO cards (title) VALUES ($1)`, fixture.Title); err != nil {
		t.Fatal(err)
	}
	var c Card
	_ = pool.QueryRow(ctx, `SELECT c.id, c.title, (SELECT count(*) FROM votes v WHERE v.card_id = c.id) FROM cards c LIMIT 1`).Scan(&c.ID, &c.Title, &c.Votes)
	if _, err := Cards(ctx, pool); err != nil {
		t.Fatal(err)
	}
}
