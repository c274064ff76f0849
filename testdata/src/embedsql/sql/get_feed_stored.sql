SELECT f.id, f.title FROM feeds f WHERE f.id = $1
