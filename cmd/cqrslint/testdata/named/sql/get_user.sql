SELECT u.id, u.name, (SELECT count(*) FROM posts p WHERE p.author_id = u.id) AS post_count
FROM users u WHERE u.id = $1
