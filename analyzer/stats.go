package analyzer

// Stats counts what one pass saw, so users can see their coverage: how
// many SQL call sites were found, how many had their query text resolved
// and classified, and why the others were skipped. It is the analyzer's
// result; drivers may add up the results of all packages.
type Stats struct {
	// CallSites is the number of SQL call sites found.
	CallSites int
	// Resolved is the number whose query text was resolved and parsed.
	Resolved int
	// Skipped counts the call sites whose query text was not resolved or
	// not parsed, by reason. CallSites = Resolved + the sum of Skipped.
	Skipped map[string]int
	// Unmapped counts the resolved reads whose columns could not be
	// mapped to Go fields, by reason; the analyzer is silent on them.
	Unmapped map[string]int
	// Findings is the number of diagnostics reported.
	Findings int
	// Suppressed is the number of findings hidden by //cqrslint:ignore.
	Suppressed int
	// Projections counts the loads that mix stored and computed columns
	// and feed the computed ones into a write: a read model refreshed
	// from a heavy query. They are never reported.
	Projections int
	// Details describes the god-struct and unused-computed findings, in
	// report order (result.go). Add does not collect them.
	Details []Finding
}

// Add adds t's counts to s.
func (s *Stats) Add(t *Stats) {
	if t == nil {
		return
	}
	s.CallSites += t.CallSites
	s.Resolved += t.Resolved
	s.Findings += t.Findings
	s.Suppressed += t.Suppressed
	s.Projections += t.Projections
	for r, n := range t.Skipped {
		s.Skipped = count(s.Skipped, r, n)
	}
	for r, n := range t.Unmapped {
		s.Unmapped = count(s.Unmapped, r, n)
	}
}

func count(m map[string]int, reason string, n int) map[string]int {
	if m == nil {
		m = map[string]int{}
	}
	m[reason] += n
	return m
}

func (s *Stats) skip(reason string)     { s.Skipped = count(s.Skipped, reason, 1) }
func (s *Stats) unmapped(reason string) { s.Unmapped = count(s.Unmapped, reason, 1) }
