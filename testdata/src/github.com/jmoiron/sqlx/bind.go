package sqlx

// Bindvar types supported by Rebind, BindMap and BindStruct.
const (
	UNKNOWN = iota
	QUESTION
	DOLLAR
	NAMED
	AT
)

func BindType(driverName string) int                                      { panic("stub") }
func BindDriver(driverName string, bindType int)                          {}
func Rebind(bindType int, query string) string                            { panic("stub") }
func In(query string, args ...interface{}) (string, []interface{}, error) { panic("stub") }
