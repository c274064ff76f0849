// Package store is input for cqrslint's command tests. The test analyzer
// reports a finding at each //fake:RULE TYPE comment.
package store

// Order is scanned with a computed column and written.
type Order struct {
	ID    int64
	Total int64
	Items int
}

// Store keeps orders.
type Store struct{}

// Load reads an order.
func (s *Store) Load(id int64) (*Order, error) {
	o := Order{ID: id}
	//fake:god-struct Order
	return &o, nil
}

// Save writes an order.
func (s *Store) Save(o *Order) error {
	_ = o
	return nil
}
