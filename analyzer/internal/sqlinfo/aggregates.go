package sqlinfo

// isAggregateCall reports whether fc calls an aggregate: it uses aggregate
// syntax (count(*), DISTINCT, ORDER BY inside the call, FILTER, WITHIN
// GROUP), or it names one of PostgreSQL's built-in aggregates, unqualified
// or qualified with pg_catalog. A window call (OVER) is told apart by the
// caller.
func isAggregateCall(fc *funcCall) bool {
	if fc.GetAggStar() || fc.GetAggDistinct() || fc.GetAggFilter() != nil ||
		fc.GetAggWithinGroup() || len(fc.GetAggOrder()) > 0 {
		return true
	}
	names := fc.GetFuncname()
	switch len(names) {
	case 1:
	case 2:
		if names[0].GetString_().GetSval() != "pg_catalog" {
			return false
		}
	default:
		return false
	}
	return isBuiltinAggregate(lastString(names))
}

// isBuiltinAggregate reports whether name is a built-in aggregate function
// of PostgreSQL (general-purpose, statistical, ordered-set and
// hypothetical-set; the last two only ever appear WITHIN GROUP).
func isBuiltinAggregate(name string) bool {
	switch name {
	case "count", "sum", "avg", "min", "max",
		"array_agg", "string_agg",
		"json_agg", "json_agg_strict", "jsonb_agg", "jsonb_agg_strict",
		"json_object_agg", "json_object_agg_strict", "json_object_agg_unique", "json_object_agg_unique_strict",
		"jsonb_object_agg", "jsonb_object_agg_strict", "jsonb_object_agg_unique", "jsonb_object_agg_unique_strict",
		"bool_and", "bool_or", "every", "bit_and", "bit_or", "bit_xor", "xmlagg",
		"range_agg", "range_intersect_agg", "any_value",
		"stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp",
		"covar_pop", "covar_samp", "corr",
		"regr_avgx", "regr_avgy", "regr_count", "regr_intercept", "regr_r2",
		"regr_slope", "regr_sxx", "regr_sxy", "regr_syy",
		"percentile_cont", "percentile_disc", "mode":
		return true
	}
	return false
}
