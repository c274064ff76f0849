// Package apis exercises every database API in the analyzer's knowledge
// table once: each read API loads a god struct on a write path, each
// write API makes a write path for a god read.
package apis

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
)

type Item struct {
	ID    int64  `db:"id"`
	Name  string `db:"name"`
	Likes int64  `db:"likes"`
}

const god = `SELECT i.id, i.name, (SELECT count(*) FROM likes l WHERE l.item_id = i.id) AS likes FROM items i WHERE i.id = $1`
const godQ = `SELECT i.id, i.name, (SELECT count(*) FROM likes l WHERE l.item_id = i.id) AS likes FROM items i WHERE i.id = ?`
const touch = `UPDATE items SET touched_at = now() WHERE id = $1`

var ctx = context.Background()

// database/sql: *DB, *Tx, *Conn reads.

func SQLDBQuery(db *sql.DB, it *Item) { // want SQLDBQuery:`writes UPDATE items \(apis\.go:30\)`
	db.Exec(touch, 1)
	rows, _ := db.Query(god, 1) // want `Item mixes .* on write path SQLDBQuery \(apis.go:\d+\)`
	for rows.Next() {
		rows.Scan(&it.ID, &it.Name, &it.Likes)
	}
}

func SQLTxQueryContext(tx *sql.Tx, it *Item) { // want SQLTxQueryContext:`writes UPDATE items \(apis\.go:38\)`
	tx.ExecContext(ctx, touch, 1)
	rows, _ := tx.QueryContext(ctx, god, 1) // want `Item mixes .* on write path SQLTxQueryContext`
	rows.Scan(&it.ID, &it.Name, &it.Likes)
}

func SQLConnQueryRowContext(c *sql.Conn, it *Item) { // want SQLConnQueryRowContext:`writes UPDATE items \(apis\.go:44\)`
	c.ExecContext(ctx, touch, 1)
	c.QueryRowContext(ctx, god, 1).Scan(&it.ID, &it.Name, &it.Likes) // want `Item mixes .* on write path SQLConnQueryRowContext`
}

func SQLTxQueryRow(tx *sql.Tx, it *Item) { // want SQLTxQueryRow:`writes UPDATE items \(apis\.go:49\)`
	tx.Exec(touch, 1)
	tx.QueryRow(god, 1).Scan(&it.ID, &it.Name, &it.Likes) // want `Item mixes .* on write path SQLTxQueryRow`
}

func SQLStmt(db *sql.DB, it *Item) { // want SQLStmt:`writes UPDATE items \(apis\.go:55\)`
	up, _ := db.PrepareContext(ctx, touch)
	up.Exec(1)
	sel, _ := db.Prepare(god)
	sel.QueryRow(1).Scan(&it.ID, &it.Name, &it.Likes) // want `Item mixes .* on write path SQLStmt`
	rows, _ := sel.QueryContext(ctx, 1) // the same statement on the same write path: reported once
	rows.Scan(&it.ID, &it.Name, &it.Likes)
}

// pgx: *Conn, Tx, *pgxpool.Pool, *pgxpool.Conn, *pgxpool.Tx.

func PgxConn(c *pgx.Conn, it *Item) { // want PgxConn:`writes UPDATE items \(apis\.go:65\)`
	c.Exec(ctx, touch, 1)
	c.QueryRow(ctx, god, 1).Scan(&it.ID, &it.Name, &it.Likes) // want `Item mixes .* on write path PgxConn`
}

func PgxTx(tx pgx.Tx, it *Item) { // want PgxTx:`writes UPDATE items \(apis\.go:70\)`
	tx.Exec(ctx, touch, 1)
	rows, _ := tx.Query(ctx, god, 1) // want `Item mixes .* on write path PgxTx`
	for rows.Next() {
		rows.Scan(&it.ID, &it.Name, &it.Likes)
	}
}

func PoolConn(p *pgxpool.Pool, it *Item) { // want PoolConn:`writes UPDATE items \(apis\.go:80\)`
	c, _ := p.Acquire(ctx)
	defer c.Release()
	c.Exec(ctx, touch, 1)
	c.QueryRow(ctx, god, 1).Scan(&it.ID, &it.Name, &it.Likes) // want `Item mixes .* on write path PoolConn`
}

func PoolTx(tx *pgxpool.Tx, it *Item) { // want PoolTx:`writes UPDATE items \(apis\.go:85\)`
	tx.Exec(ctx, touch, 1)
	rows, _ := tx.Query(ctx, god, 1) // want `Item mixes .* on write path PoolTx`
	pgx.CollectExactlyOneRow(rows, pgx.RowToStructByNameLax[Item])
}

func PoolBeginTx(p *pgxpool.Pool) { // want PoolBeginTx:`writes UPDATE items \(apis\.go:92\)`
	tx, _ := p.Begin(ctx)
	tx.Exec(ctx, touch, 1)
	rows, _ := tx.Query(ctx, god, 1) // want `Item mixes .* on write path PoolBeginTx`
	pgx.CollectRows(rows, pgx.RowToAddrOfStructByNameLax[Item])
}

func PgxByPosAddr(p *pgxpool.Pool) { // want PgxByPosAddr:`writes UPDATE items \(apis\.go:98\)`
	p.Exec(ctx, touch, 1)
	rows, _ := p.Query(ctx, god, 1) // want `Item mixes .* on write path PgxByPosAddr`
	pgx.CollectOneRow(rows, pgx.RowToAddrOfStructByPos[Item])
}

