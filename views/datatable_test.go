package views

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func init() {
	// Background loads hand their results to the test goroutine, which
	// applies them in WaitLoaded (see uiQueue). An init rather than a
	// TestMain so that the shell's tests in this package can have their own.
	uiQueue.enabled = true
}

type fakeRow struct {
	ID   int
	Name string
}

// fakeSource serves n rows sorted by id or name, and records which pages
// were asked for.
type fakeSource struct {
	mu     sync.Mutex
	rows   []fakeRow
	pages  []int
	sorted map[string][]fakeRow // by key and direction, sorted once
}

func newFakeSource(n int) *fakeSource {
	f := &fakeSource{}
	for i := 0; i < n; i++ {
		f.rows = append(f.rows, fakeRow{ID: i + 1, Name: fmt.Sprintf("name-%05d", (i*7919)%n)})
	}
	return f
}

func (f *fakeSource) source() Source[fakeRow] {
	return Source[fakeRow]{
		Count: func(context.Context) (int, error) { return len(f.rows), nil },
		Page: func(_ context.Context, key string, desc bool, off, lim int) ([]fakeRow, error) {
			f.mu.Lock()
			f.pages = append(f.pages, off/lim)
			k := fmt.Sprint(key, desc)
			s, ok := f.sorted[k]
			if !ok {
				s = append([]fakeRow(nil), f.rows...)
				sort.SliceStable(s, func(i, j int) bool {
					less := s[i].ID < s[j].ID
					if key == "name" {
						less = s[i].Name < s[j].Name
					}
					if desc {
						return !less
					}
					return less
				})
				if f.sorted == nil {
					f.sorted = map[string][]fakeRow{}
				}
				f.sorted[k] = s
			}
			f.mu.Unlock()
			if off > len(s) {
				return nil, nil
			}
			end := min(off+lim, len(s))
			return s[off:end], nil
		},
	}
}

func fakeColumns() []Column[fakeRow] {
	return []Column[fakeRow]{
		{Key: "id", Title: "ID", Width: 80, Align: fyne.TextAlignTrailing, Render: func(r fakeRow) string { return fmt.Sprint(r.ID) }},
		{Key: "name", Title: "Name", Width: 160, Render: func(r fakeRow) string { return r.Name }},
		{Title: "Note", Width: 100, Render: func(r fakeRow) string { return "n" }},
	}
}

// renderedObjects walks the live renderer tree under obj (test.LaidOutObjects
// builds fresh renderers, which lack a table's cells).
func renderedObjects(obj fyne.CanvasObject) []fyne.CanvasObject {
	out := []fyne.CanvasObject{obj}
	switch c := obj.(type) {
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			out = append(out, renderedObjects(child)...)
		}
	case *fyne.Container:
		for _, child := range c.Objects {
			out = append(out, renderedObjects(child)...)
		}
	}
	return out
}

// visibleLabels returns the texts of every label rendered inside obj.
func visibleLabels(obj fyne.CanvasObject) map[string]bool {
	out := map[string]bool{}
	for _, o := range renderedObjects(obj) {
		if !o.Visible() {
			continue
		}
		switch l := o.(type) {
		case *widget.Label:
			out[l.Text] = true
		case *headerCell:
			out[l.Text] = true
		}
	}
	return out
}

func TestDataTableStartsEmptyThenShowsFirstPage(t *testing.T) {
	test.NewTempApp(t)
	src := newFakeSource(1000)
	d := NewDataTable(fakeColumns(), "id", false)
	if r, _ := d.length(); r != 0 {
		t.Fatalf("table should start empty, has %d rows", r)
	}
	var counted int
	d.OnCount = func(n int) { counted = n }
	w := test.NewTempWindow(t, d.Widget())
	w.Resize(fyne.NewSize(500, 400))
	d.SetSource(src.source())
	d.WaitLoaded()
	if counted != 1000 || d.Rows() != 1000 {
		t.Fatalf("count = %d, rows = %d", counted, d.Rows())
	}
	if got := d.CellText(0, 0); got != "1" {
		t.Errorf("first cell = %q", got)
	}
	if got := d.CellText(199, 0); got != "200" {
		t.Errorf("row 199 = %q", got)
	}
	// Rows beyond the first page are not loaded until shown.
	if got := d.CellText(500, 0); got != loadingText {
		t.Errorf("row 500 before scrolling = %q", got)
	}
	w.Content().Refresh()
	labels := visibleLabels(w.Content())
	if !labels["1"] || !labels["2"] || !labels["ID ▲"] || !labels["Name"] {
		t.Errorf("visible labels miss first rows or header: %v", labels)
	}
}

func TestDataTableLoadsPagesOnScrollAndBoundsCache(t *testing.T) {
	test.NewTempApp(t)
	src := newFakeSource(20000)
	d := NewDataTable(fakeColumns(), "id", false)
	w := test.NewTempWindow(t, d.Widget())
	w.Resize(fyne.NewSize(500, 400))
	d.SetSource(src.source())
	d.WaitLoaded()
	d.Table().ScrollTo(widget.TableCellID{Row: 12345, Col: 0})
	d.WaitLoaded()
	if got := d.CellText(12345, 0); got != "12346" {
		t.Fatalf("row 12345 after scroll = %q", got)
	}
	if !visibleLabels(w.Content())["12346"] {
		t.Error("scrolled row not shown in the table")
	}
	for p := 0; p < 100; p++ {
		d.requestPage(p)
	}
	d.WaitLoaded()
	d.mu.Lock()
	cached := len(d.pages)
	d.mu.Unlock()
	if cached > maxCachedPages {
		t.Errorf("cache holds %d pages, limit %d", cached, maxCachedPages)
	}
}

