package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/cqrslint/cqrslint/analyzer"
)

// writeSuggestions prints, for each god struct among the findings to
// report, the split the analysis found: a command model with the stored
// fields its write paths use, a query model with the rest, and for each
// write path that loads it the SELECT of only those stored columns. Every
// name, type and column comes from the analysis (analyzer.Finding).
func writeSuggestions(w io.Writer, root string, fs []finding) {
	type site struct {
		f finding
		d *analyzer.Finding
	}
	var order []string
	byStruct := map[string][]site{}
	for _, f := range fs {
		d := f.Detail
		if f.InBaseline || d == nil || f.Rule != analyzer.RuleGodStruct || d.Struct == "" || len(d.Fields) == 0 {
			continue
		}
		if _, ok := byStruct[d.StructPath]; !ok {
			order = append(order, d.StructPath)
		}
		byStruct[d.StructPath] = append(byStruct[d.StructPath], site{f, d})
	}
	for i, key := range order {
		sites := byStruct[key]
		first := sites[0].d
		var used, paths []string
		for _, s := range sites {
			for _, u := range s.d.Used {
				if !slices.Contains(used, u) {
					used = append(used, u)
				}
			}
			if s.d.WritePath != "" && !slices.Contains(paths, s.d.WritePath) {
				paths = append(paths, s.d.WritePath)
			}
		}
		stored := first.Stored
		if len(used) == 0 {
			used = stored // the write paths' uses are not known: keep every stored field
		}
		var command, query []analyzer.Field
		for _, f := range first.Fields {
			switch {
			case slices.Contains(used, f.Name):
				command = append(command, f)
				if isKeyField(f.Name) {
					query = append(query, f)
				}
			case slices.Contains(stored, f.Name) || slices.Contains(first.Computed, f.Name) || !slices.Contains(used, f.Name):
				query = append(query, f)
			}
		}
		if i > 0 {
			fmt.Fprintln(w)
		}
		name := first.Struct
		fmt.Fprintf(w, "// %s (%s) mixes stored and computed fields on the write side. A split:\n\n", name, key)
		who := "its write paths"
		if len(paths) > 0 {
			who = strings.Join(paths, ", ")
		}
		fmt.Fprintf(w, "// %sCommand carries the stored fields %s use%s.\n", name, who, map[bool]string{true: "s", false: ""}[len(paths) == 1])
		writeStruct(w, name+"Command", command)
		fmt.Fprintf(w, "\n// %sView is the query model, for reads: the key, the computed fields and the stored fields the writes do not use.\n", name)
		writeStruct(w, name+"View", query)
		// One SELECT per distinct query text, with the write paths using it.
		var queries []string
		labels := map[string][]string{}
		for _, s := range sites {
			q := s.d.CommandQuery
			if q == "" {
				q = s.d.StoredQuery
			}
			if q == "" {
				continue
			}
			q = strings.TrimSpace(q)
			if _, ok := labels[q]; !ok {
				queries = append(queries, q)
			}
			label := posString(root, s.f.Posn)
			if s.d.WritePath != "" {
				label = s.d.WritePath + " (" + label + ")"
			}
			labels[q] = append(labels[q], label)
		}
		for _, q := range queries {
			fmt.Fprintf(w, "\n-- %s: load %sCommand with\n%s\n", strings.Join(labels[q], ", "), name, q)
		}
	}
}

func writeStruct(w io.Writer, name string, fields []analyzer.Field) {
	width := 0
	for _, f := range fields {
		width = max(width, len(f.Name))
	}
	fmt.Fprintf(w, "type %s struct {\n", name)
	for _, f := range fields {
		line := fmt.Sprintf("\t%-*s %s", width, f.Name, f.Type)
		if f.Tag != "" {
			line += " `" + f.Tag + "`"
		}
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
	fmt.Fprintln(w, "}")
}

// isKeyField reports whether a field is an identity the query model keeps
// too: ID, UserID.
func isKeyField(name string) bool {
	return name == "ID" || name == "Id" || strings.HasSuffix(name, "ID")
}
