// Package passthruuse calls another package's pass-through: its fact
// says the text comes back rebound.
package passthruuse

import (
	"context"

	"github.com/jmoiron/sqlx"
	"passthru"
)

type Team struct {
	ID      int64  `db:"id"`
	Name    string `db:"name"`
	Members int    `db:"members"`
}

func Rename(ctx context.Context, db *sqlx.DB, s *passthru.Store, id int64, name string) (Team, error) { // want Rename:`writes UPDATE teams \(use\.go:20\)`
	var t Team
	db.MustExec(s.Bind(`UPDATE teams SET name = ? WHERE id = ?`), name, id)
	err := db.GetContext(ctx, &t, s.Bind(`SELECT t.id, t.name, (SELECT count(*) FROM members m WHERE m.team_id = t.id) AS members FROM teams t WHERE t.id = ?`), id) // want `Team mixes stored fields \(ID, Name\) with computed fields \(Members: subquery\) on write path Rename`
	return t, err
}
