package orders

// Order is the god struct of these golden tests.
type Order struct {
	ID        int64
	Total     int64
	ItemCount int
}

// Repo stores orders.
type Repo struct{}

// Place writes an order and reads it back with a computed column.
func (r *Repo) Place(o *Order) error {
	r.scan("héllo, wörld 😀", o)
	return r.write(o)
}

func (r *Repo) scan(label string, o *Order) {}

func (r *Repo) write(o *Order) error { return nil }

// Dashboard reads orders with a count nobody uses.
func Dashboard() []Order {
	return nil
}
