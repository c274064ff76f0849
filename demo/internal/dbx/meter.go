package dbx

import (
	"context"
	"net"
	"sync"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
)

// Meter counts what one connection does. It is the connection's
// pgx.QueryTracer, so it sees every statement pgx sends, BEGIN and COMMIT
// included, and it counts the bytes read from the socket.
type Meter struct {
	statements atomic.Int64
	bytesIn    atomic.Int64

	mu        sync.Mutex
	recording bool
	sql       []string
}

// Statements is the number of statements sent so far.
func (m *Meter) Statements() int64 { return m.statements.Load() }

// BytesIn is the number of bytes received from the server so far.
func (m *Meter) BytesIn() int64 { return m.bytesIn.Load() }

// Record starts keeping the text of every statement sent.
func (m *Meter) Record() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.recording, m.sql = true, nil
}

// Recorded stops recording and returns the statements sent since Record.
func (m *Meter) Recorded() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	sql := m.sql
	m.recording, m.sql = false, nil
	return sql
}

// TraceQueryStart implements pgx.QueryTracer.
func (m *Meter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, data pgx.TraceQueryStartData) context.Context {
	m.statements.Add(1)
	m.mu.Lock()
	if m.recording {
		m.sql = append(m.sql, data.SQL)
	}
	m.mu.Unlock()
	return ctx
}

// TraceQueryEnd implements pgx.QueryTracer.
func (m *Meter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// countingConn counts the bytes read into its meter.
type countingConn struct {
	net.Conn
	m *Meter
}

func (c countingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.m.bytesIn.Add(int64(n))
	return n, err
}
