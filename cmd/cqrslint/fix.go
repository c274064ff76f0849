package main

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// A fileEdit is one replacement in a file, by byte offsets.
type fileEdit struct {
	start, end int
	text       string
}

// fixPlan is the first fix of every finding that has one, by file, with
// the fixes whose edits overlap another's left out.
type fixPlan struct {
	files map[string][]fileEdit
	fixed []bool // by finding index
}

// planFixes gathers the fixes of fs. Identical edits (a file analyzed in
// a package and in its test variant) count once; a fix overlapping one
// already taken is dropped, and its finding reported as unfixed.
func planFixes(fs []finding) fixPlan {
	p := fixPlan{files: map[string][]fileEdit{}, fixed: make([]bool, len(fs))}
	for i, f := range fs {
		if len(f.Fixes) == 0 {
			continue
		}
		ok := true
		for _, e := range f.Fixes[0].Edits {
			fe := fileEdit{e.Posn.Offset, e.End.Offset, e.NewText}
			name := e.Posn.Filename
			if slices.Contains(p.files[name], fe) {
				continue
			}
			for _, o := range p.files[name] {
				if fe.start < o.end && o.start < fe.end || fe.start == o.start {
					ok = false
				}
			}
		}
		if !ok {
			continue
		}
		for _, e := range f.Fixes[0].Edits {
			fe := fileEdit{e.Posn.Offset, e.End.Offset, e.NewText}
			if !slices.Contains(p.files[e.Posn.Filename], fe) {
				p.files[e.Posn.Filename] = append(p.files[e.Posn.Filename], fe)
			}
		}
		p.fixed[i] = true
	}
	return p
}

// apply returns the content of a file with its edits applied.
func applyEdits(data []byte, edits []fileEdit) ([]byte, error) {
	edits = slices.Clone(edits)
	slices.SortFunc(edits, func(a, b fileEdit) int { return cmp.Compare(a.start, b.start) })
	var out bytes.Buffer
	prev := 0
	for _, e := range edits {
		if e.start < prev || e.end > len(data) || e.start > e.end {
			return nil, fmt.Errorf("edit %d-%d out of range: the file changed since it was analyzed", e.start, e.end)
		}
		out.Write(data[prev:e.start])
		out.WriteString(e.text)
		prev = e.end
	}
	out.Write(data[prev:])
	return out.Bytes(), nil
}

// run applies the plan (write) or prints it as a unified diff to w, with
// file names relative to root.
func (p fixPlan) run(w io.Writer, root string, write bool) (files int, err error) {
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range p.files {
			if !yield(n) {
				return
			}
		}
	})
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			return files, err
		}
		fixed, err := applyEdits(data, p.files[name])
		if err != nil {
			return files, fmt.Errorf("%s: %v", name, err)
		}
		if write {
			info, err := os.Stat(name)
			if err != nil {
				return files, err
			}
			if err := os.WriteFile(name, fixed, info.Mode().Perm()); err != nil {
				return files, err
			}
		} else {
			writeDiff(w, relPath(root, name), data, p.files[name])
		}
		files++
	}
	return files, nil
}

// writeDiff prints a unified diff of a file and its edited form: one hunk
// per group of edits less than seven lines apart, with three lines of
// context. The lines between two edits of a hunk are shown as removed and
// added again, which keeps the diff valid for patch.
func writeDiff(w io.Writer, name string, data []byte, edits []fileEdit) {
	edits = slices.Clone(edits)
	slices.SortFunc(edits, func(a, b fileEdit) int { return cmp.Compare(a.start, b.start) })
	// lineStart[i] is the offset of line i (0-based); a last entry holds
	// len(data).
	lineStart := []int{0}
	for i, c := range data {
		if c == '\n' && i+1 < len(data) {
			lineStart = append(lineStart, i+1)
		}
	}
	lineOf := func(off int) int {
		i, _ := slices.BinarySearch(lineStart, off+1)
		return i - 1
	}
	lineEnd := func(l int) int {
		if l+1 < len(lineStart) {
			return lineStart[l+1]
		}
		return len(data)
	}
	const context = 3
	fmt.Fprintf(w, "--- %s\n+++ %s\n", name, name)
	delta := 0 // new lines minus old lines so far
	for i := 0; i < len(edits); {
		first, last := lineOf(edits[i].start), lineOf(max(edits[i].end-1, edits[i].start))
		j := i + 1
		for j < len(edits) && lineOf(edits[j].start) <= last+2*context {
			last = max(last, lineOf(max(edits[j].end-1, edits[j].start)))
			j++
		}
		from, to := max(first-context, 0), min(last+context, len(lineStart)-1)
		oldText := string(data[lineStart[first]:lineEnd(last)])
		var local []fileEdit
		for _, e := range edits[i:j] {
			local = append(local, fileEdit{e.start - lineStart[first], e.end - lineStart[first], e.text})
		}
		newBytes, _ := applyEdits([]byte(oldText), local)
		oldLines, newLines := splitLines(oldText), splitLines(string(newBytes))
		before := splitLines(string(data[lineStart[from]:lineStart[first]]))
		after := splitLines(string(data[lineEnd(last):lineEnd(to)]))
		if lineEnd(last) == len(data) {
			after = nil
		}
		oldN := len(before) + len(oldLines) + len(after)
		newN := len(before) + len(newLines) + len(after)
		fmt.Fprintf(w, "@@ -%d,%d +%d,%d @@\n", from+1, oldN, from+1+delta, newN)
		for _, l := range before {
			fmt.Fprintf(w, " %s\n", l)
		}
		for _, l := range oldLines {
			fmt.Fprintf(w, "-%s\n", l)
		}
		for _, l := range newLines {
			fmt.Fprintf(w, "+%s\n", l)
		}
		for _, l := range after {
			fmt.Fprintf(w, " %s\n", l)
		}
		delta += len(newLines) - len(oldLines)
		i = j
	}
}

// splitLines splits text into lines without their newlines; "" has none.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// fixFindings applies (-fix) or prints as a diff on stdout (-diff, or
// both) the fixes of the findings to report, and returns the findings
// left to report: those without a fix, or whose fix overlapped another.
// note says what was done; shown is set when a diff was printed.
func (c *command) fixFindings(fs []finding, root string, cfg driverConfig) (left []finding, note string, shown bool, code int) {
	var todo []finding
	for _, f := range fs {
		if !f.InBaseline {
			todo = append(todo, f)
		}
	}
	plan := planFixes(todo)
	n := 0
	for i, f := range todo {
		if plan.fixed[i] {
			n++
			continue
		}
		left = append(left, f)
	}
	for _, f := range fs {
		if f.InBaseline {
			left = append(left, f)
		}
	}
	left = sortFindings(left)
	write := cfg.fix && !cfg.diff
	files, err := plan.run(c.stdout, root, write)
	if err != nil {
		fmt.Fprintf(c.stderr, "cqrslint: applying fixes: %v\n", unwrapPath(err))
		return nil, "", false, exitErrors
	}
	switch {
	case write:
		note = fmt.Sprintf("applied %d %s in %d %s", n, fixes(n), files, plural(files, "file"))
	case n > 0:
		note = fmt.Sprintf("%d %s shown as a diff; -fix without -diff applies them", n, fixes(n))
	}
	return left, note, !write && n > 0, 0
}

func fixes(n int) string {
	if n == 1 {
		return "fix"
	}
	return "fixes"
}
