// Package rowhelp exports scan helpers; their scans are facts.
package rowhelp

import "github.com/jackc/pgx/v5"

type User struct {
	ID        int64
	Email     string
	PostCount int64
}

// ScanUser scans a user by position.
func ScanUser(row pgx.Row) (User, error) {
	var u User
	err := row.Scan(&u.ID, &u.Email, &u.PostCount)
	return u, err
}

type Item struct {
	ID    int64  `db:"id"`
	Name  string `db:"name"`
	Likes int64  `db:"likes"`
}

// ScanItems scans items by name.
func ScanItems(rows pgx.Rows) ([]Item, error) {
	return pgx.CollectRows(rows, pgx.RowToStructByName[Item])
}
