package views

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ChartKind chooses how a Chart draws its series.
type ChartKind int

const (
	ChartBars ChartKind = iota
	ChartLine
)

// ChartPoint is one bucket of a time series: its axis label (a day) and its
// value in integer units (money in ten-thousandths, or a count).
type ChartPoint struct {
	Label string
	Value int64
}

// Chart draws a small time series with canvas primitives: bars or a line,
// a y axis with three value labels and a few x labels. Values stay integers;
// only pixel positions are floats.
type Chart struct {
	widget.BaseWidget
	Kind   ChartKind
	Points []ChartPoint
	// Format prints a value for the y axis (e.g. money or a count).
	Format func(int64) string
	// Color of the bars or line; the theme's primary colour when nil.
	Color color.Color
}

// NewChart builds an empty chart; SetPoints fills it.
func NewChart(kind ChartKind, format func(int64) string) *Chart {
	c := &Chart{Kind: kind, Format: format}
	c.ExtendBaseWidget(c)
	return c
}

// SetPoints replaces the series and redraws.
func (c *Chart) SetPoints(p []ChartPoint) {
	c.Points = p
	c.Refresh()
}

// MaxValue is the top of the y axis: the largest value rounded up to a
// "nice" number (1, 2, 2.5 or 5 times a power of ten) so axis labels read well.
func (c *Chart) MaxValue() int64 {
	var m int64
	for _, p := range c.Points {
		if p.Value > m {
			m = p.Value
		}
	}
	return niceCeil(m)
}

func niceCeil(v int64) int64 {
	if v <= 0 {
		return 1
	}
	pow := int64(1)
	for pow*10 <= v {
		pow *= 10
	}
	for _, f := range []int64{10, 20, 25, 50, 100} {
		if n := pow * f / 10; n >= v {
			return n
		}
	}
	return pow * 10
}

func (c *Chart) CreateRenderer() fyne.WidgetRenderer {
	r := &chartRenderer{c: c, bg: canvas.NewRectangle(color.Transparent)}
	r.rebuild()
	return r
}

type chartRenderer struct {
	c       *Chart
	bg      *canvas.Rectangle
	axisY   []*canvas.Text
	grid    []*canvas.Line
	labelsX []*canvas.Text
	marks   []fyne.CanvasObject // bars, or line segments and dots
	objects []fyne.CanvasObject
}

// rebuild makes the canvas objects for the current points; Layout places them.
func (r *chartRenderer) rebuild() {
	th := r.c.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, v)
	muted := th.Color(theme.ColorNameDisabled, v)
	col := r.c.Color
	if col == nil {
		col = th.Color(theme.ColorNamePrimary, v)
	}
	gridCol := th.Color(theme.ColorNameSeparator, v)
	textSize := th.Size(theme.SizeNameCaptionText)

	max := r.c.MaxValue()
	format := r.c.Format
	if format == nil {
		format = func(n int64) string { return formatCount(n) }
	}
	r.axisY = r.axisY[:0]
	r.grid = r.grid[:0]
	for i := 0; i <= 2; i++ {
		t := canvas.NewText(format(max*int64(i)/2), muted)
		t.TextSize = textSize
		t.Alignment = fyne.TextAlignTrailing
		r.axisY = append(r.axisY, t)
		l := canvas.NewLine(gridCol)
		l.StrokeWidth = 1
		r.grid = append(r.grid, l)
	}
	r.labelsX = r.labelsX[:0]
	for _, i := range xLabelIndexes(len(r.c.Points)) {
		t := canvas.NewText(r.c.Points[i].Label, fg)
		t.TextSize = textSize
		t.Alignment = fyne.TextAlignCenter
		r.labelsX = append(r.labelsX, t)
	}
	r.marks = r.marks[:0]
	n := len(r.c.Points)
	switch r.c.Kind {
	case ChartBars:
		for range r.c.Points {
			b := canvas.NewRectangle(col)
			b.CornerRadius = 2
			r.marks = append(r.marks, b)
		}
	case ChartLine:
		for i := 0; i+1 < n; i++ {
			l := canvas.NewLine(col)
			l.StrokeWidth = 2
			r.marks = append(r.marks, l)
		}
		for range r.c.Points {
			d := canvas.NewCircle(col)
			r.marks = append(r.marks, d)
		}
	}
	r.objects = []fyne.CanvasObject{r.bg}
	for _, g := range r.grid {
		r.objects = append(r.objects, g)
	}
	for _, t := range r.axisY {
		r.objects = append(r.objects, t)
	}
	for _, t := range r.labelsX {
		r.objects = append(r.objects, t)
	}
	r.objects = append(r.objects, r.marks...)
}

