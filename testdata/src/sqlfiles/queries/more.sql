-- name: rename-feed
UPDATE feeds SET title = $1 WHERE id = $2;