func PgxBatchQuery(c *pgx.Conn, it *Item) { // want PgxBatchQuery:`writes UPDATE items \(apis\.go:105\)`
	b := &pgx.Batch{}
	b.Queue(touch, 1)
	b.Queue(god, 1).Query(func(rows pgx.Rows) error { // want `Item mixes .* on write path PgxBatchQuery`
		return rows.Scan(&it.ID, &it.Name, &it.Likes)
	})
}

func PgxBeginTxFunc(p *pgxpool.Pool, it *Item) { // want PgxBeginTxFunc:`writes UPDATE items \(apis\.go:112\)`
	pgx.BeginTxFunc(ctx, p, pgx.TxOptions{}, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, touch, 1)
		return err
	})
	p.QueryRow(ctx, god, 1).Scan(&it.ID, &it.Name, &it.Likes) // want `Item mixes .* on write path PgxBeginTxFunc`
}

// sqlx.

func SqlxGet(db *sqlx.DB) { // want SqlxGet:`writes UPDATE items \(apis\.go:122\)`
	db.MustExecContext(ctx, touch, 1)
	var it Item
	db.Get(&it, god, 1) // want `Item mixes .* on write path SqlxGet`
}

func SqlxTxSelect(tx *sqlx.Tx) { // want SqlxTxSelect:`writes UPDATE items \(apis\.go:128\)`
	tx.MustExec(touch, 1)
	var items []*Item
	tx.Select(&items, god, 1) // want `Item mixes .* on write path SqlxTxSelect`
}

func SqlxTxGetContext(tx *sqlx.Tx) { // want SqlxTxGetContext:`writes UPDATE items \(apis\.go:134\)`
	tx.ExecContext(ctx, touch, 1)
	var it Item
	tx.GetContext(ctx, &it, tx.Rebind(godQ), 1) // want `Item mixes .* on write path SqlxTxGetContext`
}

func SqlxSelectPkg(db *sqlx.DB) { // want SqlxSelectPkg:`writes UPDATE items \(apis\.go:140\)`
	sqlx.NamedExecContext(ctx, db, `UPDATE items SET touched_at = now() WHERE id = :id`, map[string]any{"id": 1})
	var items []Item
	sqlx.Select(db, &items, god, 1) // want `Item mixes .* on write path SqlxSelectPkg`
}

func SqlxGetPkg(db *sqlx.DB) { // want SqlxGetPkg:`writes UPDATE items \(apis\.go:146\)`
	sqlx.NamedExec(db, `UPDATE items SET touched_at = now() WHERE id = :id`, map[string]any{"id": 1})
	var it Item
	sqlx.Get(db, &it, god, 1) // want `Item mixes .* on write path SqlxGetPkg`
}

func SqlxQueryRowx(db *sqlx.DB) { // want SqlxQueryRowx:`writes UPDATE items \(apis\.go:152\)`
	db.NamedExecContext(ctx, `UPDATE items SET touched_at = now() WHERE id = :id`, map[string]any{"id": 1})
	var it Item
	db.QueryRowx(god, 1).StructScan(&it) // want `Item mixes .* on write path SqlxQueryRowx`
}

func SqlxQueryRowxContext(tx *sqlx.Tx) { // want SqlxQueryRowxContext:`writes UPDATE items \(apis\.go:158\)`
	tx.NamedExec(`UPDATE items SET touched_at = now() WHERE id = :id`, map[string]any{"id": 1})
	var it Item
	row := tx.QueryRowxContext(ctx, god, 1) // want `Item mixes .* on write path SqlxQueryRowxContext`
	row.StructScan(&it)
}

func SqlxQueryxContext(db *sqlx.DB) { // want SqlxQueryxContext:`writes UPDATE items \(apis\.go:165\)`
	db.MustExec(touch, 1)
	var it Item
	rows, _ := db.QueryxContext(ctx, god, 1) // want `Item mixes .* on write path SqlxQueryxContext`
	for rows.Next() {
		rows.StructScan(&it)
	}
}

func SqlxNamedQuery(db *sqlx.DB) { // want SqlxNamedQuery:`writes UPDATE items \(apis\.go:174\)`
	db.MustExec(touch, 1)
	var it Item
	rows, _ := db.NamedQuery(`SELECT i.id, i.name, (SELECT count(*) FROM likes l WHERE l.item_id = i.id) AS likes FROM items i WHERE i.id = :id`, map[string]any{"id": 1}) // want `Item mixes .* on write path SqlxNamedQuery`
	for rows.Next() {
		rows.StructScan(&it)
	}
}

func SqlxNamedQueryContext(db *sqlx.DB) { // want SqlxNamedQueryContext:`writes UPDATE items \(apis\.go:183\)`
	db.MustExec(touch, 1)
	var it Item
	rows, _ := sqlx.NamedQueryContext(ctx, db, `SELECT i.id, i.name, (SELECT count(*) FROM likes l WHERE l.item_id = i.id) AS likes FROM items i WHERE i.id = :id`, map[string]any{"id": 1}) // want `Item mixes .* on write path SqlxNamedQueryContext`
	for rows.Next() {
		rows.StructScan(&it)
	}
}
