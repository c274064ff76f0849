// Package domain declares the model; it knows nothing of SQL.
package domain

type Customer struct {
	ID         int64
	Name       string
	Email      string
	OrderCount int64
}
