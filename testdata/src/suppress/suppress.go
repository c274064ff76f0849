// Package suppress covers //cqrslint:ignore.
package suppress

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

func Touch(ctx context.Context, pool *pgxpool.Pool, id int64) (User, error) { // want Touch:`writes UPDATE users \(suppress\.go:19\)`
	if _, err := pool.Exec(ctx, `UPDATE users SET seen_at = now() WHERE id = $1`, id); err != nil {
		return User{}, err
	}
	var u User
	//cqrslint:ignore god-struct -- the response needs the count, measured cheap
	err := pool.QueryRow(ctx, q, id).Scan(&u.ID, &u.Email, &u.PostCount)
	if err != nil {
		return u, err
	}
	err = pool.QueryRow(ctx, q, id).Scan(&u.ID, &u.Email, &u.PostCount) //cqrslint:ignore god-struct
	if err != nil {
		return u, err
	}
	// A suppression for another rule does not hide this one.
	//cqrslint:ignore unused-computed -- wrong rule
	err = pool.QueryRow(ctx, q, id).Scan(&u.ID, &u.Email, &u.PostCount) // want `User mixes stored fields`
	return u, err
}
