package views

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Column declares one column of a DataTable once: its sort key (passed to
// the SQL query; "" = not sortable), title, width, how a row renders into
// it, and its alignment.
type Column[T any] struct {
	Key    string
	Title  string
	Width  float32
	Align  fyne.TextAlign
	Render func(T) string
}

// Source feeds a DataTable from SQL: Count answers how many rows match the
// current filter, Page returns rows [offset, offset+limit) in the given
// order. Both are called off the UI goroutine.
type Source[T any] struct {
	Count func(ctx context.Context) (int, error)
	Page  func(ctx context.Context, sortKey string, desc bool, offset, limit int) ([]T, error)
}

const (
	tablePageSize = 200
	// maxCachedPages bounds memory: 25 pages of 200 rows, whatever the
	// table's length. Pages far from the one being shown are dropped first.
	maxCachedPages = 25
	loadingText    = "…"
)

// DataTable is a virtualised table over a paged SQL source. It never holds
// all rows: UpdateCell only reads a page cache; a miss shows "…" and a
// loader goroutine fetches that page, then refreshes the table via fyne.Do.
// It starts empty (Length 0) and fills after the first count and page,
// which keeps Fyne from building a separator per row on the first layout.
type DataTable[T any] struct {
	cols  []Column[T]
	table *rowTable

	// OnOpen is called (UI goroutine) when a row is opened by double-click,
	// a tap on the selected row, or Enter.
	OnOpen func(row T)
	// OnCount is called (UI goroutine) when a reload has counted the rows.
	OnCount func(n int)
	// OnError is called (UI goroutine) when counting or loading fails.
	OnError func(err error)

	mu       sync.Mutex
	src      Source[T]
	gen      int // bumped by every reload; stale loads are dropped
	rows     int
	pages    map[int][]T
	loading  map[int]bool
	sortKey  string
	desc     bool
	selected int
	lastPage int // page of the last cell drawn: what the user is looking at
	loads    sync.WaitGroup
}

// NewDataTable builds the table with its columns; call SetSource to fill it.
func NewDataTable[T any](cols []Column[T], defaultSort string, defaultDesc bool) *DataTable[T] {
	d := &DataTable[T]{
		cols:     cols,
		pages:    map[int][]T{},
		loading:  map[int]bool{},
		sortKey:  defaultSort,
		desc:     defaultDesc,
		selected: -1,
	}
	t := &rowTable{}
	t.Length = d.length
	t.CreateCell = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	t.UpdateCell = d.updateCell
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject { return newHeaderCell() }
	t.UpdateHeader = d.updateHeader
	t.OnSelected = func(id widget.TableCellID) {
		d.mu.Lock()
		d.selected = id.Row
		d.mu.Unlock()
	}
	t.open = d.openSelected
	t.selected = func() int {
		d.mu.Lock()
		defer d.mu.Unlock()
		return d.selected
	}
	t.ExtendBaseWidget(t)
	for i, c := range cols {
		if c.Width > 0 {
			t.SetColumnWidth(i, c.Width)
		}
	}
	d.table = t
	return d
}

// Widget is the table to put in a layout.
func (d *DataTable[T]) Widget() fyne.CanvasObject { return d.table }

// Table exposes the underlying widget (tests, focus).
func (d *DataTable[T]) Table() *widget.Table { return &d.table.Table }

// SetSource replaces the filter's source and reloads from the first page.
func (d *DataTable[T]) SetSource(src Source[T]) {
	d.mu.Lock()
	d.src = src
	d.mu.Unlock()
	d.Reload()
}

// HasSource reports whether SetSource was called.
func (d *DataTable[T]) HasSource() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.src.Page != nil
}

// Sort returns the current sort key and direction.
func (d *DataTable[T]) Sort() (string, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.sortKey, d.desc
}

// SetSort orders by key (descending when desc) and reloads.
func (d *DataTable[T]) SetSort(key string, desc bool) {
	d.mu.Lock()
	d.sortKey, d.desc = key, desc
	d.mu.Unlock()
	d.table.Refresh() // header indicators
	d.Reload()
}

// ToggleSort is what a header tap does: same column flips the direction,
// a new column sorts ascending.
func (d *DataTable[T]) ToggleSort(col int) {
	if col < 0 || col >= len(d.cols) || d.cols[col].Key == "" {
		return
	}
	key := d.cols[col].Key
	cur, desc := d.Sort()
	if cur == key {
		d.SetSort(key, !desc)
		return
	}
	d.SetSort(key, false)
}

