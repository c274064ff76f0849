-- Feeds, read and written. Loaded at run time (goyesql), not embedded:
-- cqrslint reads this file through -sqlfiles.

-- name: get-feed
-- raw: 1
SELECT f.id, f.title,
       (SELECT count(*) FROM entries e WHERE e.feed_id = f.id AND e.unread) AS unread
FROM feeds f WHERE f.id = $1;

-- name: get-feed-stored
SELECT f.id, f.title FROM feeds f WHERE f.id = $1;

-- name: touch-feed
UPDATE feeds SET checked_at = now() WHERE id = $1;

-- name: query-feeds
SELECT f.id, f.title,
       (SELECT count(*) FROM entries e WHERE e.feed_id = f.id) AS unread
FROM feeds f
WHERE %query%
ORDER BY %order%;

-- name: query-feeds-cols
SELECT f.id, f.title, %cols% FROM feeds f WHERE f.id = $1;
