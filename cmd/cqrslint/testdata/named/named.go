// Package named keeps its SQL outside Go strings: an embedded file, and
// named queries in queries/*.sql that the program loads at run time into
// the tagged fields of Queries.
package named

import (
	"database/sql"
	_ "embed"
)

type User struct {
	ID        int64
	Name      string
	PostCount int64
}

type Queries struct {
	GetUser    *sql.Stmt `query:"get-user"`
	RenameUser *sql.Stmt `query:"rename-user"`
}

//go:embed sql/get_user.sql
var getUserSQL string

// Rename is read only with -sqlfiles=queries/*.sql.
func Rename(q *Queries, id int64, name string) (User, error) {
	if _, err := q.RenameUser.Exec(name, id); err != nil {
		return User{}, err
	}
	var u User
	err := q.GetUser.QueryRow(id).Scan(&u.ID, &u.Name, &u.PostCount)
	return u, err
}

// Touch reads the embedded file.
func Touch(db *sql.DB, id int64) (User, error) {
	if _, err := db.Exec("UPDATE users SET seen_at = now() WHERE id = $1", id); err != nil {
		return User{}, err
	}
	var u User
	err := db.QueryRow(getUserSQL, id).Scan(&u.ID, &u.Name, &u.PostCount)
	return u, err
}
