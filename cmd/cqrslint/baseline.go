package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// baselineVersion is the version of the baseline file format -write-baseline
// writes. Version 1 keyed findings by their message; -baseline still reads
// it, matching its entries against the messages as version 1 did.
const baselineVersion = 2

// A baselineFile is the JSON document -write-baseline writes and -baseline
// reads. Entries carry no line numbers, so unrelated edits (lines inserted
// above, code moved within its function) leave them valid.
type baselineFile struct {
	Version  int             `json:"version"`
	Findings []baselineEntry `json:"findings"`
}

// A baselineEntry is one key with its count. Since version 2, a finding
// the analyzer describes (god-struct, unused-computed) is keyed by its
// struct and computed fields; only the others (and version 1 entries) by
// their message.
type baselineEntry struct {
	Rule     string   `json:"rule"`
	Package  string   `json:"package"`
	Function string   `json:"function"`
	Struct   string   `json:"struct,omitempty"`
	Computed []string `json:"computed,omitempty"`
	Message  string   `json:"message,omitempty"`
	Count    int      `json:"count"`
}

// baselineKey identifies a finding across edits: its rule, package and
// enclosing function, then the struct and its computed fields (sorted,
// comma-separated) when the analyzer describes the finding, else its
// message without positions. The stored fields and the message's wording
// are not part of it: a stored column added to a baselined query keeps
// the finding baselined.
type baselineKey struct {
	Rule, Package, Function, Struct, Computed, Message string
}

func keyOf(f finding) baselineKey {
	if d := f.Detail; d != nil && len(d.Computed) > 0 {
		computed := slices.Sorted(slices.Values(d.Computed))
		return baselineKey{Rule: f.Rule, Package: f.PkgPath, Function: f.Func, Struct: d.Struct, Computed: strings.Join(computed, ",")}
	}
	return messageKey(f)
}

// messageKey is the key by message, of version 1 and of findings without
// a structured form.
func messageKey(f finding) baselineKey {
	return baselineKey{Rule: f.Rule, Package: f.PkgPath, Function: f.Func, Message: normalizeMessage(f.Message)}
}

// String is the key as one string, for SARIF fingerprints. A message key
// keeps the form of version 1, so its fingerprints do not change.
func (k baselineKey) String() string {
	if k.Computed == "" {
		return strings.Join([]string{k.Rule, k.Package, k.Function, k.Message}, "\x00")
	}
	return strings.Join([]string{k.Rule, k.Package, k.Function, k.Struct, k.Computed}, "\x00")
}

var (
	// "(orders.go:42)" or "(orders.go:42:7)", with the space before it.
	parenPosRE = regexp.MustCompile(`\s*\([^()\s]+\.go:\d+(?::\d+)?\)`)
	// "orders.go:42" or "orders.go:42:7" anywhere else.
	barePosRE = regexp.MustCompile(`(\.go):\d+(?::\d+)?\b`)
	// "line 42", "lines 42" and "lines 42-44".
	lineRE = regexp.MustCompile(`\b(lines?) \d+(?:-\d+)?\b`)
)

// normalizeMessage strips the positions and line numbers from a message,
// so that its key survives edits elsewhere in the file.
func normalizeMessage(msg string) string {
	msg = parenPosRE.ReplaceAllString(msg, "")
	msg = barePosRE.ReplaceAllString(msg, "$1")
	msg = lineRE.ReplaceAllString(msg, "$1 N")
	return msg
}

// A baseline is a multiset of keys: two identical findings need a count of
// two.
type baseline map[baselineKey]int