// xLabelIndexes picks at most 7 evenly spread points to label, always the
// first and the last.
func xLabelIndexes(n int) []int {
	if n == 0 {
		return nil
	}
	if n <= 7 {
		out := make([]int, n)
		for i := range out {
			out[i] = i
		}
		return out
	}
	out := []int{}
	for k := 0; k < 7; k++ {
		out = append(out, k*(n-1)/6)
	}
	return out
}

func (r *chartRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	const axisW, labelH, pad = 72, 18, 6
	plotX, plotY := float32(axisW+pad), float32(pad)
	plotW := size.Width - plotX - pad
	plotH := size.Height - labelH - 2*pad
	if plotW < 1 || plotH < 1 {
		return
	}
	max := r.c.MaxValue()
	yOf := func(v int64) float32 {
		if v < 0 {
			v = 0
		}
		return plotY + plotH - plotH*float32(float64(v)/float64(max))
	}
	for i, t := range r.axisY {
		y := yOf(max * int64(i) / 2)
		t.Move(fyne.NewPos(0, y-t.MinSize().Height/2))
		t.Resize(fyne.NewSize(axisW, t.MinSize().Height))
		r.grid[i].Position1 = fyne.NewPos(plotX, y)
		r.grid[i].Position2 = fyne.NewPos(plotX+plotW, y)
	}
	n := len(r.c.Points)
	if n == 0 {
		return
	}
	slot := plotW / float32(n)
	centerX := func(i int) float32 { return plotX + slot*float32(i) + slot/2 }
	for k, i := range xLabelIndexes(n) {
		t := r.labelsX[k]
		w := t.MinSize().Width
		x := centerX(i) - w/2
		if x < plotX-axisW/2 {
			x = plotX - axisW/2
		}
		if x+w > size.Width {
			x = size.Width - w
		}
		t.Move(fyne.NewPos(x, plotY+plotH+2))
		t.Resize(fyne.NewSize(w, labelH))
	}
	switch r.c.Kind {
	case ChartBars:
		bw := slot * 0.7
		if bw < 1 {
			bw = 1
		}
		for i, p := range r.c.Points {
			top := yOf(p.Value)
			b := r.marks[i]
			b.Move(fyne.NewPos(centerX(i)-bw/2, top))
			b.Resize(fyne.NewSize(bw, plotY+plotH-top))
		}
	case ChartLine:
		for i := 0; i+1 < n; i++ {
			l := r.marks[i].(*canvas.Line)
			l.Position1 = fyne.NewPos(centerX(i), yOf(r.c.Points[i].Value))
			l.Position2 = fyne.NewPos(centerX(i+1), yOf(r.c.Points[i+1].Value))
		}
		dot := float32(6)
		if slot < 10 {
			dot = 3
		}
		for i, p := range r.c.Points {
			d := r.marks[n-1+i]
			d.Move(fyne.NewPos(centerX(i)-dot/2, yOf(p.Value)-dot/2))
			d.Resize(fyne.NewSize(dot, dot))
		}
	}
}

func (r *chartRenderer) MinSize() fyne.Size { return fyne.NewSize(240, 140) }

func (r *chartRenderer) Refresh() {
	r.rebuild()
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}

func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *chartRenderer) Destroy() {}
