package views

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

func TestNiceCeil(t *testing.T) {
	for v, want := range map[int64]int64{0: 1, 1: 1, 7: 10, 11: 20, 21: 25, 26: 50, 51: 100, 180: 200, 2400: 2500, 1000: 1000} {
		if got := niceCeil(v); got != want {
			t.Errorf("niceCeil(%d) = %d, want %d", v, got, want)
		}
	}
}

func TestChartBarsScaleToValues(t *testing.T) {
	test.NewTempApp(t)
	c := NewChart(ChartBars, func(n int64) string { return formatCount(n) })
	c.SetPoints([]ChartPoint{{"Mon", 10}, {"Tue", 40}, {"Wed", 0}, {"Thu", 20}})
	w := test.NewTempWindow(t, c)
	w.Resize(fyne.NewSize(400, 200))
	r := test.WidgetRenderer(c).(*chartRenderer)
	if len(r.marks) != 4 {
		t.Fatalf("bars = %d", len(r.marks))
	}
	h := func(i int) float32 { return r.marks[i].Size().Height }
	if h(1) <= h(0) || h(2) != 0 || h(3) <= h(0) || h(3) >= h(1) {
		t.Errorf("bar heights %v %v %v %v do not follow 10,40,0,20", h(0), h(1), h(2), h(3))
	}
	// 40 is the top of the axis (nice ceiling of 40 is 50 → bar is 80% of the plot).
	if c.MaxValue() != 50 {
		t.Errorf("axis max = %d", c.MaxValue())
	}
	if ratio := h(1) / h(0); ratio < 3.9 || ratio > 4.1 {
		t.Errorf("bar 40 is %.2f× bar 10", ratio)
	}
	var texts []string
	for _, o := range r.Objects() {
		if tx, ok := o.(*canvas.Text); ok {
			texts = append(texts, tx.Text)
		}
	}
	want := map[string]bool{"0": true, "25": true, "50": true, "Mon": true, "Thu": true}
	for _, s := range texts {
		delete(want, s)
	}
	if len(want) > 0 {
		t.Errorf("axis labels %v miss %v", texts, want)
	}
}

func TestChartLineHasSegmentsAndDots(t *testing.T) {
	test.NewTempApp(t)
	c := NewChart(ChartLine, nil)
	pts := make([]ChartPoint, 30)
	for i := range pts {
		pts[i] = ChartPoint{Label: "d", Value: int64(i)}
	}
	c.SetPoints(pts)
	w := test.NewTempWindow(t, c)
	w.Resize(fyne.NewSize(500, 200))
	r := test.WidgetRenderer(c).(*chartRenderer)
	if len(r.marks) != 29+30 {
		t.Errorf("line marks = %d, want 59", len(r.marks))
	}
	if got := len(r.labelsX); got != 7 {
		t.Errorf("x labels = %d, want 7", got)
	}
	first := r.marks[0].(*canvas.Line)
	if first.Position2.Y >= first.Position1.Y {
		t.Error("rising series drawn falling")
	}
}
