package sqlinfo

// String returns the lowercase name of k ("select", "insert", ...).
func (k Kind) String() string {
	switch k {
	case KindSelect:
		return "select"
	case KindInsert:
		return "insert"
	case KindUpdate:
		return "update"
	case KindDelete:
		return "delete"
	case KindMerge:
		return "merge"
	}
	return "other"
}

// String returns the lowercase name of c ("stored", "aggregate", ...), for
// messages and test output.
func (c Compute) String() string {
	switch c {
	case Stored:
		return "stored"
	case Expression:
		return "expression"
	case Subquery:
		return "subquery"
	case Aggregate:
		return "aggregate"
	case Window:
		return "window"
	case Exists:
		return "exists"
	case ArraySubquery:
		return "array subquery"
	case Unknown:
		return "unknown"
	}
	return "compute(?)"
}
