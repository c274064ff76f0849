-- Loaded at run time (goyesql's ScanToStruct), not embedded.

-- name: get-user
SELECT u.id, u.name,
       (SELECT count(*) FROM posts p WHERE p.author_id = u.id) AS post_count
FROM users u WHERE u.id = $1;

-- name: rename-user
UPDATE users SET name = $1 WHERE id = $2;
