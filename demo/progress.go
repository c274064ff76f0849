package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// progress shows what a long step is doing and how far it is. On a
// terminal it redraws one status line with a bar; elsewhere (a file, a
// pipe, CI) it prints a plain line every plainEvery while the same task
// runs. Lines printed through it (println) never mix with the status.
type progress struct {
	w     io.Writer
	tty   bool
	every time.Duration

	mu          sync.Mutex
	task        string
	done, total int
	started     time.Time
	lastPlain   time.Time
	drawn       bool // a status line is on screen (tty)
	stop        chan struct{}
	stopped     sync.WaitGroup
}

// plainEvery is how often a plain progress line is printed.
const plainEvery = 5 * time.Second

// newProgress returns a progress on w; tty says whether w is a terminal.
func newProgress(w io.Writer) *progress {
	p := &progress{w: w, tty: isTerminal(w), every: plainEvery, stop: make(chan struct{})}
	tick := time.Second
	if p.tty {
		tick = 200 * time.Millisecond
	}
	p.stopped.Add(1)
	go func() {
		defer p.stopped.Done()
		t := time.NewTicker(tick)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.mu.Lock()
				p.show()
				p.mu.Unlock()
			}
		}
	}()
	return p
}

// isTerminal reports whether w is a character device, such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progressOf returns the progress w writes through, or nil (whose
// methods do nothing) when w is a plain writer, as in tests.
func progressOf(w io.Writer) *progress {
	p, _ := w.(*progress)
	return p
}

// Write prints output above the status line: steps write through it.
func (p *progress) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	return p.w.Write(b)
}

// start begins a task of total units (0: unknown).
func (p *progress) start(task string, total int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.task, p.done, p.total = task, 0, total
	p.started, p.lastPlain = time.Now(), time.Now()
}

// add records n more units done.
func (p *progress) add(n int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.done += n
	p.mu.Unlock()
}

// finish ends the current task and clears its status line.
func (p *progress) finish() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	p.task = ""
}

// close stops the ticker.
func (p *progress) close() {
	close(p.stop)
	p.stopped.Wait()
	p.finish()
}

func (p *progress) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}

// show draws the status (tty) or prints a plain line when one is due.
// The caller holds p.mu.
func (p *progress) show() {
	if p.task == "" {
		return
	}
	elapsed := time.Since(p.started).Round(time.Second)
	if !p.tty {
		if time.Since(p.lastPlain) < p.every {
			return
		}
		p.lastPlain = time.Now()
		if p.total > 0 {
			fmt.Fprintf(p.w, "   ... %s: %d of %d (%.0f%%), %s\n", p.task, p.done, p.total, 100*p.fraction(), elapsed)
		} else {
			fmt.Fprintf(p.w, "   ... %s, %s\n", p.task, elapsed)
		}
		return
	}
	status := fmt.Sprintf("   %s %s", p.task, elapsed)
	if p.total > 0 {
		const width = 24
		n := int(p.fraction() * width)
		status = fmt.Sprintf("   [%s%s] %3.0f%% %s, %s", strings.Repeat("#", n), strings.Repeat(".", width-n), 100*p.fraction(), p.task, elapsed)
	}
	fmt.Fprint(p.w, "\r\033[K"+status)
	p.drawn = true
}

func (p *progress) fraction() float64 {
	if p.total <= 0 {
		return 0
	}
	return min(float64(p.done)/float64(p.total), 1)
}
