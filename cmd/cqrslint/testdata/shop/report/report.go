// Package report is input for cqrslint's command tests.
package report

import "example.com/shop/store"

// Summary reads orders for a report.
func Summary() []store.Order {
	//fake:unused-computed Order
	return nil
}

// Pager pages through orders.
type Pager[T any] struct{ items []T }

// Next returns the next page.
func (p *Pager[T]) Next() []T {
	f := func() []T {
		//fake:god-struct Order
		return p.items
	}
	return f()
}
