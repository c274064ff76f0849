// Package text imports no database package: the driver loads it from
// export data and does not analyze it.
package text

import (
	"net/http"
	"strings"
)

func Title(s string) string { return strings.ToUpper(s) }

func Status(code int) string { return http.StatusText(code) }
