package pgx

// CopyFromRows returns a CopyFromSource interface over the provided rows slice.
func CopyFromRows(rows [][]any) CopyFromSource { panic("stub") }

// CopyFromSlice returns a CopyFromSource interface over a dynamic func.
func CopyFromSlice(length int, next func(int) ([]any, error)) CopyFromSource { panic("stub") }
