UPDATE feeds SET checked_at = now() WHERE id = $1
