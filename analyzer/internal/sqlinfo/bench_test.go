package sqlinfo

import "testing"

// godSelect is a typical god-struct read: stored columns of users, two
// correlated counts and a derived aggregate.
const godSelect = `
SELECT u.id, u.email, u.password_hash, u.display_name, u.bio, u.created_at,
       (SELECT count(*) FROM posts p WHERE p.author_id = u.id) AS post_count,
       (SELECT count(*) FROM follows f WHERE f.followee_id = u.id) AS follower_count,
       coalesce(fc.feed_count, 0) AS feed_count
FROM users u
LEFT JOIN (SELECT user_id, count(*) AS feed_count FROM feeds GROUP BY user_id) fc ON fc.user_id = u.id
WHERE u.id = $1`

// userInsert is a typical write of the same struct.
const userInsert = `
INSERT INTO users (email, password_hash, display_name, bio)
VALUES ($1, $2, $3, $4)
ON CONFLICT (email) DO UPDATE SET display_name = EXCLUDED.display_name, bio = coalesce($4, users.bio)
RETURNING id, created_at`

// BenchmarkAnalyze measures parsing plus classification.
func BenchmarkAnalyze(b *testing.B) {
	for _, bc := range []struct{ name, sql string }{
		{"god-select", godSelect},
		{"insert", userInsert},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Analyze(bc.sql); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParse measures the parser alone, to tell its share.
func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parse(godSelect); err != nil {
			b.Fatal(err)
		}
	}
}
