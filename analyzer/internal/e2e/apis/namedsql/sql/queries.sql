-- name: touch-feed
UPDATE feeds SET checked_at = now() WHERE id = $1;

-- name: get-feed
SELECT f.id, f.title,
       (SELECT count(*) FROM entries e WHERE e.feed_id = f.id AND NOT e.read) AS unread
FROM feeds f WHERE f.id = $1;

-- name: get-feed-stored
SELECT f.id, f.title FROM feeds f WHERE f.id = $1;
