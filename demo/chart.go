package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The chart's series, in legend order: each side's profile read and
// follow, p50 against fan-out.
var chartSeries = []struct {
	label string
	side  string
	read  bool
}{
	{"before: profile read", "before", true},
	{"before: follow (one write)", "before", false},
	{"after: profile read", "after", true},
	{"after: follow (one write)", "after", false},
}

// dataPath is where the chart's data goes: beside it, as .json.
func dataPath(chart string) string {
	return strings.TrimSuffix(chart, filepath.Ext(chart)) + ".json"
}

// writeChart writes data as a chart to path (SVG, or PNG for .png) and as JSON beside it,
// creating the directory if needed.
func writeChart(path string, data curveData) error {
	svg, err := renderChart(data, chartFormat(path))
	if err != nil {
		return err
	}
	js, err := json.MarshalIndent(data, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	if err := os.WriteFile(dataPath(path), append(js, '\n'), 0o644); err != nil {
		return fmt.Errorf("chart data: %w", err)
	}
	if err := os.WriteFile(path, svg, 0o644); err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	return nil
}

// chartFormat is the image format path's extension asks for: png, or
// else svg.
func chartFormat(path string) string {
	if strings.EqualFold(filepath.Ext(path), ".png") {
		return "png"
	}
	return "svg"
}

// renderChart draws data in format (svg or png): p50 latency against
// fan-out, both on log scales, one line per side and operation. The same
// data always gives the same image.
func renderChart(data curveData, format string) ([]byte, error) {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("A celebrity's profile read and one follow, by fan-out (measured %s)", data.Measured)
	p.X.Label.Text = "fan-out: the celebrity's posts and followers (log scale)"
	p.Y.Label.Text = "p50 latency in ms (log scale)"
	p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
	p.X.Tick.Marker, p.Y.Tick.Marker = logTicks{}, logTicks{}
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs, p.Legend.YOffs = vg.Points(10), vg.Points(-5)
	p.Add(plotter.NewGrid())
	red := color.RGBA{R: 0xc0, G: 0x30, B: 0x20, A: 0xff}
	blue := color.RGBA{R: 0x20, G: 0x50, B: 0xb0, A: 0xff}
	for _, s := range chartSeries {
		xys := make(plotter.XYs, len(data.Points))
		for i, pt := range data.Points {
			c := pt.side(s.side)
			v := c.WriteMs
			if s.read {
				v = c.ReadMs
			}
			xys[i] = plotter.XY{X: float64(pt.FanOut), Y: max(v, 0.001)} // log scale: no zero
		}
		l, pts, err := plotter.NewLinePoints(xys)
		if err != nil {
			return nil, fmt.Errorf("chart: %s: %w", s.label, err)
		}
		col := blue
		if s.side == "before" {
			col = red
		}
		l.Color, pts.Color = col, col
		l.Width = vg.Points(1.5)
		if !s.read {
			l.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
			pts.Shape = draw.BoxGlyph{}
		} else {
			pts.Shape = draw.CircleGlyph{}
		}
		p.Add(l, pts)
		p.Legend.Add(s.label, l, pts)
	}
	// Room above the lines for the legend: a decade and a half.
	p.Y.Max *= 30
	wt, err := p.WriterTo(9*vg.Inch, 5.5*vg.Inch, format)
	if err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	var b bytes.Buffer
	if _, err := wt.WriteTo(&b); err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	return b.Bytes(), nil
}

// logTicks marks a log axis at 1, 2 and 5 times each power of ten, with
// labels, and at the other integer multiples without.
type logTicks struct{}

func (logTicks) Ticks(lo, hi float64) []plot.Tick {
	var ticks []plot.Tick
	for e := math.Floor(math.Log10(lo)); e <= math.Ceil(math.Log10(hi)); e++ {
		base := math.Pow(10, e)
		for m := 1.0; m < 10; m++ {
			v := m * base
			if v < lo || v > hi {
				continue
			}
			t := plot.Tick{Value: v}
			if m == 1 || m == 2 || m == 5 {
				t.Label = strconv.FormatFloat(v, 'g', -1, 64)
			}
			ticks = append(ticks, t)
		}
	}
	return ticks
}
