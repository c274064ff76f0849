package main

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// screen is a small terminal: it keeps the lines a terminal would show
// after the carriage returns, overwrites and line feeds written to it.
type screen struct {
	mu   sync.Mutex
	rows [][]rune
	col  int
	errs []string // escape sequences it does not know
}

func (s *screen) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.rows == nil {
		s.rows = [][]rune{nil}
	}
	rs := []rune(string(b))
	for i := 0; i < len(rs); i++ {
		row := &s.rows[len(s.rows)-1]
		switch r := rs[i]; r {
		case '\r':
			s.col = 0
		case '\n':
			s.rows = append(s.rows, nil)
			s.col = 0
		case '\033':
			seq := string(rs[i:min(i+4, len(rs))])
			switch {
			case strings.HasPrefix(seq, "\033[2K"):
				*row = nil
				i += 3
			case strings.HasPrefix(seq, "\033[0K"):
				*row = (*row)[:min(s.col, len(*row))]
				i += 3
			case strings.HasPrefix(seq, "\033[K"):
				*row = (*row)[:min(s.col, len(*row))]
				i += 2
			default:
				s.errs = append(s.errs, fmt.Sprintf("%q", seq))
			}
		default:
			for len(*row) <= s.col {
				*row = append(*row, ' ')
			}
			(*row)[s.col] = r
			s.col++
		}
	}
	return len(b), nil
}

// lines returns what the screen shows, each line without trailing blanks.
func (s *screen) lines() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, row := range s.rows {
		out = append(out, strings.TrimRight(string(row), " "))
	}
	return out
}

func (s *screen) unknown() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.errs
}

// On a terminal, progress draws a bar with the task and done/total on
// one status line below the output; output printed through it goes
// above the bar, never onto its line, and finishing the task erases it.
func TestProgressTerminal(t *testing.T) {
	scr := &screen{}
	p := newProgressOn(scr, true)
	defer p.close()

	p.start("counting", 4)
	p.add(1)
	fmt.Fprintln(p, "a row")
	fmt.Fprintf(p, "a second row, %d\n", 2)
	got := scr.lines()
	bar := regexp.MustCompile(`^   counting +25% \[=+>?\.+\] \(1/4\) \[\d+s\]$`)
	if len(got) != 3 || got[0] != "a row" || got[1] != "a second row, 2" || !bar.MatchString(got[2]) {
		t.Fatalf("terminal shows %q; want the two rows, then a bar matching %s", got, bar)
	}

	p.add(1)
	if got := scr.lines(); !strings.Contains(got[len(got)-1], "(2/4)") {
		t.Errorf("after 2 of 4 the status line is %q", got[len(got)-1])
	}

	p.finish()
	fmt.Fprintln(p, "after")
	if got, want := scr.lines(), []string{"a row", "a second row, 2", "after", ""}; !slices.Equal(got, want) {
		t.Errorf("after finish the terminal shows %q; want %q", got, want)
	}
	if u := scr.unknown(); len(u) > 0 {
		t.Errorf("progress wrote escape sequences the test screen does not know: %v", u)
	}
}

// A task of unknown size shows a spinner with the task and the time it
// has taken; a new task replaces the status line of the one before.
func TestProgressTerminalUnknownSize(t *testing.T) {
	scr := &screen{}
	p := newProgressOn(scr, true)
	defer p.close()

	p.start("building cqrslint", 4)
	p.add(2)
	p.start("go vet ./before", 0)
	fmt.Fprintln(p, "a row")
	got := scr.lines()
	spin := regexp.MustCompile(`^   [|/\\-] go vet \./before +\[\d+s\]$`)
	if len(got) != 2 || got[0] != "a row" || !spin.MatchString(got[1]) {
		t.Fatalf("terminal shows %q; want a row, then a status matching %s", got, spin)
	}
	p.finish()
	if got := scr.lines(); len(got) != 2 || got[1] != "" {
		t.Errorf("after finish the terminal shows %q; want the status line erased", got)
	}
}

// Without a terminal, progress prints a plain line when one is due
// (every plainEvery), and nothing in between.
func TestProgressPlain(t *testing.T) {
	var b strings.Builder
	p := newProgressOn(&b, false)
	p.start("counting", 4)
	p.add(2)
	fmt.Fprintln(p, "a row")
	show := func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		p.show()
	}
	show() // not due yet: the task has just started
	p.mu.Lock()
	p.lastPlain = time.Now().Add(-plainEvery) // as if plainEvery had passed
	p.mu.Unlock()
	show()
	show() // printed just now: not due
	p.start("loading", 0)
	p.mu.Lock()
	p.lastPlain = time.Now().Add(-plainEvery)
	p.mu.Unlock()
	show()
	p.close()

	line := regexp.MustCompile(`^(a row|   \.\.\. counting: 2 of 4 \(50%\), \d+s|   \.\.\. loading, \d+s)$`)
	got := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(got) != 3 || got[0] != "a row" || !strings.HasPrefix(got[1], "   ... counting") || !strings.HasPrefix(got[2], "   ... loading") {
		t.Fatalf("progress printed %q; want a row, one counting line, one loading line", got)
	}
	for _, l := range got {
		if !line.MatchString(l) {
			t.Errorf("progress printed %q; want a line matching %s", l, line)
		}
	}
	if strings.ContainsAny(b.String(), "\r\033") {
		t.Errorf("plain progress wrote terminal controls: %q", b.String())
	}
}

// A task's description is cut to fit the terminal's line.
func TestProgressCut(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want string
	}{
		{"mixed load", 10, "mixed load"},
		{"mixed load", 40, "mixed load"},
		{"mixed load", 9, "mixed ..."},
		{"fän-out curve", 10, "fän-out..."}, // characters, not bytes
		{"mixed load", 3, ""},
		{"mixed load", -5, ""},
	} {
		if got := cut(c.s, c.n); got != c.want {
			t.Errorf("cut(%q, %d) = %q; want %q", c.s, c.n, got, c.want)
		}
	}
}