// Reload drops every cached page and counts and loads again from the
// first page (a new filter or order): the view goes back to the top.
func (d *DataTable[T]) Reload() { d.reload(true) }

// Refresh re-reads the rows in view for the same filter and order (the
// data changed, e.g. during a sync): the scroll position and selection stay
// and the old rows stay on screen until the fresh ones arrive.
func (d *DataTable[T]) Refresh() { d.reload(false) }

func (d *DataTable[T]) reload(reset bool) {
	d.mu.Lock()
	d.gen++
	gen := d.gen
	src, sortKey, desc := d.src, d.sortKey, d.desc
	want := []int{0}
	if reset {
		d.pages = map[int][]T{}
		d.selected = -1
	} else {
		// The pages around the one last shown, if they are cached.
		for _, p := range []int{d.lastPage - 1, d.lastPage, d.lastPage + 1} {
			if p > 0 && d.pages[p] != nil {
				want = append(want, p)
			}
		}
	}
	d.loading = map[int]bool{}
	for _, p := range want {
		d.loading[p] = true
	}
	d.mu.Unlock()
	if src.Count == nil || src.Page == nil {
		return
	}
	d.loads.Add(1)
	go func() {
		defer d.loads.Done()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		n, err := src.Count(ctx)
		fresh := map[int][]T{}
		for _, p := range want {
			if err != nil {
				break
			}
			fresh[p], err = src.Page(ctx, sortKey, desc, p*tablePageSize, tablePageSize)
		}
		runOnUI(func() {
			d.mu.Lock()
			if gen != d.gen {
				d.mu.Unlock()
				return
			}
			for _, p := range want {
				delete(d.loading, p)
			}
			if err != nil {
				d.mu.Unlock()
				slog.Error("load table", "err", err)
				if d.OnError != nil {
					d.OnError(err)
				}
				return
			}
			d.rows = n
			d.pages = fresh // pages not re-read are fetched again when shown
			if d.selected >= n {
				d.selected = -1
			}
			d.mu.Unlock()
			if reset {
				d.table.UnselectAll()
				d.table.ScrollToTop()
			}
			d.table.Refresh()
			if d.OnCount != nil {
				d.OnCount(n)
			}
		})
	}()
}

// WaitLoaded blocks until every load started so far (and those they
// triggered) has finished and its result is applied. For tests and tools;
// never call it on the UI goroutine of a real app.
func (d *DataTable[T]) WaitLoaded() {
	for {
		d.loads.Wait()
		if !drainUIQueue() {
			return
		}
	}
}

// Rows returns the current row count.
func (d *DataTable[T]) Rows() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.rows
}

// Row returns a cached row (ok false when its page is not loaded).
func (d *DataTable[T]) Row(i int) (T, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	var zero T
	p, ok := d.pages[i/tablePageSize]
	if !ok || i%tablePageSize >= len(p) {
		return zero, false
	}
	return p[i%tablePageSize], true
}

// CellText is what the cell shows (tests check it).
func (d *DataTable[T]) CellText(row, col int) string {
	r, ok := d.Row(row)
	if !ok {
		return loadingText
	}
	return d.cols[col].Render(r)
}

// Select marks a row as selected (keyboard and tests).
func (d *DataTable[T]) Select(row int) {
	d.table.Select(widget.TableCellID{Row: row, Col: 0})
}

// OpenRow opens a row as a double-click on it would.
func (d *DataTable[T]) OpenRow(row int) {
	d.Select(row)
	d.openSelected()
}

func (d *DataTable[T]) length() (int, int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.rows, len(d.cols)
}

func (d *DataTable[T]) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Col < 0 || id.Col >= len(d.cols) {
		return
	}
	c := d.cols[id.Col]
	l.Alignment = c.Align
	d.mu.Lock()
	d.lastPage = id.Row / tablePageSize
	d.mu.Unlock()
	r, ok := d.Row(id.Row)
	if !ok {
		l.SetText(loadingText)
		d.requestPage(id.Row / tablePageSize)
		return
	}
	l.SetText(c.Render(r))
}