func TestDataTableHeaderTapSortsAndFlips(t *testing.T) {
	test.NewTempApp(t)
	src := newFakeSource(300)
	d := NewDataTable(fakeColumns(), "id", false)
	w := test.NewTempWindow(t, d.Widget())
	w.Resize(fyne.NewSize(500, 400))
	d.SetSource(src.source())
	d.WaitLoaded()

	var nameHeader *headerCell
	for _, o := range renderedObjects(w.Content()) {
		if h, ok := o.(*headerCell); ok && h.Text == "Name" {
			nameHeader = h
		}
	}
	if nameHeader == nil {
		t.Fatal("no Name header")
	}
	test.Tap(nameHeader)
	d.WaitLoaded()
	if key, desc := d.Sort(); key != "name" || desc {
		t.Fatalf("after tap sort = %q desc=%v", key, desc)
	}
	if got := d.CellText(0, 1); got != "name-00000" {
		t.Errorf("first name ascending = %q", got)
	}
	test.Tap(nameHeader)
	d.WaitLoaded()
	if got := d.CellText(0, 1); got != "name-00299" {
		t.Errorf("first name descending = %q", got)
	}
	if nameHeader.Text != "Name ▼" {
		t.Errorf("header shows %q", nameHeader.Text)
	}
	// A column without a key does not sort.
	d.ToggleSort(2)
	if key, _ := d.Sort(); key != "name" {
		t.Errorf("unsortable column changed sort to %q", key)
	}
}

func TestDataTableOpensRowOnEnterDoubleTapAndSecondTap(t *testing.T) {
	test.NewTempApp(t)
	src := newFakeSource(50)
	d := NewDataTable(fakeColumns(), "id", false)
	var opened []int
	d.OnOpen = func(r fakeRow) { opened = append(opened, r.ID) }
	w := test.NewTempWindow(t, d.Widget())
	w.Resize(fyne.NewSize(500, 400))
	d.SetSource(src.source())
	d.WaitLoaded()

	d.Select(3)
	d.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(opened) != 1 || opened[0] != 4 {
		t.Fatalf("Enter opened %v", opened)
	}

	// Double-click on the third row (row height from the template).
	rowH := d.table.Table.MinSize().Height // header + one row at least
	_ = rowH
	cellH := NewDataTable(fakeColumns(), "", false).table.CreateCell().MinSize().Height
	pos := fyne.NewPos(20, cellH*2.5+4) // header row + rows 0,1 → inside row 1 or 2
	d.table.DoubleTapped(&fyne.PointEvent{Position: pos})
	if len(opened) != 2 {
		t.Fatalf("double tap opened %v", opened)
	}
	sel := d.table.selected()
	if opened[1] != sel+1 {
		t.Errorf("double tap opened id %d but selected row %d", opened[1], sel)
	}

	// A single tap on the selected row opens it too; on another row it only selects.
	d.table.Tapped(&fyne.PointEvent{Position: pos})
	if len(opened) != 3 {
		t.Errorf("tap on selected row: opened %v", opened)
	}
	d.table.Tapped(&fyne.PointEvent{Position: fyne.NewPos(20, cellH*6.5+4)})
	if len(opened) != 3 {
		t.Errorf("tap on another row opened it: %v", opened)
	}
}

func TestDataTableRefreshKeepsPositionAndSelection(t *testing.T) {
	test.NewTempApp(t)
	src := newFakeSource(20000)
	d := NewDataTable(fakeColumns(), "id", false)
	w := test.NewTempWindow(t, d.Widget())
	w.Resize(fyne.NewSize(500, 400))
	d.SetSource(src.source())
	d.WaitLoaded()
	d.Select(5000)
	d.WaitLoaded()
	counted := 0
	d.OnCount = func(n int) { counted = n }

	// The data changes under the table (a sync added rows and renamed one).
	src.mu.Lock()
	src.rows[5000].Name = "renamed"
	src.rows = append(src.rows, fakeRow{ID: 20001, Name: "new"})
	src.sorted = nil
	src.mu.Unlock()
	d.Refresh()
	// Until the fresh page arrives the old rows stay on screen.
	if got := d.CellText(5000, 0); got != "5001" {
		t.Errorf("row 5000 during refresh = %q", got)
	}
	d.WaitLoaded()
	if counted != 20001 || d.CellText(5000, 1) != "renamed" {
		t.Errorf("after refresh: count %d, row 5000 name %q", counted, d.CellText(5000, 1))
	}
	if d.table.selected() != 5000 || !visibleLabels(w.Content())["renamed"] {
		t.Error("refresh lost the selection or the scroll position")
	}
	// A new filter (source) goes back to the top.
	d.SetSource(src.source())
	d.WaitLoaded()
	if d.table.selected() != -1 || !visibleLabels(w.Content())["1"] {
		t.Error("a new source should reset selection and scroll")
	}
}
