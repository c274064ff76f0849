package sqlinfo

// This file is the only one that imports the PostgreSQL parser. oliphant is
// a pure-Go, drop-in replacement for github.com/pganalyze/pg_query_go: both
// expose the same generated protobuf node types, so swapping them is a
// change of the import line below. The rest of the package names the node
// types through the aliases declared here.

import pg "github.com/sqlc-dev/oliphant"

// Parse tree node types used by the rest of the package.
type (
	node            = pg.Node
	selectStmt      = pg.SelectStmt
	withClause      = pg.WithClause
	commonTableExpr = pg.CommonTableExpr
	columnRef       = pg.ColumnRef
	funcCall        = pg.FuncCall
	subLink         = pg.SubLink
	rangeVar        = pg.RangeVar
	alias           = pg.Alias
	returningClause = pg.ReturningClause
)

// Enumerations used by the rest of the package.
const (
	setopNone = pg.SetOperation_SETOP_NONE

	sublinkExists = pg.SubLinkType_EXISTS_SUBLINK
	sublinkExpr   = pg.SubLinkType_EXPR_SUBLINK
	sublinkArray  = pg.SubLinkType_ARRAY_SUBLINK

	aexprNullif = pg.A_Expr_Kind_AEXPR_NULLIF

	minmaxGreatest = pg.MinMaxOp_IS_GREATEST
	minmaxLeast    = pg.MinMaxOp_IS_LEAST

	onConflictUpdate = pg.OnConflictAction_ONCONFLICT_UPDATE

	cmdUpdate = pg.CmdType_CMD_UPDATE
	cmdInsert = pg.CmdType_CMD_INSERT

	jsonExistsOp = pg.JsonExprOp_JSON_EXISTS_OP
	jsonQueryOp  = pg.JsonExprOp_JSON_QUERY_OP
	jsonValueOp  = pg.JsonExprOp_JSON_VALUE_OP
)

// sqlValueFunctionName is the column name PostgreSQL gives a
// SQLValueFunction (CURRENT_TIMESTAMP, USER, ...), or "" when op is not one.
func sqlValueFunctionName(op pg.SQLValueFunctionOp) string {
	switch op {
	case pg.SQLValueFunctionOp_SVFOP_CURRENT_DATE:
		return "current_date"
	case pg.SQLValueFunctionOp_SVFOP_CURRENT_TIME, pg.SQLValueFunctionOp_SVFOP_CURRENT_TIME_N:
		return "current_time"
	case pg.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP, pg.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP_N:
		return "current_timestamp"
	case pg.SQLValueFunctionOp_SVFOP_LOCALTIME, pg.SQLValueFunctionOp_SVFOP_LOCALTIME_N:
		return "localtime"
	case pg.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP, pg.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP_N:
		return "localtimestamp"
	case pg.SQLValueFunctionOp_SVFOP_CURRENT_ROLE:
		return "current_role"
	case pg.SQLValueFunctionOp_SVFOP_CURRENT_USER:
		return "current_user"
	case pg.SQLValueFunctionOp_SVFOP_USER:
		return "user"
	case pg.SQLValueFunctionOp_SVFOP_SESSION_USER:
		return "session_user"
	case pg.SQLValueFunctionOp_SVFOP_CURRENT_CATALOG:
		return "current_catalog"
	case pg.SQLValueFunctionOp_SVFOP_CURRENT_SCHEMA:
		return "current_schema"
	}
	return ""
}

// xmlExprName is the column name PostgreSQL gives an SQL/XML function, or
// "" when it gives none (IS DOCUMENT).
func xmlExprName(op pg.XmlExprOp) string {
	switch op {
	case pg.XmlExprOp_IS_XMLCONCAT:
		return "xmlconcat"
	case pg.XmlExprOp_IS_XMLELEMENT:
		return "xmlelement"
	case pg.XmlExprOp_IS_XMLFOREST:
		return "xmlforest"
	case pg.XmlExprOp_IS_XMLPARSE:
		return "xmlparse"
	case pg.XmlExprOp_IS_XMLPI:
		return "xmlpi"
	case pg.XmlExprOp_IS_XMLROOT:
		return "xmlroot"
	case pg.XmlExprOp_IS_XMLSERIALIZE:
		return "xmlserialize"
	}
	return ""
}

// parse parses text and returns its statements. The error, if any, is the
// parser's own (a syntax error with its position).
func parse(text string) ([]*node, error) {
	res, err := pg.Parse(text)
	if err != nil {
		return nil, err
	}
	stmts := make([]*node, 0, len(res.GetStmts()))
	for _, raw := range res.GetStmts() {
		stmts = append(stmts, raw.GetStmt())
	}
	return stmts, nil
}