// requestPage starts a loader for a page that is neither cached nor on its way.
func (d *DataTable[T]) requestPage(page int) {
	d.mu.Lock()
	if d.loading[page] || d.pages[page] != nil || d.src.Page == nil {
		d.mu.Unlock()
		return
	}
	d.loading[page] = true
	gen, src, sortKey, desc := d.gen, d.src, d.sortKey, d.desc
	d.loads.Add(1)
	d.mu.Unlock()
	go func() {
		defer d.loads.Done()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		rows, err := src.Page(ctx, sortKey, desc, page*tablePageSize, tablePageSize)
		runOnUI(func() {
			d.mu.Lock()
			if gen != d.gen {
				d.mu.Unlock()
				return
			}
			delete(d.loading, page)
			if err != nil {
				d.mu.Unlock()
				slog.Error("load table page", "page", page, "err", err)
				if d.OnError != nil {
					d.OnError(err)
				}
				return
			}
			d.pages[page] = rows
			d.evictLocked(page)
			d.mu.Unlock()
			d.table.Refresh()
		})
	}()
}

// evictLocked keeps the cache bounded, dropping the pages farthest from
// the one just loaded (the user is looking near it).
func (d *DataTable[T]) evictLocked(near int) {
	for len(d.pages) > maxCachedPages {
		far, dist := -1, -1
		for p := range d.pages {
			dd := p - near
			if dd < 0 {
				dd = -dd
			}
			if dd > dist {
				far, dist = p, dd
			}
		}
		delete(d.pages, far)
	}
}

func (d *DataTable[T]) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	h := o.(*headerCell)
	if id.Col < 0 || id.Col >= len(d.cols) {
		h.SetText("")
		return
	}
	c := d.cols[id.Col]
	key, desc := d.Sort()
	text := c.Title
	if c.Key != "" && c.Key == key {
		if desc {
			text += " ▼"
		} else {
			text += " ▲"
		}
	}
	h.Alignment = c.Align
	h.SetText(text)
	col := id.Col
	h.onTap = func() { d.ToggleSort(col) }
}

func (d *DataTable[T]) openSelected() {
	d.mu.Lock()
	sel := d.selected
	d.mu.Unlock()
	if sel < 0 || d.OnOpen == nil {
		return
	}
	if r, ok := d.Row(sel); ok {
		d.OnOpen(r)
	}
}

// rowTable is widget.Table plus row opening: Enter/Return opens the
// selected row, a double-click opens the row under the pointer, and a tap
// on the row that is already selected opens it (touch pads, slow clicks).
type rowTable struct {
	widget.Table
	open     func()
	selected func() int // -1 when nothing is selected
}

func (t *rowTable) TypedKey(e *fyne.KeyEvent) {
	if e.Name == fyne.KeyReturn || e.Name == fyne.KeyEnter {
		t.open()
		return
	}
	t.Table.TypedKey(e)
}

func (t *rowTable) Tapped(e *fyne.PointEvent) {
	before := t.selected()
	t.Table.Tapped(e)
	if after := t.selected(); before >= 0 && after == before {
		t.open()
	}
}

func (t *rowTable) DoubleTapped(e *fyne.PointEvent) {
	// The desktop driver sends no Tapped before a DoubleTapped: select first.
	t.Table.Tapped(e)
	t.open()
}

// headerCell is a bold column title that sorts when tapped.
type headerCell struct {
	widget.Label
	onTap func()
}

func newHeaderCell() *headerCell {
	h := &headerCell{}
	h.TextStyle = fyne.TextStyle{Bold: true}
	h.Truncation = fyne.TextTruncateEllipsis
	h.ExtendBaseWidget(h)
	return h
}

func (h *headerCell) Tapped(*fyne.PointEvent) {
	if h.onTap != nil {
		h.onTap()
	}
}

func (h *headerCell) Cursor() desktop.Cursor { return desktop.PointerCursor }

// uiQueue, when enabled (tests), collects the updates background loaders
// hand to the UI instead of running them through fyne.Do. The test driver's
// fyne.Do runs a callback at once on the calling goroutine, so loaders
// finishing together would refresh one widget from two goroutines; the
// queue lets the test goroutine apply them one by one, as the real UI
// goroutine does.
var uiQueue struct {
	sync.Mutex
	enabled bool
	fns     []func()
}

// runOnUI is fyne.Do unless the test queue is enabled.
func runOnUI(fn func()) {
	uiQueue.Lock()
	if uiQueue.enabled {
		uiQueue.fns = append(uiQueue.fns, fn)
		uiQueue.Unlock()
		return
	}
	uiQueue.Unlock()
	fyne.Do(fn)
}

// drainUIQueue runs the queued updates on the calling goroutine; it
// reports whether there were any.
func drainUIQueue() bool {
	ran := false
	for {
		uiQueue.Lock()
		fns := uiQueue.fns
		uiQueue.fns = nil
		uiQueue.Unlock()
		if len(fns) == 0 {
			return ran
		}
		for _, fn := range fns {
			fn()
		}
		ran = true
	}
}
