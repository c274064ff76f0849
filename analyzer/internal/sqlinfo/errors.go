package sqlinfo

// Reasons a statement is left out. They are short, stable and lowercase:
// the analyzer counts skipped queries by reason.
const (
	ReasonEmpty      = "empty sql"
	ReasonTooLarge   = "sql too large"
	ReasonTooDeep    = "sql too deeply nested"
	ReasonParse      = "sql parse error"
	ReasonStatements = "not exactly one statement"
	ReasonPanic      = "sql parse panic"
)

// SkipError says why a statement could not be classified. Error returns
// Reason alone, so that it can serve as a counter key.
type SkipError struct {
	// Reason is one of the Reason constants.
	Reason string
	// Detail is a human-readable elaboration (the parser's message, the
	// offending size or depth); it is not part of Error.
	Detail string
}

// Error returns the reason.
func (e *SkipError) Error() string { return e.Reason }

// skip returns a *SkipError with the given reason and detail.
func skip(reason, detail string) *SkipError {
	return &SkipError{Reason: reason, Detail: detail}
}
