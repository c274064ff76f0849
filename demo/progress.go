package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows what a long step is doing and how far it is. On a
// terminal it redraws one status line with a bar drawn by
// github.com/schollz/progressbar (which fits the bar to the terminal's
// width and erases it before each redraw). Elsewhere (a file, a pipe, CI)
// it prints a plain line every plainEvery while the same task runs:
// progressbar has no such mode, as it always redraws in place with a
// carriage return, which in a log is one ever-growing line. Lines
// printed through it (Write) never mix with the status.
type progress struct {
	w     io.Writer
	tty   bool
	every time.Duration

	mu          sync.Mutex
	task        string
	done, total int
	started     time.Time
	lastPlain   time.Time
	bar         *progressbar.ProgressBar // the task's bar on a terminal, nil elsewhere
	stop        chan struct{}
	stopped     sync.WaitGroup
}

// plainEvery is how often a plain progress line is printed.
const plainEvery = 5 * time.Second

// barWidth is the bar's width in characters; progressbar narrows it
// when the line would not fit the terminal.
const barWidth = 24

// newProgress returns a progress on w, drawing a bar if w is a terminal.
func newProgress(w io.Writer) *progress {
	return newProgressOn(w, isTerminal(w))
}

// newProgressOn returns a progress on w; tty says whether w is a
// terminal. Its ticker redraws the bar (tty) or checks whether a plain
// line is due (elsewhere) until close.
func newProgressOn(w io.Writer, tty bool) *progress {
	p := &progress{w: w, tty: tty, every: plainEvery, stop: make(chan struct{})}
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
// With a bar on screen, progressbar holds the output back, erases the
// bar, prints the output and draws the bar again below it, all under
// the bar's own lock.
func (p *progress) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar == nil || p.bar.IsFinished() {
		return p.w.Write(b)
	}
	n, err := progressbar.Bprintf(p.bar, "%s", b)
	if err != nil {
		return n, err
	}
	return len(b), p.bar.RenderBlank()
}

// start begins a task of total units (0: unknown).
func (p *progress) start(task string, total int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.endBar()
	p.task, p.done, p.total = task, 0, total
	p.started, p.lastPlain = time.Now(), time.Now()
	if p.tty {
		p.bar = newBar(p.w, task, total)
	}
}

// newBar returns a bar for task drawn on w. A task of unknown size
// (total 0) shows a spinner and the elapsed time instead of a bar. All
// redraws come from progress's ticker and calls, so the bar starts no
// goroutine of its own (spinner interval 0).
func newBar(w io.Writer, task string, total int) *progressbar.ProgressBar {
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetTheme(progressbar.ThemeASCII),
		progressbar.OptionSetWidth(barWidth),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetPredictTime(false),
		progressbar.OptionSetSpinnerChangeInterval(0),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetRenderBlankState(true),
	}
	// The status is indented like the steps' own lines: the indent
	// goes first, on the description of a bar, on the spinner that
	// comes before the description otherwise.
	size := -1 // progressbar's unknown size
	if total > 0 {
		size = total
		// Room for the indent and " 25% [....] (1/4) [1m0s] ", a short bar.
		room := 3 + 24 + 2*len(strconv.Itoa(total))
		opts = append(opts, progressbar.OptionSetDescription("   "+fitted(w, task, room)), progressbar.OptionShowCount())
	} else {
		// Room for "   | " and "  [1m0s] ".
		room := 5 + 10
		opts = append(opts, progressbar.OptionSetDescription(fitted(w, task, room)), progressbar.OptionSpinnerCustom([]string{"   |", "   /", "   -", `   \`}))
	}
	return progressbar.NewOptions(size, opts...)
}

// fitted returns task, cut if it does not fit on one line of the
// terminal w is next to room more characters. progressbar narrows a bar
// to the terminal's width, but not a description, and a status line
// that wraps cannot be redrawn in place.
func fitted(w io.Writer, task string, room int) string {
	f, ok := w.(*os.File)
	if !ok {
		return task
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return task
	}
	return cut(task, width-room)
}

// cut returns s, or its start and "..." in n characters if it is longer.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	if n <= len("...") {
		return ""
	}
	return string(r[:n-len("...")]) + "..."
}

// add records n more units done.
func (p *progress) add(n int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	if p.bar != nil && p.total > 0 {
		// The only errors are for counts past the total, which the
		// bar already shows as full.
		_ = p.bar.Add(n)
	}
}

// finish ends the current task and clears its status line.
func (p *progress) finish() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.endBar()
	p.task = ""
}

// endBar erases the current bar, if any. The caller holds p.mu.
func (p *progress) endBar() {
	if p.bar == nil {
		return
	}
	// Finishing a bar made with OptionClearOnFinish erases it; a status
	// line that cannot be drawn is no reason to fail a step.
	_ = p.bar.Finish()
	p.bar = nil
}

// close stops the ticker.
func (p *progress) close() {
	close(p.stop)
	p.stopped.Wait()
	p.finish()
}

// show redraws the bar (tty) or prints a plain line when one is due.
// The caller holds p.mu.
func (p *progress) show() {
	if p.task == "" {
		return
	}
	if p.tty {
		if p.bar != nil {
			// Redraws the current state: the elapsed time moves on and
			// a spinner turns.
			_ = p.bar.RenderBlank()
		}
		return
	}
	if time.Since(p.lastPlain) < p.every {
		return
	}
	p.lastPlain = time.Now()
	elapsed := time.Since(p.started).Round(time.Second)
	if p.total > 0 {
		fmt.Fprintf(p.w, "   ... %s: %d of %d (%.0f%%), %s\n", p.task, p.done, p.total, 100*p.fraction(), elapsed)
	} else {
		fmt.Fprintf(p.w, "   ... %s, %s\n", p.task, elapsed)
	}
}

func (p *progress) fraction() float64 {
	if p.total <= 0 {
		return 0
	}
	return min(float64(p.done)/float64(p.total), 1)
}
