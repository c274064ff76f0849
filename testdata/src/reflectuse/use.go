// Package reflectuse calls another package's reflection-based Get: its // want package:`writes reflectuse\.Badge\.Name`
// fact says the destination is filled by db tag.
package reflectuse

import (
	"context"
	"database/sql"

	"reflectget"
)

type Badge struct {
	ID      int64  `db:"id"`
	Name    string `db:"name"`
	Holders int    `db:"holders"`
}

// Rename writes the badge, then reloads it with its holder count.
func Rename(ctx context.Context, db *sql.DB, s *reflectget.Store, b *Badge) error { // want Rename:`writes UPDATE badges \(use\.go:20\)`
	if _, err := db.ExecContext(ctx, `UPDATE badges SET name = $1 WHERE id = $2`, b.Name, b.ID); err != nil {
		return err
	}
	return s.Get(ctx, b, `SELECT b.id, b.name, (SELECT count(*) FROM holders h WHERE h.badge_id = b.id) AS holders FROM badges b WHERE b.id = $1`, b.ID) // want `Badge mixes stored fields \(ID, Name\) with computed fields \(Holders: subquery\)`
}
