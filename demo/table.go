package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// tableRow is one operation on both sides.
type tableRow struct {
	op    string
	sides [2]result // before, after
}

const rowFormat = "   %-19s %-6s %8s %8s %7s %8s %7s %7s %8s %6s"

// writeTable prints rows side by side: a line per side, and on the after
// line the after/before ratios of the latencies.
func writeTable(w io.Writer, rows []tableRow) {
	writeTableHeader(w)
	for _, r := range rows {
		writeTableRow(w, r)
	}
	writeTableFooter(w)
}

func writeTableHeader(w io.Writer) {
	fmt.Fprintf(w, "   %-19s %-6s %8s %8s %7s %8s %7s %7s %15s\n", "", "", "p50", "p99", "", "rows", "", "bytes", "after/before")
	line(w, rowFormat, "operation", "side", "ms", "ms", "queries", "touched", "buffers", "in", "p50", "p99")
	fmt.Fprintln(w, "   "+strings.Repeat("-", 91))
}

// writeTableRow prints one operation, as soon as it is measured.
func writeTableRow(w io.Writer, r tableRow) {
	b, a := r.sides[0], r.sides[1]
	line(w, rowFormat, r.op, "before", ms(b.lat.p50), ms(b.lat.p99), trimFloat(b.queries, 1),
		strconv.FormatInt(b.rows, 10), strconv.FormatInt(b.buffers, 10), trimFloat(b.bytes, 0), "", "")
	line(w, rowFormat, "", "after", ms(a.lat.p50), ms(a.lat.p99), trimFloat(a.queries, 1),
		strconv.FormatInt(a.rows, 10), strconv.FormatInt(a.buffers, 10), trimFloat(a.bytes, 0),
		ratio(a.lat.p50, b.lat.p50), ratio(a.lat.p99, b.lat.p99))
}

func writeTableFooter(w io.Writer) {
	fmt.Fprintln(w, "   queries: statements sent per operation, BEGIN and COMMIT included; bytes in: bytes received")
	fmt.Fprintln(w, "   from the server; rows touched (rows produced by all plan nodes) and buffers (8 kB pages hit")
	fmt.Fprintln(w, "   or read) come from EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) of one more run of each statement,")
	fmt.Fprintln(w, "   rolled back.")
}

// ratio is a/b with two significant digits.
func ratio(a, b time.Duration) string {
	if b <= 0 {
		return "-"
	}
	r := float64(a) / float64(b)
	if r >= 10 {
		return trimFloat(r, 0)
	}
	return strconv.FormatFloat(r, 'g', 2, 64)
}

// trimFloat formats v with at most decimals decimals, dropping trailing
// zeros.
func trimFloat(v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// line prints one table line without trailing blanks.
func line(w io.Writer, format string, args ...any) {
	fmt.Fprintln(w, strings.TrimRight(fmt.Sprintf(format, args...), " "))
}
