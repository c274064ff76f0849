// Package directives covers the checks of //cqrslint:ignore comments
// themselves, without -strict.
package directives

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"
)

type User struct {
	ID        int64
	Email     string
	PostCount int64
}

const q = `SELECT u.id, u.email, (SELECT count(*) FROM posts p WHERE p.author_id = u.id) FROM users u WHERE u.id = $1`

func Touch(ctx context.Context, pool *pgxpool.Pool, id int64) (User, error) { // want Touch:`writes UPDATE users \(directives\.go:20\)`
	if _, err := pool.Exec(ctx, `UPDATE users SET seen_at = now() WHERE id = $1`, id); err != nil {
		return User{}, err
	}
	var u User
	// A misspelt rule name is reported on the comment and hides nothing.
	//cqrslint:ignore god-strct -- typo // want `unknown rule "god-strct" in //cqrslint:ignore \(known: god-struct, unused-computed, ignore-directive\); this comment suppresses nothing for it`
	err := pool.QueryRow(ctx, q, id).Scan(&u.ID, &u.Email, &u.PostCount) // want `User mixes stored fields`
	return u, err
}

// An ignore that suppresses nothing is reported only with -strict.
func Email(ctx context.Context, pool *pgxpool.Pool, id int64) (string, error) {
	var email string
	//cqrslint:ignore god-struct -- the counts were dropped since
	err := pool.QueryRow(ctx, `SELECT email FROM users WHERE id = $1`, id).Scan(&email)
	return email, err
}

//cqrslint:ignore -- no rule named // want `//cqrslint:ignore names no rule; write //cqrslint:ignore god-struct -- reason`
var _ = 0
