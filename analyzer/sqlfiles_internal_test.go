package analyzer

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParseNamedQueries(t *testing.T) {
	text := "-- file header, in no block\nSELECT 0;\n\n" +
		"-- name: get-user\n-- raw: 1\n-- a comment\nSELECT id\nFROM users WHERE id = $1;\n\n" +
		"--name:list-users\r\nSELECT id FROM users;\r\n" +
		"-- name: not a name\nSELECT 2;\n" +
		"-- name: get-user\nSELECT id, name FROM users WHERE id = $1;\n"
	assert.Equal(t, map[string]string{
		// "-- name: not a name" is a comment: its line joins list-users.
		"list-users": "SELECT id FROM users;\nSELECT 2;",
		"get-user":   "SELECT id, name FROM users WHERE id = $1;", // the last block of a name wins
	}, parseNamedQueries(text))
}
