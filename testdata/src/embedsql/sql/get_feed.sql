SELECT f.id, f.title, (SELECT count(*) FROM entries e WHERE e.feed_id = f.id AND e.unread) AS unread
FROM feeds f
WHERE f.id = $1
