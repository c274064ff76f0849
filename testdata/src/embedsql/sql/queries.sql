-- name: get-feed
SELECT f.id, f.title, count(e.id) AS unread
FROM feeds f LEFT JOIN entries e ON e.feed_id = f.id
WHERE f.id = $1
GROUP BY f.id;

-- name: get-feed-stored
SELECT f.id, f.title FROM feeds f WHERE f.id = $1;

-- name: touch-feed
UPDATE feeds SET checked_at = now() WHERE id = $1;
