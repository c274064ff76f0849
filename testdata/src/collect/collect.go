// Package collect covers pgx's generic row functions, ForEachRow and
// batches.
package collect

import (
	"context"

	"github.com/jackc/pgx/v5"
)

type Board struct {
	ID       int64  `db:"board_id"`
	Title    string `db:"title"`
	Rank     int64  `db:"rank"`
	Comments int64
}

func Reorder(ctx context.Context, conn *pgx.Conn, id int64) ([]*Board, error) { // want Reorder:`writes UPDATE boards \(collect\.go:19\)`
	if _, err := conn.Exec(ctx, `UPDATE boards SET position = position + 1 WHERE id = $1`, id); err != nil {
		return nil, err
	}
	rows, err := conn.Query(ctx, `SELECT b.id AS board_id, b.title, rank() OVER (ORDER BY b.position) AS rank, 0 AS comments FROM boards b`) // want `Board mixes stored fields \(ID, Title\) with computed fields \(Rank: window function\) on write path Reorder \(collect.go:19\)`
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToAddrOfStructByName[Board])
}

func ByPos(ctx context.Context, tx pgx.Tx, id int64) (Board, error) { // want ByPos:`writes UPDATE boards \(collect\.go:30\)`
	if _, err := tx.Exec(ctx, `UPDATE boards SET viewed_at = now() WHERE id = $1`, id); err != nil {
		return Board{}, err
	}
	rows, err := tx.Query(ctx, `SELECT b.id, b.title, 0, (SELECT count(*) FROM comments c WHERE c.board_id = b.id) FROM boards b WHERE b.id = $1`, id) // want `Board mixes stored fields \(ID, Title\) with computed fields \(Comments: subquery\) on write path ByPos \(collect.go:30\)`
	if err != nil {
		return Board{}, err
	}
	return pgx.CollectOneRow(rows, pgx.RowToStructByPos[Board])
}

func Each(ctx context.Context, conn *pgx.Conn) error { // want Each:`writes DELETE FROM boards \(collect\.go:41\)`
	if _, err := conn.Exec(ctx, `DELETE FROM boards WHERE archived`); err != nil {
		return err
	}
	var b Board
	rows, _ := conn.Query(ctx, `SELECT b.id, b.title, (SELECT count(*) FROM comments c WHERE c.board_id = b.id) FROM boards b`) // want `Board mixes stored fields \(ID, Title\) with computed fields \(Comments: subquery\) on write path Each \(collect.go:41\)`
	_, err := pgx.ForEachRow(rows, []any{&b.ID, &b.Title, &b.Comments}, func() error { return nil })
	return err
}

func Batch(ctx context.Context, conn *pgx.Conn, id int64) (Board, error) { // want Batch:`writes UPDATE boards \(collect\.go:53\)`
	var b Board
	batch := &pgx.Batch{}
	batch.Queue(`UPDATE boards SET hits = hits + 1 WHERE id = $1`, id)
	batch.Queue(`SELECT b.id, b.title, count(c.id) FROM boards b JOIN comments c ON c.board_id = b.id WHERE b.id = $1 GROUP BY b.id`, id).QueryRow(func(row pgx.Row) error { // want `Board mixes stored fields \(ID, Title\) with computed fields \(Comments: aggregate\) on write path Batch \(collect.go:53\)`
		return row.Scan(&b.ID, &b.Title, &b.Comments)
	})
	return b, conn.SendBatch(ctx, batch).Close()
}