// readBaseline reads a baseline file. Its errors are one line long and
// name the file.
func readBaseline(name string) (baseline, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err // *PathError names the file
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var bf baselineFile
	if err := dec.Decode(&bf); err != nil {
		return nil, fmt.Errorf("%s: malformed baseline: %v", name, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%s: malformed baseline: data after the JSON document", name)
	}
	if bf.Version != 1 && bf.Version != baselineVersion {
		return nil, fmt.Errorf("%s: unsupported baseline version %d (want 1 or %d; -write-baseline writes version %d)", name, bf.Version, baselineVersion, baselineVersion)
	}
	b := baseline{}
	for i, e := range bf.Findings {
		switch {
		case e.Rule == "":
			return nil, fmt.Errorf("%s: malformed baseline: findings[%d] has no rule", name, i)
		case e.Package == "":
			return nil, fmt.Errorf("%s: malformed baseline: findings[%d] has no package", name, i)
		case e.Message == "" && (bf.Version == 1 || len(e.Computed) == 0):
			return nil, fmt.Errorf("%s: malformed baseline: findings[%d] has no message and no computed fields", name, i)
		case bf.Version == 1 && (e.Struct != "" || len(e.Computed) > 0):
			return nil, fmt.Errorf("%s: malformed baseline: findings[%d] has struct or computed fields, which version 1 does not know", name, i)
		case e.Count < 1:
			return nil, fmt.Errorf("%s: malformed baseline: findings[%d] has count %d (want at least 1)", name, i, e.Count)
		}
		k := baselineKey{Rule: e.Rule, Package: e.Package, Function: e.Function, Message: e.Message}
		if len(e.Computed) > 0 {
			computed := slices.Sorted(slices.Values(e.Computed))
			k = baselineKey{Rule: e.Rule, Package: e.Package, Function: e.Function, Struct: e.Struct, Computed: strings.Join(computed, ",")}
		}
		b[k] += e.Count
	}
	return b, nil
}

// apply marks the findings the baseline accounts for, in order, each key
// as many times as its count, and returns how many entries were left
// unused (findings since fixed).
func (b baseline) apply(fs []finding) (unused int) {
	left := make(baseline, len(b))
	for k, n := range b {
		left[k] = n
	}
	for i := range fs {
		// A finding matches its key, or the message key a version 1
		// baseline recorded it under.
		for _, k := range []baselineKey{keyOf(fs[i]), messageKey(fs[i])} {
			if left[k] > 0 {
				left[k]--
				fs[i].InBaseline = true
				break
			}
		}
	}
	for _, n := range left {
		unused += n
	}
	return unused
}

// encodeBaseline renders the baseline of fs: one entry per key with its
// count, sorted by package, function, rule and message.
func encodeBaseline(fs []finding) []byte {
	counts := map[baselineKey]int{}
	for _, f := range fs {
		counts[keyOf(f)]++
	}
	bf := baselineFile{Version: baselineVersion, Findings: []baselineEntry{}}
	for k, n := range counts {
		e := baselineEntry{Rule: k.Rule, Package: k.Package, Function: k.Function, Struct: k.Struct, Message: k.Message, Count: n}
		if k.Computed != "" {
			e.Computed = strings.Split(k.Computed, ",")
		}
		bf.Findings = append(bf.Findings, e)
	}
	slices.SortFunc(bf.Findings, func(a, b baselineEntry) int {
		return cmp.Or(
			strings.Compare(a.Package, b.Package),
			strings.Compare(a.Function, b.Function),
			strings.Compare(a.Rule, b.Rule),
			strings.Compare(a.Struct, b.Struct),
			slices.Compare(a.Computed, b.Computed),
			strings.Compare(a.Message, b.Message),
		)
	})
	data, err := json.MarshalIndent(bf, "", "  ")
	if err != nil {
		panic(err) // strings and ints always marshal
	}
	return append(data, '\n')
}

// A pendingFile is written atomically: the data goes to a temporary file
// beside the target, renamed over it on commit. Creating it first checks
// early that the target's directory is writable.
type pendingFile struct {
	name string
	tmp  *os.File
}

func createPending(name string) (*pendingFile, error) {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp*")
	if err != nil {
		return nil, err
	}
	return &pendingFile{name: name, tmp: tmp}, nil
}

func (p *pendingFile) commit(data []byte) error {
	_, err := p.tmp.Write(data)
	err = errors.Join(err, p.tmp.Chmod(0o644), p.tmp.Close())
	if err == nil {
		err = os.Rename(p.tmp.Name(), p.name)
	}
	if err != nil {
		os.Remove(p.tmp.Name())
	}
	return err
}

func (p *pendingFile) abort() {
	p.tmp.Close()
	os.Remove(p.tmp.Name())
}
